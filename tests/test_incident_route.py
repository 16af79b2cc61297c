"""The route "Er is iets gebeurd" (issue 21): its data is validated with exact Dutch messages, every
passage it quotes still stands under the anchor it links to on the built page, and a front-line
worker reaches it with one tap from the home page's first phone screen, uses it with a thumb, and
prints it on one or two A4 pages."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import expect

from handreiking.loader import KnowledgeBaseError, load, validate
from handreiking.model import IncidentRoute
from handreiking.paths import DOCS_DIR
from handreiking.urls import page_url
from tests.conftest import PROJECT_ROOT, format_violations, run_axe, run_cli
from tests.pdf import pdf_pages_text, print_to_pdf
from tests.test_loader import _break
from tests.test_offline import LAYOUT_SHIFTS, VIOLATIONS

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1366, "height": 900}}
NAME = "incident-route.yaml"

# --------------------------------------------------------------------------- the validator

# (case, text to replace in the fixture, replacement, the exact message line)
BROKEN = [
    (
        "quote without anchor",
        "pagina: samos/werkprotocol-kernteam.md#kernteam-bijeen",
        "pagina: samos/werkprotocol-kernteam.md",
        'data/incident-route.yaml:9: kernteam: citaten[1].pagina: "samos/werkprotocol-kernteam.md" heeft geen '
        "anker; geef het anker van de kop waaronder de tekst staat, bijvoorbeeld "
        "samos/werkprotocol-kernteam.md#voorbeeld-werkprotocol",
    ),
    (
        "anchor that does not exist",
        "pagina: samos/kernteam.md#spin-in-het-web",
        "pagina: samos/kernteam.md#spin",
        'data/incident-route.yaml:11: kernteam: meer[1].pagina: anker "#spin" bestaat niet op pagina '
        "samos/kernteam.md; kies uit: #kernteam, #spin-in-het-web",
    ),
    (
        "page that does not exist",
        "pagina: rellen/escalatiemodel.md\n",
        "pagina: rellen/escalatie.md\n",
        'data/incident-route.yaml:19: escalatie-voorkomen: meer[1].pagina: pagina "rellen/escalatie.md" bestaat '
        "niet; geef een pad onder docs/, bijvoorbeeld samos/kernteam.md",
    ),
    (
        "unknown stage",
        "stadia: [escalatie]",
        "stadia: [rellen]",
        'data/incident-route.yaml:16: escalatie-voorkomen: stadia: onbekend stadium "rellen"; kies uit: '
        "relatieve-rust, escalatie",
    ),
    (
        "lesson that does not exist",
        "lessen: [3]",
        "lessen: [9]",
        "data/incident-route.yaml:17: escalatie-voorkomen: lessen: les 9 bestaat niet; kies een nummer van 1 tot "
        "en met 5 (de lessen in data/escalatiemodel.yaml, in volgorde)",
    ),
    (
        "lesson that is no number",
        "lessen: [3]",
        "lessen: [drie]",
        "data/incident-route.yaml:17: escalatie-voorkomen: lessen[1]: moet een geheel getal zijn, niet tekst",
    ),
    (
        "step without more",
        "    meer:\n      - pagina: rellen/escalatiemodel.md\n        titel: Escalatiemodel\n",
        "",
        "data/incident-route.yaml:13: escalatie-voorkomen: meer: verplicht veld ontbreekt",
    ),
    (
        "unknown field",
        "    citaten:\n",
        "    citaat:\n",
        'data/incident-route.yaml:7: kernteam: citaat: onbekend veld "citaat"; toegestane velden: id, titel, '
        "doen, citaten, stadia, lessen, meer",
    ),
    (
        "step id twice",
        "  - id: escalatie-voorkomen\n",
        "  - id: kernteam\n",
        'data/incident-route.yaml:13: kernteam: id: dubbele id "kernteam"; dezelfde id staat al op regel 4; '
        "elke id moet uniek zijn",
    ),
    (
        "HTML in a text",
        "doen: Reageer zo snel mogelijk na het incident.",
        'doen: Reageer <a href="x">zo snel</a> mogelijk.',
        None,  # the safety check's own message (tests/test_security.py); here: it is reported on the line
    ),
]


@pytest.mark.parametrize("case,old,new,expected", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_route_gives_exact_message(data_copy: Path, case: str, old: str, new: str, expected: str | None) -> None:
    _break(data_copy, NAME, old, new)
    with pytest.raises(KnowledgeBaseError) as info:
        validate(data_copy, DOCS_DIR)
    lines = [str(p) for p in info.value.problems]
    if expected is None:
        assert any(line.startswith("data/incident-route.yaml:15: escalatie-voorkomen: doen: ") for line in lines), lines
    else:
        assert expected in lines, info.value.report()


def test_missing_route_file_is_named(data_copy: Path) -> None:
    (data_copy / NAME).unlink()
    result = run_cli("check", "--data-dir", str(data_copy))
    assert result.returncode != 0
    assert "data/incident-route.yaml: bestand ontbreekt; het moet een blok met titel en de lijst stappen bevatten" in (
        result.stdout + result.stderr
    )
    assert "Traceback" not in result.stdout + result.stderr


def test_the_route_covers_what_the_guide_offers_for_an_acute_situation() -> None:
    """The six things issue 21 names, each a step with quotes or data from the guide."""
    route = load().incident_route
    assert isinstance(route, IncidentRoute)
    steps = {s.id: s for s in route.stappen}
    assert list(steps) == ["duiden", "kernteam", "handelen", "escalatie-voorkomen", "communiceren", "nazorg"]
    pages = {sid: {link.pagina.split("#")[0] for link in [*s.citaten, *s.meer]} for sid, s in steps.items()}
    assert "vroegsignalering/duiding.md" in pages["duiden"]
    assert {"samos/kernteam.md", "samos/werkprotocol-kernteam.md", "samos/bob-procedure.md"} <= pages["kernteam"]
    assert steps["handelen"].stadia == ["spanningen", "escalatie"]
    assert steps["escalatie-voorkomen"].lessen == [3, 4, 5]  # room for expression, no impunity, no labelling
    assert {"samos/communicatie.md", "achtergronden/sociale-media.md", "rellen/conclusie.md"} <= pages["communiceren"]
    assert steps["nazorg"].stadia == ["terugkeer-naar-relatieve-rust"]


# --------------------------------------------------------------------------- quotes against the built pages


def normalised(text: str) -> str:
    """Text as compared: Unicode NFKC, one kind of quote mark, no soft hyphens, single spaces."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    text = re.sub("[\u2018\u2019\u201a\u2032`]", "'", text)
    text = re.sub("[\u201c\u201d\u201e]", '"', text)
    return " ".join(text.split())


def section_text(html: str, anchor: str) -> str | None:
    """The text under the element with id ``anchor`` in a built page: for a heading, everything up
    to the next heading of the same or a higher level; otherwise the element's own text. Without the
    headings' "#" permalinks. None when the page has no such id."""
    soup = BeautifulSoup(html, "html.parser")
    for link in soup.select("a.headerlink"):
        link.decompose()
    start = soup.find(id=anchor)
    if not isinstance(start, Tag):
        return None
    heading = re.fullmatch(r"h([1-6])", start.name)
    if not heading:
        return normalised(start.get_text(" "))
    level, text, inside = int(heading.group(1)), [start.get_text(" ")], False
    for node in (soup.find("article") or soup).descendants:  # the text up to the next heading of its level
        if node is start:
            inside = True
        elif isinstance(node, Tag):
            found = re.fullmatch(r"h([1-6])", node.name)
            if inside and found and int(found.group(1)) <= level:
                break
        elif inside and not any(parent is start for parent in node.parents):
            text.append(str(node))
    return normalised(" ".join(text))


def built_html(site_dir: Path, src_uri: str) -> str:
    return (site_dir / page_url(src_uri) / "index.html").read_text(encoding="utf-8")


def test_section_text_finds_a_passage_only_under_its_own_heading(site_dir: Path) -> None:
    """The comparison can fail: a passage of one section is not found under the next heading."""
    html = built_html(site_dir, "samos/werkprotocol-kernteam.md")
    passage = normalised("Ieder lid van het kernteam kan het initiatief nemen om deze groep bijeen te roepen.")
    assert passage in (section_text(html, "kernteam-bijeen") or "")
    assert passage not in (section_text(html, "eerste-bijeenkomst") or "x")
    assert section_text(html, "geen-anker") is None


def test_every_quoted_passage_stands_under_its_anchor_in_the_built_page(site_dir: Path) -> None:
    route = load().incident_route
    assert route is not None
    missing = []
    for step in route.stappen:
        for quote in step.citaten:
            page, _, anchor = quote.pagina.partition("#")
            text = section_text(built_html(site_dir, page), anchor)
            if text is None or normalised(quote.tekst) not in text:
                missing.append(f"{step.id}: {quote.pagina}: {quote.tekst[:60]}...")
    assert not missing, "citaat staat niet (meer) onder dit anker:\n" + "\n".join(missing)


def test_the_route_page_shows_each_quote_with_a_link_to_its_anchor(site_dir: Path) -> None:
    route = load().incident_route
    assert route is not None
    soup = BeautifulSoup(built_html(site_dir, route.src_uri), "html.parser")
    steps = soup.select("ol.hr-route > li")
    assert [normalised(li.h2.get_text(" ")) for li in steps if li.h2] == [
        f"Stap {i} {s.titel}" for i, s in enumerate(route.stappen, start=1)
    ]
    for li, step in zip(steps, route.stappen, strict=True):
        figures = li.select("figure.hr-route__citaat")
        quoted = [(normalised(f.blockquote.get_text(" ")), f.figcaption.a["href"]) for f in figures if f.blockquote]
        for quote in step.citaten:
            page, _, anchor = quote.pagina.partition("#")
            target = page_url(page).removesuffix("/").rsplit("/", 1)[-1]
            assert any(
                text == normalised(quote.tekst) and href.endswith(f"{target}/#{anchor}") for text, href in quoted
            ), (
                step.id,
                quote.pagina,
            )
        assert len(li.select("ul.hr-route__meer a")) == len(step.meer)
    # the A1 actions and the B3 lessons come from their own data
    kb = load()
    text = normalised(soup.select_one("ol.hr-route").get_text(" "))  # type: ignore[union-attr]
    assert normalised(", ".join(kb.stadia["escalatie"].acties)) in text
    assert kb.escalation is not None
    assert normalised(kb.escalation.lessen[2].tekst) in text


# --------------------------------------------------------------------------- in the browser

SETTLED = """() => document.fonts.ready.then(() => new Promise((done) =>
    requestAnimationFrame(() => requestAnimationFrame(done))))"""
# Text that belongs to the screen only: navigation, search, buttons, feedback and edit links.
WEB_ONLY = [
    "Direct naar",
    "Zoeken",
    "Link naar deze kop",
    "Klopt er iets niet",
    "Bewerk deze pagina",
    "Meer in de handreiking",
]


@pytest.mark.browser
@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_one_tap_from_the_home_page_to_the_route(browser, base_url: str, device: dict) -> None:
    route = load().incident_route
    assert route is not None
    context = browser.new_context(locale="nl-NL", **device)
    context.add_init_script(LAYOUT_SHIFTS + "\n" + VIOLATIONS)
    try:
        page = context.new_page()
        page.goto(base_url, wait_until="networkidle")
        entry = page.get_by_role("link", name=route.titel)
        expect(entry).to_have_count(1)
        box, height = entry.bounding_box(), device["viewport"]["height"]
        header = page.locator(".md-header").bounding_box()
        assert box and header
        assert header["y"] + header["height"] - 1 <= box["y"] and box["y"] + box["height"] <= height, box
        assert box["height"] >= 44, box
        # the route comes before every other "Direct naar" entry, and they all stay on the first screen
        first = page.get_by_role("navigation", name="Direct naar").get_by_role("link")
        last = first.last.bounding_box()
        assert last and first.first.bounding_box()["y"] > box["y"] + box["height"]  # type: ignore[index]
        if device is PHONE:
            assert last["y"] + last["height"] <= height, last
            entry.tap()
        else:
            entry.click()
        expect(page).to_have_url(base_url + route.url)
        expect(page.locator("article h1")).to_contain_text("Er is iets gebeurd")
        page.wait_for_function(SETTLED)
        assert page.evaluate("document.documentElement.scrollWidth") <= device["viewport"]["width"]
        violations = run_axe(page)
        assert violations == [], format_violations(violations)
        # every link of the route is a thumb's target
        small = page.evaluate("""() => [...document.querySelectorAll('.hr-route a')]
            .map((a) => [a.textContent.trim(), a.getBoundingClientRect().height]).filter(([, h]) => h < 44)""")
        assert small == []
        # every step is on the page, numbered, with where the guide says more
        steps = page.locator("ol.hr-route > li")
        expect(steps).to_have_count(len(route.stappen))
        for i, step in enumerate(route.stappen):
            expect(steps.nth(i).locator("h2")).to_have_text(f"Stap {i + 1} {step.titel}")
        assert page.evaluate("window.__hrViolations") == []
        assert page.evaluate("window.__hrShift") == 0
        # one more tap jumps to a step: its heading shows below the sticky header
        for step in route.stappen[1:]:
            jump = page.get_by_role("navigation", name="Stappen").get_by_role("link", name=step.titel)
            jump.tap() if device is PHONE else jump.click()
            expect(page).to_have_url(re.compile(f"#{step.id}$"))
            heading = page.locator(f"h2#{step.id}")
            page.wait_for_function(
                """([id, header]) => { const top = document.getElementById(id).getBoundingClientRect().top;
                   return top >= header && top < innerHeight / 2; }""",
                arg=[step.id, header["y"] + header["height"] - 1],
            )
            expect(heading).to_be_in_viewport()
            page.evaluate("window.scrollTo(0, 0)")
    finally:
        context.close()


@pytest.mark.browser
def test_the_route_prints_on_one_or_two_a4_pages(browser, base_url: str) -> None:
    route = load().incident_route
    assert route is not None
    context = browser.new_context(locale="nl-NL")
    try:
        page = context.new_page()
        page.goto(base_url + route.url, wait_until="networkidle")
        printed = pdf_pages_text(print_to_pdf(page))
        assert 1 <= len(printed) <= 2, len(printed)
        text = normalised(" ".join(printed))
        for step in route.stappen:
            assert normalised(step.titel) in text
            for quote in step.citaten:
                assert normalised(quote.tekst)[:40] in text.replace("- ", "-"), quote.tekst
        for words in WEB_ONLY:
            assert words not in text, words
    finally:
        context.close()


@pytest.mark.browser
def test_the_route_entry_is_on_the_page_not_found_page(browser, base_url: str, site_dir: Path) -> None:
    from tests.test_landing import open_404

    route = load().incident_route
    assert route is not None
    context = browser.new_context(locale="nl-NL", **PHONE)
    try:
        page = open_404(context, site_dir, base_url)
        entry = page.get_by_role("link", name=route.titel)
        expect(entry).to_have_count(1)
        entry.tap()
        expect(page.locator("article h1")).to_contain_text("Er is iets gebeurd")
    finally:
        context.close()


def test_copy_me_step_is_valid(data_copy: Path) -> None:
    """data/sjablonen/stap.yaml passes the validator when added under "stappen:" (with its own id)."""
    template = (PROJECT_ROOT / "data" / "sjablonen" / "stap.yaml").read_text(encoding="utf-8")
    path = data_copy / NAME
    path.write_text(
        path.read_text(encoding="utf-8") + template.replace("id: kernteam ", "id: nieuwe-stap "), encoding="utf-8"
    )
    route = validate(data_copy, DOCS_DIR).incident_route
    assert route is not None and route.stappen[-1].id == "nieuwe-stap"
