"""Canary: the site built with Zensical, the successor of mkdocs-material (``make canary``; not
part of ``make test``, and it never blocks: it says what a move would need).

Zensical reads ``mkdocs.yml`` but runs no MkDocs hooks, so the core's pre-build step
(:mod:`handreiking.prebuild`) first writes the generated pages into a copy of docs/. Then it
builds three times, each time leaving out more of what it cannot run yet, and reports the first
error of each try and which pages it made compared with MkDocs:

1. as configured (with our mkdocs-macros module and our theme overrides);
2. without the macros plugin (pages with ``render_macros: true`` keep their ``{{ … }}``);
3. with Zensical's own theme as well (no ``custom_dir``) and not strict.

Zensical is installed into a virtual environment of its own under ``.canary/`` (git-ignored), with
the project's environment behind it (a .pth file) so our macros module can import what it needs.
The newest version is tried first; 0.1 and later need ``zensical-ui``, which not every package
index serves.

    python -m tests.test_canary_zensical     # the report, next to a fresh MkDocs build
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from handreiking import postbuild, prebuild, siteconfig
from handreiking.loader import load
from handreiking.paths import PROJECT_ROOT
from tests.conftest import PROJECT_PARTS, canary_venv, python_output, run_cli
from tests.test_quality import built_pages

VENV = PROJECT_ROOT / ".canary" / "zensical"
VERSIONS = ("zensical", "zensical<0.1")  # the newest, else the newest that needs no zensical-ui


@dataclass
class Try:
    name: str
    error: str  # the first line of what stopped the build ("" when it finished)
    pages: set[str]  # the pages Zensical made
    steps: list[str] = field(default_factory=list)  # how each post-build step went over its site
    pages_after: set[str] = field(default_factory=set)  # the pages after those steps


def zensical_python() -> tuple[Path, str]:
    """The canary environment's Python and the Zensical version in it (made or updated here)."""
    python = canary_venv(VENV, pip=True)
    errors = []
    for spec in VERSIONS:
        pip = [str(python), "-m", "pip", "install", "--quiet", "--upgrade", "--disable-pip-version-check", spec]
        result = subprocess.run(pip, capture_output=True, text=True)
        if result.returncode == 0:
            return python, python_output(python, "import importlib.metadata as m; print(m.version('zensical'))")
        errors.append(f"{spec}: {result.stderr.strip()[-300:]}")
    raise RuntimeError("Zensical could not be installed:\n" + "\n".join(errors))


def project(work: Path) -> Path:
    """A copy of what a build reads, with the generated pages written into its docs/."""
    root = work / "project"
    root.mkdir(parents=True)
    for part in PROJECT_PARTS:
        src = PROJECT_ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, root / part)
    prebuild.write(load(), root / "docs")
    return root


def _config(root: Path, step: int) -> dict[str, Any]:
    config = siteconfig.read(root / "mkdocs.yml")
    config["site_dir"] = f"site-{step}"  # Zensical writes only inside the project
    if step >= 2:
        config["plugins"] = [p for p in config.get("plugins") or [] if not (isinstance(p, dict) and "macros" in p)]
    if step >= 3:
        config["theme"].pop("custom_dir", None)
        config["strict"] = False
    return config


def build(python: Path, root: Path, step: int, name: str) -> Try:
    config_file = root / f"mkdocs-zensical-{step}.yml"
    config_file.write_text(yaml.safe_dump(_config(root, step), allow_unicode=True, sort_keys=False), encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(root)}
    result = subprocess.run(
        [str(python), "-m", "zensical", "build", "--config-file", str(config_file)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    output = (result.stdout + result.stderr).splitlines()
    last = output[-1] if output else f"exit status {result.returncode}"
    error = "" if result.returncode == 0 else next((r for r in reversed(output) if "Error" in r), last)
    site = root / f"site-{step}"
    pages = {str(p.file) for p in built_pages(site)} if site.is_dir() else set()
    if error or not pages:
        return Try(name, error.strip(), pages)
    steps = after(site, root)
    return Try(name, "", pages, steps, {str(p.file) for p in built_pages(site)})


def after(site: Path, root: Path) -> list[str]:
    """The core's post-build steps over a site Zensical built, each on its own: which of them
    work on its output."""
    build = postbuild.Build(site=site, kb=load(), config=siteconfig.load(root / "mkdocs.yml"))
    out = []
    for step in postbuild.STEPS:
        try:
            step(build)
        except Exception as exc:  # a report, not a build: every step is tried
            out.append(f"{step.__name__}: {type(exc).__name__}: {str(exc).splitlines()[0][:160]}")
        else:
            out.append(f"{step.__name__}: ok")
    return out


def tries(python: Path, root: Path) -> list[Try]:
    names = ("as configured", "without the macros plugin", "without macros, with Zensical's own theme, not strict")
    return [build(python, root, step, name) for step, name in enumerate(names, start=1)]


def report(version: str, mkdocs_pages: set[str], results: list[Try]) -> str:
    lines = [f"Zensical {version} next to MkDocs ({len(mkdocs_pages)} pages):"]
    for n, result in enumerate(results, start=1):
        status = f"stopped: {result.error}" if result.error else "built"
        lines.append(f"{n}. {result.name}: {status}; {len(result.pages)} pages")
        lines += [f"   after it, {line}" for line in result.steps]
    best = max(results, key=lambda r: len(r.pages))
    if best.pages:
        for when, pages in (("as Zensical made them", best.pages), ("after the post-build steps", best.pages_after)):
            only_mkdocs, only_zensical = sorted(mkdocs_pages - pages), sorted(pages - mkdocs_pages)
            lines.append(f"Pages of try {results.index(best) + 1}, {when}, against MkDocs:")
            lines.append(f"  both: {len(mkdocs_pages & pages)}")
            lines.append(f"  only MkDocs ({len(only_mkdocs)}): {', '.join(only_mkdocs)}")
            lines.append(f"  only Zensical ({len(only_zensical)}): {', '.join(only_zensical)}")
    return "\n".join(lines)


@pytest.mark.canary
def test_zensical_builds_the_same_pages(site_dir: Path, tmp_path: Path) -> None:
    try:
        python, version = zensical_python()
    except RuntimeError as exc:
        pytest.skip(str(exc))
    results = tries(python, project(tmp_path))
    mkdocs_pages = {str(p.file) for p in built_pages(site_dir)}
    text = report(version, mkdocs_pages, results)
    assert not results[0].error and results[0].pages == mkdocs_pages, text


def main() -> int:
    python, version = zensical_python()
    with tempfile.TemporaryDirectory(prefix="zensical-canary-") as work:
        site = Path(work) / "mkdocs-site"
        built = run_cli("build", "--site-dir", str(site))
        if built.returncode != 0:
            print(built.stdout + built.stderr, file=sys.stderr)
            return 1
        print(report(version, {str(p.file) for p in built_pages(site)}, tries(python, project(Path(work)))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
