"""The steps after the engine has written the site, over the finished ``site/`` folder.

They read the built pages, not the engine's objects, so any engine that renders our theme
templates can be followed by them. :func:`run` reads and writes each page once: every change
inside a page is a function of that one page (:data:`PAGE_STEPS`, composed in one pass over the
pages), then come the steps over the whole site (:data:`SITE_STEPS`), from what the pass
collected.

With many pages the pass runs in a process per core (:data:`PARALLEL_FROM`).

The page steps, in this order (one more step is one more line there):

0. :func:`english_parts`: English phrases of the text marked ``lang="en"``
   (:mod:`handreiking.language`, issue 23);
1. :func:`print_page`: the whole guide on one page, from every page's content in reading order
   (:mod:`handreiking.printall`); the pass leaves the print-all page for last, so every part is
   in by then;
2. :func:`checklist_page`: a checklist's items get their text as label and a stable id, the
   page its toolbar (:mod:`handreiking.checklists`);
3. :func:`external_links`: every link to another website in a page's article marked as external
   (:mod:`handreiking.externallinks`);
4. :func:`theme_markup`: spots of invalid HTML in the theme mended, names and landmarks made
   accessible (issue 23), and the content markers removed;
5. :func:`content_security_policy`: the policy in every page (:mod:`handreiking.csp`); not under
   ``mkdocs serve``, whose live reload injects an inline script.

The site steps: :func:`redirect_pages` (the Dutch pages for old and short addresses,
:mod:`handreiking.redirects`, with their policy), :func:`address_list` (every page and old
address as data for the page-not-found page), :func:`search_index` and :func:`search_words`
(Pagefind's index and the words in it, :mod:`handreiking.searchwords`), and last
:func:`offline_manifest` (the hash of every file as served, written into the service worker,
:mod:`handreiking.offline`).

A page's own content (what its Markdown made) is found between two comments that
``overrides/partials/content.html`` writes around it: :data:`CONTENT_START`, :data:`CONTENT_END`.
Changes inside a page are made at elements found with the HTML tokenizer
(:mod:`handreiking.htmlspans`); every other byte stays as the engine wrote it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import re
import subprocess
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import checklists, csp, edition, externallinks, htmlspans, language, offline, printall, redirects, searchwords
from .loader import load_redirects, read_front_matter
from .model import Afdrukdeel, KnowledgeBase
from .siteconfig import CONFIG_FILE, SiteConfig
from .siteconfig import load as load_config
from .urls import page_url

log = logging.getLogger("mkdocs.plugins.handreiking.postbuild")

CONTENT_START = "<!-- hr:content -->"
CONTENT_END = "<!-- /hr:content -->"


class PostBuildError(Exception):
    """A post-build step could not finish; the message is for the person building the site."""


@dataclass
class Page:
    """One built HTML file while the pass changes it: each page step changes :attr:`html`."""

    path: Path
    address: str  # under the site's root, a folder's index page by the folder ("", "samos/", "404.html")
    html: str
    title: str = ""  # data-pagefind-meta "title:" (read before the steps, from the engine's page)


@dataclass
class Build:
    """One run of the post-build steps over a built site, with what the pass over the pages collects
    for the site steps."""

    site: Path
    kb: KnowledgeBase
    config: SiteConfig
    serving: bool = False  # `mkdocs serve`: a local preview
    _sources: dict[str, Path] = field(default_factory=dict)  # page address -> its file in docs/
    print_order: dict[str, None] = field(default_factory=dict)  # addresses of the print-all page's pages, in order
    print_parts: dict[str, printall.Part] = field(default_factory=dict)  # address -> its part
    titles: dict[str, str] = field(default_factory=dict)  # address of every page -> its title
    indexed: dict[str, searchwords.IndexedText] = field(default_factory=dict)  # rel path -> Pagefind's text
    hashes: dict[str, str] = field(default_factory=dict)  # rel path -> hash of the file as written
    memo: dict[str, MemoEntry] = field(default_factory=dict)  # the preview's pass results, by key

    def page_file(self, src_uri: str) -> Path:
        """The built file of the page made from ``src_uri`` (a path under docs/)."""
        return self.site / page_url(src_uri) / "index.html"

    def pages(self) -> list[Path]:
        """Every HTML file of the site (pages, the page-not-found page, redirect pages)."""
        return csp.pages(self.site)

    def reading_order(self) -> list[str]:
        """The pages of the print-all page (paths under docs/), in the menu's order (an edition's too)."""
        nav = self.config.model_copy(update={"nav": edition.navigation(self.config.nav, self.kb)})
        return printall.reading_order(nav.nav_pages(), self.kb)

    def front_matter(self, page: Path) -> dict[str, Any]:
        """The front matter of the file in docs/ a built page was made from ({} for a generated page)."""
        if not self._sources:
            docs = self.config.docs
            self._sources = {page_url(p.relative_to(docs).as_posix()): p for p in docs.rglob("*.md")}
        rel = page.relative_to(self.site)
        url = "" if rel.parent == Path(".") else rel.parent.as_posix() + "/"
        source = self._sources.get(url) if rel.name == "index.html" else None
        return read_front_matter(source.read_text(encoding="utf-8-sig")) if source else {}

    def collect(self, collected: Collected) -> None:
        """What a process of the pool collected over its pages (:func:`page_pass`)."""
        titles, print_parts, indexed, hashes, memo = collected
        self.memo.update(memo)
        self.titles.update(titles)
        self.print_parts.update(print_parts)
        self.indexed.update(indexed)
        self.hashes.update(hashes)

    def finished(self, rel: str, html: str) -> None:
        """What the site steps need of a page as it is written (``rel``: its path under site/)."""
        self.indexed[rel] = searchwords.indexed_text(html)
        self.hashes[rel] = offline.file_hash(html.encode("utf-8"))


# titles, print-all parts, Pagefind's text and hashes of some pages (as in :class:`Build`)
Collected = tuple[
    dict[str, str], dict[str, printall.Part], dict[str, searchwords.IndexedText], dict[str, str], dict[str, "MemoEntry"]
]


def content_span(html: str) -> tuple[int, int] | None:
    """Where a built page's own content starts and ends (None for a page without it)."""
    start = html.find(CONTENT_START)
    end = html.find(CONTENT_END, start)
    if start < 0 or end < 0:
        return None
    return start + len(CONTENT_START), end


def page_meta(html: str, key: str) -> str:
    """A value the theme writes for Pagefind before a page's content (``data-pagefind-meta="title:…"``)."""
    span = content_span(html)
    head = html[max(html.rfind("<article", 0, span[0]), 0) : span[0]] if span else html
    for element in htmlspans.parse(head):
        value = element.attrs.get("data-pagefind-meta") or ""
        if value.startswith(key + ":"):
            return value[len(key) + 1 :]
    return ""


# --------------------------------------------------------------------------- the page steps


def english_parts(build: Build, page: Page) -> None:
    """The English phrases of ``engelse_woorden`` (data/vocabularies.yaml) marked in the page's
    content (:mod:`handreiking.language`, issue 23), before the print-all page copies it."""
    phrases = build.kb.vocab.engelse_woorden
    span = content_span(page.html)
    if span is None or not phrases:
        return
    page.html = page.html[: span[0]] + language.mark(page.html[span[0] : span[1]], phrases) + page.html[span[1] :]


def print_page(build: Build, page: Page) -> None:
    """A page of the guide gives its content to the print-all page, labelled as on its own page
    (without the checklist toolbar); the print-all page (last in the pass) gets every page's
    content in place of its placeholder."""
    if page.address == page_url(printall.PRINT_PAGE):
        missing = next((url for url in build.print_order if url not in build.print_parts), None)
        if missing is not None:
            raise PostBuildError(
                f"{build.site / missing / 'index.html'}: de inhoud van de pagina staat niet tussen {CONTENT_START} "
                f"en {CONTENT_END} (overrides/partials/content.html)"
            )
        if printall.PLACEHOLDER not in page.html:
            raise PostBuildError(f"{page.path}: de plek voor de hele handreiking ontbreekt")
        combined = printall.combine([build.print_parts[url] for url in build.print_order], page.address)
        page.html = page.html.replace(printall.PLACEHOLDER, combined, 1)
        return
    span = content_span(page.html)
    if span is None or page.address not in build.print_order:
        return
    content = checklists.label_items(page.html[span[0] : span[1]])
    code = page_meta(page.html, "code")
    build.print_parts[page.address] = printall.Part(url=page.address, title=page.title, code=code, html=content)


def checklist_page(build: Build, page: Page) -> None:
    """The checklists of a page with one, except the print-all page (its items come labelled
    from their own pages, with no toolbar)."""
    span = content_span(page.html)
    if span is None or page.address == page_url(printall.PRINT_PAGE):
        return
    html = page.html
    if "task-list-item" not in html[span[0] : span[1]]:
        return
    front = build.front_matter(page.path)
    vergadering = bool(front.get("vergadering"))
    delen = [Afdrukdeel.model_validate(d) for d in front.get("afdrukdelen") or []]
    content = checklists.wrap_groups(checklists.label_items(html[span[0] : span[1]]))
    try:
        content = checklists.wrap_parts(content, delen)
    except ValueError as exc:
        raise PostBuildError(f"{page.path}: {exc}") from None
    content = checklists.insert_bar(content, vergadering, delen)
    page.html = html[: span[0]] + content + html[span[1] :]


def external_links(build: Build, page: Page) -> None:
    """Every link to another website in the page's article (its content and the lines under it)
    marked as external (:mod:`handreiking.externallinks`)."""
    page.html = externallinks.mark_article(page.html, build.config.site_url or "")


def theme_markup(build: Build, page: Page) -> None:
    """The page mended (:func:`valid_theme_markup`), its content markers removed."""
    page.html = valid_theme_markup(page.html.replace(CONTENT_START, "", 1).replace(CONTENT_END, "", 1))


def content_security_policy(build: Build, page: Page) -> None:
    if not build.serving:  # the local preview's live-reload script could not run under the policy
        page.html = csp.with_policy(page.html)


def valid_theme_markup(html: str) -> str:
    """Spots where mkdocs-material 9 writes invalid or unhelpful HTML, mended here rather than by
    copying its templates.

    Invalid HTML (Nu Html Checker): section labels get ``tabindex=""`` (an empty tabindex is not
    allowed; browsers ignore it); pages without a table-of-contents toggle (records outside the
    nav, section index pages) get a ``<label for="__toc">`` that names no control, which becomes a
    ``<div>``, and the other way round, a page without a table of contents (the search page)
    gets a table-of-contents checkbox no label names (a form field without a name for
    HTML_CodeSniffer), which is removed; the two hidden state checkboxes (``#__drawer``, ``#__search``) get
    ``autocomplete="off"``, which a checkbox may not have (issue 23).

    Accessible names and landmarks (issue 23, :func:`accessible_theme_markup`).

    The site navigation (``nav.md-nav--primary``, half of a page) is the same on every page of a
    folder outside the navigation; its changes are kept by its text (:func:`_navigation`), so only
    the rest of such a page goes through the tokenizer."""
    span = _primary_nav(html)
    if span is None:
        elements = htmlspans.parse(html)
        toggle, named = _toc_facts(elements)
        return htmlspans.replace(html, _theme_changes(html, elements, toggle, "__toc" in named))
    a, b = span
    before, after = htmlspans.parse(html[:a]), htmlspans.parse(html[b:])
    for e in after:  # offsets in the page
        e.start, e.inner_start, e.inner_end, e.end = e.start + b, e.inner_start + b, e.inner_end + b, e.end + b
    nav = _navigation(html[a:b])
    toggle, named = _toc_facts(before + after)
    toggle, named = toggle or nav.toggle, named | nav.named
    changes = _theme_changes(html, before, toggle, "__toc" in named)
    changes += [(a + start, a + end, text) for start, end, text in nav.changes(toggle, "__toc" in named)]
    changes += _theme_changes(html, after, toggle, "__toc" in named)
    return htmlspans.replace(html, changes)


_NAV_START = '<nav class="md-nav md-nav--primary"'
_NAV_TAG = re.compile(r"<nav\b|</nav>")


def _primary_nav(html: str) -> tuple[int, int] | None:
    """Where the site navigation starts and ends (its nested ``<nav>`` elements counted)."""
    start = html.find(_NAV_START)
    if start < 0:
        return None
    depth = 0
    for tag in _NAV_TAG.finditer(html, start):
        depth += 1 if tag.group(0) == "<nav" else -1
        if depth == 0:
            return start, tag.end()
    return None


def _toc_facts(elements: list[htmlspans.Element]) -> tuple[bool, frozenset[str | None]]:
    """Whether there is a table-of-contents toggle, and the controls labels name."""
    toggle = any(e.attrs.get("id") == "__toc" for e in elements)
    return toggle, frozenset(e.attrs.get("for") for e in elements if e.tag == "label")


@dataclass
class _Navigation:
    """The site navigation's elements, and its changes for each state of the rest of the page."""

    html: str
    elements: list[htmlspans.Element]
    toggle: bool
    named: frozenset[str | None]
    _changes: dict[tuple[bool, bool], list[tuple[int, int, str]]] = field(default_factory=dict)

    def changes(self, toggle: bool, toc_named: bool) -> list[tuple[int, int, str]]:
        if (toggle, toc_named) not in self._changes:
            self._changes[toggle, toc_named] = _theme_changes(self.html, self.elements, toggle, toc_named)
        return self._changes[toggle, toc_named]


_navigations: dict[str, _Navigation] = {}  # by the navigation's text
NAVIGATIONS_KEPT = 500  # the most a process keeps (a preview runs many builds)


def _navigation(html: str) -> _Navigation:
    nav = _navigations.get(html)
    if nav is None:
        if len(_navigations) >= NAVIGATIONS_KEPT:
            _navigations.clear()
        elements = htmlspans.parse(html)
        nav = _navigations[html] = _Navigation(html, elements, *_toc_facts(elements))
    return nav


def _theme_changes(
    html: str, elements: list[htmlspans.Element], toggle: bool, toc_named: bool
) -> list[tuple[int, int, str]]:
    """The changes of :func:`valid_theme_markup` to ``elements`` (of one part of the page, with the
    facts of the whole page: ``toggle``, a ``#__toc`` checkbox; ``toc_named``, a label names it)."""
    in_nav: set[int] = set()  # ids of the elements inside a nav.md-nav
    for e in elements:
        if id(e) in in_nav or (e.tag == "nav" and "md-nav" in e.classes):
            in_nav.update(id(child) for child in e.children)
    changes = []
    for e in elements:
        tag = html[e.start : e.inner_start]
        if e.attrs.get("tabindex") == "":
            changes.append((e.start, e.inner_start, tag.replace(' tabindex=""', "")))
        elif e.tag == "label" and e.attrs.get("for") == "__toc" and "md-nav__title" in e.classes and not toggle:
            changes.append((e.start, e.inner_start, "<div" + tag[len("<label") :].replace(' for="__toc"', "")))
            changes.append((e.inner_end, e.end, "</div>"))
        elif e.tag == "input" and e.attrs.get("id") == "__toc" and not toc_named:
            changes.append((e.start, e.end, ""))
        elif e.tag == "link" and "/palette." in (e.attrs.get("href") or ""):
            changes.append((_line_start(html, e.start), e.end, ""))  # palette.css: no rule applies to our colours
        elif e.tag == "input" and e.attrs.get("id") in ("__drawer", "__search") and "autocomplete" in e.attrs:
            changes.append((e.start, e.inner_start, _without(tag, "autocomplete")))
        else:
            changes += accessible_theme_markup(e, tag, nested=id(e) in in_nav)
    return changes


# --------------------------------------------------------------------------- issue 23 (a11y)


def _line_start(html: str, at: int) -> int:
    """Where the line break and indentation before position ``at`` start (a removed tag takes its
    line with it)."""
    start = len(html[:at].rstrip(" \t"))
    return start - 1 if html[start - 1 : start] == "\n" else start


def _without(tag: str, *names: str) -> str:
    """A start tag without the named attributes (as the theme writes them: name="value")."""
    for name in names:
        tag = re.sub(rf'\s{name}="[^"]*"', "", tag)
    return tag


def accessible_theme_markup(e: htmlspans.Element, tag: str, nested: bool) -> list[tuple[int, int, str]]:
    """The changes to one element of the theme's markup for names and landmarks (issue 23):

    - the sub-menus of the site navigation are ``<nav>`` elements named by an arrow without
      text (6-7 unnamed navigation landmarks a page), the page's table of contents is named
      "Inhoudsopgave" twice (in the menu and in the right-hand column), and each sub-list of a
      table of contents is a landmark of its own (19 landmarks on the checklist page): a
      ``nav.md-nav`` inside another (``nested``) becomes a ``<div>``, part of the landmark around
      it, without the ``aria-expanded`` a ``<nav>`` may not have;
    - the arrows (labels with ``tabindex="0"``) lose their tabindex: without a role or name they
      were focus stops that said nothing. Where scripts run, menu.js makes them buttons with a
      name and state;
    - each heading's permalink ("#", title "Permanente link") added "#" to the heading's name
      for a screen reader, on every heading: it is hidden from assistive technology and out of
      the Tab order. The same address is one Tab stop away in the table of contents."""
    if e.tag == "nav" and "md-nav" in e.classes and nested:
        div = "<div" + _without(tag, "aria-labelledby", "aria-expanded", "aria-label")[len("<nav") :]
        return [(e.start, e.inner_start, div), (e.inner_end, e.end, "</div>")]
    if e.tag == "label" and "md-nav__link" in e.classes and e.attrs.get("tabindex") == "0":
        return [(e.start, e.inner_start, _without(tag, "tabindex"))]
    if e.tag == "a" and "headerlink" in e.classes and "aria-hidden" not in e.attrs:
        return [(e.start, e.inner_start, tag[:-1] + ' aria-hidden="true" tabindex="-1">')]
    return []


PageStep = Callable[[Build, Page], None]
PAGE_STEPS: list[PageStep] = [
    english_parts,
    print_page,
    checklist_page,
    external_links,
    theme_markup,
    content_security_policy,
]


PARALLEL_FROM = 300  # pages: with fewer, one process is faster than starting others


def page_pass(build: Build, steps: list[PageStep] = PAGE_STEPS) -> None:
    """Every page read once, changed by each of ``steps`` in turn, written once (when it changed).
    The print-all page comes last: it is made of the other pages' content.

    With more than one core and at least :data:`PARALLEL_FROM` pages, the pages before the
    print-all page are shared out in chunks over a process per core (:func:`_pass_chunk`); each
    returns what it collected for the site steps, taken in the order of the pages, so the result
    is the same as one process's."""
    print_file = build.page_file(printall.PRINT_PAGE)
    paths = build.pages()
    last = [print_file] if print_file in paths else []
    if last:
        paths.remove(print_file)
    build.print_order = dict.fromkeys(page_url(src_uri) for src_uri in build.reading_order())
    workers = _cores()
    if workers > 1 and len(paths) >= PARALLEL_FROM:
        size = -(-len(paths) // (workers * 4))  # a few chunks a process: an even end
        chunks = [paths[i : i + size] for i in range(0, len(paths), size)]
        # fork: the processes start with this one's knowledge base and settings, not a pickled copy
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(
            workers, mp_context=context, initializer=_start_worker, initargs=(build, steps)
        ) as pool:
            for collected in pool.map(_pass_chunk, chunks):
                build.collect(collected)
    else:
        for path in paths:
            _pass_page(build, path, steps)
    for path in last:
        _pass_page(build, path, steps)
    if build.serving:
        _memo_last.clear()
        _memo_last.update(build.memo)


def _pass_page(build: Build, path: Path, steps: list[PageStep]) -> None:
    rel = path.relative_to(build.site).as_posix()
    html = path.read_text(encoding="utf-8")
    address = offline.address(rel)
    key = _memo_key(build, path, address, html, steps)
    known = _memo_last.get(key) if key else None
    if known is not None:  # the engine wrote this page as it did last time: the pass gives the same
        title, part, out, indexed, digest = known
        if path.name == "index.html":
            build.titles[address] = title
        if part is not None:
            build.print_parts[address] = part
        if out != html:
            path.write_text(out, encoding="utf-8")
        build.indexed[rel], build.hashes[rel] = indexed, digest
        build.memo[key] = known
        return
    page = Page(path=path, address=address, html=html, title=page_meta(html, "title"))
    if path.name == "index.html":
        build.titles[page.address] = page.title
    for step in steps:
        step(build, page)
    if page.html != html:
        path.write_text(page.html, encoding="utf-8")
    build.finished(rel, page.html)
    if key:
        part = build.print_parts.get(address)
        build.memo[key] = (page.title, part, page.html, build.indexed[rel], build.hashes[rel])


# The preview (`mkdocs serve`) rebuilds the whole site on every save, and most pages come out of
# the engine as they did the time before: the pass over such a page is taken from the last build.
# What a page step reads besides the page itself is in the key (the settings, the English phrases,
# whether the page is part of the print-all page, a checklist page's front matter); the print-all
# page itself is made again every time (it holds the other pages' parts).
MemoEntry = tuple[str, printall.Part | None, str, searchwords.IndexedText, str]
_memo_last: dict[str, MemoEntry] = {}  # the last preview build's pages, by key


def _memo_key(build: Build, path: Path, address: str, html: str, steps: list[PageStep]) -> str:
    if not build.serving or address == page_url(printall.PRINT_PAGE):
        return ""
    front = build.front_matter(path) if "task-list-item" in html else {}
    context = [
        [step.__name__ for step in steps],
        build.config.site_url,
        list(build.kb.vocab.engelse_woorden),
        address in build.print_order,
        front,
    ]
    text = json.dumps(context, sort_keys=True, default=str) + "\0" + html
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


_worker: tuple[Build, list[PageStep]] | None = None  # in a process of the pool: its build and steps


def _start_worker(build: Build, steps: list[PageStep]) -> None:
    global _worker
    _worker = (build, steps)


def _pass_chunk(paths: list[Path]) -> Collected:
    """In a process of the pool: the pass over some pages, and what it collected of them."""
    assert _worker is not None
    build, steps = _worker
    build.titles, build.print_parts, build.indexed, build.hashes, build.memo = {}, {}, {}, {}, {}
    for path in paths:
        _pass_page(build, path, steps)
    return build.titles, build.print_parts, build.indexed, build.hashes, build.memo


# --------------------------------------------------------------------------- the site steps


def redirect_pages(build: Build) -> None:
    """A page for each old address of ``data/doorverwijzingen.yaml``, named after the page it leads to."""
    items = redirects.redirects(load_redirects(build.kb, docs_dir=build.config.docs))
    titles = {item.new.split("#", 1)[0]: build.titles.get(page_url(item.new.split("#", 1)[0]), "") for item in items}
    rendered = redirects.render(
        items, site_url=build.config.site_url or "", site_name=build.config.site_name, titles=titles
    )
    for dest, html in rendered.items():
        page = Page(path=build.site / dest, address=offline.address(dest), html=html)
        content_security_policy(build, page)
        page.path.parent.mkdir(parents=True, exist_ok=True)
        page.path.write_text(page.html, encoding="utf-8")
        build.finished(dest, page.html)


def address_list(build: Build) -> None:
    """``adressen.json``: the address and title of every page, and where each old address leads
    (for the page-not-found page: addresses in any capitals, the closest page to a wrong one)."""
    items = redirects.redirects(load_redirects(build.kb, docs_dir=build.config.docs))
    skipped = {item.old_url for item in items}
    pages = {url: title for url, title in build.titles.items() if url not in skipped}
    redirects.write_addresses(build.site, pages, items)


def search_index(build: Build) -> None:
    cmd = [sys.executable, "-m", "pagefind_bin", "--site", str(build.site), "--force-language", "nl", "--silent"]
    for name in sorted(searchwords.EXCLUDED_CLASSES):  # the permalink anchors ("#"), the section-code label
        cmd += ["--exclude-selectors", "." + name]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0 or not (build.site / "pagefind" / "pagefind.js").exists():
        raise PostBuildError(f"Pagefind kon de zoekindex niet bouwen:\n{result.stdout}{result.stderr}")


def _indexed(build: Build) -> list[tuple[str, searchwords.IndexedText]]:
    """Every page's address and the text Pagefind indexes, in the order of their paths."""
    in_order = sorted(build.indexed, key=lambda rel: rel.split("/"))
    return [(offline.address(rel), build.indexed[rel]) for rel in in_order]


def word_list(build: Build) -> None:
    """The search's word list checked against the index's words (:func:`search_words` does it
    too; under ``mkdocs serve`` this check comes before the page is shown, the rest after)."""
    words = searchwords.vocabulary(build.site, _indexed(build))["words"]
    try:
        searchwords.check_word_list(build.kb.zoekwoorden, words, build.kb.lines)
    except searchwords.WordListError as exc:
        raise PostBuildError(str(exc)) from exc


def search_words(build: Build) -> None:
    try:  # the index's words, for typos and compounds in search queries, with the word list
        searchwords.write(build.site, build.kb.zoekwoorden, build.kb.lines, indexed=_indexed(build))
    except searchwords.WordListError as exc:
        raise PostBuildError(str(exc)) from exc


def offline_manifest(build: Build) -> None:
    offline.write_manifest(build.site, live_preview=build.serving, known=build.hashes)


SITE_STEPS: list[Callable[[Build], None]] = [
    redirect_pages,
    address_list,
    search_index,
    search_words,
    offline_manifest,
]
STEPS: list[Callable[[Build], None]] = [page_pass, *SITE_STEPS]
# Under `mkdocs serve` these wait until the page is shown (the search index is ready a moment later).
AFTER_SHOWN: list[Callable[[Build], None]] = [search_index, search_words, offline_manifest]

_after_shown: list[threading.Thread] = []  # the preview's steps still running after its last build


def run(site_dir: Path, kb: KnowledgeBase, config_file: Path = CONFIG_FILE, *, serving: bool = False) -> None:
    """Every post-build step over the site in ``site_dir``; raises :class:`PostBuildError`.

    Serving (``mkdocs serve``), the steps of :data:`AFTER_SHOWN` run in the background once the
    rest is done, so that the preview shows the changed page at once; the word list is checked
    before (an editor's mistake stops that build). :func:`wait` waits for them."""
    build = Build(site=site_dir, kb=kb, config=load_config(config_file), serving=serving)
    wait()
    later = AFTER_SHOWN if serving else []
    for step in STEPS:
        if step not in later:
            step(build)
    if later:
        word_list(build)
        thread = threading.Thread(target=_run_later, args=(build, later), name="postbuild-after-shown", daemon=True)
        _after_shown.append(thread)
        thread.start()


def _run_later(build: Build, steps: list[Callable[[Build], None]]) -> None:
    try:
        for step in steps:
            step(build)
    except Exception as exc:  # the page is shown already; the terminal says what is missing
        log.error("De zoekindex van de voorbeeldweergave kon niet worden gemaakt: %s", exc)


def wait() -> None:
    """Until the steps that run after a preview's page was shown are done (before the next build
    empties the site folder, and before the preview stops)."""
    while _after_shown:
        _after_shown.pop().join()
