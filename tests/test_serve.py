"""`make serve` (macros/serve.py) in a real Chromium, on a copy of the project: a build that fails
shows its Dutch ``file:line`` messages in the browser (escaped, with what to do), and once the file is
fixed the page comes back by itself. Plain `mkdocs serve` leaves the browser waiting instead."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from handreiking.loader import KnowledgeBaseError, validate
from tests.conftest import format_violations, project_copy, run_axe

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1366, "height": 900}}
BUILD = 180_000  # ms: a build of the whole site on a busy machine, with time to spare
ERROR_TITLE = "De site kon niet worden gebouwd"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5):
            return True
    except urllib.error.HTTPError:  # the error page answers too (as "not found")
        return True
    except OSError:
        return False


@contextlib.contextmanager
def serving(root: Path) -> Iterator[str]:
    """`python -m handreiking.cli serve` in ``root`` on a free port, until the block ends."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    log = root / "serve.log"
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "handreiking.cli", "serve", "--port", str(port)],
            cwd=root,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        try:
            deadline = time.monotonic() + BUILD / 1000
            while not _answers(url):  # the first build, then the server answers
                assert server.poll() is None, log.read_text(encoding="utf-8")
                assert time.monotonic() < deadline, log.read_text(encoding="utf-8")
                time.sleep(0.2)
            yield url
        finally:
            server.terminate()  # the server cleans up and stops (SIGTERM as Ctrl+C)
            server.wait(timeout=60)
    assert "Traceback" not in log.read_text(encoding="utf-8")


def _messages(root: Path) -> list[str]:
    with pytest.raises(KnowledgeBaseError) as info:
        validate(root / "data", root / "docs")
    return [str(p) for p in info.value.problems]


def _check_error_page(page, messages: list[str]) -> None:  # type: ignore[no-untyped-def]
    expect(page.get_by_role("heading", level=1)).to_have_text(ERROR_TITLE, timeout=BUILD)
    expect(page.locator(".meldingen > li")).to_have_text(messages)
    expect(page.get_by_role("heading", name="Wat nu?")).to_be_visible()
    assert page.locator(".meldingen b, .meldingen script").count() == 0  # the messages are text
    violations = run_axe(page)
    assert not violations, format_violations(violations)


def test_a_failed_rebuild_shows_its_messages_and_the_page_comes_back(tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]
    root = project_copy(tmp_path, previous_site=False)
    data = root / "data" / "interventions.yaml"
    good = data.read_text(encoding="utf-8")
    with serving(root) as url:
        context = browser.new_context(locale="nl-NL", **DESKTOP)
        page = context.new_page()
        page.goto(url + "praktijkvoorbeelden/buurtbemiddeling/")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Buurtbemiddeling")
        # an unknown field whose name looks like HTML: the message quotes it, the page must show it as text
        data.write_text(
            good.replace("- id: buurtbemiddeling\n", '- id: buurtbemiddeling\n  "<b>fase</b>": escalatie\n', 1),
            encoding="utf-8",
        )
        messages = _messages(root)
        assert len(messages) == 1 and ': onbekend veld "<b>fase</b>"; ' in messages[0]
        # the open page reloads by itself (MkDocs' live reload) and shows why the site is not there
        _check_error_page(page, messages)
        page.goto(url + "zoeken/")  # every page of the site says the same while the build fails
        expect(page.get_by_role("heading", level=1)).to_have_text(ERROR_TITLE)
        page.go_back()
        data.write_text(good, encoding="utf-8")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Buurtbemiddeling", timeout=BUILD)
        context.close()


def test_a_failed_first_build_shows_its_messages_on_a_phone_and_the_page_comes_back(tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]
    root = project_copy(tmp_path, previous_site=False)
    page_source = root / "docs" / "contact.md"
    good = page_source.read_text(encoding="utf-8")
    page_source.write_text(good + "\n<script>alert(1)</script>\n", encoding="utf-8")
    line = len((good + "\n").splitlines()) + 1
    with serving(root) as url:
        context = browser.new_context(locale="nl-NL", **PHONE)
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(url + "contact/")
        _check_error_page(
            page,
            [
                "Fout bij het lezen van pagina docs/contact.md:",
                f"docs/contact.md:{line}: het element <script> is niet toegestaan; schrijf gewone tekst met "
                "Markdown, bijvoorbeeld **vet**, *schuin* of [linktekst](https://…)",
            ],
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
        assert dialogs == []
        page_source.write_text(good, encoding="utf-8")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Vragen", timeout=BUILD)
        context.close()


def test_data_and_page_mistakes_show_together_in_the_browser(tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]
    """The walk's first mistakes under `make serve`: a deleted risk factor still referred to (in the
    data and in a page) and a heading that skips levels, all on the error page in one round, with
    the same lines as the terminal (tests/test_walk.py asserts each of them)."""
    from tests.conftest import run_cli

    root = project_copy(tmp_path, previous_site=False)
    rf = root / "data" / "riskfactors.yaml"
    text = rf.read_text(encoding="utf-8")
    rf.write_text(text[: text.index("- id: B1.10")], encoding="utf-8")
    page_source = root / "docs" / "samos" / "structuur.md"
    page_source.write_text(
        page_source.read_text(encoding="utf-8").replace("## Hoe bouw ik", "#### Hoe bouw ik", 1), encoding="utf-8"
    )
    terminal = run_cli("check", cwd=root).stderr.splitlines()
    assert terminal[0] == "4 fouten in de gegevens en de pagina's:"
    assert any(line.startswith("docs/samos/structuur.md:") for line in terminal)
    assert any(line.startswith("docs/achtergronden/oorzaken.md:") for line in terminal)
    with serving(root) as url:
        context = browser.new_context(locale="nl-NL", **PHONE)
        page = context.new_page()
        page.goto(url + "samos/structuur/")
        _check_error_page(page, terminal[1:])
        page.screenshot(path=str(tmp_path / "fout-390.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        context.close()
    log = (root / "serve.log").read_text(encoding="utf-8")
    assert "INFO" not in log and "[macros]" not in log and "Aborted" not in log
    assert "De site kon niet worden gebouwd; de browser toont de meldingen op " in log
