"""The step before the engine runs: the pages and files made from the data, as plain Markdown.

- one page per intervention (``praktijkvoorbeelden/<id>.md``) and per risk factor
  (``risicofactoren/<slug>.md``), from the record templates in ``overrides/records/`` rendered
  with this package's own Jinja environment (not the theme's);
- the print-all page ``afdrukken.md``: its introduction and a placeholder that the post-build
  step (:mod:`handreiking.postbuild`) fills with every page of the guide;
- the open-data files (:mod:`handreiking.opendata`) under ``open-data/``;
- the overview's stylesheet of filter matches (``assets/stylesheets/filter-matches.css``).

A page's front matter holds what belongs to the page (title, description, code, kind, which
record it shows). What the theme needs that is computed from the data (the record's place in the
data file for the edit link and "Laatst bijgewerkt", the names of its handelingen for the search
filter) is :attr:`GeneratedPage.meta`: the MkDocs plugin hands it to the page as it is, with no
YAML written and parsed back; for an engine without our plugin :func:`write` puts it into the
front matter.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from . import edition, opendata, printall, schemas
from .history import dutch_date
from .model import EXAMPLES_CAVEAT, EXAMPLES_CAVEAT_PAGE, KnowledgeBase
from .paths import OVERRIDES_DIR

RECORD_TEMPLATES = OVERRIDES_DIR / "records"
OPEN_DATA = "open-data/"
SCHEMAS = "schemas/"
MATCH_CSS = "assets/stylesheets/filter-matches.css"  # the overview's "why it matched"

# Python-Markdown's escapable characters that can start markup in running text (``<`` is not
# escapable; raw HTML is refused by the loader before it gets here).
_MARKDOWN_SIGNS = str.maketrans({c: "\\" + c for c in "\\`*_{}[]|!#"})


def markdown_text(value: object) -> str:
    """A one-line value (a name, a link title) as Markdown that reads as exactly that text: inside
    a record template it cannot close a link's brackets, start a link or add attributes."""
    return str(value).translate(_MARKDOWN_SIGNS)


def environment(templates: Path = RECORD_TEMPLATES) -> jinja2.Environment:
    """Jinja for Markdown (no HTML escaping: the templates escape Markdown with ``md_text``)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)), undefined=jinja2.StrictUndefined)
    env.filters["md_text"] = markdown_text
    env.globals["caveat"] = {"text": EXAMPLES_CAVEAT, "page": EXAMPLES_CAVEAT_PAGE}
    return env


@dataclass(frozen=True)
class GeneratedPage:
    path: str  # under docs/, e.g. "praktijkvoorbeelden/buurtbemiddeling.md"
    markdown: str  # front matter and body, as the record template wrote it
    meta: dict[str, Any] = field(default_factory=dict)  # computed values for the theme (see above)

    def text(self) -> str:
        """The page as a file for an engine that runs no MkDocs plugin: :attr:`meta` in the front matter."""
        if not self.meta:
            return self.markdown
        end = self.markdown.index("\n---\n", 3) + 1
        extra = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in self.meta.items())
        return self.markdown[:end] + extra + self.markdown[end:]


def pages(kb: KnowledgeBase, env: jinja2.Environment | None = None) -> list[GeneratedPage]:
    """Every generated page: the records, then the print-all page."""
    env = env or environment()
    out: list[GeneratedPage] = []
    tpl = env.get_template("intervention.md.jinja")
    for item in kb.interventions:
        meta = {
            **edition.edit_meta(kb, item.origin.layer, item.origin.path, "bron_bestand"),
            "bron_regel": item.origin.line,
            "handeling_namen": kb.names("handelingen", item.handelingen),
        }
        out.append(GeneratedPage(item.src_uri, tpl.render(item=item, kb=kb), meta))
    tpl = env.get_template("riskfactor.md.jinja")
    for rf in kb.riskfactors:
        where = {**edition.edit_meta(kb, rf.origin.layer, rf.origin.path, "bron_bestand"), "bron_regel": rf.origin.line}
        out.append(GeneratedPage(rf.src_uri, tpl.render(rf=rf, kb=kb), where))
    out.append(
        GeneratedPage(
            printall.PRINT_PAGE, env.get_template("print-all.md.jinja").render(placeholder=printall.PLACEHOLDER)
        )
    )
    return out


def theme_meta(
    src_uri: str, meta: dict[str, Any], own_pages: tuple[str, ...], dates: dict[str, dt.date]
) -> dict[str, Any]:
    """What the theme writes into a page (``overrides/main.html``), from its front matter and
    :attr:`GeneratedPage.meta` (``meta``): the title's words (a title the MkDocs hooks escaped
    stays escaped: ``Markup`` keeps its type through ``lower`` and ``split``); whether it carries the guide's text (not a page of
    ``eigen_paginas``, nor a record of an editors' addition) and when its source last changed
    (``dates``: :func:`handreiking.history.last_changed`)."""
    out: dict[str, Any] = {"bron_pagina": f"docs/{src_uri}"}  # the file the edit link opens
    title = meta.get("title")
    if isinstance(title, str):  # the title's words once each, for the search's ranking (overrides/main.html)
        out["titel_woorden"] = list(dict.fromkeys(title.lower().split()))
    if meta.get("uit_handreiking") is not False:
        out["uit_handreiking"] = not src_uri.startswith(own_pages) if own_pages else True
    # git's dates of this repository; a file of an edition's own repository (bron_repo) has none here
    changed = None if "bron_repo" in meta else dates.get(meta.get("bron_bestand") or f"docs/{src_uri}")
    if changed:
        out["laatst_bijgewerkt"] = dutch_date(changed)
        out["laatst_bijgewerkt_iso"] = changed.isoformat()
    return out


def open_data(kb: KnowledgeBase) -> dict[str, str]:
    """Path under docs/ -> text of every open-data file, and of the data files' JSON Schemas (the
    editors' help while typing, also published)."""
    data = {OPEN_DATA + name: text for name, text in (opendata.contents(kb) | edition.open_data(kb)).items()}
    return data | {SCHEMAS + name: text for name, text in schemas.contents(kb).items()}


def stylesheets(kb: KnowledgeBase, env: jinja2.Environment | None = None) -> dict[str, str]:
    """Path under docs/ -> text of the stylesheets made from the data (linked by overrides/main.html)."""
    env = env or environment()
    return {MATCH_CSS: env.get_template("filter-matches.css.jinja").render(kb=kb)}


def files(kb: KnowledgeBase) -> dict[str, str]:
    """Path under docs/ -> text of every generated file (pages as :meth:`GeneratedPage.text`)."""
    return {page.path: page.text() for page in pages(kb)} | open_data(kb) | stylesheets(kb)


def write(kb: KnowledgeBase, docs_dir: Path) -> list[Path]:
    """Writes every generated file into ``docs_dir`` (a copy of docs/, for an engine without our
    hooks); returns the files written."""
    written = []
    for rel, text in files(kb).items():
        path = docs_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
