"""Interactive guidance in a real Chromium: the filterable overview, the phase navigator, the
risk-factor selector and the checklists, each answering from the same data as the site."""

from __future__ import annotations

import contextlib
import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from handreiking.loader import load
from tests.conftest import format_violations, run_axe

pytestmark = pytest.mark.browser


VISIBLE_IDS_JS = (
    "() => [...document.querySelectorAll('[data-intervention]')]"
    ".filter(e => !e.hidden && getComputedStyle(e).display !== 'none')"
    ".map(e => e.dataset.intervention)"
)


def visible_ids(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.evaluate(VISIBLE_IDS_JS)


def expect_ids(page, expected: list[str], timeout: float = 5000) -> None:  # type: ignore[no-untyped-def]
    """Waits until the shown cards are exactly ``expected`` (the scripts may update after the event
    that Playwright waited for, e.g. a form's reset), then asserts it with a readable message."""
    want = sorted(expected)
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(
            f"(want) => JSON.stringify(({VISIBLE_IDS_JS})().sort()) === JSON.stringify(want)", arg=want, timeout=timeout
        )
    assert sorted(visible_ids(page)) == want


def test_choosing_preventie_shows_exactly_the_preventie_interventions(page, base_url: str) -> None:
    kb = load()
    expected = sorted(i.id for i in kb.interventions_for_handeling("preventie"))
    assert 0 < len(expected) < len(kb.interventions)
    page.goto(base_url + "praktijkvoorbeelden/", wait_until="networkidle")
    expect_ids(page, kb.interventions.ids)
    page.locator("fieldset", has_text="Handeling").get_by_label("Preventie").check()
    expect_ids(page, expected)
    expect(page).to_have_url(re.compile(r"\?handeling=preventie$"))
    status = page.locator("[data-hr-count]")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_have_text(re.compile(f"^{len(expected)} van {len(kb.interventions)}"))
    page.reload(wait_until="networkidle")
    expect_ids(page, expected)
    assert page.locator("fieldset", has_text="Handeling").get_by_label("Preventie").is_checked()


def test_filters_combine_and_the_back_button_restores(page, base_url: str) -> None:
    kb = load()
    page.goto(base_url + "praktijkvoorbeelden/", wait_until="networkidle")
    page.locator("fieldset", has_text="Weerbaarheid").get_by_label("Collectief").check()
    page.locator("fieldset", has_text="Schaal").get_by_label("Wijk").check()
    expected = sorted(i.id for i in kb.interventions if "collectief" in i.weerbaarheid and "wijk" in i.schaal)
    expect_ids(page, expected)
    page.go_back()
    expected_one = sorted(i.id for i in kb.interventions if "collectief" in i.weerbaarheid)
    expect_ids(page, expected_one)
    expect(page.locator("fieldset", has_text="Schaal").get_by_label("Wijk")).not_to_be_checked()


def test_empty_result_says_so_and_offers_to_clear(page, base_url: str) -> None:
    kb = load()
    page.goto(base_url + "praktijkvoorbeelden/?q=woorddatnergensvoorkomt", wait_until="networkidle")
    expect_ids(page, [])
    empty = page.locator("[data-hr-empty]")
    expect(empty).to_be_visible()
    empty.get_by_role("button", name="Filters wissen").click()
    expect_ids(page, kb.interventions.ids)  # the form's reset event updates the list a moment later
    expect(page).not_to_have_url(re.compile(r"q="))
    expect(empty).to_be_hidden()


def test_every_filter_group_filters_on_its_field(page, base_url: str) -> None:
    """Each group of the overview (filtergroepen in data/vocabularies.yaml), opened from a shared address,
    ticks its box and shows exactly the interventions whose field holds the value."""
    kb = load()
    for group in kb.filter_groups:
        value = next(
            t.id
            for t in kb.vocabulary(group.vocabulary)
            if 0 < sum(t.id in group.values(i) for i in kb.interventions) < len(kb.interventions)
        )
        page.goto(f"{base_url}praktijkvoorbeelden/?{group.id}={value}", wait_until="networkidle")
        expect_ids(page, [i.id for i in kb.interventions if value in group.values(i)])
        expect(page.locator(f'input[name="{group.id}"][value="{value}"]')).to_be_checked()


def test_without_javascript_all_cards_show(browser, base_url: str) -> None:
    kb = load()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "praktijkvoorbeelden/?handeling=preventie")
    cards = page.locator("[data-intervention]")
    assert cards.count() == len(kb.interventions)
    assert all(cards.nth(i).is_visible() for i in range(cards.count()))
    assert not page.locator("[data-hr-filter-form]").is_visible()
    context.close()


def test_phase_navigator_answers_from_the_data(page, base_url: str) -> None:
    kb = load()
    page.goto(base_url + "aanpak/fasewijzer/", wait_until="networkidle")
    stages = page.locator("svg .hr-wave__stage")
    assert stages.count() == len(kb.stadia) == 6
    stages.nth(4).locator("circle").click()
    expect(page).to_have_url(re.compile(r"#repressie$"))
    expect(page.locator("#repressie")).to_be_in_viewport()
    table = page.locator("table", has=page.locator("caption"))
    assert table.locator("tbody tr").count() == len(kb.stadia)
    for stage in kb.stadia:
        heading = page.locator(f"#{stage.handeling}")
        links = heading.locator("xpath=following-sibling::ul[1]/li/a")
        names = sorted(links.all_inner_texts())
        assert names == sorted(i.naam for i in kb.interventions_for_handeling(stage.handeling)), stage.id


def test_riskfactor_selector_ranks_by_selected_factors(page, base_url: str) -> None:
    kb = load()
    chosen = ["B1.1", "B1.4", "B1.5"]
    page.goto(base_url + "risicofactoren/", wait_until="networkidle")
    for rid in chosen:
        page.locator(f'[data-hr-rf-form] input[value="{rid}"]').check()
    expect(page).to_have_url(re.compile(r"\?rf=B1\.1&rf=B1\.4&rf=B1\.5$"))
    scores = {i.id: len(set(i.risicofactoren) & set(chosen)) for i in kb.interventions}
    ranked = "() => [...document.querySelectorAll('[data-hr-ranking] li')].filter(e => !e.hidden).map(e => e.dataset.intervention)"
    page.wait_for_function(f"(n) => ({ranked})().length === n", arg=sum(1 for s in scores.values() if s))
    shown = page.evaluate(ranked)
    assert sorted(shown) == sorted(i for i, s in scores.items() if s)
    # the guide's own links first, then by how many chosen factors an approach addresses
    keys = {
        i.id: (sum(i.from_guide(r) for r in set(i.risicofactoren) & set(chosen)), scores[i.id])
        for i in kb.interventions
    }
    assert [keys[i] for i in shown] == sorted((keys[i] for i in shown), reverse=True)
    assert keys[shown[0]][0] > 0  # the BuurtPraktijkTeam: the guide links it to B1.1 and B1.4
    for i in shown:  # each names the chosen factors it addresses, and who linked them
        item = kb.interventions[i]
        label = page.locator(f'[data-hr-ranking] li[data-intervention="{i}"] [data-hr-score]').inner_text()
        for r in set(item.risicofactoren) & set(chosen):
            assert r in label, (i, label)
        assert ("volgens de handreiking" in label) == any(item.from_guide(r) for r in chosen), (i, label)
    for rid in chosen:
        expect(page.locator(f'[data-hr-rf-explanation="{rid}"]')).to_be_visible()
    expect(page.locator('[data-hr-rf-explanation="B1.2"]')).to_be_hidden()
    violations = run_axe(page)
    assert violations == [], format_violations(violations)
    page.reload(wait_until="networkidle")
    expect(page.locator('[data-hr-rf-form] input[value="B1.4"]')).to_be_checked()


def test_checklist_ticks_are_kept_and_reset(page, base_url: str) -> None:
    page.goto(base_url + "samos/werkprotocol-kernteam/", wait_until="networkidle")
    boxes = page.locator(".task-list-item input[type=checkbox]")
    assert boxes.count() > 30
    boxes.nth(2).focus()  # keyboard: Tab to the box, Space ticks it
    page.keyboard.press("Space")
    expect(boxes.nth(2)).to_be_checked()
    expect(page.get_by_role("status").first).to_contain_text("1 van")
    page.reload(wait_until="networkidle")
    expect(page.locator(".task-list-item input[type=checkbox]").nth(2)).to_be_checked()
    expect(page.get_by_role("status").first).to_contain_text("1 van")
    page.get_by_role("button", name="Alle vinkjes wissen").click()
    expect(page.locator(".task-list-item input[type=checkbox]").nth(2)).not_to_be_checked()
    page.reload(wait_until="networkidle")
    expect(page.locator(".task-list-item input[type=checkbox]").nth(2)).not_to_be_checked()


def test_checklist_prints_without_navigation(page, base_url: str) -> None:
    page.goto(base_url + "samos/werkprotocol-kernteam/", wait_until="networkidle")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".hr-checklist-bar"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator(".task-list-item").first.is_visible()
    pdf = page.pdf(format="A4")
    assert pdf[:4] == b"%PDF"


LAYOUT_SHIFTS = """window.__shifts = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value); })
  .observe({type: "layout-shift", buffered: true});"""


def settle(page) -> None:  # type: ignore[no-untyped-def]
    """Waits until the fonts are in and two frames have been painted after the scripts ran: any
    shift they cause has happened (and is recorded: the observer is buffered)."""
    page.evaluate("""() => document.fonts.ready.then(() => new Promise((done) =>
        requestAnimationFrame(() => requestAnimationFrame(done))))""")


SCRIPTED_PAGES = ["samos/werkprotocol-kernteam/", "praktijkvoorbeelden/", "risicofactoren/", "zoeken/", ""]


@pytest.mark.parametrize(
    "viewport", [{"width": 412, "height": 823}, {"width": 1350, "height": 940}], ids=["phone", "desktop"]
)
def test_pages_with_scripts_do_not_shift_while_loading(browser, base_url: str, viewport: dict) -> None:
    """What the page scripts add (checklist toolbar, filter forms, search) takes its place before
    the first paint: on a slow phone (4 x CPU slowdown) and on a desktop, nothing on these pages
    moves when the scripts run (Cumulative Layout Shift 0)."""
    context = browser.new_context(
        viewport=viewport, is_mobile=viewport["width"] < 500, has_touch=viewport["width"] < 500
    )
    try:
        page = context.new_page()
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
        page.add_init_script(LAYOUT_SHIFTS)
        shifts = {}
        for path in SCRIPTED_PAGES:
            page.goto(base_url + path, wait_until="networkidle")
            if path == "samos/werkprotocol-kernteam/":
                expect(page.locator(".task-list-item input[type=checkbox]").first).to_be_enabled()  # script has run
                assert page.get_by_role("button", name="Alle vinkjes wissen").is_visible()
            if path == "praktijkvoorbeelden/":
                assert page.get_by_role("search", name="Praktijkvoorbeelden filteren").is_visible()
            settle(page)
            shifts[path] = sum(page.evaluate("window.__shifts"))
        assert all(value < 0.01 for value in shifts.values()), shifts
    finally:
        context.close()


def test_checklist_without_javascript_shows_no_dead_buttons(browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + "samos/werkprotocol-kernteam/")
        assert page.locator(".task-list-item").first.is_visible()
        assert not page.locator(".hr-checklist-bar").is_visible()
    finally:
        context.close()
