"""Phone finish (issue 21 item 5, issue 22 item 4), in Chromium at 390 x 844 (a phone, touch) and on
desktops: the A1 table fits its column at every width and comes after the stage list on a phone;
the sticky bars stop at the header's bottom; no section badge overlaps a heading; the 404 page
fills its search with the address's words and suggests the closest page, and short addresses work
in any capitals. Every page is also checked for axe-core violations, CSP violations and layout
shift while it loads."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

from handreiking.loader import load
from tests.conftest import PROJECT_ROOT, format_violations, run_axe, serve_directory
from tests.test_interactive import LAYOUT_SHIFTS, settle
from tests.test_quality import CSP_SPY

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
WIDTHS = {
    390: PHONE,
    1100: {"viewport": {"width": 1100, "height": 900}},
    1366: {"viewport": {"width": 1366, "height": 900}},
}
A1_PAGES = ["aanpak/fasewijzer/", "aanpak/van-proactief-tot-repressie/"]


def open_context(browser, options: dict):  # type: ignore[no-untyped-def]
    """A context that records CSP violations (``context.hr_csp``) and layout shifts (per page)."""
    context = browser.new_context(locale="nl-NL", **options)
    context.hr_csp = []
    context.expose_function("__hrCspViolation", lambda text: context.hr_csp.append(text))
    context.add_init_script(CSP_SPY)
    context.add_init_script(LAYOUT_SHIFTS)
    return context


def check_page(page) -> None:  # type: ignore[no-untyped-def]
    """axe-core at zero, no CSP violation, no layout shift since the page loaded."""
    settle(page)
    shift = sum(page.evaluate("window.__shifts"))
    assert shift < 0.01, f"layout shift {shift:.3f} on {page.url}"
    assert page.context.hr_csp == [], page.context.hr_csp
    violations = run_axe(page)
    assert violations == [], format_violations(violations)


@pytest.fixture(params=list(WIDTHS), ids=[f"{w}px" for w in WIDTHS])
def sized(request, browser):  # type: ignore[no-untyped-def]
    context = open_context(browser, WIDTHS[request.param])
    page = context.new_page()
    page.hr_width = request.param
    yield page
    context.close()


@pytest.fixture()
def phone(browser):  # type: ignore[no-untyped-def]
    context = open_context(browser, PHONE)
    yield context.new_page()
    context.close()


# --------------------------------------------------------------------------- the A1 table

# What of the A1 table a reader cannot read: cells, links and list items whose text is wider than
# their box (cut off), words broken over two lines, and how the table sits in its column. The
# column names of the table's head are left out on a phone: there each cell carries its name.
A1_FIT_JS = """() => {
  const table = document.querySelector('table.hr-phase-table'), column = table.closest('.md-content__inner');
  const cut = [], broken = [];
  for (const el of table.querySelectorAll('caption, tbody th, td, a, li, ul')) {
    if (el.scrollWidth > el.clientWidth + 1) cut.push(`${el.textContent.trim().slice(0, 40)} (${el.scrollWidth} > ${el.clientWidth})`);
  }
  const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.checkVisibility() || node.parentElement.closest('thead')) continue;
    for (const word of node.textContent.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, word.index);
      range.setEnd(node, word.index + word[0].length);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size > 1) broken.push(word[0]);
    }
  }
  const t = table.getBoundingClientRect(), c = column.getBoundingClientRect();
  const style = getComputedStyle(column);
  return {cut, broken, left: t.left, right: t.right, columnLeft: c.left + parseFloat(style.paddingLeft),
          columnRight: c.right - parseFloat(style.paddingRight), scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
          links: [...table.querySelectorAll('a')].filter((a) => a.checkVisibility()).length};
}"""


@pytest.mark.parametrize("path", A1_PAGES)
def test_the_a1_table_fits_its_column_with_nothing_cut_off(sized, base_url: str, path: str) -> None:  # type: ignore[no-untyped-def]
    kb = load()
    page = sized
    page.goto(base_url + path, wait_until="load")
    table = page.locator("table.hr-phase-table")
    summary = page.locator(".hr-phase-schema__summary")
    if page.hr_width < 720:
        # on a phone the table is one tap away, after the stage list
        expect(table).to_be_hidden()
        stages = page.locator(".hr-stages")
        expect(stages).to_be_visible()
        assert stages.bounding_box()["y"] + stages.bounding_box()["height"] <= summary.bounding_box()["y"]
        summary.tap()
        expect(table).to_be_visible()
    else:
        expect(summary).to_be_hidden()
        expect(table).to_be_visible()
    assert table.locator("tbody tr").count() == len(kb.stadia)
    fit = page.evaluate(A1_FIT_JS)
    assert fit["cut"] == [] and fit["broken"] == [], fit
    assert fit["columnLeft"] - 1 <= fit["left"] and fit["right"] <= fit["columnRight"] + 1, fit
    assert fit["scrollWidth"] <= fit["clientWidth"], fit
    assert fit["links"] == sum(len(s.instrumenten) for s in kb.stadia)
    check_page(page)


# --------------------------------------------------------------------------- sticky bars

BAR_PAGES = {
    "praktijkvoorbeelden/?handeling=preventie": ("[data-hr-filter] .hr-resultbar", "[data-hr-filter]"),
    "risicofactoren/?rf=B1.4": ("[data-hr-rf-bar]", "[data-hr-rf-selector]"),
}

# Scrolls to `y` and, after the next frame, reads where the header, the bar and the bar's section are.
BAR_AT_JS = """async ([y, bar, section]) => {
  window.scrollTo({top: y, behavior: "instant"});
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  const box = (el) => { const r = el.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, height: r.height}; };
  return {y: window.scrollY, header: box(document.querySelector(".md-header")), bar: box(document.querySelector(bar)),
          section: box(document.querySelector(section)), viewport: window.innerHeight};
}"""


def bar_positions(page, bar: str, section: str) -> list[dict]:  # type: ignore[no-untyped-def]
    height = page.evaluate("document.documentElement.scrollHeight")
    step = page.viewport_size["height"] // 3
    return [page.evaluate(BAR_AT_JS, [y, bar, section]) for y in range(0, height, step)]


def under_header(positions: list[dict]) -> list[dict]:
    """The positions where the bar is on screen, its section still reaches below the header by a
    bar's height, and the bar's top is above the header's bottom (partly under it)."""
    return [
        p
        for p in positions
        if p["bar"]["bottom"] > 0
        and p["bar"]["top"] < p["viewport"]
        and p["section"]["bottom"] >= p["header"]["bottom"] + p["bar"]["height"]
        and p["bar"]["top"] < p["header"]["bottom"] - 0.5
    ]


@pytest.mark.parametrize("path", list(BAR_PAGES))
@pytest.mark.parametrize("width", [390, 1366], ids=["390px", "1366px"])
def test_sticky_bars_stop_at_the_header_bottom(browser, base_url: str, path: str, width: int) -> None:  # type: ignore[no-untyped-def]
    bar, section = BAR_PAGES[path]
    context = open_context(browser, WIDTHS[width])
    try:
        page = context.new_page()
        page.goto(base_url + path, wait_until="load")
        expect(page.locator(bar).locator(".hr-count")).to_contain_text(" van " if "praktijk" in path else "gekozen")
        check_page(page)
        positions = bar_positions(page, bar, section)
        assert under_header(positions) == []
        # while its results are in view, the bar stays on screen, stuck at the header's bottom
        stuck = [p for p in positions if abs(p["bar"]["top"] - p["header"]["bottom"]) < 1]
        assert len(stuck) >= 2, positions
        # the header grows (a wrapped title, zoom): the bar follows it
        page.evaluate("document.querySelector('.md-header').style.paddingBottom = '30px'")
        positions = bar_positions(page, bar, section)
        assert positions[0]["header"]["height"] >= 78
        assert under_header(positions) == []
        assert [p for p in positions if abs(p["bar"]["top"] - p["header"]["bottom"]) < 1]
    finally:
        context.close()


# --------------------------------------------------------------------------- badges

# Every visible section-code badge outside a heading whose box intersects a visible heading's box.
BADGE_OVERLAP_JS = """() => {
  const visible = (el) => el.checkVisibility() && el.getBoundingClientRect().width > 0;
  const badges = [...document.querySelectorAll('.hr-code')].filter((b) => visible(b) && !b.closest('h1, h2, h3, h4'));
  const headings = [...document.querySelectorAll('.md-content :is(h1, h2, h3, h4)')].filter(visible);
  const hits = [];
  for (const b of badges) {
    const r = b.getBoundingClientRect();
    for (const h of headings) {
      const s = h.getBoundingClientRect();
      const x = Math.min(r.right, s.right) - Math.max(r.left, s.left), y = Math.min(r.bottom, s.bottom) - Math.max(r.top, s.top);
      if (x > 0 && y > 0) hits.push(`${b.textContent.trim()} over "${h.textContent.trim().slice(0, 40)}" by ${Math.round(y)} px`);
    }
  }
  return {hits, labels: document.querySelectorAll('.hr-code-label').length};
}"""


def test_no_badge_overlaps_a_heading_on_any_page(phone, site_dir, base_url: str) -> None:  # type: ignore[no-untyped-def]
    from tests.test_quality import browsable

    overlaps, labelled = {}, 0
    for built in browsable(site_dir):
        phone.goto(base_url + built.path, wait_until="load")
        found = phone.evaluate(BADGE_OVERLAP_JS)
        labelled += found["labels"]
        if found["hits"]:
            overlaps[built.path] = found["hits"]
    assert labelled >= 50, labelled  # the pages of the guide carry their code above the heading
    assert overlaps == {}, overlaps


# --------------------------------------------------------------------------- the 404 page and short addresses


@pytest.fixture(scope="module")
def published(site_dir, tmp_path_factory):  # type: ignore[no-untyped-def]
    """The site served under its published path (site_url, e.g. /handreiking-onrust/), as the host
    serves it: the page-not-found page's links and script are absolute under that path."""
    found = re.search(r'href="(/[^"]*?)assets/stylesheets/', (site_dir / "404.html").read_text(encoding="utf-8"))
    prefix = found.group(1) if found else "/"
    top = tmp_path_factory.mktemp("published")
    if prefix == "/":
        top = site_dir
    else:
        (top / prefix.strip("/")).parent.mkdir(parents=True, exist_ok=True)
        (top / prefix.strip("/")).symlink_to(site_dir, target_is_directory=True)
    with serve_directory(top) as url:
        yield url.rstrip("/") + prefix


def like_the_host(context, site_dir: Path, base: str) -> None:  # type: ignore[no-untyped-def]
    """Every address the site has no file for gets the page-not-found page with status 404, as
    GitHub Pages answers (the test server alone answers with its own 404 page)."""

    def answer(route) -> None:  # type: ignore[no-untyped-def]
        path = unquote(urlsplit(route.request.url).path)[len(urlsplit(base).path) :]
        file = site_dir / path
        if (file / "index.html").is_file() if file.is_dir() else file.is_file():
            route.continue_()
        else:
            route.fulfill(status=404, content_type="text/html", body=(site_dir / "404.html").read_bytes())

    context.route(base + "**", answer)


@pytest.mark.parametrize("width", [390, 1366], ids=["390px", "1366px"])
def test_404_fills_the_search_with_the_address_and_suggests_the_closest_page(
    browser, site_dir: Path, published: str, width: int
) -> None:  # type: ignore[no-untyped-def]
    context = open_context(browser, {**WIDTHS[width], "service_workers": "block"})
    like_the_host(context, site_dir, published)
    try:
        page = context.new_page()
        cases = {
            "kernteam": ("kernteam", "samos/kernteam/"),
            "escalatiemodel/": ("escalatiemodel", "rellen/escalatiemodel/"),
            "buurtbemidelling": ("buurtbemidelling", "praktijkvoorbeelden/buurtbemiddeling/"),  # a typo
            "Samos/BOB": ("samos bob", "samos/bob-procedure/"),
        }
        for typed, (words, closest) in cases.items():
            response = page.goto(published + typed, wait_until="load")
            assert response is not None and response.status == 404
            expect(page.locator("#hr-notfound-q")).to_have_value(words)
            link = page.locator("[data-hr-notfound-suggest] a")
            expect(link).to_have_attribute("href", published + closest)
            if typed == "kernteam":
                check_page(page)
                link.click()
                expect(page).to_have_url(published + closest)
        page.goto(published + "qqqxyz", wait_until="load")
        expect(page.locator("[data-hr-notfound-suggest]")).to_have_text("Geen pagina gevonden die op dit adres lijkt.")
    finally:
        context.close()


def test_short_addresses_and_pages_work_in_any_capitals(browser, site_dir: Path, published: str) -> None:  # type: ignore[no-untyped-def]
    from handreiking.loader import load_redirects
    from handreiking.urls import page_url

    kb = load()
    shorts = {page_url(r.oud): page_url(r.nieuw) for r in load_redirects(kb, docs_dir=PROJECT_ROOT / "docs")}
    context = open_context(browser, {**PHONE, "service_workers": "block"})
    like_the_host(context, site_dir, published)
    try:
        page = context.new_page()
        # the short addresses as the guide prints them (A2, B1): capitals, with and without slash
        for old in ["a2/", "a2-1/", "b1/", "1a/"]:
            new = shorts[old]
            for typed in (old.upper(), old.upper().rstrip("/"), old[0].upper() + old[1:]):
                page.goto(published + typed, wait_until="commit")
                expect(page).to_have_url(published + new)
        # a page's own address in other capitals, with the part after "#"
        page.goto(published + "SAMOS/Kernteam/#spin-in-het-web", wait_until="commit")
        expect(page).to_have_url(published + "samos/kernteam/#spin-in-het-web")
        # the lower-case short address still redirects as before
        page.goto(published + "a2/", wait_until="commit")
        expect(page).to_have_url(published + shorts["a2/"])
    finally:
        context.close()


def test_404_works_offline_after_a_first_visit(browser, published: str) -> None:  # type: ignore[no-untyped-def]
    from tests.test_offline import wait_until_available

    context = browser.new_context(locale="nl-NL", service_workers="allow", **PHONE)
    try:
        page = context.new_page()
        page.goto(published, wait_until="load")
        wait_until_available(page)
        context.set_offline(True)
        response = page.goto(published + "kernteam", wait_until="load")
        assert response is not None and response.status == 404
        expect(page.locator("#hr-notfound-q")).to_have_value("kernteam")
        expect(page.locator("[data-hr-notfound-suggest] a")).to_have_attribute("href", published + "samos/kernteam/")
        page.goto(published + "A2", wait_until="commit")
        expect(page.locator("h1").first).to_contain_text("SAMOS")
    finally:
        context.close()


# --------------------------------------------------------------------------- the overview's intro


def test_the_overview_filters_are_on_a_phones_first_screen(phone, base_url: str) -> None:  # type: ignore[no-untyped-def]
    """The intro of C1 no longer pushes the filters down (they were two screens down): the word box
    and the first filter group are on the first screen at 390 x 844, above the result bar; the rest
    of the guide's intro stands under the overview, with the groups, and a link leads there."""
    phone.goto(base_url + "praktijkvoorbeelden/", wait_until="load")
    bar = phone.locator("[data-hr-filter] .hr-resultbar").bounding_box()
    for control in (phone.locator("#hr-q"), phone.locator("summary.hr-facet__summary").first):
        box = control.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= min(bar["y"], 844), (box, bar)
    # the guide's intro is all there, the part about the grouping under the heading of the groups
    groups = phone.locator("#per-groep ~ p")
    for words in (
        "Beknopt worden de doelstelling en werkwijze",
        "Alle aanpakken beogen te bevorderen",
        "Omwille van de overzichtelijkheid",
    ):
        expect(groups.filter(has_text=words)).to_have_count(1)
    phone.get_by_role("link", name="meer over deze voorbeelden en hun indeling").tap()
    expect(phone.locator("#per-groep")).to_be_in_viewport()
    check_page(phone)
