"""Pages a policy maker leans on (issue 22, items 4-6): who has the lead per stage on the fasewijzer,
list items that keep their bullet on their first line, sources kept honest (C2 as data, external
links marked, dead links shown with their archived copy) and the kernteam checklist printed for a
meeting."""

from __future__ import annotations

import base64
import html as html_lib
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from playwright.sync_api import expect

from handreiking import prebuild
from handreiking.links import archive, datafix
from handreiking.links.found import data_links
from handreiking.loader import load
from handreiking.urls import href
from tests.conftest import PROJECT_ROOT, format_violations, run_axe, serve_directory
from tests.pdf import pdf_pages_text, print_to_pdf

FASEWIJZER = "aanpak/fasewijzer/"
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}
CSP_SPY = """window.__hrViolations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__hrViolations.push(e.effectiveDirective + " " + e.blockedURI));"""


class _Text(HTMLParser):
    """The visible text of a page's article and the ids in it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.ids: set[str] = set()
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids.update(v for k, v in attrs if k == "id" and v)
        if tag in ("script", "style", "template"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def page_text(site_dir: Path, src_uri: str) -> tuple[str, set[str]]:
    """The text of the built page of ``src_uri`` (``samos/kernteam.md``), spaces folded, and its ids."""
    path = site_dir / src_uri.removesuffix(".md").removesuffix("index") / "index.html"
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(" ".join(parser.parts).split()), parser.ids


def folded(text: str) -> str:
    return " ".join(text.split())


def open_page(browser, base_url: str, path: str, size: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="nl-NL", viewport=SIZES[size])
    context.add_init_script(CSP_SPY)
    page = context.new_page()
    page.goto(base_url + path, wait_until="networkidle")
    return context, page


# --------------------------------------------------------------------------- item 4: regie


def test_every_stage_quotes_the_guide_on_the_lead_with_a_link_to_the_passage(site_dir: Path) -> None:
    """Each stage of the fasewijzer shows the guide's own words on regie and coordination; every part
    of each quote (split at …) stands on the page it links to, under the anchor it names."""
    kb = load()
    fasewijzer = (site_dir / FASEWIJZER / "index.html").read_text(encoding="utf-8")
    sections = re.split(r'<h2 id="', fasewijzer)
    assert all(stage.regie for stage in kb.stadia), "every stage says who has the lead"
    for stage in kb.stadia:
        section = next(s for s in sections if s.startswith(f'{stage.handeling}"'))
        block = re.search(r'<div class="hr-regie">(.*?)</div>', section, re.S)
        assert block, stage.id
        for passage in stage.regie:
            assert html_lib.escape(passage.citaat, quote=False) in block.group(1)
            page, anchor = passage.pagina.split("#")
            link = href(passage.pagina, FASEWIJZER, True)
            assert f'<a href="{link}">{html_lib.escape(passage.titel, quote=False)}</a>' in block.group(1)
            text, ids = page_text(site_dir, page)
            assert anchor in ids, passage.pagina
            for part in passage.citaat.split("…"):
                assert folded(part) in text, (stage.id, part)


INK_ROWS = """async (png) => {
  const img = new Image();
  img.src = 'data:image/png;base64,' + png;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.width; canvas.height = img.height;
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const data = ctx.getImageData(0, 0, img.width, img.height).data, rows = [];
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const i = (y * img.width + x) * 4;
      if (data[i] + data[i + 1] + data[i + 2] < 300) { rows.push(y); break; }
    }
  }
  return rows;
}"""


def bullet_rows(page, reader, box: dict) -> list[int]:  # type: ignore[no-untyped-def]
    """The rows (CSS px from the item's top) where ink stands in the bullet's gutter, left of a list
    item: the bullet as it is painted (a ::marker has no box in the DOM), read from a screenshot."""
    clip = {"x": box["x"] - 18, "y": box["y"], "width": 16, "height": box["height"]}
    png = page.screenshot(clip=clip, scale="css")
    return reader.evaluate(INK_ROWS, base64.b64encode(png).decode())


@pytest.mark.browser
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("path", [FASEWIJZER, "aanpak/van-proactief-tot-repressie/"])
def test_a_wrapped_list_item_keeps_its_bullet_on_its_first_line(browser, base_url: str, size: str, path: str) -> None:
    """In the A1 table's instrument lists, the bullet of an item that wraps is painted on the item's
    first line, not on its last (which made one item read as two)."""
    context, page = open_page(browser, base_url, path, size)
    reader = context.new_page()  # about:blank, to decode screenshots
    try:
        summary = page.locator(".hr-phase-schema__summary")
        if summary.count() and summary.first.is_visible():  # on a phone the table is one tap away
            summary.first.click()
            expect(page.locator("details.hr-phase-schema").first).to_have_attribute("open", "")
        items = page.locator(".md-typeset td li")
        assert items.count() > 20
        wrapped = 0
        for n in range(items.count()):
            item = items.nth(n)
            item.evaluate("(li) => li.scrollIntoView({block: 'center'})")  # clear of the sticky header
            box = item.bounding_box()
            line = float(item.evaluate("(li) => parseFloat(getComputedStyle(li).lineHeight)"))
            assert box
            if box["height"] < 1.5 * line:
                continue
            wrapped += 1
            rows = bullet_rows(page, reader, box)
            assert rows, item.inner_text()
            assert max(rows) < line, (item.inner_text(), rows, line)  # all its ink on the first line
        assert wrapped, "some instruments take two lines at this width"
        assert page.evaluate("window.__hrViolations") == []
        violations = run_axe(page)
        assert violations == [], format_violations(violations)
    finally:
        context.close()


@pytest.mark.browser
def test_fasewijzer_shows_the_lead_at_phone_width(browser, base_url: str) -> None:
    context, page = open_page(browser, base_url, FASEWIJZER, "phone")
    try:
        block = page.locator("#repressie ~ .hr-regie").first
        expect(block).to_contain_text("burgemeester/ stadsdeelvoorzitter een actieve rol")
        link = block.get_by_role("link", name="De rol van de politie in Nederland: een integrale reactie")
        box = link.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
        link.click()
        expect(page).to_have_url(re.compile(r"/rellen/politie/#integrale-reactie$"))
    finally:
        context.close()


# --------------------------------------------------------------------------- item 5: sources


def test_every_publication_of_c2_is_data_and_on_the_inspiratie_page(site_dir: Path) -> None:
    """The links of part C2 come from data/publicaties.yaml (no link on the page is typed in the prose),
    the SAMOS plans among them, each under its municipality."""
    kb = load()
    source = (PROJECT_ROOT / "docs/inspiratie/index.md").read_text(encoding="utf-8")
    assert not re.search(r"\]\(https?://", source), "links to publications come from the data"
    html = (site_dir / "inspiratie/index.html").read_text(encoding="utf-8")
    for pub in kb.publicaties:
        assert f'href="{html_lib.escape(pub.url)}"' in html, pub.id
    for town, pub_id in [
        ("weert", "scp-weert"),
        ("roosendaal", "scp-roosendaal"),
        ("rheden", "scp-rheden"),
        ("hengelo", "scp-hengelo"),
        ("almelo", "protocol-almelo"),
    ]:
        section = html.split(f'id="{town}"', 1)[1].split("<h", 1)[0]
        assert f'href="{html_lib.escape(kb.publicaties[pub_id].url)}"' in section


def test_the_link_check_lists_each_publication_with_its_file_and_line() -> None:
    kb = load()
    lines = (PROJECT_ROOT / "data/publicaties.yaml").read_text(encoding="utf-8").splitlines()
    found = {f.url: f for f in data_links(kb) if f.file == "data/publicaties.yaml"}
    for pub in kb.publicaties:
        f = found[pub.url]
        assert f.archivable and f.line and lines[f.line - 1].strip() == f"url: {pub.url}", pub.id


def test_a_dead_link_shows_its_archived_copy(data_copy: Path) -> None:
    """A link marked dead (with its archived copy) reads "link niet meer bereikbaar — archiefkopie" on
    an intervention's page and where a page names a publication; a live one links to itself."""
    copy = "https://web.archive.org/web/2016/http://www.buurtbemiddeling.org"
    text = (data_copy / "interventions.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "      titel: Landelijke website Buurtbemiddeling\n",
        f"      titel: Landelijke website Buurtbemiddeling\n      archief: {copy}\n      dood: true\n",
    )
    (data_copy / "interventions.yaml").write_text(text, encoding="utf-8")
    kb = load(data_copy)
    page = next(p for p in prebuild.pages(kb) if p.path == "praktijkvoorbeelden/buurtbemiddeling.md")
    assert (
        f"- Landelijke website Buurtbemiddeling (link niet meer bereikbaar — [archiefkopie]({copy}))" in page.markdown
    )
    assert "](http://www.buurtbemiddeling.org)" not in page.markdown
    links = prebuild.environment().get_template("links.md.jinja").module
    live = kb.publicaties["scp-weert"]
    assert links.source_link(live) == f"[Sociaal Calamiteitenplan Weert]({live.url})"
    dead = live.model_copy(update={"dood": True, "archief": "https://web.archive.org/web/2016/x"})
    assert links.source_link(dead) == (
        "Sociaal Calamiteitenplan Weert (link niet meer bereikbaar — [archiefkopie](https://web.archive.org/web/2016/x))"
    )
    assert links.citation(dead).startswith("Gemeente Weert. Sociaal Calamiteitenplan Weert (link niet meer")


def test_external_links_are_marked_in_the_built_site(site_dir: Path) -> None:
    """Every link to another website in a page's content carries the mark (its text alternative and its
    domain for print); links within the site do not."""
    marked = 0
    for page in (
        "inspiratie/index.html",
        "praktijkvoorbeelden/buurtbemiddeling/index.html",
        "aanpak/fasewijzer/index.html",
    ):
        html = (site_dir / page).read_text(encoding="utf-8")
        article = html.split("<article", 1)[1].split("</article>", 1)[0]
        for target, inner in re.findall(r'<a href="([^"]+)"[^>]*>(.*?)</a>', article, re.S):
            outside = target.startswith(("http://", "https://"))
            assert ('class="hr-extern"' in inner) == outside, (page, target)
            if outside:
                marked += 1
                host = urlsplit(html_lib.unescape(target)).hostname.removeprefix("www.")  # type: ignore[union-attr]
                assert '<span class="hr-extern__tekst"> (externe link)</span>' in inner
                assert f'<span class="hr-extern__domein"> ({host})</span>' in inner
    assert marked > 25


def test_the_writer_marks_dead_links_in_the_data_keeping_the_layout(data_copy: Path, tmp_path: Path) -> None:
    """`--werk-gegevens-bij` writes the report's verdicts into the entries whose url is the broken address:
    dood and archief added (or edited) on their lines, every other line as it was; a broken link without
    an archived copy, or written in a text, is left to the editors with a Dutch line."""
    project = data_copy.parent
    pubs = data_copy / "publicaties.yaml"
    pubs.write_text(
        "# Publicaties (commentaar blijft staan)\n"
        "- id: scp-weert\n"
        "  titel: Sociaal Calamiteitenplan Weert\n"
        "  url: http://www.weert.nl/plan.pdf   # zoals in de handreiking\n"
        "  organisatie: Gemeente Weert\n"
        "\n"
        "# Tweede\n"
        "- id: scp-hengelo\n"
        "  titel: Sociaal Calamiteitenplan Hengelo\n"
        "  url: http://www.hetccv.nl/hengelo.pdf\n"
        "  archief: https://web.archive.org/web/2012/oud\n"
        "  dood: false\n",
        encoding="utf-8",
    )
    copy = "https://web.archive.org/web/2016/http://www.weert.nl/plan.pdf"
    report = tmp_path / "links.json"
    report.write_text(
        json.dumps(
            {
                "links": [
                    {
                        "url": "http://www.weert.nl/plan.pdf",
                        "result": "broken",
                        "archief": copy,
                        "sources": ["data/publicaties.yaml:4"],
                    },
                    {
                        "url": "http://www.hetccv.nl/hengelo.pdf",
                        "result": "broken",
                        "archief": "https://web.archive.org/web/2013/nieuw",
                        "sources": ["data/publicaties.yaml:10"],
                    },
                    {
                        "url": "http://www.buurtbemiddeling.org",
                        "result": "broken",
                        "archief": None,
                        "sources": ["data/interventions.yaml:16"],
                    },
                    {
                        "url": "https://ok.example",
                        "result": "ok",
                        "archief": None,
                        "sources": ["data/interventions.yaml:16"],
                    },
                ]
            }
        ),
        encoding="utf-8",
    )
    before = (data_copy / "interventions.yaml").read_text(encoding="utf-8")
    changes, left = datafix.apply(report, project)
    assert pubs.read_text(encoding="utf-8") == (
        "# Publicaties (commentaar blijft staan)\n"
        "- id: scp-weert\n"
        "  titel: Sociaal Calamiteitenplan Weert\n"
        "  url: http://www.weert.nl/plan.pdf   # zoals in de handreiking\n"
        "  organisatie: Gemeente Weert\n"
        f"  archief: {copy}\n"
        "  dood: true\n"
        "\n"
        "# Tweede\n"
        "- id: scp-hengelo\n"
        "  titel: Sociaal Calamiteitenplan Hengelo\n"
        "  url: http://www.hetccv.nl/hengelo.pdf\n"
        "  archief: https://web.archive.org/web/2013/nieuw\n"
        "  dood: true\n"
    )
    assert [str(c) for c in changes] == [
        f"data/publicaties.yaml:4: http://www.weert.nl/plan.pdf: dood: true en archief: {copy}",
        "data/publicaties.yaml:10: http://www.hetccv.nl/hengelo.pdf: dood: true en archief: "
        "https://web.archive.org/web/2013/nieuw",
    ]
    assert left == [
        "data/interventions.yaml:16: http://www.buurtbemiddeling.org: geen archiefkopie gevonden; zoek er een "
        "(https://web.archive.org) of vervang het adres"
    ]
    assert (data_copy / "interventions.yaml").read_text(encoding="utf-8") == before
    kb = load(data_copy)
    assert kb.publicaties["scp-weert"].href == copy  # the data stays valid and the site shows the copy
    assert datafix.apply(report, project)[0] == []  # a second run changes nothing


def test_the_writer_adds_the_verdict_to_an_interventions_link(data_copy: Path, tmp_path: Path) -> None:
    copy = "https://web.archive.org/web/2016/http://www.buurtbemiddeling.org"
    report = tmp_path / "links.json"
    report.write_text(
        json.dumps(
            {
                "links": [
                    {
                        "url": "http://www.buurtbemiddeling.org",
                        "result": "broken",
                        "archief": copy,
                        "sources": ["data/interventions.yaml:16"],
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    before = (data_copy / "interventions.yaml").read_text(encoding="utf-8").split("\n")
    datafix.apply(report, data_copy.parent)
    after = (data_copy / "interventions.yaml").read_text(encoding="utf-8").split("\n")
    assert after == [*before[:17], f"      archief: {copy}", "      dood: true", *before[17:]]
    assert load(data_copy).interventions["buurtbemiddeling"].links[0].dood


def links_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "handreiking.links", *args], capture_output=True, text=True, cwd=PROJECT_ROOT
    )


def test_the_command_writes_the_verdicts_in_dutch(data_copy: Path, tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports/links.json").write_text('{"links": []}', encoding="utf-8")
    result = links_cli(
        "--werk-gegevens-bij",
        "--reports-dir",
        str(tmp_path / "reports"),
        "--data-dir",
        str(data_copy),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Gegevens bijgewerkt uit links.json: 0 link(s) als dood gemarkeerd met archiefkopie.\n"
    missing = links_cli("--werk-gegevens-bij", "--reports-dir", str(tmp_path / "geen"))
    assert missing.returncode == 2 and "kan het linkrapport niet lezen" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_the_archived_copy_comes_from_the_wayback_machine_api(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The closest copy that answered 200, as https; none when the archive keeps none or does not answer."""
    api = tmp_path / "wayback"
    api.mkdir()
    (api / "available").write_text(
        json.dumps(
            {
                "archived_snapshots": {
                    "closest": {
                        "available": True,
                        "status": "200",
                        "url": "http://web.archive.org/web/20160301000000/http://www.weert.nl/plan.pdf",
                    }
                }
            }
        ),
        encoding="utf-8",
    )
    (api / "none").write_text('{"archived_snapshots": {}}', encoding="utf-8")
    with serve_directory(tmp_path) as url, requests.Session() as session:
        monkeypatch.setattr(archive, "API", url + "wayback/available")
        assert archive.closest_copy(session, "http://www.weert.nl/plan.pdf", 5) == (
            "https://web.archive.org/web/20160301000000/http://www.weert.nl/plan.pdf"
        )
        monkeypatch.setattr(archive, "API", url + "wayback/none")
        assert archive.closest_copy(session, "http://www.weert.nl/plan.pdf", 5) is None
        monkeypatch.setattr(archive, "API", url + "wayback/missing")
        assert archive.closest_copy(session, "http://www.weert.nl/plan.pdf", 5) is None


@pytest.mark.browser
@pytest.mark.parametrize("size", SIZES)
def test_an_external_link_says_so_on_screen_and_shows_its_domain_on_paper(browser, base_url: str, size: str) -> None:
    context, page = open_page(browser, base_url, "inspiratie/", size)
    try:
        link = page.get_by_role("link", name="Sociaal Calamiteitenplan Weert (externe link)", exact=True)
        expect(link).to_be_visible()
        arrow = link.locator(".hr-extern").evaluate("(el) => getComputedStyle(el, '::before').content")
        assert "↗" in arrow
        internal = page.get_by_role("link", name="Methodieken voor (vroegtijdige) signalering (B2)", exact=True)
        expect(internal).to_be_visible()  # a link within the site has no mark
        assert page.evaluate("window.__hrViolations") == []
        violations = run_axe(page)
        assert violations == [], format_violations(violations)
        text = " ".join(" ".join(pdf_pages_text(print_to_pdf(page))).split())
        assert "Sociaal Calamiteitenplan Weert (weert.nl)" in text
        assert "(externe link)" not in text and "↗" not in text
    finally:
        context.close()


# --------------------------------------------------------------------------- item 6: print for a meeting

CHECKLIST = "samos/werkprotocol-kernteam/"
WEB_ONLY = [
    "Bewerk deze pagina",
    "Klopt er iets niet",
    "Alle vinkjes wissen",
    "Vergadering wissen",
    "Vink punten af",
    "Afdrukken",
    "de hele checklist",
    "(externe link)",
    "github.com",
]


def checklist_groups(page, part: str = "") -> list[dict]:  # type: ignore[no-untyped-def]
    """Each printed group of the checklist: its heading and its items' texts (of one part, or all)."""
    return page.evaluate(
        """(part) => [...document.querySelectorAll(part ? `.hr-deel[data-hr-deel="${part}"] .hr-groep` : '.hr-groep')]
             .map((g) => ({heading: g.querySelector('h2, h3, h4').firstChild.textContent.trim(),
                           items: [...g.querySelectorAll('.task-list-text')].map((t) => t.firstChild.textContent.trim())}))""",
        part,
    )


def printed(page, part: str = "") -> list[str]:  # type: ignore[no-untyped-def]
    """The checklist printed by Chromium on A4 (one part chosen under "Afdrukken", or the whole), each
    page's text with its spaces folded."""
    if part:
        page.get_by_label("Afdrukken:").select_option(part)
    return [folded(text) for text in pdf_pages_text(print_to_pdf(page))]


def assert_groups_whole(pages: list[str], groups: list[dict]) -> None:
    """Every group's heading stands on a page with all of its items."""
    assert groups
    for group in groups:
        whole = [
            n for n, text in enumerate(pages) if group["heading"] in text and all(i in text for i in group["items"])
        ]
        assert whole, f"group {group['heading']!r} split over pages: {group['items']}"


@pytest.mark.browser
def test_the_whole_checklist_prints_on_four_pages_with_groups_whole_and_columns_to_write_in(
    browser, base_url: str
) -> None:
    context, page = open_page(browser, base_url, CHECKLIST, "desktop")
    try:
        groups = checklist_groups(page)
        pages = printed(page)
        assert len(pages) <= 4, len(pages)
        assert_groups_whole(pages, groups)
        text = " ".join(pages)
        assert text.count("Wie Wanneer") == len(groups)  # the heads of the two empty columns, per group
        assert "Vergadering Datum Aanleiding Aanwezigen Besluiten en afspraken" in text
        for web in WEB_ONLY:
            assert web not in text, web
        assert page.evaluate("window.__hrViolations") == []
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("part", ["vooraf", "eerste-bijeenkomst", "vervolgbijeenkomsten", "laatste-bijeenkomst"])
def test_one_meeting_prints_alone_on_at_most_two_pages(browser, base_url: str, part: str) -> None:
    context, page = open_page(browser, base_url, CHECKLIST, "desktop")
    try:
        mine = checklist_groups(page, part)
        others = [
            g
            for other in ("vooraf", "eerste-bijeenkomst", "vervolgbijeenkomsten", "laatste-bijeenkomst")
            if other != part
            for g in checklist_groups(page, other)
        ]
        pages = printed(page, part)
        assert len(pages) <= 2, len(pages)
        assert_groups_whole(pages, mine)
        text = " ".join(pages)
        assert text.startswith("A2.1 Voorbeeld werkprotocol voor het kernteam Vergadering")
        assert text.count("Wie Wanneer") == len(mine)
        mine_items = {i for g in mine for i in g["items"]}
        left_out = [i for g in others for i in g["items"] if i not in mine_items and len(i) > 12]
        assert left_out and not [i for i in left_out if i in text], "other meetings are not printed"
        for web in WEB_ONLY:
            assert web not in text, web
        # the screen still shows every part
        page.emulate_media(media="screen")
        for n in range(4):
            expect(page.locator(".hr-deel").nth(n)).to_be_visible()
        violations = run_axe(page)
        assert violations == [], format_violations(violations)
    finally:
        context.close()
