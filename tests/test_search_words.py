"""Search in the worker's words and on a phone: the word list (data/zoekwoorden.yaml), real words
left alone, the site's own pages below the guidance, results that open at their section, and the
search dialog with the on-screen keyboard up. Real Chromium on the built site."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from handreiking import searchwords
from handreiking.loader import validate
from handreiking.paths import DATA_DIR, DOCS_DIR
from tests.conftest import format_violations, run_axe
from tests.test_search import PHONE, plan_of, type_query, wait_for_search

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1366, "height": 900}}


def variants(page, base_url: str, query: str) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[v["query"] for v in t["variants"]] for t in plan_of(page, base_url, query)["terms"]]


# --- The word list -------------------------------------------------------------------------------


def test_word_list_is_applied_and_said_on_screen(page, base_url: str) -> None:
    page.goto(base_url + "zoeken/", wait_until="networkidle")
    plan = plan_of(page, base_url, "vechtpartij jongeren snackbar")
    assert plan["terms"][0]["also"] == ["incident", "confrontatie", "geweld"]
    assert plan["missing"] == ["snackbar"]
    type_query(page, page, "vechtpartij jongeren snackbar")
    expect(page.locator(".hr-search__hint")).to_contain_text("Ook gezocht naar: incident, confrontatie, geweld.")
    nothing = page.locator(".hr-search__nothing")
    expect(nothing).to_contain_text('Over "snackbar" staat niets in de handreiking.')
    assert (nothing.get_by_role("link").get_attribute("href") or "").endswith("er-is-iets-gebeurd/")
    # a word the guide does not use at all finds the page that names "de opvang van vluchtelingen"
    assert "rellen/relationele-factoren/" in type_query(page, page, "azc")[:3]


def test_real_words_are_neither_split_nor_corrected(page, base_url: str) -> None:
    page.goto(base_url + "zoeken/", wait_until="networkidle")
    assert variants(page, base_url, "protest") == [["protest"]]  # not "pro test"
    opruiing = variants(page, base_url, "opruiing")[0]
    assert not [v for v in opruiing if v.startswith("opruim")], opruiing
    # a Dutch word of the shipped list that the index does not have is searched as it is (and so left
    # out, said on screen), not "corrected" into a word of the index that begins like it
    words = json.loads(page.request.get(base_url + "pagefind/hr-woorden.json").text())
    assert len(words["bekend"]) > 1000
    for word in words["bekend"][::500]:
        plan = plan_of(page, base_url, word)
        assert plan["words"] == [word], word
        # searched as it is, or only as a form of the same verb (plaatst -> plaats, plaatsen): never a
        # word that merely begins like it
        found = [v for term in variants(page, base_url, word) for v in term]
        assert plan["missing"] == [word] or (found and all(v.startswith(word[:-1]) for v in found)), (word, plan)
    assert variants(page, base_url, "kernteem") == [["kernteam"]]  # a real typo is still repaired


def test_own_pages_rank_below_guidance_and_escalation_finds_the_model(page, base_url: str) -> None:
    page.goto(base_url + "zoeken/", wait_until="networkidle")
    top = type_query(page, page, "protest azc")[:3]
    assert "toegankelijkheid/" not in top and "contact/" not in top, top
    assert "rellen/escalatiemodel/" in type_query(page, page, "escalatie")[:3]
    assert {"samos/kernteam/", "samos/communicatie/", "samos/werkprotocol-kernteam/"} & set(
        type_query(page, page, "wie informeren")[:3]
    )


def test_a_guide_word_missing_from_the_index_fails_with_its_line(site_dir: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    source = (data / "zoekwoorden.yaml").read_text(encoding="utf-8")
    bad = source.replace("ook: [rellen, ongeregeldheden]", "ook: [rellen, knokploegen]", 1)
    assert bad != source
    (data / "zoekwoorden.yaml").write_text(bad, encoding="utf-8")
    line = bad.splitlines().index("  ook: [rellen, knokploegen]") + 1
    kb = validate(data, DOCS_DIR)
    words = json.loads((site_dir / "pagefind" / "hr-woorden.json").read_text(encoding="utf-8"))["words"]
    with pytest.raises(searchwords.WordListError) as err:
        searchwords.check_word_list(kb.zoekwoorden, words, kb.lines)
    assert str(err.value) == (
        f'data/zoekwoorden.yaml:{line}: "knokploegen": knokploegen staat niet in de zoekindex; kies een woord '
        "dat de handreiking gebruikt (zoals het op de pagina's staat, met de vorm die de tekst heeft)"
    )
    searchwords.check_word_list(validate(DATA_DIR, DOCS_DIR).zoekwoorden, words, kb.lines)  # the real list is fine


def test_python_and_javascript_fold_words_the_same(page, base_url: str, site_dir: Path) -> None:
    """The index's words are folded in Python (searchwords.fold), the query's in JavaScript (words.js):
    the same rule, checked on every word of a long page and on letters with accents."""
    page.goto(base_url + "zoeken/", wait_until="networkidle")
    text = (site_dir / "rellen" / "politie" / "index.html").read_text(encoding="utf-8")
    words = sorted(set(re.findall(r"[^\W_]+", text))) + [
        "Interveniëren",
        "coöperatie",
        "naïef",
        "Çà",
        "İstanbul",
        "ĲSSEL",
    ]
    js = page.evaluate(
        """async ([base, words]) => { const m = await import(base + "assets/javascripts/words.js");
        return words.map((w) => m.fold(w)); }""",
        [base_url, words],
    )
    assert js == [searchwords.fold(w) for w in words]


# --- Results open where the answer is ------------------------------------------------------------


@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_result_opens_at_its_section_and_marks_it(browser, base_url: str, device: dict) -> None:
    context = browser.new_context(locale="nl-NL", **device)
    try:
        page = context.new_page()
        page.goto(base_url + "zoeken/?q=nazorg", wait_until="networkidle")
        wait_for_search(page, page, "nazorg")
        titles = page.locator(".hr-result__title")
        hrefs = titles.evaluate_all("(a) => a.map((x) => x.getAttribute('href'))")
        deep = [i for i, h in enumerate(hrefs) if "#" in h]
        assert deep, hrefs
        # sub-results look like links: link colour, underlined, rows of 44 px
        subs = page.locator(".hr-result__subs a")
        assert subs.count() > 0
        style = subs.first.evaluate("""(a) => { const s = getComputedStyle(a), t = getComputedStyle(
            document.querySelector('.hr-result__title'));
            return { color: s.color, link: t.color, line: s.textDecorationLine, h: a.getBoundingClientRect().height }; }""")
        assert style["color"] == style["link"] and "underline" in style["line"] and style["h"] >= 44, style
        titles.nth(deep[0]).click()
        anchor = hrefs[deep[0]].split("#", 1)[1]
        page.wait_for_url(re.compile("#" + re.escape(anchor) + "$"))
        target = page.locator(f"[id='{anchor}']")
        page.wait_for_function(
            "(el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight / 2; }",
            arg=target.element_handle(),
        )
        marked = target.evaluate("(el) => getComputedStyle(el).backgroundColor")
        assert marked not in ("rgba(0, 0, 0, 0)", "transparent"), marked
        violations = run_axe(page)
        assert violations == [], format_violations(violations)
    finally:
        context.close()


# --- The dialog on a phone -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "device",
    [PHONE, {**PHONE, "viewport": {"width": 390, "height": 500}}, DESKTOP],
    ids=["phone", "phone-with-keyboard", "desktop"],
)
@pytest.mark.parametrize("query", ["vechtpartij jongeren snackbar", "protest azc"])
def test_search_dialog_field_stays_put_and_the_first_result_shows(
    browser, base_url: str, device: dict, query: str
) -> None:
    context = browser.new_context(locale="nl-NL", **device)
    try:
        page = context.new_page()
        page.goto(base_url, wait_until="networkidle")
        page.locator("[data-hr-search]").click()
        dialog = page.get_by_role("dialog", name="Zoeken")
        box = dialog.get_by_label("Zoek in de handreiking")
        expect(box).to_be_focused()
        before = box.bounding_box()
        first_word = query.split()[0]
        box.press_sequentially(first_word, delay=30)
        wait_for_search(page, dialog, first_word)
        assert box.bounding_box() == before, "the field moved while the first results came"
        box.press_sequentially(query[len(first_word) :], delay=10)
        wait_for_search(page, dialog, query)
        assert box.bounding_box() == before, "the field moved when the results came"
        height = device["viewport"]["height"]
        first = dialog.locator(".hr-result__title").first.bounding_box()
        assert first["y"] >= 0 and first["y"] + first["height"] <= height, (first, height)
        close = dialog.get_by_role("button", name="Sluiten")
        size = close.evaluate("(b) => parseFloat(getComputedStyle(b).fontSize)")
        rect = close.bounding_box()
        assert size >= 16 and rect["height"] >= 44 and rect["width"] >= 44, (size, rect)
        assert page.evaluate("document.documentElement.scrollWidth") <= device["viewport"]["width"]
        violations = run_axe(page)
        assert violations == [], format_violations(violations)
        page.screenshot(path=f"/tmp/search-{device['viewport']['width']}x{height}-{query.split()[0]}.png")
    finally:
        context.close()


# --- The overview's word box matches as search does ----------------------------------------------


@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_overview_word_box_matches_words_as_search_does(browser, base_url: str, device: dict) -> None:
    """ "Zoek in de voorbeelden" uses words.js: typos repaired from the cards' words, the word list
    (ruzie -> conflict), stop words left out; a word no card has hides nothing but finds nothing alone."""
    context = browser.new_context(locale="nl-NL", **device)
    try:
        page = context.new_page()
        page.goto(base_url + "praktijkvoorbeelden/", wait_until="networkidle")
        box = page.get_by_label("Zoek in de voorbeelden")
        shown = page.locator("[data-intervention]:not([hidden])")
        for query, expected in [
            ("portiek ruzie", {"portiekgesprekken", "buurtbemiddeling"}),
            ("burenruzie", {"buurtbemiddeling", "beterburen"}),
            ("portiekk", {"portiekgesprekken"}),
            ("hoe werkt buurtbemiddeling", {"buurtbemiddeling"}),
        ]:
            box.fill(query)
            try:
                page.wait_for_function(
                    """([q, ids]) => new URLSearchParams(location.search).get("q") === q
                      && ids.every((id) => !document.querySelector(`[data-intervention="${id}"]`).hidden)""",
                    arg=[query, sorted(expected)],
                )
            except PlaywrightTimeoutError:
                ids = set(shown.evaluate_all("(cards) => cards.map((c) => c.dataset.intervention)"))
                pytest.fail(f"{query!r}: address {page.url}, box {box.input_value()!r}, shown {sorted(ids)}")
            ids = set(shown.evaluate_all("(cards) => cards.map((c) => c.dataset.intervention)"))
            assert expected <= ids and len(ids) < 31, (query, ids)
        box.fill("xyzzy")
        expect(page.locator("[data-hr-empty]")).to_be_visible()
        expect(shown).to_have_count(0)
        violations = run_axe(page)
        assert violations == [], format_violations(violations)
    finally:
        context.close()
