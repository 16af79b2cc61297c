"""The example edition Voorbeeldstad (edities/voorbeeldstad/), built once as a municipality would
(``make build EDITIE=voorbeeldstad``) and met as a visitor meets it: in Chromium at phone width and
on a desktop, with axe-core, the Content-Security-Policy, search, the overview's filters, print and
the offline manifest."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from handreiking import edition, offline, printall
from handreiking.loader import load
from handreiking.urls import page_url
from tests.conftest import format_violations, run_axe, run_cli, serve_directory
from tests.test_search import wait_for_search

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1366, "height": 900}}
VIOLATIONS = """window.__hrViolations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__hrViolations.push(e.effectiveDirective + " " + e.blockedURI));"""
NAME = "voorbeeldstad"


@pytest.fixture(scope="session")
def edition_kb() -> edition.EditionKnowledgeBase:
    layer = edition.find(NAME)
    assert layer is not None
    return edition.load_edition(load(), layer)


@pytest.fixture(scope="session")
def edition_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("edition") / "site"
    result = run_cli("build", "--editie", NAME, "--site-dir", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def edition_url(edition_site: Path) -> Iterator[str]:
    with serve_directory(edition_site) as url:
        yield url


def open_page(browser, url: str, device: dict | None = None):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="nl-NL", **(device or DESKTOP))
    context.add_init_script(VIOLATIONS)
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    return context, page


@pytest.mark.browser
@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", ["samos/kernteam/", "er-is-iets-gebeurd/", "voorbeeldstad/communicatieplan/"])
def test_edition_pages_carry_its_name_pass_axe_and_keep_the_policy(
    browser, edition_url: str, edition_kb: edition.EditionKnowledgeBase, device: dict, path: str
) -> None:
    context, page = open_page(browser, edition_url + path, device)
    try:
        expect(page.locator(".md-header .hr-editie-naam")).to_have_text(edition_kb.edition.naam)
        violations = run_axe(page)
        assert not violations, format_violations(violations)
        assert page.evaluate("window.__hrViolations") == []
        assert page.evaluate("document.documentElement.scrollWidth") <= device["viewport"]["width"]
    finally:
        context.close()


@pytest.mark.browser
def test_the_kernteam_page_shows_each_local_role_with_a_tel_link(
    browser, edition_url: str, edition_kb: edition.EditionKnowledgeBase
) -> None:
    context, page = open_page(browser, edition_url + "samos/kernteam/", PHONE)
    try:
        slot = page.locator("aside.hr-editie")
        expect(slot.get_by_role("heading", name=f"Zo doen wij het in {edition_kb.edition.naam}")).to_have_count(1)
        members = slot.locator(".hr-editie__lid")
        expect(members).to_have_count(len(edition_kb.samos.kernteam))
        for i, member in enumerate(edition_kb.samos.kernteam):
            expect(members.nth(i).locator("dt")).to_have_text(edition_kb.roles[member.rol].naam)
            link = members.nth(i).locator(f'a[href="tel:{member.tel}"]')
            expect(link).to_have_text(member.telefoon)
            box = link.bounding_box()
            assert box and box["height"] >= 24, box  # a target for a thumb (WCAG 2.5.8)
        # at the end of the section it names: after the guide's text, inside the article
        assert page.locator("article #spin-in-het-web ~ aside.hr-editie").count() == 1
    finally:
        context.close()


@pytest.mark.browser
def test_the_incident_route_says_whom_to_call_in_order(
    browser, edition_url: str, edition_kb: edition.EditionKnowledgeBase
) -> None:
    context, page = open_page(browser, edition_url + "er-is-iets-gebeurd/", PHONE)
    try:
        step = page.locator("li.hr-route__stap", has=page.locator("h2#kernteam"))
        calls = step.locator(".hr-editie__bel > li")
        expect(calls).to_have_count(len(edition_kb.samos.escalatie))
        for i, call in enumerate(edition_kb.samos.escalatie):
            member = edition_kb.member(call.rol)
            assert member is not None
            expect(calls.nth(i)).to_contain_text(f"Bel {member.functie}")
            expect(calls.nth(i).locator(f'a[href="tel:{member.tel}"]')).to_have_text(member.telefoon)
        # the other steps have no local text
        assert page.locator("aside.hr-editie").count() == 1
        # a link in the slot's text is rewritten as on every page (written from er-is-iets-gebeurd.md)
        link = step.locator("aside.hr-editie p a", has_text="communicatieplan")
        expect(link).to_have_attribute("href", "../voorbeeldstad/communicatieplan/#woordvoering")
        link.click()
        expect(page.locator("h2#woordvoering")).to_be_visible()
    finally:
        context.close()


@pytest.mark.browser
def test_search_finds_a_local_page(browser, edition_url: str) -> None:
    context, page = open_page(browser, edition_url + "zoeken/?q=communicatieplan")
    try:
        wait_for_search(page, page, "communicatieplan")  # Pagefind's first result, not a title shown meanwhile
        first = page.locator(".hr-result__title").first
        expect(first).to_have_attribute("href", re.compile(rf"/{NAME}/communicatieplan/$"))
    finally:
        context.close()


@pytest.mark.browser
def test_the_overview_filters_local_examples(
    browser, edition_url: str, edition_kb: edition.EditionKnowledgeBase
) -> None:
    local = edition_kb.local_examples[0].id
    handeling = edition_kb.interventions[local].handelingen[0]
    other = next(h.id for h in edition_kb.handelingen if h.id not in edition_kb.interventions[local].handelingen)
    context, page = open_page(browser, edition_url + f"praktijkvoorbeelden/?handeling={handeling}")
    try:
        card = page.locator(f'[data-intervention="{local}"]')
        expect(card).to_be_visible()
        page.goto(edition_url + f"praktijkvoorbeelden/?handeling={other}", wait_until="networkidle")
        expect(page.locator("[data-intervention]:visible").first).to_be_visible()
        expect(card).to_be_hidden()
    finally:
        context.close()


@pytest.mark.browser
def test_the_printed_checklists_carry_the_edition_and_its_numbers(
    browser, edition_url: str, edition_kb: edition.EditionKnowledgeBase
) -> None:
    context, page = open_page(browser, edition_url + "samos/werkprotocol-kernteam/")
    try:
        page.emulate_media(media="print")
        slot = page.locator("aside.hr-editie")
        expect(slot).to_be_visible()
        for member in edition_kb.samos.kernteam:
            expect(slot.get_by_text(member.telefoon).first).to_be_visible()
        expect(page.locator(".hr-page-meta__editie")).to_be_visible()
        expect(page.locator(".hr-page-meta__editie")).to_contain_text(f"Editie {edition_kb.edition.naam}")
        expect(page.locator(".md-header")).to_be_hidden()
    finally:
        context.close()


def test_the_print_all_page_open_data_and_offline_manifest_hold_the_edition(
    edition_site: Path, edition_kb: edition.EditionKnowledgeBase
) -> None:
    printed = (edition_site / "afdrukken/index.html").read_text(encoding="utf-8")
    assert f"Zo doen wij het in {edition_kb.edition.naam}" in printed
    # the edition's menu section is part of it too, in the menu's order (after "Er is iets gebeurd")
    parts = re.findall(r'<section class="hr-print-part" id="([^"]+)"', printed)
    own = [printall.slug("/" + own_address(p)) for p in edition_kb.layer.pages()]
    assert set(own) <= set(parts), (own, parts)
    assert parts.index(printall.slug("/er-is-iets-gebeurd/")) < parts.index(own[0])
    files = set(offline.read_manifest(edition_site).files)
    for page in edition_kb.layer.pages():
        assert own_address(page) in files, page
    assert "open-data/editie.json" in files
    layer = json.loads((edition_site / "open-data/editie.json").read_text(encoding="utf-8"))
    assert layer["naam"] == edition_kb.edition.naam
    assert [m["telefoon"] for m in layer["samos"]["kernteam"]] == [m.telefoon for m in edition_kb.samos.kernteam]
    examples = json.loads((edition_site / "open-data/interventies.json").read_text(encoding="utf-8"))
    assert {i.id for i in edition_kb.local_examples} <= {e["id"] for e in examples}


def own_address(page: str) -> str:
    """The address of one of the edition's own pages (``page``: its path under the edition's docs/)."""
    return page_url(f"{NAME}/{page}")


def built(site: Path, src_uri: str) -> str:
    """The built HTML of the page made from ``src_uri``."""
    return (site / page_url(src_uri) / "index.html").read_text(encoding="utf-8")


def edit_link(html: str) -> str | None:
    """The page's "Bewerk ..." link (overrides/main.html), if it has one."""
    found = re.search(r'<a href="([^"]+)"[^>]*>Bewerk (?:deze pagina|de gegevens) \(GitHub\)', html)
    return found[1] if found else None


def test_edit_links_lead_to_the_editions_own_files(
    edition_site: Path, edition_kb: edition.EditionKnowledgeBase
) -> None:
    repo = "https://github.com/verwey-jonker/handreiking-onrust"
    for page in edition_kb.layer.pages():
        assert edit_link(built(edition_site, f"{NAME}/{page}")) == f"{repo}/edit/main/edities/{NAME}/docs/{page}", page
    local = edition_kb.local_examples[0]
    assert (
        edit_link(built(edition_site, local.src_uri))
        == f"{repo}/blob/main/edities/{NAME}/data/interventions.yaml#L{local.origin.line}"
    )
    # a national page keeps its own
    html = (edition_site / "samos/kernteam/index.html").read_text(encoding="utf-8")
    assert edit_link(html) == f"{repo}/edit/main/docs/samos/kernteam.md"


def test_only_the_guides_text_says_it_comes_from_the_guide(
    edition_site: Path, edition_kb: edition.EditionKnowledgeBase
) -> None:
    """The edition's own pages and local examples are the municipality's text, not the guide's."""
    source = "Tekst uit de handreiking van"
    for page in edition_kb.layer.pages():
        assert source not in built(edition_site, f"{NAME}/{page}"), page
    local = edition_kb.local_examples[0]
    assert source not in built(edition_site, local.src_uri)
    assert source in (edition_site / "samos/kernteam/index.html").read_text(encoding="utf-8")
