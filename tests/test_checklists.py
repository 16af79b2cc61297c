"""Checklists for a real meeting (issue 14): a tap on an item's text ticks it, ticks are kept per
item (not by position) so an item added to a checklist leaves them on their items, ticks saved by
the first version are moved over once, and the "Vergadering" block survives a reload and is
printed with the checklist."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import format_violations, project_copy, run_axe, run_cli, serve_directory
from tests.test_quality import CHECKLIST_KEY_PREFIX, built_pages

CHECKLIST_PAGE = "samos/werkprotocol-kernteam/"
SOURCE = "docs/samos/werkprotocol-kernteam.md"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
BOXES = ".md-content .task-list-item > .task-list-control > input[type=checkbox]"
TICKED_IDS = f"() => [...document.querySelectorAll('{BOXES}')].filter(b => b.checked).map(b => b.dataset.hrPunt)"


def stored(page) -> object:  # type: ignore[no-untyped-def]
    return page.evaluate("(k) => JSON.parse(localStorage.getItem(k))", CHECKLIST_KEY_PREFIX + "/" + CHECKLIST_PAGE)


def box(page, text: str, nth: int = 0):  # type: ignore[no-untyped-def]
    """The checkbox of the item with exactly this text (its accessible name is the item's text)."""
    return page.get_by_role("checkbox", name=text, exact=True).nth(nth)


# --------------------------------------------------------------------------- built markup


def test_every_checklist_item_has_its_text_in_its_label_and_a_stable_id(site_dir: Path) -> None:
    items_seen = 0
    for built in built_pages(site_dir):
        html = (site_dir / built.file).read_text(encoding="utf-8")
        if 'class="task-list-item"' not in html or built.path == "afdrukken/":
            continue
        items = re.findall(r'<li class="task-list-item">(.*?)(?=<ul|<ol|</li>)', html, re.S)
        ids = []
        for item in items:
            found = re.fullmatch(
                r'<label class="task-list-control"><input type="checkbox" data-hr-punt="([a-z0-9-]+)"'
                r' disabled(?: checked)?><span class="task-list-indicator"></span> '
                r'<span class="task-list-text">(.+?)</span></label>\s*',
                item,
                re.S,
            )
            assert found, f"/{built.path}: {item[:160]}"
            ids.append(found.group(1))
        assert len(ids) == len(set(ids)), f"/{built.path}: ids repeat"
        items_seen += len(ids)
    assert items_seen > 90  # the kernteam checklists and the BOB procedure


# --------------------------------------------------------------------------- tap, keep, move over


@pytest.mark.browser
def test_tapping_an_items_text_ticks_its_box(browser, base_url: str) -> None:
    context = browser.new_context(locale="nl-NL", **PHONE)
    try:
        page = context.new_page()
        page.goto(base_url + CHECKLIST_PAGE, wait_until="networkidle")
        text = page.locator(".task-list-text", has_text="Welke signalen hebben we ontvangen?").first
        target = box(page, "Welke signalen hebben we ontvangen?")
        expect(target).to_be_enabled()  # the script has run
        label = page.locator(".task-list-control", has=text)
        assert label.bounding_box()["height"] >= 44  # type: ignore[index]
        spot, square = text.bounding_box(), target.bounding_box()
        assert spot and square
        x, y = spot["x"] + spot["width"] / 2, spot["y"] + spot["height"] / 2
        # the tap lands on the text, well clear of the box itself
        assert not (
            square["x"] <= x <= square["x"] + square["width"] and square["y"] <= y <= square["y"] + square["height"]
        )
        text.tap()
        expect(target).to_be_checked()
        expect(page.locator(".hr-checklist-status")).to_have_text(re.compile(r"^1 van \d+ punten afgevinkt$"))
        text.tap()
        expect(target).not_to_be_checked()
    finally:
        context.close()


@pytest.fixture(scope="module")
def page_with_added_item(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The checklist page built from a copy of the project in which an editor added an item
    ("Wie zijn er betrokken?") before "Welke signalen hebben we ontvangen?"."""
    root = project_copy(tmp_path_factory.mktemp("added"), previous_site=False)
    source = root / SOURCE
    text = source.read_text(encoding="utf-8")
    anchor = "- [ ] Welke signalen hebben we ontvangen?\n"
    assert anchor in text
    source.write_text(text.replace(anchor, "- [ ] Wie zijn er betrokken?\n" + anchor, 1), encoding="utf-8")
    out = root / "built"
    result = run_cli("build", "--site-dir", str(out), cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    return out / CHECKLIST_PAGE / "index.html"


@pytest.mark.browser
def test_saved_ticks_stay_on_their_items_when_an_item_is_added(
    browser, site_dir: Path, tmp_path: Path, page_with_added_item: Path
) -> None:
    live = tmp_path / "site"
    shutil.copytree(site_dir, live)
    ticked = [
        "Wat is er gebeurd?",
        "Welke signalen hebben we ontvangen?",
        "Kunnen we op basis van deze signalen een gedegen beeld van de situatie vormen?",
    ]
    with serve_directory(live) as url:
        # Only the page is published again, not the offline worker that would bring it after
        # "Nieuwe versie — vernieuwen" (tests/test_offline.py): the page comes from the server.
        context = browser.new_context(locale="nl-NL", service_workers="block", **PHONE)
        try:
            page = context.new_page()
            page.goto(url + CHECKLIST_PAGE, wait_until="networkidle")
            for text in ticked:
                page.locator(".task-list-text", has_text=text).first.tap()
                expect(box(page, text)).to_be_checked()
            before = page.evaluate(TICKED_IDS)
            assert len(before) == 3
            # the site is published again with the new item in the first checklist
            shutil.copy2(page_with_added_item, live / CHECKLIST_PAGE / "index.html")
            page.reload(wait_until="networkidle")
            added = box(page, "Wie zijn er betrokken?")
            expect(added).to_be_enabled()
            # by position, the third box (now the new item) would have been ticked
            assert page.locator(BOXES).nth(2).get_attribute("data-hr-punt") == added.get_attribute("data-hr-punt")
            expect(added).not_to_be_checked()
            for text in ticked:
                expect(box(page, text)).to_be_checked()
            assert page.evaluate(TICKED_IDS) == before
            expect(page.locator(".hr-checklist-status")).to_have_text(re.compile(r"^3 van \d+ punten afgevinkt$"))
        finally:
            context.close()


@pytest.mark.browser
def test_ticks_saved_by_position_are_moved_over_once(page, base_url: str) -> None:
    page.goto(base_url + CHECKLIST_PAGE, wait_until="networkidle")
    boxes = page.locator(BOXES)
    ids = [boxes.nth(i).get_attribute("data-hr-punt") for i in (0, 2)]
    # what the first version of checklist.js kept: the positions of the ticked boxes
    page.evaluate("(k) => localStorage.setItem(k, '[0,2]')", CHECKLIST_KEY_PREFIX + "/" + CHECKLIST_PAGE)
    page.reload(wait_until="networkidle")
    expect(boxes.nth(0)).to_be_checked()
    expect(boxes.nth(2)).to_be_checked()
    assert page.evaluate(TICKED_IDS) == ids
    assert stored(page) == {"punten": ids, "vergadering": {}}  # moved over to the items' ids
    page.reload(wait_until="networkidle")
    expect(boxes.nth(2)).to_be_checked()
    assert page.evaluate(TICKED_IDS) == ids


# --------------------------------------------------------------------------- the Vergadering block

FIELD_NAMES = {
    "Datum": "datum",
    "Aanleiding": "aanleiding",
    "Aanwezigen": "aanwezigen",
    "Besluiten en afspraken": "besluiten",
}
MEETING = {
    "Datum": "2026-11-28",
    "Aanleiding": "Onrust na een incident bij het winkelcentrum",
    "Aanwezigen": "Gemeente, wijkagent, jongerenwerk",
    "Besluiten en afspraken": "SAMOS verder activeren.\nTerugkoppeling vrijdag.",
}
PRINTED = {**MEETING, "Datum": "28 november 2026"}


@pytest.mark.browser
def test_meeting_details_survive_a_reload_and_are_printed(browser, base_url: str) -> None:
    context = browser.new_context(locale="nl-NL", **PHONE)
    try:
        page = context.new_page()
        page.goto(base_url + CHECKLIST_PAGE, wait_until="networkidle")
        block = page.get_by_role("group", name="Vergadering")
        expect(block).to_be_visible()
        for label, value in MEETING.items():
            block.get_by_label(label, exact=True).fill(value)
        page.locator(".task-list-text", has_text="Wat is er gebeurd?").first.tap()
        page.reload(wait_until="networkidle")
        for label, value in MEETING.items():
            expect(block.get_by_label(label, exact=True)).to_have_value(value)
        expect(box(page, "Wat is er gebeurd?")).to_be_checked()
        keys = page.evaluate("Object.keys(localStorage)")
        assert keys == [CHECKLIST_KEY_PREFIX + "/" + CHECKLIST_PAGE]  # one entry, under the checklist prefix
        assert stored(page)["vergadering"] == {  # type: ignore[index]
            "datum": "2026-11-28",
            "aanleiding": MEETING["Aanleiding"],
            "aanwezigen": MEETING["Aanwezigen"],
            "besluiten": MEETING["Besluiten en afspraken"],
        }
        violations = run_axe(page)
        assert violations == [], format_violations(violations)

        page.emulate_media(media="print")
        expect(block).to_be_visible()
        for label, value in PRINTED.items():
            field = block.get_by_label(label, exact=True)
            expect(field).to_be_hidden()  # printed as text: a field would cut long text off
            printed = block.locator(f'[data-hr-afdruk="{FIELD_NAMES[label]}"]')
            expect(printed).to_be_visible()
            assert printed.inner_text().strip() == value
        expect(page.get_by_role("button", name="Vergadering wissen")).to_be_hidden()
        # the block comes before the checklists on the printed page
        assert page.evaluate("""() => !!(document.querySelector('.hr-vergadering').compareDocumentPosition(
            document.querySelector('.task-list')) & Node.DOCUMENT_POSITION_FOLLOWING)""")
        assert page.pdf(format="A4")[:4] == b"%PDF"

        page.emulate_media(media="screen")
        page.get_by_role("button", name="Vergadering wissen").click()
        for label in MEETING:
            expect(block.get_by_label(label, exact=True)).to_have_value("")
        assert stored(page) == {
            "punten": [box(page, "Wat is er gebeurd?").get_attribute("data-hr-punt")],
            "vergadering": {},
        }
        page.get_by_role("button", name="Alle vinkjes wissen").click()
        assert page.evaluate("Object.keys(localStorage)") == []  # nothing left behind
    finally:
        context.close()


def test_meeting_block_only_on_pages_that_ask_for_it(site_dir: Path) -> None:
    with_block = {
        p.path
        for p in built_pages(site_dir)
        if "data-hr-vergadering" in (site_dir / p.file).read_text(encoding="utf-8")
    }
    assert with_block == {CHECKLIST_PAGE}  # `vergadering: true` in its front matter
