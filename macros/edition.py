"""MkDocs side of a local edition (:mod:`handreiking.edition`): its pages in the navigation and the
files, the national pages it replaces or hides, and its text in the named places (slots) of national
pages. Every function does nothing for the national site (no edition), so its output is unchanged."""

from __future__ import annotations

import re

import markdown
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page, _RelativePathTreeprocessor

from handreiking import edition
from handreiking.edition import ROUTE_PAGE, EditionKnowledgeBase
from handreiking.model import KnowledgeBase

from .render import Renderer

STYLESHEET = "assets/stylesheets/editie.css"  # the edition's styles (the national site has none)
_HEADING = re.compile(r"^(#{1,6})\s")
_FENCE = re.compile(r"^\s*(```|~~~)")


def of(kb: KnowledgeBase) -> EditionKnowledgeBase | None:
    return kb if isinstance(kb, EditionKnowledgeBase) else None


def configure(config: MkDocsConfig, kb: KnowledgeBase) -> None:
    """``on_config``: the edition's name for the header and print (``config.extra.editie``), its pages
    in the navigation (a section named after it, after "Er is iets gebeurd"), hidden pages out of it,
    and its folder watched by ``make serve``."""
    ed = of(kb)
    if ed is None:
        return
    config.extra["editie"] = {"naam": ed.edition.naam, "contact": ed.edition.contact}
    config.nav = edition.navigation(config.nav, ed)
    config.watch.append(str(ed.layer.root))
    config.extra_css.append(STYLESHEET)


def add_files(config: MkDocsConfig, files: Files, kb: KnowledgeBase) -> None:
    """``on_files``: the edition's pages under its own folder; a replaced national page's address
    gets the edition's page (declared in ``editie.yaml``, never by a file of the same name)."""
    ed = of(kb)
    if ed is None:
        stylesheet = files.get_file_from_path(STYLESHEET)
        if stylesheet is not None:  # the national site stays as it was without editions
            files.remove(stylesheet)
        return
    for src_uri in ed.edition.verbergt:  # out of the menu on purpose, as not_in_nav says in mkdocs.yml
        hidden = files.get_file_from_path(src_uri)
        if hidden is not None:
            hidden.inclusion = InclusionLevel.NOT_IN_NAV
    for src_uri, page in ed.published().items():
        old = files.get_file_from_path(src_uri)
        if old is not None:
            files.remove(old)
        files.append(File.generated(config, src_uri, abs_src_path=str(ed.layer.docs_dir / page)))


def page_meta(page: Page, kb: KnowledgeBase) -> None:
    """A hidden national page stays reachable by its address (links to it keep working) but is left
    out of the search index, as it is out of the navigation. An edition's own page is edited in the
    edition's folder (``bron_pagina``), in the repository it lies in (:func:`edition.edit_meta`)."""
    ed = of(kb)
    if ed is None:
        return
    if page.file.src_uri in ed.edition.verbergt:
        page.meta["search"] = {"exclude": True}
    own = edition.page_file(ed, page.file.src_uri)
    if own is not None:
        page.meta.update(edition.edit_meta(ed, ed.layer.id, own[0], "bron_pagina"))
    # the edition's own text is not the guide's: no "Tekst uit de handreiking" under it
    if own is not None or page.meta.get("record_id") in {r.id for r in ed.local_examples}:
        page.meta["uit_handreiking"] = False


def insert_slots(markdown: str, page: Page, kb: KnowledgeBase, render: Renderer) -> str:
    """``on_page_markdown``: the edition's text at the end of each section its slots name (the
    section under the heading with that anchor ends before the next heading of its level or higher)."""
    ed = of(kb)
    if ed is None or page.file.src_uri == ROUTE_PAGE:
        return markdown
    slots = ed.slots(page.file.src_uri)
    if not slots:
        return markdown
    lines = markdown.split("\n")
    headings: list[tuple[int, int, str]] = []  # (line index, level, text)
    fenced = False
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
        m = None if fenced else _HEADING.match(line)
        if m:
            headings.append((index, len(m[1]), line))
    inserts: dict[int, list[str]] = {}
    for slot in slots:
        anchor = slot.plek.partition("#")[2]
        start = next((h for h in headings if re.search(rf"#{re.escape(anchor)}\b", h[2])), None)
        if start is None:  # the check (make check) has said so already
            continue
        end = next((i for i, level, _ in headings if i > start[0] and level <= start[1]), len(lines))
        html = render(
            "edition-slot.html",
            from_url=page.url,
            kb=ed,
            slot=slot,
            anchor=anchor,
            level=min(start[1] + 1, 6),
            markdown_inside=True,
        )
        inserts.setdefault(end, []).append(html)
    for end in sorted(inserts, reverse=True):
        lines[end:end] = ["", *inserts[end], ""]
    return "\n".join(lines)


def page_markdown(text: str, page: Page, files: Files, config: MkDocsConfig) -> Markup:
    """Markdown as part of ``page``: its links to pages (``x.md``) become those pages' addresses by
    MkDocs' own rewriting of a page's links, as on the page itself (for Markdown that a macro renders
    into HTML, which MkDocs does not render again)."""
    converter = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    _RelativePathTreeprocessor(page.file, files, config)._register(converter)
    return Markup(converter.convert(text or ""))


def route_slots(
    kb: KnowledgeBase, render: Renderer, page: Page | None, files: Files | None, config: MkDocsConfig
) -> dict[str, Markup]:
    """The incident route's slots, by step id (``er-is-iets-gebeurd.md#kernteam``): rendered here,
    as the route is a macro's output, their text as part of the route's page (among ``files``), so
    its links are rewritten as on every other page."""
    ed = of(kb)
    if ed is None or page is None or files is None:
        return {}
    return {
        slot.plek.partition("#")[2]: Markup(
            render(
                "edition-slot.html",
                from_url=page.url,
                kb=ed,
                slot=slot,
                anchor=slot.plek.partition("#")[2],
                level=3,
                markdown_inside=False,
                html=page_markdown(slot.tekst, page, files, config),
            )
        )
        for slot in ed.slots(ROUTE_PAGE)
    }
