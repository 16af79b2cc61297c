"""Inventory of the guide: the site carries every FAQ entry, section, risk factor, practice
example and external link of the source, with none of the PDF's debris."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from handreiking import printall
from handreiking.loader import load
from handreiking.model import Intervention, RiskFactor

FIXTURES = Path(__file__).parent / "fixtures"

# The practice examples the guide describes in C1 (one per heading), and instruments of A1/B1.
SOURCE_EXAMPLES = [
    "Portiekgesprekken",
    "Nieuwe buren",
    "Buurtbemiddeling",
    "BeterBuren",
    "Buurtambassadeurs",
    "Adopteer een bak",
    "Buurtpreventie",
    "WhatsApp Buurtpreventie",
    "Burgernet",
    "Meldingsapps",
    "PortiekPortiers",
    "Buurt Bestuurt",
    "Buurtveiligheidsteams",
    "Jongeren lossen het op",
    "Thuis Op Straat",
    "Ara Cora",
    "JongerenPreventieTeam",
    "Inkr8",
    "Geef om de Jan Eef",
    "BuurtPraktijkTeam",
    "Treiteraanpak",
    "TOP 600",
    "GGD",
    "Crisiscommunicatie",
    "Galerijgesprekken",
    "Leefregels",
    "Right to challenge",
    "rolmodellen",
]

RISK_FACTORS = {
    "B1.1": "Jeugdcriminaliteit en jongerenoverlast",
    "B1.2": "Overlast en straatcultuur kinderen 8-14 jaar",
    "B1.3": "Licht verstandelijk beperkte jongeren",
    "B1.4": "Botsende opvattingen over schoon en heel",
    "B1.5": "Gebrek aan publieke familiariteit",
    "B1.6": "Verschillende omgangsvormen en normen",
    "B1.7": "Diversiteit van de bevolkingssamenstelling",
    "B1.8": "psychiatrische problematiek",
    "B1.9": "Armoede",
    "B1.10": "Compacte buurt, krappe behuizing",
}


class _Collector(HTMLParser):
    """Links, element ids and text of a page's content (the <article>)."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: dict[str, str] = {}
        self.nav_links: list[str] = []
        self.text: list[str] = []
        self._article = 0
        self._nav = 0
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids[a["id"] or ""] = tag
        if tag == "article":
            self._article += 1
        if tag == "nav" and "md-nav--primary" in (a.get("class") or "") or tag == "nav" and self._nav:
            self._nav += 1
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "a" and a.get("href"):
            if self._article:
                self.links.append(a["href"] or "")
            if self._nav:
                self.nav_links.append(a["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._article -= 1
        if tag == "nav" and self._nav:
            self._nav -= 1
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if self._article and not self._skip:
            self.text.append(data)


def parse(path: Path) -> _Collector:
    c = _Collector()
    c.feed(path.read_text(encoding="utf-8"))
    return c


def content_pages(site_dir: Path) -> list[Path]:
    pages = []
    for p in sorted(site_dir.rglob("index.html")):
        rel = p.relative_to(site_dir).as_posix()
        if rel.startswith("pagefind/"):
            continue
        if 'http-equiv="refresh"' in p.read_text(encoding="utf-8")[:2000]:
            continue  # redirect stubs
        pages.append(p)
    return pages


def resolve(site_dir: Path, page: Path, href: str) -> tuple[Path, str]:
    base = "http://site/" + page.parent.relative_to(site_dir).as_posix() + "/"
    url = urlparse(urljoin(base, href))
    path = unquote(url.path).lstrip("/")
    target = site_dir / path / "index.html" if not path.endswith(".html") else site_dir / path
    if path == "":
        target = site_dir / "index.html"
    return target, url.fragment


def test_faq_lists_every_question_and_each_lands_on_a_heading(site_dir: Path) -> None:
    home = site_dir / "index.html"
    c = parse(home)
    entries = [h for h in c.links if "#" in h and not h.startswith("#")]
    assert len(entries) >= 48, f"only {len(entries)} FAQ entries"
    for href in entries:
        target, anchor = resolve(site_dir, home, href)
        assert target.is_file(), href
        ids = parse(target).ids
        assert anchor in ids, f"{href}: no element with id {anchor}"
        assert ids[anchor] in ("h1", "h2", "h3", "h4"), f"{href}: #{anchor} is a {ids[anchor]}, not a heading"


def test_every_risk_factor_of_the_source(site_dir: Path) -> None:
    kb = load()
    assert kb.riskfactors.ids == list(RISK_FACTORS)
    for rid, name in RISK_FACTORS.items():
        rf = kb.riskfactors[rid]
        assert name.lower() in rf.naam.lower(), rid
        assert len(rf.beschrijving) > 200, f"{rid}: the full text of the guide is missing"
        html = (site_dir / rf.url / "index.html").read_text(encoding="utf-8")
        assert rf.naam in html


def test_every_practice_example_of_the_source(site_dir: Path) -> None:
    kb = load()
    names = " | ".join(i.naam for i in kb.interventions).lower()
    missing = [n for n in SOURCE_EXAMPLES if n.lower() not in names]
    assert missing == []
    overview = (site_dir / Intervention.SECTION / "index.html").read_text(encoding="utf-8")
    for item in kb.interventions:
        assert f'data-intervention="{item.id}"' in overview
    groups = {g: [i for i in kb.interventions if g in i.c1_groepen] for g in kb.c1_groepen.ids}
    # the guide lists 2 examples under individueel-wijk, more under the other groups
    assert all(len(v) >= 2 for v in groups.values()), {k: len(v) for k, v in groups.items()}


def _site_hrefs(site_dir: Path) -> set[str]:
    hrefs: set[str] = set()
    for p in content_pages(site_dir):
        hrefs.update(parse(p).links)
    return hrefs


def test_every_external_address_of_the_source_is_linked(site_dir: Path) -> None:
    expected = [
        line.strip()
        for line in (FIXTURES / "source_urls.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len(expected) >= 90
    hrefs = {h.replace("&amp;", "&") for h in _site_hrefs(site_dir)}
    normalised = {unquote(h).rstrip("/").lower() for h in hrefs}
    missing = [u for u in expected if unquote(u).rstrip("/").lower() not in normalised]
    assert missing == []


def test_no_pdf_debris_in_any_page(site_dir: Path) -> None:
    problems = []
    for p in content_pages(site_dir):
        text = "".join(parse(p).text)
        for debris in ("INHOUDSOPGAVE", "»»", "•", "\uf0b7"):
            if debris in text:
                problems.append(f"{p.relative_to(site_dir)}: {debris!r}")
        if re.search(r"(^|\n)\s*c\s*(\n|$)", text):
            problems.append(f"{p.relative_to(site_dir)}: lone 'c' checkbox marker")
        for word in ("urgentiedillemma",):
            if word in text:
                problems.append(f"{p.relative_to(site_dir)}: typo {word}")
        for phrase in (">hier<", ">klik hier<"):
            if phrase in p.read_text(encoding="utf-8").lower():
                problems.append(f"{p.relative_to(site_dir)}: link text 'hier'")
    assert problems == []


def test_every_page_is_reachable_from_the_navigation(site_dir: Path) -> None:
    """Following navigation links from the home page reaches every page (navigation.prune shows a
    section's pages once the reader is in it); records are reached through their overviews."""
    kb = load()
    home = site_dir / "index.html"
    seen, todo = {home}, [home]
    while todo:
        page = todo.pop()
        for href in parse(page).nav_links:
            target = resolve(site_dir, page, href)[0]
            if target.is_file() and target not in seen:
                seen.add(target)
                todo.append(target)
    records = {site_dir / r.url / "index.html" for r in [*kb.interventions, *kb.riskfactors]}
    unreachable = [
        p.relative_to(site_dir).as_posix() for p in content_pages(site_dir) if p not in seen and p not in records
    ]
    assert unreachable == []
    # records are reachable through their overview pages
    for kind, rows in ((Intervention, kb.interventions), (RiskFactor, kb.riskfactors)):
        overview = site_dir / kind.SECTION / "index.html"
        linked = {resolve(site_dir, overview, h)[0] for h in parse(overview).links}
        assert {site_dir / r.url / "index.html" for r in rows} <= linked, kind.SECTION


def test_section_codes_are_visible_labels(site_dir: Path) -> None:
    for url, code in [
        ("samos/urgentiedilemma", "A2"),
        ("samos/werkprotocol-kernteam", "A2.1"),
        ("rellen/escalatiemodel", "B3"),
        ("risicofactoren/b1-4", "B1.4"),
    ]:
        html = (site_dir / url / "index.html").read_text(encoding="utf-8")
        assert f'<span class="hr-code" title="Onderdeel van de handreiking">{code}</span>' in html, url


def test_print_all_page_carries_the_whole_guide(site_dir: Path) -> None:
    """afdrukken/: every page of the guide and every record once, unique ids, working anchors."""
    kb = load()
    html = (site_dir / "afdrukken" / "index.html").read_text(encoding="utf-8")
    parts = re.findall(r'<section class="hr-print-part" id="([^"]+)"', html)
    assert len(parts) == len(set(parts))
    for expected in [
        "p-start",
        "p-samos-urgentiedilemma",
        "p-samos-werkprotocol-kernteam",
        "p-rellen-conclusie",
        "p-inspiratie",
        *[printall.slug(r.url) for r in [*kb.interventions, *kb.riskfactors]],
    ]:
        assert expected in parts, expected
    assert not any(p.startswith(("p-zoeken", "p-redactie")) for p in parts)
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "duplicate ids"
    anchors = set(re.findall(r'href="#([^"]+)"', html))
    assert anchors and anchors <= set(ids)
    assert "data-pagefind-body" not in html  # not indexed twice


def test_print_all_page_leaves_out_the_pages_own_controls(site_dir: Path) -> None:
    """The overview's and the risk-factor selector's filter forms, selection buttons and "Vergelijk"
    boxes work only on their own pages: the print-all page has the cards without them, and no
    control points to a form that is not there."""
    html = (site_dir / "afdrukken" / "index.html").read_text(encoding="utf-8")
    overview = (site_dir / "praktijkvoorbeelden" / "index.html").read_text(encoding="utf-8")
    assert 'aria-label="Vergelijk ' in overview and "data-hr-download" in overview  # the controls exist
    for control in (
        'aria-label="Vergelijk ',
        "data-hr-download",
        "data-hr-print",
        "data-hr-filter-form",
        "data-hr-rf-form",
    ):
        assert control not in html, control
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    assert set(re.findall(r'\bform="([^"]+)"', html)) <= ids
    assert html.count('class="hr-card"') == len(load().interventions)  # the cards themselves stay
