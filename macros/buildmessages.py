"""Editors' messages for mistakes MkDocs and mkdocs-macros report in English, or with a traceback:
one Dutch line each, ``file:line: what is wrong; what to do``.

- **Jinja mistakes** on pages with ``render_macros: true``: :mod:`macros.macroerrors`, which
  :func:`install` hooks into mkdocs-macros when its plugin is configured.
- **Broken links** (MkDocs' link and anchor validation): a :class:`logging.Filter` on MkDocs'
  loggers rewrites the warning in place, so it stays a warning (counted in strict mode, which
  fails the build) but reads in Dutch, with the line where the link is written: in the page's
  own source, or, for a page generated from the data (front matter ``record``/``record_id``), in
  the data file, at the line of the field's text that holds the link. Only messages of the ids we
  know (:data:`_WARNINGS`); any other stays as MkDocs wrote it and is shown marked as not translated.

:func:`install` is called once per build (``on_config`` of :mod:`macros.plugin`), which keeps what it
returns, the build's :class:`BuildMessages`, and calls its :meth:`~BuildMessages.remember_page` for
every page.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from handreiking import edition
from handreiking.check import check_all, report
from handreiking.loader import KnowledgeBaseError, load
from handreiking.model import KnowledgeBase
from handreiking.paths import DATA_DIR, DOCS_DIR
from handreiking.places import Finder, contains, mentions, page_lines, record_of, record_place
from macros import macroerrors

EXAMPLE_PAGE = "samos/index.md"  # a page every example message may point to


@dataclass
class BuildMessages:
    """What the messages of one build need: MkDocs' config, the knowledge base, the pages made
    from the data and the links reported so far (each further report names its next place)."""

    config: Any = None
    kb: KnowledgeBase | None = None
    generated: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # src_uri -> (record, record_id)
    reported: dict[tuple[str, str], int] = field(default_factory=dict)  # (src_uri, link) -> times

    def remember_page(self, page: Any) -> None:
        """Pages generated from the data name their record in the front matter; messages about
        them go to the data file."""
        if page.meta.get("record_id") is not None:
            self.generated[page.file.src_uri] = (page.meta.get("record"), page.meta["record_id"])

    def source_place(self, src: str, needle: str) -> str:
        """:func:`_place` for a piece of text (any case) found in the HTML of page ``src``: the page
        safety check (macros/plugin.py) reports there. Each further report of the same piece names
        its next place."""
        return _place(self, src, needle, contains)


def install(config: Any, kb: KnowledgeBase, dutch: DutchMessages) -> BuildMessages:
    """Starts a build: our handlers for mkdocs-macros' errors and MkDocs' link warnings."""
    build = BuildMessages(config=config, kb=kb)
    if "macros" in (getattr(config, "plugins", None) or {}):
        macroerrors.install(config)
    dutch.build = build
    dutch.attach()
    return build


# --------------------------------------------------------------------------- broken links

# MkDocs' warnings about an editor's links, by their message id: where MkDocs logs them (logger,
# function). MkDocs 1.6 formats these messages itself (f-strings: the record carries no arguments
# and no template), so the link and the page are read from its wording, only in the messages of
# that id; a message of the id that no longer reads so is shown as MkDocs wrote it, marked as not
# translated (macros/terminal.py), never half in Dutch.
_LINK = r"^Doc file '(?P<src>.+?)' contains "
_SUGGEST = r"(?: Did you mean '(?P<suggest>.*)'\?)?$"
_WARNINGS = {
    ("mkdocs.structure.pages", "path_to_url"): [
        (
            "not_found",
            re.compile(
                _LINK + r"a link '(?P<url>.*?)', but the target(?: '.*?')? is not found among "
                r"documentation files\." + _SUGGEST,
                re.S,
            ),
        ),
        (
            "unrecognized",
            re.compile(_LINK + r"an unrecognized relative link '(?P<url>.*?)', it was left as is\." + _SUGGEST, re.S),
        ),
        ("absolute", re.compile(_LINK + r"an absolute link '(?P<url>.*?)', it was left as is\." + _SUGGEST, re.S)),
    ],
    ("mkdocs.structure.pages", "validate_anchor_links"): [
        (
            "anchor_here",
            re.compile(
                _LINK + r"a link '(?P<url>.*?)', but there is no such anchor on this page\."
                r"(?P<footnote> This seems to be a footnote)?.*$",
                re.S,
            ),
        ),
        (
            "anchor",
            re.compile(
                _LINK + r"a link '(?P<url>.*?)', but the doc '(?P<target>.+?)' does not contain an "
                r"anchor '#(?P<anchor>.*)'\.$",
                re.S,
            ),
        ),
    ],
}
# A page that failed (the editor's message, our plugin error, follows; or, for a bug, the error's
# own text after the colon, shown on its own line as it is)
_PAGE_ERRORS = {
    ("mkdocs.commands.build", "_populate_page"): "het lezen",
    ("mkdocs.commands.build", "_build_page"): "het maken",
}
# A build stopped by an error: MkDocs logs a plugin error's text alone. Plugin errors here are ours
# (mkdocs-macros raises none; its rendering errors come through our format_error), in Dutch.
_BUILD_ERROR = ("mkdocs.commands.build", "build")
_PAGE_ERROR = re.compile(r"^Error (?:reading|building) page '(?P<src>.+?)':(?P<rest>.*)$", re.S)
_HEADING_ANCHOR = "(klik in de site op # naast de kop: het anker staat dan in het adres, na #)"


class DutchMessages(logging.Filter):
    """Rewrites MkDocs' English messages about editors' mistakes in place (the record keeps its
    level, so strict mode still counts the warning), with what the current build knows."""

    LOGGERS = sorted({name for name, _ in (*_WARNINGS, *_PAGE_ERRORS)})

    def __init__(self) -> None:
        super().__init__()
        self.build: BuildMessages | None = None

    def attach(self) -> None:
        for name in self.LOGGERS:
            logging.getLogger(name).addFilter(self)  # added once: the same filter object

    def detach(self) -> None:
        for name in self.LOGGERS:
            logging.getLogger(name).removeFilter(self)
        self.build = None

    def filter(self, record: logging.LogRecord) -> bool:
        """Sets ``record.dutch`` when the whole message is Dutch (macros/terminal.py shows it as it is)."""
        if (record.name, record.funcName) == _BUILD_ERROR and isinstance(sys.exc_info()[1], PluginError):
            record.dutch = True
            return True
        try:
            dutch = dutch_message(self.build or BuildMessages(), record)
        except Exception:  # a message we cannot place stays as MkDocs wrote it
            dutch = None
        if dutch:
            record.msg, record.args = dutch, ()
            record.dutch = "\n" not in dutch  # a failed page's own error, after the colon, may be English
        return True


def dutch_message(build: BuildMessages, record: logging.LogRecord) -> str | None:
    """The Dutch text of a record of a message id we translate; None for any other."""
    key = (record.name, record.funcName)
    text = record.getMessage()
    if key in _PAGE_ERRORS and (m := _PAGE_ERROR.match(text)):
        rest = m.group("rest").strip()
        return f"Fout bij {_PAGE_ERRORS[key]} van pagina {_shown(build, m.group('src'))}:" + (
            f"\n{rest}" if rest else ""
        )
    for kind, pattern in _WARNINGS.get(key, ()):
        if m := pattern.match(text):
            return _link_message(build, kind, m.groupdict())
    return None


def _link_message(build: BuildMessages, kind: str, found: dict[str, str | None]) -> str:
    src, url = str(found["src"]), str(found["url"])
    record = record_of(build.kb, *build.generated[src]) if src in build.generated else None
    here = f"de pagina {src}" if record is not None else "deze pagina"
    example = get_relative_url(EXAMPLE_PAGE, src)
    hint = found.get("suggest") and f'bedoelt u "{found["suggest"]}"?'
    path_hint = f"geef het pad van een pagina onder docs/, gezien vanaf {here}, bijvoorbeeld {example}"
    written = url  # what to look for in the source
    if kind == "not_found":
        text = f'link naar "{url}": die pagina bestaat niet; {hint or path_hint}'
    elif kind == "unrecognized":
        text = f'link naar "{url}": dat is geen pagina (er ontbreekt .md); {hint or path_hint}'
    elif kind == "absolute":
        text = (
            f'link naar "{url}": een link binnen de site begint niet met /; {hint or path_hint} '
            "(een link naar een andere website begint met https://)"
        )
    elif kind == "anchor_here" and found.get("footnote"):
        note = url.split(":", 1)[-1]
        written = f"[^{note}]"
        text = f"voetnoot [^{note}] staat nergens in de tekst; zet [^{note}] in de tekst of haal de voetnoot weg"
    elif kind == "anchor_here":
        text = (
            f'link naar "{url}": het anker "{url}" bestaat niet op {here}; kies het anker van een kop op '
            f"{here} {_HEADING_ANCHOR}"
        )
    else:
        text = (
            f'link naar "{url}": het anker "#{found["anchor"]}" bestaat niet op pagina {found["target"]}; '
            f"kies het anker van een kop op die pagina {_HEADING_ANCHOR}"
        )
    return f"{_place(build, src, written, mentions)}: {text}"


def _place(build: BuildMessages, src: str, needle: str, found: Finder) -> str:
    """Where an editor finds what ended up on page ``src``: ``docs/<page>:<line>`` for a page of
    theirs, ``data/<file>:<line>: <id>: <field>`` for a page made from the data."""
    generated = build.generated.get(src)
    record = record_of(build.kb, *generated) if generated else None
    if record is not None:
        return record_place(record, src, needle, found)
    line = _docs_line(build, src, needle, found)
    return f"{_shown(build, src)}:{line}" if line else _shown(build, src)


def _shown(build: BuildMessages, src: str) -> str:
    """Page ``src``'s file as the editor sees it (``docs/x.md``; an edition's page in its folder)."""
    return edition.shown_page(build.kb, src) if build.kb is not None else f"docs/{src}"


def _docs_line(build: BuildMessages, src: str, url: str, found: Finder = mentions) -> int | None:
    """Line of the page's source where the link is written, outside the front matter; when a
    link is reported more than once, the next place each time."""
    own = edition.page_file(build.kb, src) if build.kb is not None else None
    try:
        path = own[1] if own else Path(build.config.docs_dir) / src
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, TypeError, AttributeError):
        return None
    places = page_lines(text, url, found)
    if not places:
        return None
    seen = build.reported.get((src, url), 0)
    build.reported[(src, url)] = seen + 1
    return places[min(seen, len(places) - 1)]


def load_for_build(docs_dir: Path | None = None) -> KnowledgeBase:
    """:func:`handreiking.loader.load` for MkDocs (hooks and macros): data problems stop the build
    with the editors' messages as a plugin error, which MkDocs prints without a traceback; with
    them, the pages' problems (:func:`handreiking.check.check_all`), so all come in one round."""
    try:
        return edition.layered(load(docs_dir=docs_dir), Path(docs_dir or DOCS_DIR))
    except KnowledgeBaseError:
        data_dir = Path(os.environ.get("HANDREIKING_DATA_DIR") or DATA_DIR)
        _, problems = check_all(data_dir, Path(docs_dir or DOCS_DIR))
        raise PluginError(report(problems)) from None
