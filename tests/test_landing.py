"""Wherever a visitor lands (issue 14): the home page's "Direct naar" entry points on a phone's
first screen, a Dutch page-not-found page with search and the same entry points, Dutch redirect
pages for the short addresses, Dutch landmark labels on every page, and the guide's own date next
to "Laatst bijgewerkt" on every page with the guide's text."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import material
import pytest
from playwright.sync_api import expect

from handreiking.loader import load, load_redirects
from handreiking.urls import page_url
from tests.conftest import format_violations, run_axe
from tests.test_quality import built_pages, route_published_prefix, wait_for_search_results

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1366, "height": 900}}
# The five entry points issue 14 asks for, by the page they lead to.
REQUIRED_ENTRIES = {
    "aanpak/fasewijzer.md",
    "samos/werkprotocol-kernteam.md",
    "vroegsignalering/index.md",
    "praktijkvoorbeelden/index.md",
    "risicofactoren/index.md",
}


def h1_text(site_dir: Path, url: str) -> str:
    """The visible text of the page's <h1> in the built file (without the "#" permalink)."""
    html = (site_dir / url / "index.html").read_text(encoding="utf-8")
    found = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert found, url
    text = re.sub(r'<a class="headerlink".*?</a>', "", found.group(1))
    return " ".join(re.sub(r"<[^>]+>", "", text).split())


# --------------------------------------------------------------------------- Direct naar


def test_direct_naar_has_the_front_line_entry_points() -> None:
    entries = load().direct_naar
    assert {e.pagina.split("#", 1)[0] for e in entries} >= REQUIRED_ENTRIES
    assert all(e.titel.strip() for e in entries)


@pytest.mark.browser
def test_home_page_entry_points_are_on_the_first_phone_screen(browser, base_url: str, site_dir: Path) -> None:
    """At 390 x 844 every entry's link lies wholly on the first screen, below the header, is at
    least 44 px high, and leads to its page; the complete FAQ follows below the block."""
    entries = load().direct_naar
    context = browser.new_context(locale="nl-NL", **PHONE)
    try:
        page = context.new_page()
        page.goto(base_url, wait_until="networkidle")
        block = page.get_by_role("navigation", name="Direct naar")
        links = block.get_by_role("link")
        expect(links).to_have_count(len(entries))
        header = page.locator(".md-header").bounding_box()
        assert header
        for i, entry in enumerate(entries):
            link = links.nth(i)
            expect(link).to_contain_text(entry.titel)
            box = link.bounding_box()
            assert box, entry.pagina
            assert box["y"] >= header["y"] + header["height"] - 1, (entry.pagina, box)
            assert box["y"] + box["height"] <= 844, (entry.pagina, box)
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (entry.pagina, box)
            assert box["height"] >= 44, (entry.pagina, box)
        # the complete FAQ stays on the home page, below the block
        faq = page.locator("article h2#fasen")
        expect(faq).to_be_attached()
        assert page.evaluate("""() => {
            const nav = document.querySelector('.hr-direct'), faq = document.getElementById('fasen');
            return !!(nav.compareDocumentPosition(faq) & Node.DOCUMENT_POSITION_FOLLOWING); }""")
        assert page.locator("article a[href*='#']").count() >= 40  # the FAQ's questions link to their answers
        violations = run_axe(page)
        assert violations == [], format_violations(violations)
        for i, entry in enumerate(entries):
            page.goto(base_url, wait_until="load")
            page.get_by_role("navigation", name="Direct naar").get_by_role("link").nth(i).tap()
            target = page_url(entry.pagina)
            expect(page).to_have_url(base_url + target)
            expect(page.locator("article h1")).to_contain_text(h1_text(site_dir, target.split("#", 1)[0]))
    finally:
        context.close()


# --------------------------------------------------------------------------- page not found


def open_404(context, site_dir: Path, base_url: str):  # type: ignore[no-untyped-def]
    """The 404 page as GitHub Pages serves it for a missing address (its links are absolute under
    the published path; the tests map that path onto the test server, tests/test_quality.py)."""
    route_published_prefix(context, site_dir, base_url)
    page = context.new_page()
    page.goto(base_url + "404.html", wait_until="networkidle")
    return page


@pytest.mark.browser
def test_page_not_found_is_dutch_with_search_and_entry_points(browser, base_url: str, site_dir: Path) -> None:
    html = (site_dir / "404.html").read_text(encoding="utf-8")
    assert '<html lang="nl"' in html
    assert "Not found" not in html and "404 -" not in html
    prefix = urlparse(re.search(r'href="(/[^"]*?)assets/stylesheets/', html).group(1)).path  # type: ignore[union-attr]
    entries = load().direct_naar
    context = browser.new_context(locale="nl-NL", **PHONE)
    try:
        page = open_404(context, site_dir, base_url)
        expect(page.locator("article h1")).to_have_text("Pagina niet gevonden")
        expect(page).to_have_title(re.compile("^Pagina niet gevonden"))
        links = page.get_by_role("navigation", name="Direct naar").get_by_role("link")
        expect(links).to_have_count(len(entries))
        for i, entry in enumerate(entries):
            # absolute under the site's path: right at any depth of a missing address
            assert links.nth(i).get_attribute("href") == prefix + page_url(entry.pagina)
            assert links.nth(i).bounding_box()["height"] >= 44  # type: ignore[index]
        violations = run_axe(page)
        assert violations == [], format_violations(violations)
        # each entry leads to its page
        for i, entry in enumerate(entries):
            page.goto(base_url + "404.html", wait_until="load")
            page.get_by_role("navigation", name="Direct naar").get_by_role("link").nth(i).tap()
            target = page_url(entry.pagina).split("#", 1)[0]
            expect(page.locator("article h1")).to_contain_text(h1_text(site_dir, target))
        # the search form on the page leads to the search page with the words
        page.goto(base_url + "404.html", wait_until="load")
        search = page.get_by_role("search", name="Zoeken in de handreiking")
        search.get_by_label("Zoeken in de handreiking").fill("kernteam")
        search.get_by_role("button", name="Zoeken").tap()
        expect(page).to_have_url(re.compile(r"/zoeken/\?q=kernteam$"))
        expect(page.locator("article li a").first).to_be_visible(timeout=15000)
        # the header search works here too
        page.goto(base_url + "404.html", wait_until="load")
        page.keyboard.press("/")
        page.locator("dialog.hr-search[open]").wait_for()
        page.keyboard.type("kernteam")
        wait_for_search_results(page, "kernteam")  # Pagefind's results, not the titles shown meanwhile
        result = page.locator("dialog.hr-search[open] .hr-result a").first
        result.wait_for()
        assert (result.get_attribute("href") or "").startswith(prefix)
    finally:
        context.close()


# --------------------------------------------------------------------------- redirect pages


def redirect_map() -> dict[str, str]:
    maps = {item.oud: item.nieuw for item in load_redirects(load())}
    assert len(maps) >= 14
    return maps


def test_every_redirect_page_is_dutch(site_dir: Path) -> None:
    """Each short or old address (data/doorverwijzingen.yaml) has a Dutch page: lang="nl", Dutch text
    with a link, a meta refresh and a canonical link to the page it leads to."""
    for old, new in redirect_map().items():
        html = (site_dir / page_url(old) / "index.html").read_text(encoding="utf-8")
        target = page_url(new)
        assert '<html lang="nl">' in html, old
        assert "Redirecting" not in html and "You're being redirected" not in html, old
        assert "U wordt nu doorgestuurd" in html and "<title>Doorverwijzing naar " in html, old
        refresh = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', html)
        link = re.search(r'<a href="([^"]+)">([^<]+)</a>', html)
        canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html)
        assert refresh and link and canonical, old
        assert refresh.group(1) == link.group(1), old
        assert urlparse(urljoin("https://site.test/" + page_url(old), refresh.group(1))).path == "/" + target, old
        assert canonical.group(1).startswith("http") and canonical.group(1).endswith("/" + target), old
        assert link.group(2).strip(), old  # the link names the page


@pytest.mark.browser
def test_redirect_pages_lead_to_their_page_and_keep_the_anchor(page, base_url: str, site_dir: Path) -> None:
    for old, new in redirect_map().items():
        page.goto(base_url + page_url(old), wait_until="load")
        expect(page).to_have_url(base_url + page_url(new))
        expect(page.locator("article h1")).to_contain_text(h1_text(site_dir, page_url(new).split("#", 1)[0]))
    page.goto(base_url + "veelgestelde-vragen/#samos", wait_until="load")
    expect(page).to_have_url(base_url + "#samos")


# --------------------------------------------------------------------------- landmark labels


def english_theme_strings() -> set[str]:
    """Every string of the theme's English translation (partials/languages/en.html)."""
    source = (Path(material.__file__).parent / "templates" / "partials" / "languages" / "en.html").read_text()
    return {value.lower() for value in re.findall(r'^\s*"[\w.-]+": "([^"]+)"', source, re.M)}


LANDMARK_TAGS = {"nav", "header", "footer", "aside", "main", "form", "section", "search"}
LANDMARK_ROLES = {"navigation", "banner", "contentinfo", "complementary", "main", "form", "region", "search"}


class _Landmarks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.labels: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if (tag in LANDMARK_TAGS or values.get("role") in LANDMARK_ROLES) and values.get("aria-label"):
            self.labels.append(values["aria-label"])


def test_no_landmark_has_an_english_label(site_dir: Path) -> None:
    english = english_theme_strings() | {"header", "footer", "navigation", "table of contents", "search"}
    found: dict[str, list[str]] = {}
    pages = built_pages(site_dir)
    assert len(pages) > 50
    for built in pages:
        parser = _Landmarks()
        parser.feed((site_dir / built.file).read_text(encoding="utf-8"))
        for label in parser.labels:
            if label.strip().lower() in english:
                found.setdefault(label, []).append(f"/{built.path}")
    assert found == {}, {label: paths[:3] for label, paths in found.items()}


@pytest.mark.browser
def test_screen_readers_hear_dutch_landmark_names(browser, base_url: str, site_dir: Path) -> None:
    context = browser.new_context(locale="nl-NL", **DESKTOP)
    try:
        page = context.new_page()
        page.goto(base_url + "samos/", wait_until="load")
        expect(page.get_by_role("navigation", name="Bovenbalk", exact=True)).to_have_count(1)
        expect(page.get_by_role("navigation", name="Vorige en volgende pagina", exact=True)).to_have_count(1)
        for name in ("Header", "Footer"):
            expect(page.get_by_role("navigation", name=name, exact=True)).to_have_count(0)
        page = open_404(context, site_dir, base_url)
        expect(page.get_by_role("navigation", name="Bovenbalk", exact=True)).to_have_count(1)
        expect(page.get_by_role("navigation", name="Header", exact=True)).to_have_count(0)
    finally:
        context.close()


# --------------------------------------------------------------------------- how current

# Pages of the site itself, not text of the guide (mkdocs.yml: extra.handreiking.eigen_paginas).
SITE_OWN = ("redactie/", "toegankelijkheid/", "zoeken/")
GUIDE_LINE = "Tekst uit de handreiking van KIS / Verwey-Jonker Instituut (2016)"
GUIDE_LINE_HTML = 'Tekst uit de handreiking van KIS / Verwey-Jonker Instituut (<time datetime="2016">2016</time>)'


def test_every_guidance_page_names_the_guide_and_its_year(site_dir: Path) -> None:
    """Next to "Laatst bijgewerkt" (the page meta under the content), every page with the guide's
    text says where the text comes from and how old it is; the site's own pages do not."""
    pages = [p for p in built_pages(site_dir) if not p.redirect and p.path != "404.html"]
    guidance = [p for p in pages if not p.path.startswith(SITE_OWN)]
    assert len(guidance) > 60 and len(guidance) < len(pages)
    missing, apart = [], []
    for built in pages:
        html = (site_dir / built.file).read_text(encoding="utf-8")
        aside = re.search(r'<aside class="hr-page-meta".*?</aside>', html, re.S)
        meta = aside.group(0) if aside else ""
        if built not in guidance:
            assert GUIDE_LINE_HTML not in html, f"/{built.path} is the site's own page"
            continue
        if GUIDE_LINE_HTML not in meta:
            missing.append(f"/{built.path}")
        elif "Laatst bijgewerkt" in meta and not re.search(
            r"Laatst bijgewerkt: <time[^>]*>[^<]+</time></p>\s*"
            r'<p class="hr-page-meta__bron">' + re.escape(GUIDE_LINE_HTML),
            meta,
        ):
            apart.append(f"/{built.path}")
    assert missing == [], f"no source line on {len(missing)} guidance pages: {missing[:10]}"
    assert apart == [], f"source line not next to 'Laatst bijgewerkt': {apart[:10]}"


@pytest.mark.browser
@pytest.mark.parametrize("path", ["samos/urgentiedilemma/", "praktijkvoorbeelden/buurtbemiddeling/", ""])
def test_the_guides_date_is_visible_on_a_phone(browser, base_url: str, path: str) -> None:
    context = browser.new_context(locale="nl-NL", **PHONE)
    try:
        page = context.new_page()
        page.goto(base_url + path, wait_until="load")
        line = page.get_by_role("complementary", name="Over deze pagina").get_by_text(GUIDE_LINE, exact=True)
        line.scroll_into_view_if_needed()
        expect(line).to_be_in_viewport()
    finally:
        context.close()
