"""Canary: does the newest Zensical still build the whole site as ``make build ENGINE=zensical``
does? (``make canary``; not part of ``make test``, and it never blocks: it warns before a new
release reaches the project's pin.)

The project pins Zensical (``zensical`` and ``zensical-ui`` in pyproject.toml) and builds with it
through :mod:`handreiking.zensical`. This canary installs the newest release on the package index
(when that does not install, e.g. its ``zensical-ui`` is not on the index yet, the report says
why and the newest that does install is tried; the test then skips after building with it)
into a virtual environment of its own under ``.canary/`` (git-ignored), with the project's
environment behind it (a .pth file, :func:`tests.conftest.canary_venv`): the project's own
``.venv`` is not touched. With that environment's Python it runs the project's build,
``python -m handreiking.cli build --engine zensical`` (so ``python -m zensical`` is the newest
release), and compares the pages with the MkDocs build as ``tests/test_engines.py`` does
(:func:`tests.test_engines.differences`). The report: the version tried (and whether it is the
pinned one), built or not (the build's own Dutch lines when not), the pages only one build has,
and the pages whose content differs.

    python -m tests.test_canary_zensical     # the report, next to a fresh MkDocs build
"""

from __future__ import annotations

import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from handreiking.paths import PROJECT_ROOT
from tests.conftest import canary_venv, python_output, run_cli
from tests.test_engines import differences, pages

VENV = PROJECT_ROOT / ".canary" / "zensical"
SITE = PROJECT_ROOT / ".canary" / "zensical-site"  # kept for a look, with Zensical's log beside it when it stopped


@dataclass
class Result:
    version: str  # the Zensical the canary built with
    not_newest: str  # why that is not the newest release ("" when it is)
    pinned: str  # the project's requirement and the version in its environment
    errors: list[str]  # what the build printed when it failed (its Dutch lines); empty when it built
    both: int  # the number of pages both builds have
    only_mkdocs: list[str]
    only_zensical: list[str]
    texts: list[str]  # pages whose article text differs (tests/test_engines.py)
    links: list[str]  # pages whose article links differ

    @property
    def passed(self) -> bool:
        return not (self.errors or self.only_mkdocs or self.only_zensical or self.texts or self.links)


def _pip(python: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [str(python), "-m", "pip", *args, "--disable-pip-version-check"]
    return subprocess.run(cmd, capture_output=True, text=True)


def newest_release(python: Path) -> str:
    """The newest Zensical on the package index (pip's own answer)."""
    found = re.search(r"^zensical \(([^)]+)\)", _pip(python, "index", "versions", "zensical").stdout, re.M)
    if not found:
        raise RuntimeError("the package index does not list Zensical")
    return found[1]


def zensical_python() -> tuple[Path, str, str]:
    """The canary environment's Python with the newest Zensical (installed or updated here), the
    version it has and, when that is not the newest release, why not (pip's error)."""
    python = canary_venv(VENV, pip=True)
    newest = newest_release(python)
    result = _pip(python, "install", "--quiet", "--upgrade", f"zensical=={newest}")
    why = ""
    if result.returncode != 0:  # e.g. its zensical-ui is not on the index yet: the newest that installs
        why = " ".join(line for line in result.stderr.splitlines() if line.startswith("ERROR"))
        fallback = _pip(python, "install", "--quiet", "--upgrade", "zensical")
        if fallback.returncode != 0:
            raise RuntimeError(f"Zensical could not be installed: {why or fallback.stderr.strip()[-500:]}")
    version = python_output(python, "import importlib.metadata as m; print(m.version('zensical'))")
    return (
        python,
        version,
        "" if version == newest else f"Zensical {newest}, the newest release, does not install: {why}",
    )


def pinned() -> str:
    """The project's requirement (pyproject.toml) and the Zensical in its own environment."""
    with (PROJECT_ROOT / "pyproject.toml").open("rb") as file:
        project = tomllib.load(file)["project"]
    requirements = [
        *project["dependencies"],
        *(r for group in project["optional-dependencies"].values() for r in group),
    ]
    spec = next(r for r in requirements if re.match(r"zensical\s*[<>=~!]", r))
    return f"{spec}, {importlib.metadata.version('zensical')} installed"


def canary(python: Path, version: str, not_newest: str, mkdocs_site: Path, out: Path = SITE) -> Result:
    """The site built with ``python`` (the newest Zensical) into ``out``, compared with ``mkdocs_site``."""
    shutil.rmtree(out, ignore_errors=True)  # a failed build leaves the previous site: not this one's
    # The project itself on the path (the canary environment reads the project's packages through a
    # .pth file, which does not read the editable install's own .pth): Zensical imports ``macros``.
    env = {**os.environ, "ENGINE": "zensical", "PYTHONPATH": str(PROJECT_ROOT)}
    cmd = [str(python), "-m", "handreiking.cli", "build", "--engine", "zensical", "--site-dir", str(out)]
    built = subprocess.run(cmd, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True)
    errors = [] if built.returncode == 0 else [line for line in built.stderr.splitlines() if line.strip()]
    if built.returncode != 0 and not errors:
        errors = [f"exit status {built.returncode}"]
    made = pages(out) if out.is_dir() else set()
    texts, links = differences(mkdocs_site, out) if made else ([], [])
    mkdocs_pages = pages(mkdocs_site)
    return Result(
        version,
        not_newest,
        pinned(),
        errors,
        len(made & mkdocs_pages),
        sorted(mkdocs_pages - made),
        sorted(made - mkdocs_pages),
        texts,
        links,
    )


def report(result: Result) -> str:
    same = result.version == importlib.metadata.version("zensical")
    lines = [
        *([result.not_newest] if result.not_newest else []),
        f"Zensical {result.version}, the newest that installs from the package index "
        f"({'the pinned one' if same else 'beyond the one the project runs'}: {result.pinned})",
        f"result: {'pass' if result.passed else 'FAIL'}",
        "build: " + ("built" if not result.errors else "stopped"),
        *(f"  {line}" for line in result.errors),
    ]
    if result.errors:
        return "\n".join([*lines, "pages: not compared (the build stopped)"])
    lines += [
        f"pages: {result.both} in both builds",
        f"pages missing (only MkDocs has them): {len(result.only_mkdocs)}",
        *(f"  {page}" for page in result.only_mkdocs),
        f"pages extra (only Zensical has them): {len(result.only_zensical)}",
        *(f"  {page}" for page in result.only_zensical),
        f"pages whose article text differs: {len(result.texts)}",
        *(f"  {line}" for line in result.texts),
        f"pages whose article links differ: {len(result.links)}",
        *(f"  {line}" for line in result.links),
    ]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def mkdocs_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The MkDocs build: the session's ``site_dir`` when that is MkDocs' (``$ENGINE`` unset or mkdocs)."""
    if (os.environ.get("ENGINE") or "mkdocs") == "mkdocs":
        site: Path = request.getfixturevalue("site_dir")
        return site
    out = tmp_path_factory.mktemp("mkdocs") / "site"
    result = run_cli("build", "--engine", "mkdocs", "--site-dir", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.mark.canary
def test_the_newest_zensical_builds_the_same_site(mkdocs_site: Path) -> None:
    try:
        python, version, not_newest = zensical_python()
    except RuntimeError as exc:
        pytest.skip(str(exc))
    result = canary(python, version, not_newest, mkdocs_site)
    text = report(result)
    print(text)
    assert result.passed, text
    if not_newest:  # built, but not with the newest release: the canary could not try that one
        pytest.skip(text)


def main() -> int:
    python, version, not_newest = zensical_python()
    with tempfile.TemporaryDirectory(prefix="zensical-canary-") as work:
        site = Path(work) / "mkdocs-site"
        built = run_cli("build", "--engine", "mkdocs", "--site-dir", str(site))
        if built.returncode != 0:
            print(built.stdout + built.stderr, file=sys.stderr)
            return 1
        result = canary(python, version, not_newest, site)
        print(report(result))
    return 0 if result.passed else 1


if __name__ == "__main__":
    sys.exit(main())
