"""Checklists (Markdown task lists, ``- [ ] punt``) made for a real meeting, at build time, so they
work the same with or without JavaScript and nothing moves when checklist.js runs:

- the item's text goes into the item's ``<label>`` (pymdownx.tasklist puts only the box there): a
  tap on the text ticks the box, and the box is named by its text (WCAG 4.1.2, 2.5.3);
- every box gets a stable id, ``data-hr-punt``: the id of the section it stands in and a slug of
  its text (``vooraf-beeldvorming--wat-is-er-gebeurd``; ``-2`` for a repeat in one section).
  checklist.js keeps ticks under these ids, so an item added to a checklist does not move saved
  ticks onto other items;
- the toolbar and, on pages with ``vergadering: true`` in the front matter, the "Vergadering" block
  (``overrides/partials/checklist-bar.html``).
"""

from __future__ import annotations

import html as html_lib
import re
import unicodedata

import jinja2
from markupsafe import Markup

from . import htmlspans
from .model import Afdrukdeel
from .paths import OVERRIDES_DIR

_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(OVERRIDES_DIR)), autoescape=True, trim_blocks=True, lstrip_blocks=True
)

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_TAG = re.compile(r"<[^>]+>")
MAX_SLUG = 60


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens (``Wat is er gebeurd?`` -> ``wat-is-er-gebeurd``)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return words[:MAX_SLUG].rstrip("-") or "punt"


def plain_text(fragment: str) -> str:
    return " ".join(html_lib.unescape(_TAG.sub("", fragment)).split())


def _task_items(elements: list[htmlspans.Element]) -> list[tuple[htmlspans.Element, htmlspans.Element, int]]:
    """Each item of pymdownx.tasklist as written by it: ``<li class="task-list-item">`` that opens
    with ``<label class="task-list-control">`` holding only the box and its indicator; with where
    the item's own text ends (at a nested list or the end of the item)."""
    items = []
    for li in elements:
        if li.tag != "li" or li.attrs.get("class") != "task-list-item" or not li.children:
            continue
        label = li.children[0]
        if (
            label.tag != "label"
            or label.start != li.inner_start
            or label.attrs.get("class") != "task-list-control"
            or [(c.tag, c.attrs.get("type") or c.attrs.get("class")) for c in label.children]
            != [("input", "checkbox"), ("span", "task-list-indicator")]
        ):
            continue
        nested = next((c.start for c in li.children[1:] if c.tag in ("ul", "ol")), li.inner_end)
        items.append((li, label, nested))
    return items


def label_items(html: str) -> str:
    """Every task-list item with its text inside its label and a stable ``data-hr-punt`` id."""
    elements = htmlspans.parse(html)
    headings = [(e.start, e.attrs["id"]) for e in elements if e.tag in _HEADINGS and e.attrs.get("id")]
    template = _ENV.get_template("partials/checklist-item.html")
    seen: dict[str, int] = {}
    changes = []
    for _li, label, stop in _task_items(elements):
        section = next((hid for start, hid in reversed(headings) if start < label.start), "")
        raw = html[label.end : stop]
        text = raw.strip()
        base = f"{section}--{slug(plain_text(text))}" if section else slug(plain_text(text))
        seen[base] = seen.get(base, 0) + 1
        punt = base if seen[base] == 1 else f"{base}-{seen[base]}"
        checked = "checked" in label.children[0].attrs
        rendered = template.render(punt=punt, checked=checked, text=Markup(text)).strip()
        changes.append((label.start, stop, rendered + raw[len(raw.rstrip()) :]))
    return htmlspans.replace(html, changes)


def bar(vergadering: bool = False, delen: list[Afdrukdeel] | None = None) -> str:
    """The toolbar (and the Vergadering block) of a page with a checklist."""
    template = _ENV.get_template("partials/checklist-bar.html")
    return template.render(vergadering=vergadering, delen=delen or []).strip()


def _top_level(elements: list[htmlspans.Element]) -> list[htmlspans.Element]:
    """The elements not inside another one, in order."""
    out: list[htmlspans.Element] = []
    for element in elements:
        if not out or element.start >= out[-1].end:
            out.append(element)
    return out


def wrap_groups(html: str) -> str:
    """Each heading with the checklist under it (up to the next heading) in one group
    (``partials/checklist-group.html``), which is printed on one page."""
    tops = _top_level(htmlspans.parse(html))
    template = _ENV.get_template("partials/checklist-group.html")
    changes = []
    for n, element in enumerate(tops):
        if element.tag not in _HEADINGS or element.tag == "h1":
            continue
        end = next((e.start for e in tops[n + 1 :] if e.tag in _HEADINGS), len(html))
        rest = html[element.end : end]
        if 'class="task-list"' not in rest:
            continue
        stripped = rest.rstrip()
        rendered = template.render(heading=Markup(html[element.start : element.end]), rest=Markup(stripped))
        changes.append((element.start, element.end + len(stripped), rendered))
    return htmlspans.replace(html, changes)


def wrap_parts(html: str, delen: list[Afdrukdeel]) -> str:
    """Each part of ``delen`` (from the heading it names to the next part) in its own element
    (``partials/checklist-part.html``), so one part can be printed alone."""
    if not delen:
        return html
    elements = htmlspans.parse(html)
    tops = _top_level(elements)
    starts = []
    for deel in delen:
        heading = next((e for e in elements if e.tag in _HEADINGS and e.attrs.get("id") == deel.vanaf), None)
        if heading is None:
            raise ValueError(f'afdrukdelen: geen kop met anker "{deel.vanaf}" op de pagina')
        starts.append(next(t.start for t in tops if t.start <= heading.start < t.end))
    template = _ENV.get_template("partials/checklist-part.html")
    ends = [*starts[1:], len(html.rstrip())]
    changes = [
        (start, end, template.render(deel=deel.vanaf, content=Markup(html[start:end])))
        for deel, start, end in zip(delen, starts, ends, strict=True)
    ]
    return htmlspans.replace(html, changes)


def insert_bar(html: str, vergadering: bool = False, delen: list[Afdrukdeel] | None = None) -> str:
    """The toolbar goes after the title (else before the first checklist); none without a checklist."""
    elements = htmlspans.parse(html)
    if not any(e.tag == "li" and "task-list-item" in e.classes for e in elements):
        return html
    title = next((e for e in elements if e.tag == "h1"), None)
    first_list = next((e for e in elements if e.tag == "ul" and "task-list" in e.classes), None)
    at = title.end if title else first_list.start if first_list else 0
    return html[:at] + bar(vergadering, delen) + html[at:]
