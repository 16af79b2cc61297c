"""Quality gates on every built page (issue 7): accessibility (axe-core on every page and on each
interactive state, reflow at 320 px and at 400 % zoom, keyboard), privacy (no request to another
host, no cookies, no storage but the checklist ticks), valid HTML (Nu Html Checker), a
reproducible build, and a canary build with ProperDocs.

The browser checks open every page once per viewport in one Chromium (a module-scoped crawl);
the tests below assert on what the crawl recorded, each naming every page that fails.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import cbor2
import pytest
from playwright.sync_api import expect

from handreiking import offline
from handreiking.loader import load
from tests.conftest import PROJECT_ROOT, canary_venv, format_violations, inject_axe, run_axe, run_cli
from tests.test_search import wait_for_search

VNU_JAR = PROJECT_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHECKLIST_KEY_PREFIX = "handreiking-checklist:"  # overrides/assets/javascripts/checklist.js
CHECKLIST_PAGE = "samos/werkprotocol-kernteam/"
OVERVIEW_PAGE = "praktijkvoorbeelden/"

# Viewports. 400 % zoom of a 1280 x 1024 window is a viewport of 320 x 256 CSS pixels at four
# device pixels per CSS pixel: that is what the browser lays out (media queries included).
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
NARROW = {"viewport": {"width": 320, "height": 640}}
ZOOM_400 = {"viewport": {"width": 320, "height": 256}, "device_scale_factor": 4}


# --------------------------------------------------------------------------- the built pages


@dataclass(frozen=True)
class BuiltPage:
    file: Path  # relative to the site folder
    redirect: bool  # a page of mkdocs-redirects: a meta refresh to the page's new address

    @property
    def path(self) -> str:
        """The page's address relative to the site root, as a reader opens it."""
        text = self.file.as_posix()
        return text[: -len("index.html")] if text.endswith("index.html") else text


def built_pages(site: Path) -> list[BuiltPage]:
    """Every HTML page of the built site, except Pagefind's own files (its UI fragments are
    not pages; our search UI is tested as an interactive state below)."""
    pages = []
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site)
        if rel.parts[0] == "pagefind":
            continue
        head = file.read_text(encoding="utf-8")[:2000]
        pages.append(BuiltPage(rel, redirect='http-equiv="refresh"' in head))
    return pages


def browsable(site: Path) -> list[BuiltPage]:
    """The pages opened in the browser. Redirect pages are left out: they replace themselves by
    the page they point to at once (which is opened itself); their HTML is validated below."""
    return [p for p in built_pages(site) if not p.redirect]


# --------------------------------------------------------------------------- the crawl

# Runs in every document before its own scripts: records every write to web storage.
STORAGE_SPY = """(() => {
  const set = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    try { window.__hrStorageWrite(this === window.localStorage ? "localStorage" : "sessionStorage",
                                  String(key)); } catch (e) {}
    return set.apply(this, arguments);
  };
})();"""

# Runs in every document: reports every Content-Security-Policy violation (handreiking/csp.py).
CSP_SPY = """document.addEventListener("securitypolicyviolation", (e) => window.__hrCspViolation(
  `${location.pathname}: ${e.effectiveDirective} ${e.blockedURI} ${e.sample || ""}`));"""

# The page's horizontal overflow, and the outermost elements that stick out (for the message).
OVERFLOW_JS = """() => {
  const root = document.documentElement, width = root.clientWidth;
  const result = {scrollWidth: root.scrollWidth, clientWidth: width, culprits: []};
  if (root.scrollWidth <= width) return result;
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    const parent = el.parentElement.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 1 && parent.right <= width + 1) {
      result.culprits.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
        (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : "") +
        ` (right edge ${Math.round(box.right)} px)`);
      if (result.culprits.length >= 5) break;
    }
  }
  return result;
}"""


@dataclass
class Crawl:
    """What opening every page recorded."""

    axe: dict[str, list[dict]] = field(default_factory=dict)  # page -> violations
    overflow: dict[str, dict[str, dict]] = field(default_factory=dict)  # viewport -> page -> overflow
    requests: list[tuple[str, str]] = field(default_factory=list)  # (page, url)
    storage_writes: set[tuple[str, str]] = field(default_factory=set)  # (storage, key)
    csp_violations: list[str] = field(default_factory=list)  # "page: directive blocked sample"
    cookies: list[dict] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)


def new_context(browser, crawl: Crawl, **options):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="nl-NL", **options)
    context.expose_function("__hrStorageWrite", lambda storage, key: crawl.storage_writes.add((storage, key)))
    context.add_init_script(STORAGE_SPY)
    context.expose_function("__hrCspViolation", lambda text: crawl.csp_violations.append(text))
    context.add_init_script(CSP_SPY)
    return context


def recorded_page(context, crawl: Crawl):  # type: ignore[no-untyped-def]
    """A page whose requests are recorded under the path it shows (``page.hr_path``)."""
    page = context.new_page()
    page.hr_path = ""
    page.on("request", lambda request: crawl.requests.append((page.hr_path, request.url)))
    return page


def route_published_prefix(context, site: Path, base_url: str) -> None:  # type: ignore[no-untyped-def]
    """404.html is served for any missing address, so its links are absolute under the published
    path (site_url, e.g. /handreiking-onrust/). Map that path onto the test server's root so the
    404 page is tested with its stylesheets and scripts, as a reader gets it."""
    found = re.search(r'href="(/[^"]*?)assets/stylesheets/', (site / "404.html").read_text(encoding="utf-8"))
    prefix = found.group(1) if found else "/"
    if prefix == "/":
        return
    origin = base_url.rstrip("/")
    context.route(
        f"{origin}{prefix}**",
        lambda route: route.continue_(url=origin + "/" + route.request.url[len(origin + prefix) :]),
    )


# Starts axe-core without waiting for it (the same rules as tests.conftest.run_axe), so that two
# pages are checked at once, one per core; AXE_RESULT then waits for the violations.
AXE_START = """() => { window.__hrAxe = axe.run(document, {
  runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']},
  resultTypes: ['violations']}).then((r) => r.violations); }"""
AXE_RESULT = "() => window.__hrAxe"


def axe_all(context, crawl: Crawl, base_url: str, lanes: int = 2) -> None:  # type: ignore[no-untyped-def]
    pages = [recorded_page(context, crawl) for _ in range(lanes)]
    for i, path in enumerate([*crawl.pages, *[None] * lanes]):
        page = pages[i % lanes]
        if i >= lanes:  # the lane's previous page: collect its result
            crawl.axe[page.hr_path] = page.evaluate(AXE_RESULT)
        if path is None:
            continue
        page.hr_path = path
        page.goto(base_url + path, wait_until="load")
        inject_axe(page)
        page.evaluate(AXE_START)


@pytest.fixture(scope="module")
def crawl(browser, site_dir: Path, base_url: str) -> Crawl:  # type: ignore[no-untyped-def]
    """Opens every page at desktop width (axe-core), at 320 px and at 400 % zoom (reflow)."""
    result = Crawl(pages=[p.path for p in browsable(site_dir)])
    for name, options in (("desktop", DESKTOP), ("320 px", NARROW), ("400 % zoom", ZOOM_400)):
        context = new_context(browser, result, **options)
        route_published_prefix(context, site_dir, base_url)
        if name == "desktop":
            axe_all(context, result, base_url)
        else:
            page = recorded_page(context, result)
            overflow = result.overflow.setdefault(name, {})
            for path in result.pages:
                page.hr_path = path
                page.goto(base_url + path, wait_until="load")
                overflow[path] = page.evaluate(OVERFLOW_JS)
        result.cookies += context.cookies()
        context.close()
    return result


# --------------------------------------------------------------------------- accessibility


@pytest.mark.browser
def test_crawl_opens_every_page(crawl: Crawl) -> None:
    # the real site has some 70-100 pages; a crawl that found a handful would prove little
    assert len(crawl.pages) >= 20, crawl.pages
    assert "" in crawl.pages and OVERVIEW_PAGE in crawl.pages and "404.html" in crawl.pages


def test_redirect_pages_lead_to_pages_that_are_tested(site_dir: Path) -> None:
    """Redirect pages are not opened in the browser (they leave at once): each must lead to a
    built page, which is."""
    redirects = [p for p in built_pages(site_dir) if p.redirect]
    assert redirects, "data/doorverwijzingen.yaml redirects the short addresses (/a2/ ...): expected redirect pages"
    broken = []
    for page in redirects:
        found = re.search(
            r'http-equiv="refresh" content="0; url=([^"]+)"', (site_dir / page.file).read_text(encoding="utf-8")
        )
        target = (site_dir / page.file).parent / (found.group(1) if found else "missing")
        target = target / "index.html" if found and found.group(1).endswith("/") else target
        if not target.resolve().is_file():
            broken.append(f"/{page.path} -> {found.group(1) if found else '?'}")
    assert broken == []


@pytest.mark.browser
def test_axe_finds_no_violations_on_any_page(crawl: Crawl) -> None:
    failing = {path: v for path, v in crawl.axe.items() if v}
    report = "\n".join(f"/{path}:\n{format_violations(v)}" for path, v in failing.items())
    assert not failing, f"axe-core violations on {len(failing)} of {len(crawl.axe)} pages:\n{report}"


@pytest.mark.browser
@pytest.mark.parametrize("viewport", ["320 px", "400 % zoom"])
def test_no_page_scrolls_horizontally(crawl: Crawl, viewport: str) -> None:
    """WCAG 1.4.10 Reflow: content fits 320 CSS pixels; wide tables scroll in their own region."""
    results = crawl.overflow[viewport]
    assert len(results) == len(crawl.pages)
    failing = {path: r for path, r in results.items() if r["scrollWidth"] > r["clientWidth"]}
    report = "\n".join(
        f"/{path}: {r['scrollWidth']} > {r['clientWidth']} px; {', '.join(r['culprits'])}"
        for path, r in failing.items()
    )
    assert not failing, f"horizontal scrolling at {viewport} on {len(failing)} pages:\n{report}"


def wait_for_search_results(page, query: str) -> None:  # type: ignore[no-untyped-def]
    """Waits until the dialog's search for ``query`` has ended, with a result: its status names the
    query then. The first result alone may be one of the titles shown while Pagefind loads, which
    Pagefind's ranked results replace a moment later."""
    wait_for_search(page, page.locator("dialog.hr-search[open]"), query)
    page.locator("dialog.hr-search[open] .hr-result").first.wait_for()


@pytest.mark.browser
def test_axe_on_search_dialog_with_results(page, base_url: str) -> None:
    page.goto(base_url, wait_until="load")
    page.keyboard.press("/")
    dialog = page.locator("dialog.hr-search[open]")
    dialog.wait_for()
    page.keyboard.type("kernteam")
    wait_for_search_results(page, "kernteam")
    assert dialog.locator(".hr-result").count() >= 1
    violations = run_axe(page)
    assert violations == [], format_violations(violations)


@pytest.mark.browser
def test_axe_on_filtered_overview_and_empty_state(page, base_url: str) -> None:
    kb = load()
    preventie = kb.interventions_for_handeling("preventie")
    assert 0 < len(preventie) < len(kb.interventions)
    page.goto(base_url + OVERVIEW_PAGE + "?handeling=preventie", wait_until="load")
    visible = page.locator("[data-intervention]:visible")
    expect(page.locator("input[name=handeling][value=preventie]")).to_be_checked()
    expect(visible).to_have_count(len(preventie))
    violations = run_axe(page)
    assert violations == [], "filtered: " + format_violations(violations)

    page.goto(base_url + OVERVIEW_PAGE + "?q=zzzgeenresultaatzzz", wait_until="load")
    expect(visible).to_have_count(0)
    expect(page.locator("[data-hr-empty]")).to_be_visible()
    violations = run_axe(page)
    assert violations == [], "empty state: " + format_violations(violations)


@pytest.mark.browser
def test_axe_on_checklist_with_a_box_ticked(page, base_url: str) -> None:
    page.goto(base_url + CHECKLIST_PAGE, wait_until="load")
    box = page.locator(".task-list-control input[type=checkbox]").first
    box.focus()
    page.keyboard.press("Space")
    expect(box).to_be_checked()
    expect(page.locator(".hr-checklist-status").first).to_have_text(re.compile(r"^1 van "))
    violations = run_axe(page)
    assert violations == [], format_violations(violations)
    keys = page.evaluate("Object.keys(localStorage)")
    assert keys == [CHECKLIST_KEY_PREFIX + urlparse(page.url).path]


# --------------------------------------------------------------------------- keyboard

# The focused element: what it is, and the styles that can make focus visible.
FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  window.__hrStops = window.__hrStops || [];
  window.__hrStops.push(el);
  const s = getComputedStyle(el);
  return {index: window.__hrStops.length - 1, tag: el.tagName.toLowerCase(), text: (el.textContent || "").trim().slice(0, 60),
          href: el.getAttribute("href"), type: el.getAttribute("type"), name: el.getAttribute("name"), value: el.value,
          inNav: !!el.closest(".md-nav"), primaryNav: !!el.closest(".md-nav--primary"), inContent: !!el.closest("article.md-content__inner"),
          search: el.hasAttribute("data-hr-search"), filter: !!el.closest("[data-hr-filter-form]"),
          style: [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow]};
}"""

# The same styles of every stop recorded by FOCUS_JS once focus has left it.
UNFOCUSED_JS = """() => {
  document.activeElement && document.activeElement.blur();
  return window.__hrStops.map((el) => { const s = getComputedStyle(el);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow]; });
}"""


def focus_visible(focused: list[str], unfocused: list[str]) -> bool:
    """A focus indicator: an outline of some width, or a box shadow, that is not there without focus."""
    outline = focused[0] != "none" and focused[1] not in ("0px", "") and focused[:3] != unfocused[:3]
    shadow = focused[3] != "none" and focused[3] != unfocused[3]
    return outline or shadow


def tab_until(page, done, limit: int = 400) -> list[dict]:  # type: ignore[no-untyped-def]
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS_JS)
        if stop is None:
            continue
        stops.append(stop)
        if done(stops):
            break
    return stops


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "samos/kernteam/"])
def test_tab_reaches_search_nav_and_content_with_visible_focus(page, base_url: str, path: str) -> None:
    """The home page (the FAQ, whose navigation is its table of contents) and a content page
    (with the site navigation): every stop on the way shows where the focus is."""
    page.set_viewport_size(DESKTOP["viewport"])
    page.goto(base_url + path, wait_until="load")
    stops = tab_until(page, lambda s: sum(x["inContent"] and x["tag"] == "a" for x in s) >= 3)
    assert stops[0]["href"] and stops[0]["href"].startswith("#"), "the first stop is the link to the content"
    assert any(s["search"] for s in stops), "Tab never reaches the search button"
    assert any(s["inNav"] and s["tag"] == "a" for s in stops), "Tab never reaches a navigation link"
    if path:
        assert any(s["primaryNav"] and s["tag"] == "a" for s in stops), "Tab never reaches the site navigation"
    assert sum(s["inContent"] and s["tag"] == "a" for s in stops) >= 3, "Tab never reaches the content links"
    unfocused = page.evaluate(UNFOCUSED_JS)
    invisible = [
        f"{s['tag']} {s['text']!r} {s['href'] or ''}: {s['style']}"
        for s in stops
        if not focus_visible(s["style"], unfocused[s["index"]])
    ]
    assert not invisible, "no visible focus indicator on:\n" + "\n".join(invisible)


@pytest.mark.browser
def test_filters_work_with_keyboard_only(page, base_url: str) -> None:
    page.goto(base_url + OVERVIEW_PAGE, wait_until="load")
    count = page.locator("[data-hr-count]")
    before = count.inner_text()
    total = page.locator("[data-intervention]").count()
    stops = tab_until(page, lambda s: s[-1]["filter"] and s[-1]["type"] == "checkbox")
    box = stops[-1]
    assert box["filter"] and box["type"] == "checkbox", "Tab never reaches a filter checkbox"
    assert focus_visible(box["style"], page.evaluate(UNFOCUSED_JS)[box["index"]])
    page.evaluate("() => window.__hrStops[window.__hrStops.length - 1].focus()")
    page.keyboard.press("Space")
    checked = page.locator(f"input[name='{box['name']}'][value='{box['value']}']")
    expect(checked).to_be_checked()
    page.wait_for_function("(before) => document.querySelector('[data-hr-count]').textContent !== before", arg=before)
    assert parse_qs(urlparse(page.url).query) == {box["name"]: [box["value"]]}
    shown = page.locator("[data-intervention]:visible").count()
    assert count.inner_text().startswith(f"{shown} van {total}")
    page.keyboard.press("Space")
    expect(checked).not_to_be_checked()
    page.wait_for_function("(before) => document.querySelector('[data-hr-count]').textContent === before", arg=before)
    assert urlparse(page.url).query == ""


@pytest.mark.browser
def test_search_opens_with_slash_and_closes_with_escape(page, base_url: str) -> None:
    """The one test of opening and closing the search dialog by keyboard: "/" opens it with the
    focus in the search box, Escape closes it and gives the focus back to the header's search
    button, Enter on that button opens it again."""
    page.goto(base_url + "samos/", wait_until="load")
    dialog = page.get_by_role("dialog", name="Zoeken")
    box = dialog.get_by_label("Zoek in de handreiking")
    trigger = page.locator("[data-hr-search]")
    page.keyboard.press("/")
    expect(dialog).to_be_visible()
    expect(box).to_be_focused()
    page.keyboard.type("kernteam")
    wait_for_search_results(page, "kernteam")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(trigger).to_be_focused()
    page.keyboard.press("Enter")  # opened again from the button with the keyboard
    expect(dialog).to_be_visible()
    expect(box).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(trigger).to_be_focused()


# --------------------------------------------------------------------------- privacy


def foreign(requests: list[tuple[str, str]], base_url: str) -> list[str]:
    host = urlparse(base_url).netloc
    return sorted(
        {
            f"/{page}: {url}"
            for page, url in requests
            if urlparse(url).scheme not in ("data", "blob", "about") and urlparse(url).netloc != host
        }
    )


@pytest.mark.browser
def test_no_page_requests_another_host(crawl: Crawl, base_url: str) -> None:
    assert len({page for page, _ in crawl.requests}) == len(crawl.pages)
    assert any(url.endswith(".css") for _, url in crawl.requests)  # the stylesheets were seen
    assert foreign(crawl.requests, base_url) == []


@pytest.mark.browser
def test_no_cookies_and_no_storage_but_checklist_ticks(crawl: Crawl, browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    """Also through search, filters and a checklist: those are the pages that run our scripts."""
    requests: list[tuple[str, str]] = []
    context = new_context(browser, crawl)
    context.on("request", lambda request: requests.append(("interactions", request.url)))
    page = context.new_page()
    page.goto(base_url, wait_until="load")
    page.keyboard.press("/")
    page.locator("dialog.hr-search[open]").wait_for()
    page.keyboard.type("kernteam")
    wait_for_search_results(page, "kernteam")
    page.goto(base_url + OVERVIEW_PAGE + "?handeling=preventie", wait_until="load")
    page.locator("input[name=schaal]").first.check()
    page.goto(base_url + CHECKLIST_PAGE, wait_until="load")
    page.locator(".task-list-control input[type=checkbox]").first.focus()
    page.keyboard.press("Space")
    # a function, not an expression: Playwright polls an expression with eval(), which the
    # site's policy refuses (EvalError) whenever the first check is not yet true
    page.wait_for_function("() => Object.keys(localStorage).length > 0")
    assert any("pagefind" in url for _, url in requests)  # search really ran
    assert foreign(requests, base_url) == []
    assert context.cookies() == [] and crawl.cookies == []
    writes = crawl.storage_writes
    assert ("localStorage", CHECKLIST_KEY_PREFIX + "/" + CHECKLIST_PAGE) in writes
    other = sorted(w for w in writes if not (w[0] == "localStorage" and w[1].startswith(CHECKLIST_KEY_PREFIX)))
    assert other == [], f"storage written other than the checklist ticks: {other}"
    context.close()


@pytest.mark.browser
def test_no_page_violates_its_content_security_policy(crawl: Crawl) -> None:
    """Every page opened three times (desktop with axe-core, 320 px, 400 % zoom) and the search,
    filter and checklist interactions above: the policy refused nothing the site itself does."""
    assert crawl.csp_violations == []


# --------------------------------------------------------------------------- valid HTML

# Messages of the Nu Html Checker that are not errors in our markup: (message, extract) patterns,
# both must match. Keep this list minimal and say for each why it is a false positive or markup
# of the theme that we cannot change.
VNU_IGNORED: list[tuple[str, str]] = [
    # Empty: the theme's invalid markup is mended after the build (handreiking/postbuild.py,
    # valid_theme_markup), also the autocomplete="off" on its hidden state checkboxes (issue 23).
]


def test_every_page_is_valid_html(site_dir: Path) -> None:
    java = shutil.which("java")
    assert java, "Java is needed for the Nu Html Checker (vnu-jar): install a JRE (Debian: default-jre-headless)"
    assert VNU_JAR.is_file(), "run `npm ci` (vnu-jar is a devDependency in package.json)"
    files = [str(site_dir / p.file) for p in built_pages(site_dir)]
    assert len(files) >= 20
    # one run for all pages: the checker takes seconds to start
    result = subprocess.run(
        [java, "-Xss1024k", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
    )
    # exit status 1 means "errors found", also when they are all ignored below; the JSON decides
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        m
        for m in messages
        if not any(
            re.search(message, m.get("message", "")) and re.search(extract, m.get("extract", ""))
            for message, extract in VNU_IGNORED
        )
    ]
    report = "\n".join(
        f"{urlparse(m.get('url', '')).path.removeprefix(str(site_dir))}:{m.get('lastLine', '')}: "
        f"{m.get('message')} [{(m.get('extract') or '').strip()[:80]}]"
        for m in errors[:60]
    )
    assert errors == [], f"{len(errors)} HTML errors:\n{report}"


# --------------------------------------------------------------------------- reproducible build

# Pagefind writes its filter index (one file per filter) from a hash map, so the values come out
# in a different order on every run: different bytes, hence a different file name, hence a
# different metadata file and entry file that name them. Upstream: Pagefind issue #638 (fragments
# were made stable in 1.3; "other files will still change, such as the filter/metadata
# indexes"). These files must differ; the test decodes them and requires the same content.
# The offline worker lists every file with its hash (handreiking/offline.py), so it differs too:
# its manifest must be the same for every other file.
PAGEFIND_UNSTABLE = (
    "pagefind/pagefind-entry.json",
    "pagefind/pagefind.*.pf_meta",
    "pagefind/filter/*.pf_filter",
    "pagefind/hr-titels.json",  # names the metadata file (handreiking/searchwords.py)
)
UNSTABLE = (*PAGEFIND_UNSTABLE, offline.WORKER)


def pagefind_file(path: Path) -> object:
    raw = gzip.decompress(path.read_bytes())
    assert raw.startswith(b"pagefind_dcd"), path
    return cbor2.loads(raw[len(b"pagefind_dcd") :])


def canonical(value: object) -> object:
    """Order-free form of a decoded Pagefind file (lists and maps become sorted tuples)."""
    if isinstance(value, dict):
        return tuple(sorted(((canonical(k), canonical(v)) for k, v in value.items()), key=repr))
    if isinstance(value, (list, tuple)):
        return tuple(sorted((canonical(v) for v in value), key=repr))
    return value


def pagefind_filters(site: Path) -> object:
    """The content of the filter index, without file names and in no particular order."""
    return canonical([pagefind_file(f) for f in (site / "pagefind" / "filter").glob("*.pf_filter")])


def file_digests(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def unstable(name: str) -> bool:
    return any(Path(name).match(pattern) for pattern in UNSTABLE)


def stable_manifest(site: Path) -> dict[str, str]:
    return {name: digest for name, digest in offline.read_manifest(site).files.items() if not unstable(name)}


def test_two_builds_are_identical(site_dir: Path, tmp_path: Path) -> None:
    """The session's build and a second one, made later: every file byte for byte the same,
    except Pagefind's filter index, whose decoded content must be the same, and the offline
    worker that names those files (its manifest must be the same for every other file)."""
    second = tmp_path / "site"
    result = run_cli("build", "--site-dir", str(second))
    assert result.returncode == 0, result.stdout + result.stderr
    first_files, second_files = file_digests(site_dir), file_digests(second)
    assert {n for n in first_files if not unstable(n)} == {n for n in second_files if not unstable(n)}
    differing = sorted(n for n in first_files if not unstable(n) and first_files[n] != second_files[n])
    assert differing == [], f"files that differ between two builds: {differing}"
    assert len([n for n in first_files if unstable(n)]) == len([n for n in second_files if unstable(n)])
    assert pagefind_filters(site_dir) == pagefind_filters(second)
    meta = [pagefind_file(next((s / "pagefind").glob("pagefind.*.pf_meta"))) for s in (site_dir, second)]
    # the metadata names the filter files (names differ) and lists every page fragment (same)
    assert meta[0][:3] == meta[1][:3]  # type: ignore[index]
    assert stable_manifest(site_dir) == stable_manifest(second)
    # the titles are the same; each build's list names its own metadata file
    titles = [json.loads((s / "pagefind" / "hr-titels.json").read_text(encoding="utf-8")) for s in (site_dir, second)]
    assert titles[0]["pages"] == titles[1]["pages"]
    for site, data in zip((site_dir, second), titles, strict=True):
        assert (site / "pagefind" / f"pagefind.{data['meta']}.pf_meta").is_file()


def test_build_date_is_the_last_commit_not_the_clock(site_dir: Path) -> None:
    """The sitemap's dates (and sitemap.xml.gz's header) come from SOURCE_DATE_EPOCH, which
    ``handreiking.cli build`` takes from the last commit: a build on another day gives the same bytes."""
    last = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=PROJECT_ROOT, capture_output=True, text=True)
    if last.returncode != 0 or not last.stdout.strip().isdigit():
        pytest.skip("not a git checkout: the build date is the day of the build")
    day = datetime.fromtimestamp(int(last.stdout), UTC).date().isoformat()
    dates = set(re.findall(r"<lastmod>([^<]+)</lastmod>", (site_dir / "sitemap.xml").read_text(encoding="utf-8")))
    assert dates == {day}
    header_mtime = int.from_bytes((site_dir / "sitemap.xml.gz").read_bytes()[4:8], "little")
    assert datetime.fromtimestamp(header_mtime, UTC).date().isoformat() == day


# --------------------------------------------------------------------------- ProperDocs canary


@pytest.fixture(scope="module")
def properdocs_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtual environment with the newest ProperDocs of its own; the themes and plugins come
    from the project's environment (a .pth file), so only ProperDocs is installed (one wheel)."""
    python = canary_venv(tmp_path_factory.mktemp("properdocs") / "venv")
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-deps",
            "--ignore-installed",
            "--disable-pip-version-check",
            "properdocs",
        ],
        capture_output=True,
        text=True,
    )
    if install.returncode != 0:
        pytest.skip(f"ProperDocs could not be installed from PyPI: {install.stderr.strip()[-500:]}")
    return python


@pytest.mark.canary
def test_properdocs_builds_the_same_pages(properdocs_python: Path, site_dir: Path, tmp_path: Path) -> None:
    where = subprocess.run(
        [str(properdocs_python), "-c", "import properdocs; print(properdocs.__file__)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert str(properdocs_python.parents[1]) in where  # its own ProperDocs, not the project's copy
    out = tmp_path / "site"
    result = subprocess.run(
        [
            str(properdocs_python),
            "-m",
            "properdocs",
            "build",
            "--strict",
            "--config-file",
            str(PROJECT_ROOT / "mkdocs.yml"),
            "--site-dir",
            str(out),
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert {p.file for p in built_pages(out)} == {p.file for p in built_pages(site_dir)}
    assert (out / "pagefind" / "pagefind.js").is_file()
