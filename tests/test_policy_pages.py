"""Pages a policy maker leans on (issue 22, items 4-6): who has the lead per stage on the fasewijzer,
list items that keep their bullet on their first line, sources kept honest (C2 as data, external
links marked, dead links shown with their archived copy) and the kernteam checklist printed for a
meeting."""

from __future__ import annotations

import base64
import html as html_lib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import expect

from handreiking.loader import load
from handreiking.urls import href
from tests.conftest import format_violations, run_axe

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
