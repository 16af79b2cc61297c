"""Search as a front-line worker meets it: the header search over the Pagefind index, in a
real Chromium, on the built site served over HTTP."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from macros.loader import load
from tests.conftest import format_violations, run_axe

pytestmark = pytest.mark.browser

# What a wijkagent or jongerenwerker types, and the pages that answer it.
QUERIES = [
    ("buurtbemiddeling", ["praktijkvoorbeelden/buurtbemiddeling/"]),
    ("BOB procedure", ["samos/bob-procedure/"]),
    ("kernteam", ["samos/kernteam/", "samos/werkprotocol-kernteam/"]),
    ("jongerenoverlast", ["risicofactoren/b1-1/"]),
    ("escalatiemodel", ["rellen/escalatiemodel/"]),
    ("nazorg", ["aanpak/fasewijzer/", "aanpak/van-proactief-tot-repressie/", "praktijkvoorbeelden/ggd-psychosociale-hulp/"]),
    ("urgentiedilemma", ["samos/urgentiedilemma/"]),
    ("werkprotocol", ["samos/werkprotocol/", "samos/werkprotocol-kernteam/"]),
    # Dutch stemming: the verb finds the noun
    ("signaleren", ["vroegsignalering/", "samos/vroegtijdig-signaleren/", "achtergronden/methodieken-signalering/"]),
    ("rolmodellen", ["achtergronden/rolmodellen/", "praktijkvoorbeelden/rolmodellen/"]),
]


def open_search(page, base_url: str, path: str = ""):  # type: ignore[no-untyped-def]
    page.goto(base_url + path, wait_until="networkidle")
    page.keyboard.press("/")
    dialog = page.get_by_role("dialog", name="Zoeken")
    dialog.wait_for()
    return dialog


def search(page, dialog, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    box = dialog.get_by_label("Zoek in de handreiking")
    box.fill(query)
    status = dialog.get_by_role("status")
    page.wait_for_function(
        "([el, q]) => el.textContent.includes(q)", arg=[status.element_handle(), query], timeout=10000)
    return [a.get_attribute("href") or "" for a in dialog.locator(".hr-result__title").all()]


def test_nothing_of_search_loads_before_the_visitor_searches(page, base_url: str) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base_url, wait_until="networkidle")
    assert [u for u in requests if "pagefind" in u or "search.js" in u] == []
    page.locator("[data-hr-search]").focus()
    page.wait_for_load_state("networkidle")
    loaded = [u for u in requests if "pagefind" in u or "search.js" in u]
    assert any(u.endswith("search.js") for u in loaded)


@pytest.mark.parametrize("query,expected", QUERIES, ids=[q for q, _ in QUERIES])
def test_typical_questions_find_the_answer_in_the_top_three(page, base_url: str, query: str,
                                                            expected: list[str]) -> None:
    dialog = open_search(page, base_url)
    hrefs = search(page, dialog, query)
    top = [re.sub(r"^(https?://[^/]+)?/", "", h).split("#")[0] for h in hrefs[:3]]
    assert any(t in expected for t in top), f"{query}: top 3 = {top}"


def test_results_show_title_code_and_marked_excerpt(page, base_url: str) -> None:
    dialog = open_search(page, base_url)
    search(page, dialog, "urgentiedilemma")
    first = dialog.locator(".hr-result").first
    assert first.locator(".hr-code").inner_text() == "A2"
    assert "urgentiedilemma" in first.locator("mark").first.inner_text().lower()
    assert re.search(r"\d+ resulta", dialog.get_by_role("status").inner_text())


def test_filter_by_kind_and_handeling(page, base_url: str) -> None:
    dialog = open_search(page, base_url)
    dialog.get_by_label("Soort").select_option("Praktijkvoorbeeld")
    hrefs = search(page, dialog, "buurt")
    assert hrefs and all("/praktijkvoorbeelden/" in h for h in hrefs)
    repressie = sorted(f"/praktijkvoorbeelden/{i.id}/" for i in load().interventions_for_handeling("repressie"))
    assert not set(hrefs) <= set(repressie), "the test needs a result that the handeling filter removes"
    dialog.get_by_label("Handeling").select_option("Repressie")
    page.wait_for_function(
        """(allowed) => { const hrefs = [...document.querySelectorAll("dialog[open] .hr-result__title")]
             .map((a) => new URL(a.href).pathname);
           return hrefs.length > 0 && hrefs.every((h) => allowed.includes(h)); }""", arg=repressie)


def test_escape_closes_and_focus_returns(page, base_url: str) -> None:
    page.goto(base_url, wait_until="networkidle")
    trigger = page.locator("[data-hr-search]")
    trigger.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Zoeken")
    dialog.wait_for()
    expect(dialog.get_by_label("Zoek in de handreiking")).to_be_focused()
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    expect(trigger).to_be_focused()


def test_search_page_takes_the_query_from_the_address(page, base_url: str) -> None:
    page.goto(base_url + "zoeken/?q=buurtbemiddeling", wait_until="networkidle")
    page.locator(".hr-result__title").first.wait_for()
    assert "buurtbemiddeling" in (page.locator(".hr-result__title").first.get_attribute("href") or "")


def test_search_ui_has_no_axe_violations(page, base_url: str) -> None:
    dialog = open_search(page, base_url)
    search(page, dialog, "kernteam")
    violations = run_axe(page)
    assert violations == [], format_violations(violations)
