"""Shared fixtures: the real site built once per session, served on 127.0.0.1, and a real
Chromium driven by Playwright."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Iterator
from pathlib import Path

import pytest

from handreiking.localserver import serve

PROJECT_ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
AXE_JS = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"


def run_cli(*args: str, cwd: Path = PROJECT_ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "handreiking.cli", *args], cwd=cwd, capture_output=True, text=True)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Canaries run only when a marker expression names them (``make canary``: ``-m canary``); a
    run chosen by another marker (``-m "not browser"``) skips them, as ``make test`` leaves them out."""
    if "canary" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="a canary: make canary runs it")
    for item in items:
        if "canary" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built strictly (with the Pagefind index) into a temporary folder, by the
    engine ``$ENGINE`` names (MkDocs unless it says zensical: make test runs the browser suite's
    core on both)."""
    out = tmp_path_factory.mktemp("built") / "site"
    result = run_cli("build", "--engine", os.environ.get("ENGINE") or "mkdocs", "--site-dir", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


# A folder served over HTTP on 127.0.0.1 while a block runs (the one helper the link check and the
# benchmarks use too): ``with serve_directory(site) as url: ...``.
serve_directory = serve


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    """The built site served over HTTP on 127.0.0.1 (Pagefind does not work from file://)."""
    with serve_directory(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    from tests.browser import launch

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture()
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="nl-NL")
    pg = context.new_page()
    yield pg
    context.close()


PROJECT_PARTS = ["docs", "data", "edities", "handreiking", "macros", "overrides", "mkdocs.yml"]


def python_output(python: Path, code: str) -> str:
    return subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def canary_venv(venv: Path, *, pip: bool = False) -> Path:
    """A virtual environment for a canary (made if missing): its own packages first, the project's
    behind them (a .pth file), so only the successor needs installing. Returns its Python."""
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", *([] if pip else ["--without-pip"]), str(venv)], check=True)
    purelib = Path(python_output(python, "import sysconfig; print(sysconfig.get_path('purelib'))"))
    (purelib / "handreiking-project-env.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return python


def project_copy(tmp_path: Path, name: str = "project", previous_site: bool = True) -> Path:
    """A copy of what a build reads, to break on purpose; with a stand-in previous ``site/`` that a
    failed build must leave untouched."""
    root = tmp_path / name
    root.mkdir()
    for part in PROJECT_PARTS:
        src = PROJECT_ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, root / part)
    if previous_site:
        (root / "site").mkdir()
        (root / "site" / "index.html").write_text("previous site", encoding="utf-8")
    return root


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the small valid fixture data set, in a folder named ``data``."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", target)
    return target


@functools.lru_cache(maxsize=1)
def _axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def inject_axe(page) -> None:  # type: ignore[no-untyped-def]
    """Loads axe-core into the page through the DevTools protocol: the site's Content-Security-
    Policy refuses an injected <script> (as it should), and the tests keep that policy on."""
    page.evaluate(_axe_source())


def run_axe(page, context: str = "document") -> list[dict]:  # type: ignore[no-untyped-def]
    """Runs axe-core (WCAG 2.0/2.1 A and AA, plus 2.2 AA) on the page; returns the violations."""
    inject_axe(page)
    result = page.evaluate(
        """async (ctx) => await axe.run(ctx === 'document' ? document : ctx, {
             runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']},
             resultTypes: ['violations']})""",
        context,
    )
    return result["violations"]


def format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = ", ".join(str(n["target"]) for n in v["nodes"][:5])
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} -> {targets}")
    return "\n".join(lines)
