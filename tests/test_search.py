"""Search as a front-line worker meets it: the header search over the Pagefind index, in a
real Chromium, on the built site served over HTTP."""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from handreiking import searchwords
from handreiking.loader import load
from tests.conftest import format_violations, run_axe, serve_directory
from tests.test_offline import VIOLATIONS

pytestmark = pytest.mark.browser

# What a wijkagent or jongerenwerker types, and the pages that answer it.
QUERIES = [
    ("buurtbemiddeling", ["praktijkvoorbeelden/buurtbemiddeling/"]),
    ("BOB procedure", ["samos/bob-procedure/"]),
    ("kernteam", ["samos/kernteam/", "samos/werkprotocol-kernteam/"]),
    ("jongerenoverlast", ["risicofactoren/b1-1/"]),
    ("escalatiemodel", ["rellen/escalatiemodel/"]),
    (
        "nazorg",
        ["aanpak/fasewijzer/", "aanpak/van-proactief-tot-repressie/", "praktijkvoorbeelden/ggd-psychosociale-hulp/"],
    ),
    ("urgentiedilemma", ["samos/urgentiedilemma/"]),
    ("werkprotocol", ["samos/werkprotocol/", "samos/werkprotocol-kernteam/"]),
    # Dutch stemming: the verb finds the noun
    ("signaleren", ["vroegsignalering/", "samos/vroegtijdig-signaleren/", "achtergronden/methodieken-signalering/"]),
    ("rolmodellen", ["achtergronden/rolmodellen/", "praktijkvoorbeelden/rolmodellen/"]),
]


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def open_search(page, base_url: str, path: str = ""):  # type: ignore[no-untyped-def]
    page.goto(base_url + path, wait_until="networkidle")
    page.keyboard.press("/")
    dialog = page.get_by_role("dialog", name="Zoeken")
    dialog.wait_for()
    return dialog


def search(page, dialog, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    box = dialog.get_by_label("Zoek in de handreiking")
    box.fill(query)
    status = dialog.locator("#hr-search-status[role=status]")
    page.wait_for_function(
        "([el, q]) => el.textContent.includes(q)", arg=[status.element_handle(), query], timeout=10000
    )
    return [a.get_attribute("href") or "" for a in dialog.locator(".hr-result__title").all()]


# What the search loads on the first sign of intent (partials/search-trigger.html): its script, the
# query help, Pagefind's script, its worker's and its WebAssembly, the index's titles and words.
SEARCH_FILES = [
    "search.js",
    "search-query.js",
    "words.js",
    "search-words-worker.js",
    "pagefind.js",
    "pagefind-worker.js",
    "wasm.nl.pagefind",
    "hr-titels.json",
    "hr-woorden.json",
]


def is_search_file(url: str) -> bool:
    return "/pagefind/" in url or url.endswith(("search.js", "search-query.js", "words.js", "search-words-worker.js"))


@pytest.mark.parametrize("intent", ["pointerdown", "focus", "slash"])
def test_nothing_of_search_loads_before_the_visitor_shows_intent(browser, base_url: str, intent: str) -> None:
    """The page view loads nothing of search (requests watched from the start until the network is
    idle, in a fresh context without a service worker); the first touch or press on the search
    button, its focus or the "/" key starts all of it at once."""
    context = browser.new_context(**PHONE, service_workers="block")
    page = context.new_page()
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page.goto(base_url, wait_until="networkidle")
    assert [u for u in requests if is_search_file(u)] == []
    trigger = page.locator("[data-hr-search]")
    if intent == "focus":
        trigger.focus()
    elif intent == "slash":
        page.keyboard.press("/")
    else:
        trigger.dispatch_event(intent)
    page.wait_for_function(
        """(names) => names.every((n) => performance.getEntriesByType("resource")
            .some((e) => new URL(e.name).pathname.endsWith("/" + n)))""",
        arg=SEARCH_FILES,
    )
    context.close()


def test_the_first_search_fetches_each_file_once(browser, site_dir: Path) -> None:
    """The files started on intent are the ones the search then uses: none reaches the host twice,
    also those that Pagefind's worker asks for (from the browser's cache, as the page preloaded
    them). Served as a real host serves a site: with a cache time (GitHub Pages: 10 minutes)."""
    served: list[str] = []
    with serve_directory(site_dir, headers={"Cache-Control": "max-age=600"}, served=served) as url:
        context = browser.new_context(**PHONE, service_workers="block")
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        page.locator("[data-hr-search]").tap()
        dialog = page.get_by_role("dialog", name="Zoeken")
        expect(dialog.get_by_label("Zoek in de handreiking")).to_be_focused()
        search(page, dialog, "kernteam")
        context.close()
    fetched = [urlsplit(p).path for p in served if is_search_file(urlsplit(p).path)]
    assert {name: sum(p.endswith("/" + name) for p in fetched) for name in SEARCH_FILES} == dict.fromkeys(
        SEARCH_FILES, 1
    )
    assert len(fetched) == len(set(fetched)), sorted(fetched)


def test_search_works_in_its_workers_under_the_policy(browser, base_url: str) -> None:
    """Pagefind searches in its own worker and the query is planned in search-words-worker.js (the
    page's main thread only shows the results): the typo is repaired, the ranked results come, the
    policy (worker-src 'self') refuses nothing and no script fails."""
    context = browser.new_context(**PHONE, service_workers="block")
    context.add_init_script(VIOLATIONS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    dialog = open_search(page, base_url)
    hrefs = search(page, dialog, "kernteem")
    assert any("samos/kernteam/" in h for h in hrefs[:3]), hrefs
    expect(dialog.locator(".hr-search__hint")).to_contain_text('"kernteem": gezocht naar "kernteam"')
    workers = sorted(urlsplit(w.url).path.rsplit("/", 1)[-1] for w in page.workers)
    assert workers == ["pagefind-worker.js", "search-words-worker.js"]
    assert page.evaluate("window.__hrViolations") == [] and errors == []
    context.close()


def test_focus_stays_in_the_results_when_the_ranked_results_replace_the_titles(browser, base_url: str) -> None:
    """While Pagefind loads (held back here), the pages whose title matches are shown; a visitor who
    moved to one of them stays in the list when Pagefind's ranked results replace them."""
    context = browser.new_context(**PHONE, service_workers="block")
    held: list = []
    context.route("**/pagefind/pagefind.js", lambda route: held.append(route))
    page = context.new_page()
    dialog = open_search(page, base_url)
    dialog.get_by_label("Zoek in de handreiking").fill("kernteam")
    status = dialog.get_by_role("status")
    expect(status).to_contain_text("in de titel")
    dialog.locator(".hr-result__title").nth(1).focus()
    assert held, "Pagefind's script was not asked for"
    for route in held:
        route.continue_()
    expect(status).to_contain_text('resultaten voor "kernteam"')
    expect(dialog.locator(".hr-result__title").first).to_be_focused()
    context.close()


@pytest.mark.parametrize("query,expected", QUERIES, ids=[q for q, _ in QUERIES])
def test_typical_questions_find_the_answer_in_the_top_three(
    page, base_url: str, query: str, expected: list[str]
) -> None:
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
    assert re.search(r"\d+ resulta", dialog.locator("#hr-search-status[role=status]").inner_text())


def test_filter_by_kind_and_handeling(page, base_url: str) -> None:
    dialog = open_search(page, base_url)
    dialog.get_by_label("Soort").select_option("Praktijkvoorbeeld")
    hrefs = search(page, dialog, "buurt")
    assert hrefs and all("/praktijkvoorbeelden/" in h for h in hrefs)
    repressie = sorted("/" + i.url for i in load().interventions_for_handeling("repressie"))
    assert not set(hrefs) <= set(repressie), "the test needs a result that the handeling filter removes"
    dialog.get_by_label("Handeling").select_option("Repressie")
    page.wait_for_function(
        """(allowed) => { const hrefs = [...document.querySelectorAll("dialog[open] .hr-result__title")]
             .map((a) => new URL(a.href).pathname);
           return hrefs.length > 0 && hrefs.every((h) => allowed.includes(h)); }""",
        arg=repressie,
    )


def test_search_page_takes_the_query_from_the_address(page, base_url: str) -> None:
    page.goto(base_url + "zoeken/?q=buurtbemiddeling", wait_until="networkidle")
    wait_for_search(page, page, "buurtbemiddeling")  # Pagefind's results, not the titles shown meanwhile
    assert "buurtbemiddeling" in (page.locator(".hr-result__title").first.get_attribute("href") or "")


# --- Questions as people type them -------------------------------------------------------------

QUESTIONS_FILE = Path(__file__).with_name("search_questions.tsv")
# Asked during or right after an incident, in the worker's words (vechtpartij, azc, wie moet ik bellen).
INCIDENT_FILE = Path(__file__).with_name("search_questions_incident.tsv")
QUESTION_SETS = {QUESTIONS_FILE: {"afstemming", "controle"}, INCIDENT_FILE: {"incident", "incident-controle"}}


def front_line_questions(path: Path = QUESTIONS_FILE) -> list[dict[str, str]]:
    lines = [
        line for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")
    ]
    return list(csv.DictReader(lines, delimiter="\t"))


def page_path(href: str) -> str:
    return urlsplit(href).path.lstrip("/")


def wait_for_search(page, scope, query: str) -> None:  # type: ignore[no-untyped-def]
    """Waits until the status names this query (every search ends by saying what it found)."""
    page.wait_for_function(
        '([el, q]) => el.textContent.includes(`"${q}"`)',
        arg=[scope.locator("#hr-search-status[role=status]").element_handle(), query.strip()],
        timeout=15000,
    )


def type_query(page, scope, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    scope.get_by_label("Zoek in de handreiking").fill(query)
    wait_for_search(page, scope, query)
    return [page_path(a.get_attribute("href") or "") for a in scope.locator(".hr-result__title").all()]


@pytest.mark.parametrize("path", list(QUESTION_SETS), ids=lambda p: p.name)
def test_the_question_set_is_large_and_points_at_real_pages(site_dir: Path, path: Path) -> None:
    questions = front_line_questions(path)
    assert len(questions) >= 40
    assert sum(len(q["vraag"].split()) >= 4 for q in questions) >= 15, "too few questions typed as sentences"
    assert sum(q["set"].endswith("controle") for q in questions) >= 10, "too few questions kept for control"
    for q in questions:
        assert q["set"] in QUESTION_SETS[path] and q["waar"], q
        for answer in q["paginas"].split():
            html_text = (site_dir / answer / "index.html").read_text(encoding="utf-8")
            assert "data-pagefind-body" in html_text, f"{q['vraag']}: /{answer} is not in the search index"


@pytest.mark.parametrize("path", list(QUESTION_SETS), ids=lambda p: p.name)
def test_front_line_questions_find_an_answer_in_the_top_three(browser, base_url: str, path: Path) -> None:
    """Every question of tests/search_questions.tsv (and of the incident questions) typed into the
    search page at phone width: at least 90 % of each file have a page that answers them among the
    first three results."""
    context = browser.new_context(locale="nl-NL", **PHONE)
    try:
        page = context.new_page()
        page.goto(base_url + "zoeken/", wait_until="networkidle")
        misses, totals = [], {}
        for q in front_line_questions(path):
            top = type_query(page, page, q["vraag"])[:3]
            hit = bool(set(top) & set(q["paginas"].split()))
            totals.setdefault(q["set"], []).append(hit)
            if not hit:
                misses.append(f"  [{q['set']}] {q['vraag']!r}: top 3 = {top}, expected one of {q['paginas']}")
        rates = {name: f"{sum(h)}/{len(h)}" for name, h in totals.items()}
        hits = sum(sum(h) for h in totals.values())
        count = sum(len(h) for h in totals.values())
        print(f"\n{path.name}: questions in the top 3: {hits}/{count} {rates}\n" + "\n".join(misses))
        assert hits >= 0.9 * count, f"only {hits} of {count} in the top 3 {rates}:\n" + "\n".join(misses)
    finally:
        context.close()


def plan_of(page, base_url: str, query: str) -> dict:  # type: ignore[no-untyped-def]
    return page.evaluate(
        """async ([base, q]) => {
        const m = await import(base + "assets/javascripts/search-query.js");
        const data = await (await fetch(base + "pagefind/hr-woorden.json")).json();
        return m.plan(q, new m.Vocabulary(data)); }""",
        [base_url, query],
    )


def test_query_plan_drops_stop_words_and_repairs_words(page, base_url: str) -> None:
    page.goto(base_url + "zoeken/", wait_until="networkidle")
    assert plan_of(page, base_url, "Hoe roep ik het kernteam bijeen?")["words"] == ["roep", "kernteam", "bijeen"]
    assert plan_of(page, base_url, "wie")["words"] == ["wie"]  # only stop words: they are searched after all
    variants = lambda q: [[v["query"] for v in t["variants"]] for t in plan_of(page, base_url, q)["terms"]]  # noqa: E731
    assert variants("kernteem") == [["kernteam"]]  # one letter wrong
    assert [v for v in variants("calamiteitenplan")[0] if " " in v] == ["calamiteiten plan"]  # compound apart
    assert variants("urgentie dilemma") == [["urgentiedilemma", "urgentie dilemma"]]  # apart, written together
    assert variants("getreiterd") == [["treiteraanpak", "treiterijen"]]  # a verb form: words of its stem
    assert variants("oploopt") == [["oplopende"]]  # "loopt" / "oplopende": a vowel doubled
    assert variants("B1.9") == [["b1.9"]]  # a section code stays whole
    assert variants("xqzwv kernteam") == [["kernteam"]]  # a word no page has does not hide the others


def test_sentences_that_pagefind_alone_does_not_find(page, base_url: str) -> None:
    """The questions of the issue: Pagefind alone (every word must match) finds nothing; the search
    puts the page that answers them first or second, and says which words it searched instead."""
    page.goto(base_url + "zoeken/", wait_until="networkidle")
    # (the incident route now has every word of the two questions as the guide spells them, so
    # Pagefind alone finds it; with a typo, as people type on a phone, Pagefind alone finds nothing)
    alone = page.evaluate(
        """async ([base, qs]) => {
        const pf = await import(base + "pagefind/pagefind.js");
        await pf.init();
        return Promise.all(qs.map(async (q) => (await pf.search(q)).results.length)); }""",
        [base_url, ["hoe roep ik het kernteem bijeen", "wie zitten er in het kernteem"]],
    )
    assert alone == [0, 0]
    assert "samos/werkprotocol-kernteam/" in type_query(page, page, "hoe roep ik het kernteem bijeen")[:3]
    assert type_query(page, page, "hoe roep ik het kernteam bijeen")[0] == "samos/werkprotocol-kernteam/"
    assert "samos/kernteam/" in type_query(page, page, "wie zitten er in het kernteam")[:2]
    assert "samos/kernteam/" in type_query(page, page, "kernteem")[:3]
    expect(page.locator(".hr-search__hint")).to_have_text('"kernteem": gezocht naar "kernteam".')
    top = type_query(page, page, "calamiteitenplan")[:3]
    assert {"samos/oefening/", "samos/voorgeschiedenis/", "inspiratie/"} & set(top), top


# --- What a result shows -------------------------------------------------------------------------

EXCERPT_QUERIES = [
    "buurtbemiddeling",
    "rellen uitgebroken",
    "hoe roep ik het kernteam bijeen",
    "geruchten op sociale media na een incident",
    "jongeren bemiddelen bij conflicten",
    "armoede en schulden",
    "ups & downs",
    "B1.9",
    "kernteem",
]


def visible_words(text: str) -> list[str]:
    return [w for w in searchwords.WORD.findall(searchwords.fold(text))]


def test_excerpts_show_exactly_the_text_pagefind_returns(page, base_url: str) -> None:
    """Each excerpt as the visitor sees it (innerText) is Pagefind's excerpt without its tags, and
    every word in it is a word of that page: no word glued to the one after a highlight."""
    page.goto(base_url + "zoeken/", wait_until="networkidle")
    page_words: dict[str, set[str]] = {}
    checked = marks = 0
    for query in EXCERPT_QUERIES:
        type_query(page, page, query)
        shown = page.evaluate("""() => [...document.querySelectorAll(".hr-result")].map((li) => ({
            url: new URL(li.querySelector(".hr-result__title").href).pathname,
            text: li.querySelector(".hr-result__excerpt").innerText,
            marks: li.querySelectorAll(".hr-result__excerpt mark").length }))""")
        raw = page.evaluate(
            """async ([base, q]) => {
            const m = await import(base + "assets/javascripts/search-query.js");
            const pf = await import(base + "pagefind/pagefind.js");
            const data = await (await fetch(base + "pagefind/hr-woorden.json")).json();
            await pf.options({ ranking: m.RANKING });
            const titles = Object.keys((await pf.filters()).titel || {});
            const own = await pf.search(null, { filters: { soort: "Over deze site" } });
            const below = new Set(own.results.map((r) => r.id));
            const found = await m.rankedSearch(pf, m.plan(q, new m.Vocabulary(data)), {}, { below, titles });
            const out = {};
            for (const entry of found.results.slice(0, 10)) {
              const d = await m.resultData(entry, found.search);
              out[new URL(d.url, document.baseURI).pathname] = d.excerpt;
            }
            return out; }""",
            [base_url, query],
        )
        assert shown, query
        for result in shown:
            expected = html.unescape(re.sub(r"</?mark>", "", raw[result["url"]]))
            assert " ".join(result["text"].split()) == " ".join(expected.split()), (query, result["url"])
            if result["url"] not in page_words:
                response = page.request.get(base_url + result["url"].lstrip("/"))
                page_words[result["url"]] = searchwords.page_words(response.text())
            glued = [w for w in visible_words(result["text"]) if w not in page_words[result["url"]]]
            assert not glued, f"{query}: {result['url']} excerpt has words not on the page: {glued}"
            checked += 1
            marks += result["marks"]
    assert checked >= 40 and marks >= 40, (checked, marks)


def test_titles_do_not_repeat_the_section_code(page, base_url: str) -> None:
    page.goto(base_url + "zoeken/", wait_until="networkidle")
    type_query(page, page, "armoede")
    titles = page.locator(".hr-result__title").all_inner_texts()
    assert "B1.9 Armoede en ‘achter de voordeur’ problematiek" in titles
    for query in ("risicofactoren overlast", "werkprotocol"):
        type_query(page, page, query)
        titles += page.locator(".hr-result__title").all_inner_texts()
    doubled = [t for t in titles if re.match(r"^(\S+)\s+\1(\s|$)", t)]
    assert not doubled, doubled


def test_editor_pages_are_not_in_the_index(page, base_url: str, site_dir: Path) -> None:
    """redactie/ (data model, open data, changes) is for editors: out of the index, so it never
    ranks among the guidance. Editors reach it through the menu."""
    editor_pages = sorted((site_dir / "redactie").glob("*/index.html"))
    assert len(editor_pages) >= 3
    for path in editor_pages:
        assert "data-pagefind-body" not in path.read_text(encoding="utf-8"), path
    page.goto(base_url + "zoeken/", wait_until="networkidle")
    for query in ("gegevensmodel", "open data", "buurtbemiddeling", "wijzigingen"):
        assert not [h for h in type_query(page, page, query) if h.startswith("redactie/")], query


# --- All results reachable, the address follows the query -----------------------------------------


def test_more_results_button_shows_every_result(page, base_url: str) -> None:
    page.goto(base_url + "zoeken/", wait_until="networkidle")
    type_query(page, page, "overlast")
    status = page.locator("#hr-search-status[role=status]")
    total = int(re.match(r"(\d+) resultaten", status.inner_text()).group(1))
    assert total > 20, "the test needs more than two batches"
    results = page.locator(".hr-result")
    expect(results).to_have_count(10)
    expect(status).to_contain_text("de eerste 10 staan hieronder")
    more = page.get_by_role("button", name="Meer resultaten")
    more.focus()
    page.keyboard.press("Enter")  # by keyboard
    expect(results).to_have_count(20)
    # focus moves to the first new result, the status announces how many are shown now
    expect(results.nth(10).locator(".hr-result__title")).to_be_focused()
    expect(status).to_contain_text("de eerste 20 staan hieronder")
    for _ in range(total // 10):  # a bounded loop: the button must disappear once all are shown
        if not more.is_visible():
            break
        shown = results.count()
        more.click()
        expect(results).to_have_count(min(shown + 10, total))
    expect(more).to_be_hidden()
    expect(status).to_contain_text(f"alle {total} staan hieronder")
    hrefs = page.locator(".hr-result__title").evaluate_all("(links) => links.map((a) => a.href)")
    assert len(hrefs) == total == len(set(hrefs))
    # a new search starts again with the first batch
    type_query(page, page, "jongeren")
    expect(results).to_have_count(10)
    expect(more).to_be_visible()


def test_search_page_address_follows_the_query(page, base_url: str) -> None:
    page.goto(base_url + "zoeken/", wait_until="networkidle")
    box = page.get_by_label("Zoek in de handreiking")
    box.press_sequentially("kernteam bijeen", delay=20)
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === 'kernteam bijeen'")
    page.get_by_label("Soort").select_option("Praktijkvoorbeeld")
    page.wait_for_function("() => new URLSearchParams(location.search).get('soort') === 'Praktijkvoorbeeld'")
    shared = page.url
    assert parse_qs(urlsplit(shared).query) == {"q": ["kernteam bijeen"], "soort": ["Praktijkvoorbeeld"]}
    box.fill("")
    page.get_by_label("Soort").select_option("")
    page.wait_for_function("() => location.search === ''")
    assert page.url == base_url + "zoeken/"
    # the shared address opens the same search, filter included
    page.goto(shared, wait_until="networkidle")
    wait_for_search(page, page, "kernteam bijeen")
    expect(page.get_by_label("Zoek in de handreiking")).to_have_value("kernteam bijeen")
    expect(page.get_by_label("Soort")).to_have_value("Praktijkvoorbeeld")
    hrefs = [page_path(h) for h in page.locator(".hr-result__title").evaluate_all("(a) => a.map((x) => x.href)")]
    assert hrefs and all(h.startswith("praktijkvoorbeelden/") for h in hrefs)


def test_a_shared_question_opens_its_answer(browser, base_url: str) -> None:
    """A held-out question typed into zoeken/?q= at phone width: the answer is on the first screen,
    the list is readable (no sideways scrolling, text at least 12 px, targets at least 24 px)."""
    context = browser.new_context(locale="nl-NL", **PHONE)
    requests: list[str] = []
    try:
        page = context.new_page()
        page.on("request", lambda r: requests.append(r.url))
        page.goto(base_url + "zoeken/?q=wie%20zitten%20er%20in%20het%20kernteam", wait_until="networkidle")
        wait_for_search(page, page, "wie zitten er in het kernteam")
        titles = page.locator(".hr-result__title")
        hrefs = [page_path(h) for h in titles.evaluate_all("(links) => links.map((a) => a.href)")]
        answer = titles.nth(hrefs.index("samos/kernteam/"))
        assert hrefs.index("samos/kernteam/") < 3
        box = answer.bounding_box()
        assert box["y"] + box["height"] <= 844, "the answer is below the first phone screen"
        layout = page.evaluate("""() => ({
            scroll: document.documentElement.scrollWidth,
            excerpt: parseFloat(getComputedStyle(document.querySelector(".hr-result__excerpt")).fontSize),
            wide: [...document.querySelectorAll(".hr-result")].filter((li) => li.getBoundingClientRect().right > 390).length,
            small: [...document.querySelectorAll(".hr-result a, .hr-search__more, .hr-search-page select, .hr-search-page input")]
              .filter((e) => e.offsetParent).map((e) => e.getBoundingClientRect())
              .filter((r) => r.height < 24 || r.width < 24).length })""")
        assert layout["scroll"] <= 390 and layout["wide"] == 0, layout
        assert layout["excerpt"] >= 12 and layout["small"] == 0, layout
        assert all(u.startswith(base_url) for u in requests), [u for u in requests if not u.startswith(base_url)]
    finally:
        context.close()


def test_search_page_with_more_results_has_no_axe_violations(browser, base_url: str) -> None:
    context = browser.new_context(locale="nl-NL", **PHONE)
    try:
        page = context.new_page()
        page.goto(base_url + "zoeken/?q=kernteem", wait_until="networkidle")
        wait_for_search(page, page, "kernteem")
        expect(page.get_by_role("button", name="Meer resultaten")).to_be_visible()
        violations = run_axe(page)
        assert violations == [], format_violations(violations)
    finally:
        context.close()
