"""The words of the search index, for the search box's query help (search-query.js).

Pagefind finds a page only when every word of the query starts a word of that page. People type
questions with typos ("kernteem") and write compounds together that the guide writes apart
("calamiteitenplan" for "Calamiteiten Plan"). To help them the search script needs to know which
words the index holds, and Pagefind does not tell. So after Pagefind has run, this module reads
the same text Pagefind indexes (the ``data-pagefind-body`` part of each page, without the parts
marked ``data-pagefind-ignore`` and the selectors excluded on the command line) and writes every
word with the number of pages it is on to ``pagefind/hr-woorden.json``, next to the index (it
loads with the index, on the first sign of search intent, never before).
"""

from __future__ import annotations

import json
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

FILE_NAME = "hr-woorden.json"
# What Pagefind never indexes, and what handreiking/postbuild.py excludes on Pagefind's command line.
SKIPPED_TAGS = {"script", "style", "noscript", "template", "svg"}
EXCLUDED_CLASSES = {"headerlink", "hr-code-label"}
VOID_TAGS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "param",
    "source",
    "track",
    "wbr",
}
WORD = re.compile(r"[^\W_]+(?:\.\d+)*")  # section codes ("B1.9") stay whole, as in Pagefind


def fold(text: str) -> str:
    """Lower case without accents: the form in which the search script compares words."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class _IndexedText(HTMLParser):
    """Collects the text inside ``data-pagefind-body`` that Pagefind indexes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, opens the body, is skipped)
        self.in_body = 0
        self.skipped = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_TAGS:
            return
        names = dict(attrs)
        classes = set((names.get("class") or "").split())
        skipped = tag in SKIPPED_TAGS or "data-pagefind-ignore" in names or bool(classes & EXCLUDED_CLASSES)
        body = "data-pagefind-body" in names
        self.stack.append((tag, body, skipped))
        self.in_body += body
        self.skipped += skipped

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS or not any(t == tag for t, _, _ in self.stack):
            return
        while self.stack:
            name, body, skipped = self.stack.pop()
            self.in_body -= body
            self.skipped -= skipped
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.in_body and not self.skipped:
            self.parts.append(data)


def page_words(html: str) -> set[str]:
    """The distinct words (folded) that Pagefind indexes on one page; empty for a page outside
    the index."""
    parser = _IndexedText()
    parser.feed(html)
    parser.close()
    return {fold(w) for w in WORD.findall(" ".join(parser.parts))}


def vocabulary(site_dir: Path) -> dict:
    """Every indexed word with the number of pages it is on."""
    counts: dict[str, int] = {}
    pages = 0
    for path in sorted(site_dir.rglob("*.html")):
        if path.relative_to(site_dir).parts[0] == "pagefind":
            continue
        words = page_words(path.read_text(encoding="utf-8"))
        if not words:
            continue
        pages += 1
        for word in words:
            counts[word] = counts.get(word, 0) + 1
    return {"pages": pages, "words": dict(sorted(counts.items()))}


def write(site_dir: Path) -> Path:
    """Writes the vocabulary next to the Pagefind index; returns its path."""
    target = site_dir / "pagefind" / FILE_NAME
    target.write_text(json.dumps(vocabulary(site_dir), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return target
