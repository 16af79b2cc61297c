"""When an engine stops on an error of its own (Zensical: ``make build ENGINE=zensical``,
handreiking/zensical.py; MkDocs: an unexpected error in macros/build.py), the editor reads a Dutch
line with the engine's own message, not its Python traceback; the engine's whole output is kept
in a log file beside the site (handreiking/enginefailure.py), and the previous site is left as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from handreiking.enginefailure import message
from tests.conftest import project_copy, run_cli
from tests.test_build import _build_in_process

# What Zensical printed when its search index stopped the build with 5,000 practice examples
# (before its search was switched off): the exception raised from its Rust core, then the Python
# traceback inside it, without a last line of its own.
SEARCH_LIMIT = """Build started
No issues found
Traceback (most recent call last):
  File "<frozen runpy>", line 198, in _run_module_as_main
  File ".venv/lib/python3.11/site-packages/zensical/main.py", line 81, in execute_build
    build(os.path.abspath(config_file), kwargs)
RuntimeError: Search field 'text' at 'aanpak/fasewijzer/#preventie' exceeds the search index limit
Traceback (most recent call last):
  File ".venv/lib/python3.11/site-packages/zensical/markdown/render.py", line 88, in render
    md = Markdown(
"""


def test_the_message_is_the_last_exception_zensical_printed() -> None:
    assert (
        message(SEARCH_LIMIT) == "Search field 'text' at 'aanpak/fasewijzer/#preventie' exceeds the search index limit"
    )
    chained = "Traceback (most recent call last):\n  x\nTypeError: inner\n\nThe above exception was the direct "
    chained += "cause of the following exception:\n\nTraceback (most recent call last):\n  y\nValueError: outer\n"
    assert message(chained) == "outer"
    assert message("Build started\nError: 'watch' must be a list\n") == "'watch' must be a list"  # click's
    assert message("Build started\nsomething else\n") == "something else"


def test_zensical_stopping_is_one_dutch_line_and_a_log(tmp_path: Path) -> None:
    root = project_copy(tmp_path)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    logo = "  icon:\n    logo: material/account-group-outline\n"
    assert logo in text
    # A mapping written as a text: Zensical itself stops on it, with a traceback (its config module).
    config.write_text(text.replace(logo, "  icon: material/account-group-outline\n"), encoding="utf-8")

    result = run_cli("build", "--engine", "zensical", cwd=root)
    output = result.stdout + result.stderr

    assert result.returncode != 0
    log = root / "site-zensical.log"
    assert "Zensical is gestopt met een eigen fout: Failed to cast key 'icon' to <class 'dict'>: " in output, output
    assert f"De volledige uitvoer van Zensical staat in {log}." in output
    assert "Traceback" not in output
    assert "Traceback" in log.read_text(encoding="utf-8")  # all of it kept for a developer
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == "previous site"
    assert sorted(p.name for p in (root / "site").iterdir()) == ["index.html"]


def test_an_unexpected_mkdocs_error_is_one_dutch_line_and_a_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bug, not an editor's mistake (here: the build itself raising): the same Dutch line, and
    the traceback for a developer in the log."""
    from macros import build

    def broken(config: object) -> None:
        raise RuntimeError("kapot in de bouw")

    root = project_copy(tmp_path, previous_site=False)
    monkeypatch.setattr(build, "build", broken)
    status, lines = _build_in_process(root, capsys)
    log = root / "site-new-mkdocs.log"
    assert status == 2
    assert lines == [
        "MkDocs is gestopt met een eigen fout: kapot in de bouw",
        f"De volledige uitvoer van MkDocs staat in {log}.",
        "Dit is geen fout van de redactie; meld het aan een ontwikkelaar.",
    ]
    assert "Traceback" in log.read_text(encoding="utf-8") and "in broken" in log.read_text(encoding="utf-8")
