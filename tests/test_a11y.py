"""Names, landmarks, languages and announcements (issue 23): what a screen reader meets.

- the theme's markup mended after the build (handreiking/postbuild.py): sub-menus and sub-lists
  of a table of contents are no landmarks of their own, every navigation landmark has a name,
  heading permalinks add nothing to a heading's name;
- English phrases of the guide's text (``engelse_woorden`` in data/vocabularies.yaml) are marked
  ``lang="en"`` on every page, from docs/ and from data/;
- every change a person makes is announced once, from a live region that is in the page from
  the start, also when the text it says is the same as before (announce.js).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from handreiking import htmlspans, language
from handreiking.loader import load
from handreiking.postbuild import valid_theme_markup
from tests.conftest import PROJECT_ROOT
from tests.test_quality import VNU_IGNORED, built_pages

CHECKLIST_PAGE = "samos/werkprotocol-kernteam/"


# --------------------------------------------------------------------------- the mending, unit


def test_nested_navigation_is_no_landmark_and_toggles_lose_their_empty_focus_stop() -> None:
    html = (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
        '<nav class="md-nav md-nav--primary" aria-label="Navigatie" data-md-level="0"><ul><li>'
        '<label class="md-nav__link" for="__nav_2_1" id="__nav_2_1_label" tabindex="0"><span></span></label>'
        '<nav class="md-nav" data-md-level="2" aria-labelledby="__nav_2_1_label" aria-expanded="false">'
        '<ul><li><a href="x/">X</a></li></ul></nav>'
        '<nav class="md-nav md-nav--secondary" aria-label="Inhoudsopgave"><ul><li><a href="#a">A</a>'
        '<nav class="md-nav" aria-label="A"><ul><li><a href="#b">B</a></li></ul></nav></li></ul></nav>'
        "</li></ul></nav>"
        '<nav class="md-nav md-nav--secondary" aria-label="Inhoudsopgave"><ul><li><a href="#a">A</a></li></ul></nav>'
        '<h2 id="a">A<a class="headerlink" href="#a" title="Link naar deze kop">#</a></h2>'
        '<p><a href="#a">nav</a> <code>&lt;nav class="md-nav"&gt;</code></p>'
        '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'  # no label names it
    )
    out = valid_theme_markup(html)
    landmarks = re.findall(r"<nav[^>]*>", out)
    assert landmarks == [
        '<nav class="md-nav md-nav--primary" aria-label="Navigatie" data-md-level="0">',
        '<nav class="md-nav md-nav--secondary" aria-label="Inhoudsopgave">',  # the right-hand column's
    ]
    assert out.count("<nav") == out.count("</nav>") == 2
    assert '<div class="md-nav" data-md-level="2">' in out  # no aria-expanded on a div either
    assert '<div class="md-nav md-nav--secondary">' in out and '<div class="md-nav">' in out
    assert 'tabindex="0"' not in out and "autocomplete" not in out
    assert '<a class="headerlink" href="#a" title="Link naar deze kop" aria-hidden="true" tabindex="-1">#</a>' in out
    assert out.endswith('<p><a href="#a">nav</a> <code>&lt;nav class="md-nav"&gt;</code></p>')  # text untouched
    assert "__toc" not in out  # a checkbox without a name (HTML_CodeSniffer) is gone
    assert valid_theme_markup(out) == out  # mended once


def test_english_phrases_are_marked_in_text_only() -> None:
    html = (
        '<p>Een model van <a href="https://x.test/community-policing">Community Policing</a>, '
        "zeker <em>in the heat of the moment</em>.</p>"
        '<p lang="en">community policing</p><pre><code>community policing</code></pre>'
        '<p title="community policing">communitypolicing, community policings</p>'
    )
    out = language.mark(html, ["community policing", "in the heat of the moment"])
    assert out == (
        '<p>Een model van <a href="https://x.test/community-policing"><span lang="en">Community Policing</span></a>, '
        'zeker <em><span lang="en">in the heat of the moment</span></em>.</p>'
        '<p lang="en">community policing</p><pre><code>community policing</code></pre>'
        '<p title="community policing">communitypolicing, community policings</p>'
    )
    assert language.mark(html, []) == html


# --------------------------------------------------------------------------- the built site


def unmarked(html: str, phrases: list[str]) -> list[str]:
    found = language.pattern(phrases)
    assert found is not None
    misses = []
    for run in htmlspans.texts(html):
        if any(e.tag in language.SKIPPED for e in run.within):
            continue
        if any(e.attrs.get("lang") == "en" for e in run.within):
            continue
        misses += [m.group(0) for m in found.finditer(run.text)]
    return misses


def test_every_english_phrase_is_marked_on_every_page(site_dir: Path) -> None:
    """From docs/ (``communicatie``: "in the heat of the moment") and from data/ (the record of
    Buurt Bestuurt: "reassurance policing"), in the page's own content; the navigation and the
    page titles (outside the content) may name them unmarked."""
    phrases = load().vocab.engelse_woorden
    assert {"community policing", "reassurance policing", "in the heat of the moment"} <= set(phrases)
    marked: dict[str, int] = {}
    misses = {}
    for page in built_pages(site_dir):
        html = (site_dir / page.file).read_text(encoding="utf-8")
        article = re.search(r"<article.*?</article>", html, re.S)
        if not article:
            continue
        if found := unmarked(article.group(0), phrases):
            misses[page.path] = found
        marked[page.path] = article.group(0).count('<span lang="en">')
    assert misses == {}
    assert marked["samos/communicatie/"] >= 1 and marked["rellen/politie/"] >= 5
    assert any(marked[p] for p in marked if p.startswith("praktijkvoorbeelden/buurt-bestuurt")), "data text"


def test_every_navigation_landmark_is_named(site_dir: Path) -> None:
    """At most four named navigation landmarks a page (header, menu, table of contents, previous
    and next), each name unique on its page; none inside another (6-7 unnamed ones before)."""
    problems = []
    for page in built_pages(site_dir):
        if page.redirect:
            continue
        html = (site_dir / page.file).read_text(encoding="utf-8")
        elements = htmlspans.parse(html)
        ids = {e.attrs.get("id"): e for e in elements if e.attrs.get("id")}
        names = []
        for nav in (e for e in elements if e.tag == "nav"):
            name = nav.attrs.get("aria-label") or ""
            if not name and nav.attrs.get("aria-labelledby") in ids:
                label = ids[nav.attrs["aria-labelledby"]]
                name = re.sub(r"<[^>]+>|\s+", " ", html[label.inner_start : label.inner_end]).strip()
            names.append(name)
            if any(n.tag == "nav" for n in elements if n.start > nav.start and n.end <= nav.end and n is not nav):
                problems.append(f"/{page.path}: a nav inside the nav named {name!r}")
        if "" in names or len(set(names)) != len(names) or len(names) > 5:
            problems.append(f"/{page.path}: navigation landmarks {names}")
    assert problems == []


@pytest.mark.browser
def test_heading_names_have_no_permalink_sign(page, base_url: str) -> None:
    """The accessibility tree (Playwright's ARIA snapshot): each heading is named by its own
    words, not followed by "#"; the permalink is still there for a mouse."""
    page.goto(base_url + CHECKLIST_PAGE, wait_until="load")
    expect(page.get_by_role("heading", name="Vooraf per groepslid", exact=True)).to_have_count(1)
    tree = page.locator("article").aria_snapshot()
    headings = re.findall(r'- heading "([^"]*)"', tree)
    assert len(headings) >= 5, tree[:500]
    assert [h for h in headings if "#" in h] == []
    assert page.locator("article h2 a.headerlink").count() >= 4


# --------------------------------------------------------------------------- announcements

# Records every change of text of the page's live regions (role=status or aria-live), with the
# live region's text after it; only regions that are in the page when this runs. Not the footer's
# offline status (offline.js): it fills on its own time, once the service worker has every file
# (about two seconds after load, in the middle of these tests), whatever the visitor chose.
WATCH_JS = """() => {
  window.__hrSaid = [];
  const regions = [...document.querySelectorAll('[role=status], [aria-live]:not([aria-live=off])')]
    .filter((region) => !region.matches('[data-hr-offline]'));
  const observer = new MutationObserver((records) => {
    for (const region of new Set(records.map((r) => regions.find((g) => g.contains(r.target))))) {
      if (region) window.__hrSaid.push(region.textContent);
    }
  });
  for (const region of regions) observer.observe(region, {childList: true, characterData: true, subtree: true});
  return regions.length;
}"""


def said(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.evaluate("() => window.__hrSaid.splice(0)")


def announced_once(page, text: str | re.Pattern[str]) -> None:  # type: ignore[no-untyped-def]
    """Exactly one live region changed once (hence is read once), to ``text``."""
    page.wait_for_function("() => window.__hrSaid.length > 0")
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    changes = said(page)
    assert len(changes) == 1, changes
    value = changes[0].replace("\u00a0", " ").strip()
    assert text.search(value) if isinstance(text, re.Pattern) else value == text, changes


@pytest.mark.browser
def test_risk_factor_choices_are_announced_from_a_region_shown_from_the_start(page, base_url: str) -> None:
    page.goto(base_url + "risicofactoren/", wait_until="load")
    summary = page.locator("[data-hr-rf-summary]")
    expect(summary).to_have_attribute("role", "status")
    expect(summary).to_be_visible()  # not in the results, which are hidden until the first choice
    assert page.evaluate(WATCH_JS) >= 1
    boxes = page.locator("input[name=rf]")
    boxes.nth(0).check()
    announced_once(page, re.compile(r"^1 risicofactor gekozen, \d+ aanpak"))
    boxes.nth(1).check()
    announced_once(page, re.compile(r"^2 risicofactoren gekozen, "))
    boxes.nth(1).uncheck()
    announced_once(page, re.compile(r"^1 risicofactor gekozen, "))
    boxes.nth(0).uncheck()
    announced_once(page, "Nog geen risicofactor gekozen.")


@pytest.mark.browser
def test_a_filter_that_leaves_the_count_as_it_was_is_announced_too(page, base_url: str) -> None:
    page.goto(base_url + "praktijkvoorbeelden/?q=zzzgeenresultaatzzz", wait_until="load")
    count = page.locator("[data-hr-count]")
    expect(count).to_have_text(re.compile(r"^0 van "))
    page.evaluate(WATCH_JS)
    page.locator("input[name=handeling]").first.check()  # still nothing found
    announced_once(page, re.compile(r"^0 van \d+ praktijkvoorbeelden"))
    page.locator("input[name=schaal]").first.check()  # again
    announced_once(page, re.compile(r"^0 van \d+ praktijkvoorbeelden"))


@pytest.mark.browser
def test_checklist_ticks_are_announced_also_the_last_one_unticked(page, base_url: str) -> None:
    page.goto(base_url + CHECKLIST_PAGE, wait_until="load")
    page.evaluate(WATCH_JS)
    box = page.locator(".task-list-control input[type=checkbox]").first
    box.focus()
    page.keyboard.press("Space")
    announced_once(page, re.compile(r"^1 van \d+ punten afgevinkt$"))
    page.keyboard.press("Space")
    announced_once(page, "Geen punten afgevinkt")
    clear = page.get_by_role("button", name="Alle vinkjes wissen")
    clear.click()
    announced_once(page, "Alle vinkjes zijn gewist")
    clear.click()  # the same words again: said again
    announced_once(page, "Alle vinkjes zijn gewist")


# --------------------------------------------------------------------------- the statement

STATEMENT = PROJECT_ROOT / "docs" / "toegankelijkheid.md"


def test_each_claim_of_the_accessibility_statement_names_a_test_that_exists(site_dir: Path) -> None:
    """docs/toegankelijkheid.md, "Hoe we testen": each claim names (in a comment in its source)
    the tests that check it, or the benchmark that measures it; each named test exists. And what
    the statement says elsewhere holds: zero validator errors without exceptions, the pages for
    old addresses in Dutch."""
    text = STATEMENT.read_text(encoding="utf-8")
    section = text.split("## Hoe we testen", 1)[1].split("\n## ", 1)[0]
    claims = re.split(r"\n- ", section)[1:]
    assert len(claims) >= 8
    missing = []
    for claim in claims:
        title = re.match(r"\*\*(.+?)\*\*", claim)
        refs = re.findall(r"<!-- (test|meting): (.+?) -->", claim)
        assert title and refs, f"a claim without its test: {claim[:80]!r}"
        for kind, names in refs:
            for name in (n.strip() for n in names.split(",")):
                file, _, function = name.partition("::")
                path = PROJECT_ROOT / file
                if not path.is_file():
                    missing.append(f"{title.group(1)}: {file}")
                elif kind == "test":
                    defined = {
                        n.name
                        for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                        if isinstance(n, ast.FunctionDef)
                    }
                    if function not in defined:
                        missing.append(f"{title.group(1)}: {name}")
    assert missing == []
    # "nul fouten, zonder uitzonderingen"
    assert "zonder uitzonderingen" in section and VNU_IGNORED == []
    # the pages of old and short addresses are Dutch (the statement said English)
    assert "Engelstalig" not in text
    redirects = [p for p in built_pages(site_dir) if p.redirect]
    assert redirects and all('<html lang="nl">' in (site_dir / p.file).read_text(encoding="utf-8") for p in redirects)
