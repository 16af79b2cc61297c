"""A selection that travels, in a real Chromium at phone and desktop width: "Download deze
selectie" gives the spreadsheet CSV of exactly the cards shown (read back as Excel reads it), a
print of a selection holds only its cards headed by the chosen filters, and the comparison of two
to four examples opens from a shared address. Each page: axe at zero, no CSP violation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from handreiking.loader import load
from tests.conftest import format_violations, run_axe
from tests.pdf import pdf_pages_text, print_to_pdf
from tests.test_interactive import expect_ids
from tests.test_opendata import read_as_excel

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}
VIOLATIONS = """window.__hrViolations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__hrViolations.push(e.effectiveDirective + " " + e.blockedURI));"""
# The policy maker's filter of the issue: preventie + wijk + woningcorporaties
FILTER = {"handeling": "preventie", "schaal": "wijk", "betrokkene": "woningcorporaties"}


def chosen(kb) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        i.id
        for i in kb.interventions
        if FILTER["handeling"] in i.handelingen
        and FILTER["schaal"] in i.schaal
        and FILTER["betrokkene"] in i.betrokkenen
    ]


def open_filtered(page, base_url: str, kb) -> list[str]:  # type: ignore[no-untyped-def]
    """The overview opened from the address of FILTER, once it shows exactly its cards."""
    expected = chosen(kb)
    query = "&".join(f"{k}={v}" for k, v in FILTER.items())
    page.goto(base_url + f"praktijkvoorbeelden/?{query}", wait_until="networkidle")
    expect_ids(page, expected)
    return expected


@pytest.fixture(params=list(VIEWPORTS))
def page(request, browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=VIEWPORTS[request.param], locale="nl-NL", accept_downloads=True)
    context.add_init_script(VIOLATIONS)
    pg = context.new_page()
    yield pg
    assert pg.evaluate("window.__hrViolations") == []
    context.close()


def test_download_of_a_selection_is_the_spreadsheet_csv_of_the_cards_shown(page, base_url: str, site_dir: Path) -> None:
    kb = load()
    expected = chosen(kb)
    assert 0 < len(expected) < len(kb.interventions)
    page.goto(base_url + "praktijkvoorbeelden/", wait_until="networkidle")
    form = page.locator("[data-hr-filter-form]")
    for facet in form.locator("details").all():
        facet.evaluate("(d) => { d.open = true; }")
    form.locator("input[name=handeling][value=preventie]").check()
    form.locator("input[name=schaal][value=wijk]").check()
    form.locator("input[name=betrokkene][value=woningcorporaties]").check()
    expect_ids(page, expected)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download deze selectie").click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    rows = read_as_excel(Path(download.path()).read_bytes())
    whole = read_as_excel((site_dir / "open-data" / "interventies-excel.csv").read_bytes())
    assert rows[0] == whole[0]
    assert rows[1:] == [r for r in whole[1:] if r[0] in expected]  # the same rows, in the page's order
    assert [r[0] for r in rows[1:]] == expected
    violations = run_axe(page)
    assert violations == [], format_violations(violations)


def test_print_of_a_selection_holds_only_its_cards_and_the_filters(page, base_url: str) -> None:
    kb = load()
    expected = open_filtered(page, base_url, kb)
    text = "\n".join(pdf_pages_text(print_to_pdf(page)))
    flat = re.sub(r"\s+", " ", text)
    for name in ("Preventie", "Wijk", "Woningcorporaties", "Handeling", "Schaal"):
        assert name in flat
    assert "Gekozen: Handeling: Preventie; Schaal: Wijk; Betrokken partij: Woningcorporaties." in flat
    for item in kb.interventions:
        printed = re.sub(r"\s+", " ", item.naam) in flat
        assert printed == (item.id in expected), item.id
    assert "Download deze selectie" not in flat and "Vergelijk" not in flat
    assert "Praktijkvoorbeelden per groep" not in flat  # the rest of the page is not printed
    # without a filter the page prints whole, as before
    page.emulate_media(media="screen")
    page.goto(base_url + "praktijkvoorbeelden/", wait_until="networkidle")
    whole = re.sub(r"\s+", " ", "\n".join(pdf_pages_text(print_to_pdf(page))))
    assert "Praktijkvoorbeelden per groep" in whole and "Gekozen:" not in whole


def test_riskfactor_selection_downloads_and_prints_the_ranked_approaches(page, base_url: str) -> None:
    kb = load()
    expected = {i.id for i in kb.interventions if {"B1.1", "B1.4"} & set(i.risicofactoren)}
    page.goto(base_url + "risicofactoren/?rf=B1.1&rf=B1.4", wait_until="networkidle")
    shown = "() => [...document.querySelectorAll('[data-hr-ranking] li')].filter(e => !e.hidden).map(e => e.dataset.intervention)"
    page.wait_for_function(f"(n) => ({shown})().length === n", arg=len(expected))
    order = page.evaluate(shown)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download deze selectie").click()
    rows = read_as_excel(Path(info.value.path()).read_bytes())
    assert [r[0] for r in rows[1:]] == order
    flat = re.sub(r"\s+", " ", "\n".join(pdf_pages_text(print_to_pdf(page))))
    assert f"B1.1 {kb.riskfactors['B1.1'].naam}" in flat and "B1.4" in flat
    assert "Alle risicofactoren" not in flat  # only the selection
    for item in kb.interventions:
        assert (re.sub(r"\s+", " ", item.naam) in flat) == (item.id in expected), item.id


def test_compare_view_opens_from_a_shared_address(page, base_url: str) -> None:
    kb = load()
    ids = ["buurtbemiddeling", "buurtpraktijkteam", "top600"]
    page.goto(base_url + "praktijkvoorbeelden/vergelijk/?" + "&".join(f"id={i}" for i in ids), wait_until="networkidle")
    table = page.locator(".hr-compare__table")
    expect(table).to_be_visible()
    heads = table.locator("thead th[scope=col] a")
    expect(heads).to_have_text([kb.interventions[i].naam for i in ids])
    for i, link in zip(ids, heads.all(), strict=True):
        assert link.get_attribute("href").endswith(f"/{i}/")
    schaal = table.locator("tr[data-hr-compare-row=schaal] td")
    expect(schaal).to_have_text([", ".join(kb.names("schalen", kb.interventions[i].schaal)) for i in ids])
    partners = table.locator("tr[data-hr-compare-row=betrokkenen] td")
    expect(partners).to_have_text([", ".join(kb.names("partners", kb.interventions[i].betrokkenen)) for i in ids])
    expect(page.locator(".hr-compare__all")).to_be_hidden()
    violations = run_axe(page)
    assert violations == [], format_violations(violations)


def test_compare_boxes_lead_to_the_comparison(page, base_url: str) -> None:
    page.goto(base_url + "praktijkvoorbeelden/?handeling=repressie", wait_until="networkidle")
    boxes = page.locator(".hr-card:not([hidden]) input[name=id]")
    first, second = boxes.nth(0).get_attribute("value"), boxes.nth(1).get_attribute("value")
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.get_by_role("button", name="Vergelijk de aangevinkte voorbeelden").click()
    expect(page).to_have_url(re.compile(rf"vergelijk/\?id={first}&id={second}$"))
    expect(page.locator(".hr-compare__table thead th a")).to_have_count(2)


def test_compare_without_javascript_links_every_record(browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "praktijkvoorbeelden/vergelijk/?id=buurtbemiddeling&id=top600")
    links = page.locator(".hr-compare__all a")
    expect(links).to_have_count(len(load().interventions))
    expect(page.locator(".hr-compare__scroll")).to_be_hidden()
    context.close()


def test_cards_show_the_values_that_matched(page, base_url: str) -> None:
    kb = load()
    expected = open_filtered(page, base_url, kb)
    marks = page.evaluate(
        """() => [...document.querySelectorAll('.hr-card:not([hidden])')].map((card) => [card.dataset.intervention,
             [...card.querySelectorAll('.hr-label')].filter((l) => getComputedStyle(l).display !== 'none')
               .map((l) => [l.dataset.hrV, getComputedStyle(l, '::before').content,
                            getComputedStyle(l, '::after').content])])"""
    )
    assert sorted(card for card, _ in marks) == sorted(expected)
    wanted = {f"{k}:{v}" for k, v in FILTER.items()}
    for card, labels in marks:
        ticked = {v for v, before, _ in labels if before.startswith('"✓')}
        assert ticked == wanted, card
        shown = {v for v, _, _ in labels}
        # the partner that matched is named; the card's other partners stay unnamed
        partners = {f"betrokkene:{p}" for p in kb.interventions[card].betrokkenen}
        assert shown & partners == {"betrokkene:woningcorporaties"}, card
        names = [after for v, _, after in labels if v == "betrokkene:woningcorporaties"]
        assert names == [f'"{kb.partners["woningcorporaties"].naam}"'], card
    # no filter: nothing ticked, no partner named
    page.goto(base_url + "praktijkvoorbeelden/", wait_until="networkidle")
    ticks = page.evaluate(
        """() => [...document.querySelectorAll('.hr-label')].filter((l) => getComputedStyle(l).display !== 'none'
             && getComputedStyle(l, '::before').content.startsWith('"✓')).length"""
    )
    assert ticks == 0


def test_word_box_matches_a_cards_content_not_its_controls(page, base_url: str) -> None:
    """Every card has a "Vergelijk" box; its label is no word of the card, so "vergelijk" (in no
    example's text) finds nothing, while a word of one card's content still finds that card."""
    kb = load()
    assert not any("vergelijk" in f"{i.naam} {i.samenvatting}".lower() for i in kb.interventions)
    page.goto(base_url + "praktijkvoorbeelden/?q=vergelijk", wait_until="networkidle")
    expect(page.locator("[data-hr-empty]")).to_be_visible()
    expect_ids(page, [])
    page.goto(base_url + "praktijkvoorbeelden/?q=burgernet", wait_until="networkidle")
    expect_ids(page, ["burgernet"])
