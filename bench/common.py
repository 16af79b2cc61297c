"""Shared parts of the benchmarks: a static host like a real one (HTTPS, HTTP/2, gzip), the site
built as `make build` builds it, and the same guide built with a default mkdocs-material
configuration for comparison.

Benchmarks print figures; they are not tests. Run them with `make bench` or one by one
(`python bench/weight.py`); see bench/README.md.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.yaml import get_yaml_loader

PROJECT_ROOT = Path(__file__).resolve().parents[1]

SITE_DIR = PROJECT_ROOT / "site"
OUT_DIR = PROJECT_ROOT / "bench" / "out"  # ignored by git

# The three pages every benchmark measures: the FAQ home page, the longest page (the most words
# of any page but the print-all page: the phase guide, 2,537 words on 2026-12-08) and the
# practice-example overview (the largest page, with its filter script).
PAGES = {"home": "", "longest page": "aanpak/fasewijzer/", "overview": "praktijkvoorbeelden/"}


# --------------------------------------------------------------------------- serving


def tls_certificate() -> tuple[Path, Path, str]:
    """A self-signed certificate for 127.0.0.1 (made once, in bench/out/tls), and the base64
    SHA-256 of its public key, which Chromium is told to trust (--ignore-certificate-errors-spki-list):
    the page then counts as a secure, valid HTTPS page, as on the real host."""
    folder = OUT_DIR / "tls"
    cert, key = folder / "cert.pem", folder / "key.pem"
    if not (cert.is_file() and key.is_file()):
        folder.mkdir(parents=True, exist_ok=True)
        run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "365",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1",
                "-keyout",
                str(key),
                "-out",
                str(cert),
            ]
        )
    pub = run(["openssl", "x509", "-pubkey", "-noout", "-in", str(cert)]).stdout
    der = subprocess.run(
        ["openssl", "pkey", "-pubin", "-outform", "der"], input=pub.encode(), capture_output=True, check=True
    ).stdout
    return cert, key, base64.b64encode(hashlib.sha256(der).digest()).decode()


@contextmanager
def serve_h2(directory: Path) -> Iterator[tuple[str, str]]:
    """Serves ``directory`` over HTTPS with HTTP/2 (bench/h2server.mjs, Node's own http2), as a real
    host does: one connection for all of a page's files. Yields the base URL and the SPKI hash
    to pass to Chromium."""
    cert, key, spki = tls_certificate()
    proc = subprocess.Popen(
        ["node", str(PROJECT_ROOT / "bench" / "h2server.mjs"), str(directory), str(cert), str(key)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        if not line:
            sys.exit("bench/h2server.mjs did not start")
        yield f"https://127.0.0.1:{json.loads(line)['port']}/", spki
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # connections still open
            proc.kill()
            proc.wait()


# --------------------------------------------------------------------------- building


def run(cmd: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return result


def our_site() -> Path:
    """site/ as `make build` leaves it (built now if it is missing)."""
    if not (SITE_DIR / "index.html").is_file():
        print("site/ is missing: building it (make build) ...", flush=True)
        run([sys.executable, "-m", "handreiking.cli", "build"], cwd=PROJECT_ROOT)
    return SITE_DIR


def load_mkdocs_yml(path: Path = PROJECT_ROOT / "mkdocs.yml") -> dict[str, Any]:
    """mkdocs.yml as data, with its !ENV tags resolved as MkDocs resolves them."""
    with path.open(encoding="utf-8") as f:
        return yaml.load(f, Loader=get_yaml_loader())  # noqa: S506 (MkDocs' own safe loader)


def material_partials() -> set[str]:
    import material

    return {p.name for p in (Path(material.__file__).parent / "templates" / "partials").glob("*.html")}


def content_templates(target: Path) -> Path:
    """A theme folder with only the templates that make content (record pages, macro partials),
    none that change mkdocs-material's own look: the same pages with the default theme."""
    shutil.copytree(PROJECT_ROOT / "overrides" / "records", target / "records")
    shutil.copy2(PROJECT_ROOT / "overrides" / "redirect.html", target / "redirect.html")  # the old addresses' pages
    (target / "partials").mkdir(parents=True)
    ours = material_partials()
    for partial in (PROJECT_ROOT / "overrides" / "partials").glob("*.html"):
        # header.html, toc.html ... change the theme: left out; content.html only marks where the
        # page's content stands for the post-build steps (which remove the marks again), and the
        # build stops without it
        if partial.name not in ours or partial.name == "content.html":
            shutil.copy2(partial, target / "partials" / partial.name)
    # the post-build steps read the words of the indexed part of each page (data-pagefind-body,
    # as overrides/main.html marks it); the default theme's own look stays
    (target / "main.html").write_text(
        '{% extends "base.html" %}\n{% block content %}<div data-pagefind-body>{{ super() }}</div>{% endblock %}\n',
        encoding="utf-8",
    )
    return target


def build_default_site(out: Path) -> Path:
    """The same guide (same docs, data, generated pages and Markdown) with a default
    mkdocs-material configuration: the default fonts (Google Fonts), palette and features, the
    built-in search plugin (lunr), no custom CSS, scripts or templates."""
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="default-config-", dir=OUT_DIR))
    config = load_mkdocs_yml()
    config["theme"] = {"name": "material", "language": "nl", "custom_dir": str(content_templates(work / "theme"))}
    plugins = [p for p in config.get("plugins", []) if not (isinstance(p, dict) and "search" in p) and p != "search"]
    for plugin in plugins:
        if isinstance(plugin, dict) and "macros" in plugin:  # its module is found from the config's folder
            plugin["macros"]["module_name"] = str(PROJECT_ROOT / plugin["macros"].get("module_name", "main"))
    config["plugins"] = ["search", *plugins]
    config.pop("extra_css", None)
    config.pop("extra_javascript", None)
    config["extra"] = {k: v for k, v in (config.get("extra") or {}).items() if k != "generator"}
    config["docs_dir"] = str(PROJECT_ROOT / "docs")
    config["strict"] = False
    (work / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if out.exists():
        shutil.rmtree(out)
    run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--quiet",
            "--config-file",
            str(work / "mkdocs.yml"),
            "--site-dir",
            str(out),
        ],
        cwd=work,
        env={**os.environ, "DISABLE_MKDOCS_2_WARNING": "true"},
    )
    shutil.rmtree(work, ignore_errors=True)
    # Our plugin leaves out mkdocs-material's search worker and lunr (Pagefind searches instead);
    # the default configuration's built-in search needs them, as the theme ships them.
    import material

    theme_scripts = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
    for folder in ("workers", "lunr"):
        shutil.copytree(
            theme_scripts / folder,
            out / "assets" / "javascripts" / folder,
            ignore=shutil.ignore_patterns("*.map"),
            dirs_exist_ok=True,
        )
    return out


def launch_browser(playwright, spki: str):  # type: ignore[no-untyped-def]
    """The tests' Chromium, trusting the benchmark host's certificate."""
    from tests.browser import LAUNCH_ARGS, find_chromium

    path = find_chromium()
    return playwright.chromium.launch(
        headless=True, executable_path=path, args=[*LAUNCH_ARGS, f"--ignore-certificate-errors-spki-list={spki}"]
    )


# --------------------------------------------------------------------------- reporting


def machine() -> str:
    try:
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        cpu = platform.processor() or "unknown CPU"
    mem = ""
    try:
        kb = int(
            next(
                line.split()[1]
                for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")
            )
        )
        mem = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} cores ({cpu}){mem}, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def table(rows: list[list[Any]], header: list[str]) -> str:
    cells = [header, *[[str(c) for c in row] for row in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = [
        "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=False)))
        for r in cells
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
