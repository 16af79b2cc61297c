"""Where an editor wrote something that ended up on a built page: the line of a page in docs/, or
the data file, line, record and field of a page made from the data (from each record's origin).
Both engines' adapters report there: MkDocs' Dutch messages (macros/buildmessages.py) and the
page safety check after Zensical (handreiking/zensical.py)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .model import KnowledgeBase

# Where in a text a needle is written: the offsets of each occurrence.
Finder = Callable[[str, str], list[int]]


def contains(text: str, needle: str) -> list[int]:
    """A piece of text, in any case (what the page safety check finds in the HTML)."""
    at = text.lower().find(needle.lower())
    return [at] if at >= 0 else []


def mentions(text: str, url: str) -> list[int]:
    """Where ``url`` is written in ``text`` as a whole link target (not part of a longer one)."""
    pattern = re.compile(r"(?<![\w./#%-])" + re.escape(url) + r"(?![\w/#%-])")
    return [m.start() for m in pattern.finditer(text)]


def record_of(kb: KnowledgeBase | None, kind: Any, record_id: Any) -> Any:
    """The record a generated page shows (front matter ``record: interventie``, ``record_id``)."""
    if kb is None:
        return None
    if kind == "interventie":
        return kb.interventions.get(str(record_id))
    if kind == "risicofactor":
        return kb.riskfactors.get(str(record_id))
    return None


def record_place(record: Any, src: str, needle: str, found: Finder = mentions) -> str:
    """``data/<file>:<line>: <id>: <field>`` of the record's text that holds ``needle``; the
    record's first line when its page has it from the page template, not from the data."""
    for name in type(record).model_fields:
        value = getattr(record, name)
        values = value if isinstance(value, list) else [value]
        for j, item in enumerate(values):
            if isinstance(item, str) and found(item, needle):
                label = f"{name}[{j + 1}]" if isinstance(value, list) else name
                return f"{record.origin.path}:{record_line(record, name, needle, found)}: {record.id}: {label}"
    origin = record.origin
    return f"{origin.path}:{origin.line}: {record.id} (op de pagina {src}, die uit deze gegevens gemaakt wordt)"


def record_line(record: Any, name: str, needle: str, found: Finder = mentions) -> int:
    """The line, from field ``name``'s first line up to the next field's, where ``needle`` is written
    (a text over several lines, ``|``, has it on one of them): from the record's origin."""
    origin = record.origin
    line, lines = origin.line_of(name), origin.text
    return next((i for i in range(line, origin.end_of(name) + 1) if found(lines[i - 1], needle)), line)


def page_lines(text: str, needle: str, found: Finder = mentions) -> list[int]:
    """Every line of a page's source (outside its front matter) where ``needle`` is written."""
    lines = text.splitlines()
    start = 0
    if lines and lines[0].rstrip() == "---":
        start = next((i + 1 for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), 0)
    return [i + 1 for i in range(start, len(lines)) for _ in found(lines[i], needle)]
