"""The words of the search index, for the search box's query help (search-query.js).

Pagefind finds a page only when every word of the query starts a word of that page. People type
questions with typos ("kernteem") and write compounds together that the guide writes apart
("calamiteitenplan" for "Calamiteiten Plan"). To help them the search script needs to know which
words the index holds, and Pagefind does not tell. So after Pagefind has run, this module reads
the same text Pagefind indexes (the ``data-pagefind-body`` part of each page, without the parts
marked ``data-pagefind-ignore`` and the selectors excluded on the command line) and writes every
word with the number of pages it is on to ``pagefind/hr-woorden.json``, next to the index (it
loads with the index, on the first sign of search intent, never before).

With the words go the search's word list (``data/zoekwoorden.yaml``: the words people type and
the guide's words searched with them; :func:`check_word_list` fails the build when a guide word is
not in the index) and the Dutch words that are not in the index but look like a typo of one of its
words (from pyspellchecker's Dutch word frequencies): the search never "corrects" those
("opruiing" is no typo of "opruimen").

It also writes ``pagefind/hr-titels.json``: the address, title and section code of every indexed
page (the ``data-pagefind-meta`` values the results show), and the name of Pagefind's metadata
file for the site's language (from ``pagefind-entry.json``). That file is small (a few kilobytes),
so it arrives long before Pagefind's WebAssembly and index: while those load, the search shows
the pages whose title matches the typed words (replaced by Pagefind's results when they are in),
and fetches Pagefind's entry and metadata files at once instead of one after the other.
"""

from __future__ import annotations

import bisect
import functools
import json
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path

from .model import Zoekwoord

FILE_NAME = "hr-woorden.json"
TITLES_FILE_NAME = "hr-titels.json"
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


class IndexedText(HTMLParser):
    """Collects the text inside ``data-pagefind-body`` that Pagefind indexes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, opens the body, is skipped)
        self.in_body = 0
        self.skipped = 0
        self.parts: list[str] = []
        self.meta: dict[str, str] = {}  # data-pagefind-meta inside the body ("title", "code")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_TAGS:
            return
        names = dict(attrs)
        classes = set((names.get("class") or "").split())
        skipped = tag in SKIPPED_TAGS or "data-pagefind-ignore" in names or bool(classes & EXCLUDED_CLASSES)
        body = "data-pagefind-body" in names
        meta = names.get("data-pagefind-meta")
        if meta and self.in_body and ":" in meta:
            key, _, value = meta.partition(":")
            self.meta.setdefault(key.strip(), value.strip())
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


def indexed_text(html: str) -> IndexedText:
    """The text Pagefind indexes on one page (nothing for a page outside the index), read from
    the tag with ``data-pagefind-body`` on (the header and navigation before it hold nothing indexed)."""
    parser = IndexedText()
    body = html.find("data-pagefind-body")
    if body >= 0:
        parser.feed(html[max(html.rfind("<", 0, body), 0) :])
        parser.close()
    return parser


def page_words(html: str) -> set[str]:
    """The distinct words (folded) that Pagefind indexes on one page; empty for a page outside
    the index."""
    return set(_folded_words(" ".join(indexed_text(html).parts)))


def _indexed_pages(site_dir: Path) -> Iterator[tuple[str, IndexedText]]:
    """(address relative to the site root, parsed text) of every page of a built site, read from
    its files, in the order of their paths."""
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir)
        if relative.parts[0] == "pagefind":
            continue
        address = relative.as_posix()
        yield (
            (address[: -len("index.html")] if path.name == "index.html" else address),
            indexed_text(path.read_text(encoding="utf-8")),
        )


def vocabulary(site_dir: Path, indexed: Iterable[tuple[str, IndexedText]] | None = None) -> dict:
    """Every indexed word with the number of pages it is on (of ``indexed``: address and indexed
    text of each page, else the pages read from ``site_dir``)."""
    return _contents(site_dir, _indexed_pages(site_dir) if indexed is None else indexed)[0]


def _contents(site_dir: Path, indexed: Iterable[tuple[str, IndexedText]]) -> tuple[dict, dict]:
    """The vocabulary and the titles ([address, title, code] per page, and Pagefind's metadata
    name) of the pages (address, text Pagefind indexes), in one pass."""
    counts: dict[str, int] = {}
    titles: list[list[str]] = []
    pages = 0
    for address, parsed in indexed:
        if not parsed.parts:
            continue
        words = _folded_words(" ".join(parsed.parts))
        if not words:
            continue
        pages += 1
        for word in words:
            counts[word] = counts.get(word, 0) + 1
        title = parsed.meta.get("title")
        if title:
            code = parsed.meta.get("code", "")
            titles.append([address, title, code] if code else [address, title])
    return {"pages": pages, "words": dict(sorted(counts.items()))}, {"meta": _meta_name(site_dir), "pages": titles}


@functools.lru_cache(
    maxsize=8192
)  # the word list's check and the search words read the same pages; so does each preview build
def _folded_words(text: str) -> frozenset[str]:
    return frozenset(fold(w) for w in WORD.findall(text))


def _meta_name(site_dir: Path) -> str | None:
    """Pagefind's metadata name ("nl_1a2b3c4d5e": pagefind.nl_1a2b3c4d5e.pf_meta) when the index
    has one language (the build forces the site's language); it changes whenever the index does."""
    try:
        entry = json.loads((site_dir / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    languages = list((entry.get("languages") or {}).values())
    return languages[0].get("hash") if len(languages) == 1 else None


# Dutch words at least this common (pyspellchecker's counts) and this long are shipped as known words.
DUTCH_MIN_COUNT = 300
DUTCH_MIN_LENGTH = 5
WORD_LIST = "data/zoekwoorden.yaml"


class WordListError(Exception):
    """A guide word of the word list is not in the search index; the message is Dutch, one line each."""


def check_word_list(entries: Iterable[Zoekwoord], words: dict[str, int], lines: dict[tuple[str, ...], int]) -> None:
    """Every guide word of the word list (each word of it) is in the index, and every typed word is
    listed once; raises :class:`WordListError` with ``data/zoekwoorden.yaml:LINE: ...`` lines."""
    problems = []
    first: dict[str, int] = {}
    for index, entry in enumerate(entries):
        line = lines.get((WORD_LIST, str(index)), 0)
        for typed in entry.woorden:
            if fold(typed) in first:
                problems.append(
                    f'{WORD_LIST}:{line}: "{typed}" staat al op regel {first[fold(typed)]}; '
                    "zet elk woord in één regel van de lijst"
                )
            first.setdefault(fold(typed), line)
        for j, guide in enumerate(entry.ook):
            absent = [w for w in guide.split() if fold(w) not in words]
            if absent:
                problems.append(
                    f'{WORD_LIST}:{lines.get((WORD_LIST, str(index), str(j)), line)}: "{guide}": '
                    f"{', '.join(absent)} staat niet in de zoekindex; kies een woord dat de handreiking gebruikt "
                    "(zoals het op de pagina's staat, met de vorm die de tekst heeft)"
                )
    if problems:
        raise WordListError("\n".join(problems))


@functools.cache
def _common_dutch() -> list[str]:
    """The common Dutch words (folded) of pyspellchecker's word list, read once a process (a few MB:
    every rebuild of ``make serve`` would read it again)."""
    from spellchecker import SpellChecker

    return [
        fold(word)
        for word, count in SpellChecker(language="nl").word_frequency.dictionary.items()
        if count >= DUTCH_MIN_COUNT and len(word) >= DUTCH_MIN_LENGTH and word.isalpha()
    ]


def known_dutch(words: dict[str, int]) -> list[str]:
    """Common Dutch words that are not in the index, begin no word of it, and that search could
    take for a typo of one: one letter away from an indexed word, or beginning like one."""
    indexed = sorted(words)
    near: set[str] = set()
    beginnings: set[str] = set()
    for word in indexed:
        if len(word) >= 3:
            near.add(word)
            near.update(word[:i] + word[i + 1 :] for i in range(len(word)))
        beginnings.update(word[:n] for n in range(4, len(word) + 1))

    def begins_indexed(word: str) -> bool:
        at = bisect.bisect_left(indexed, word)
        return at < len(indexed) and indexed[at].startswith(word)

    found = []
    for word in _common_dutch():
        if word in words or begins_indexed(word):
            continue
        shorter = {word[:i] + word[i + 1 :] for i in range(len(word))}
        shortest = max(4, math.ceil(len(word) * 0.6))
        if word in near or shorter & near or any(word[:n] in beginnings for n in range(shortest, len(word))):
            found.append(word)
    return sorted(set(found))


def write(
    site_dir: Path,
    entries: Iterable[Zoekwoord] = (),
    lines: dict[tuple[str, ...], int] | None = None,
    indexed: Iterable[tuple[str, IndexedText]] | None = None,
) -> Path:
    """Writes the vocabulary (with the word list and the known Dutch words) and the titles list
    next to the Pagefind index; returns the vocabulary's path. ``indexed``: every page's address
    and indexed text in the order of their paths, as the post-build pass collected them (else they
    are read from ``site_dir``). Raises :class:`WordListError`."""
    words, titles = _contents(site_dir, _indexed_pages(site_dir) if indexed is None else indexed)
    entries = list(entries)
    check_word_list(entries, words["words"], lines or {})
    words["zoekwoorden"] = {fold(typed): [fold(w) for w in entry.ook] for entry in entries for typed in entry.woorden}
    words["bekend"] = known_dutch(words["words"])
    target = site_dir / "pagefind" / FILE_NAME
    for path, data in ((target, words), (target.with_name(TITLES_FILE_NAME), titles)):
        path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return target
