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

from .paths import OVERRIDES_DIR

_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(OVERRIDES_DIR)), autoescape=True, trim_blocks=True, lstrip_blocks=True
)

# One item of pymdownx.tasklist: its label (box and indicator only) and its text, up to a nested list
# or the end of the item.
_ITEM = re.compile(
    r'(?<=<li class="task-list-item">)<label class="task-list-control">'
    r'<input type="checkbox"(?P<attrs>[^>]*?)/?>(?:<span class="task-list-indicator"></span>)</label>'
    r"(?P<text>.*?)(?P<end>\s*)(?=<ul|<ol|</li>)",
    re.S,
)
_HEADING = re.compile(r'<h[1-6]\b[^>]*\bid="([^"]+)"')
_TAG = re.compile(r"<[^>]+>")
MAX_SLUG = 60


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens (``Wat is er gebeurd?`` -> ``wat-is-er-gebeurd``)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return words[:MAX_SLUG].rstrip("-") or "punt"


def plain_text(fragment: str) -> str:
    return " ".join(html_lib.unescape(_TAG.sub("", fragment)).split())


def label_items(html: str) -> str:
    """Every task-list item with its text inside its label and a stable ``data-hr-punt`` id."""
    headings = [(m.start(), m.group(1)) for m in _HEADING.finditer(html)]
    template = _ENV.get_template("partials/checklist-item.html")
    seen: dict[str, int] = {}

    def item(match: re.Match[str]) -> str:
        section = next((hid for start, hid in reversed(headings) if start < match.start()), "")
        text = match.group("text").strip()
        base = f"{section}--{slug(plain_text(text))}" if section else slug(plain_text(text))
        seen[base] = seen.get(base, 0) + 1
        punt = base if seen[base] == 1 else f"{base}-{seen[base]}"
        label = template.render(punt=punt, checked="checked" in match.group("attrs"), text=Markup(text)).strip()
        return label + match.group("end")

    return _ITEM.sub(item, html)


def bar(vergadering: bool = False) -> str:
    """The toolbar (and the Vergadering block) of a page with a checklist."""
    return _ENV.get_template("partials/checklist-bar.html").render(vergadering=vergadering).strip()


def insert_bar(html: str, vergadering: bool = False) -> str:
    """The toolbar goes after the title (else before the first checklist); none without a checklist."""
    if 'class="task-list-item"' not in html:
        return html
    end = html.find("</h1>")
    at = end + len("</h1>") if end >= 0 else max(html.find('<ul class="task-list">'), 0)
    return html[:at] + bar(vergadering) + html[at:]
