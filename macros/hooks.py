"""MkDocs hooks of the project (``hooks:`` in mkdocs.yml): thin, they hand MkDocs' objects to the
engine-independent core in ``handreiking/`` and report its findings through MkDocs.

- ``on_config``: validates the data before anything renders; a problem stops the build with the
  editors' Dutch messages, never a traceback.
- ``on_files``: adds the pages and files the core makes from the data (:mod:`handreiking.prebuild`),
  in memory, so ``mkdocs serve`` stays fast.
- ``on_page_read_source``, ``on_page_markdown``, ``on_page_content``: the checks of an editor's
  page (front matter, :mod:`handreiking.pagechecks`; safety, :mod:`handreiking.safety`), which
  report on the page's own lines; and what the theme shows under a page ("Laatst bijgewerkt").
- ``on_nav``, ``on_env``: the theme's navigation cache and what its templates need.
- ``on_post_build``: the core's steps over the built site (:mod:`handreiking.postbuild`).
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import jinja2
import markupsafe
import material
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

# MkDocs loads this file by path, not as part of the package.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from handreiking import pagechecks, postbuild, prebuild, safety  # noqa: E402
from handreiking.check import check_all, report  # noqa: E402
from handreiking.history import dutch_date, last_changed  # noqa: E402
from handreiking.loader import KnowledgeBaseError, front_matter_problems, load_redirects  # noqa: E402
from handreiking.model import KnowledgeBase  # noqa: E402
from handreiking.paths import DATA_DIR, PROJECT_ROOT  # noqa: E402
from handreiking.urls import page_url  # noqa: E402
from macros import buildmessages, edition  # noqa: E402
from macros.buildmessages import load_for_build  # noqa: E402
from macros.navcache import NavCache  # noqa: E402
from macros.render import Renderer  # noqa: E402

log = logging.getLogger("mkdocs.plugins.handreiking")

RECORD_TEMPLATES = "records/"  # theme files, not site assets
UNUSED_THEME_FILES = (
    "assets/javascripts/lunr/",
    "assets/javascripts/workers/",
    "serve/",  # make serve's error page
)


class _Build:
    """What the hooks of one build (each rebuild of ``mkdocs serve`` too) share."""

    def __init__(self, serving: bool = False, kb: KnowledgeBase | None = None) -> None:
        self.serving = serving  # `mkdocs serve`: its live reload injects an inline script per response
        self._kb = kb
        self.dates = last_changed(PROJECT_ROOT) if kb else {}  # "Laatst bijgewerkt" from git
        self.generated: dict[str, prebuild.GeneratedPage] = {}  # src_uri -> page made from the data
        self.nav_cache = NavCache()
        self.renderer: Renderer | None = None  # an edition's slots (macros/edition.py)

    @property
    def kb(self) -> KnowledgeBase:
        assert self._kb is not None, "on_config loads the knowledge base first"
        return self._kb


_build = _Build()


def on_startup(command: str, dirty: bool) -> None:
    global _build
    _build = _Build(serving=command == "serve")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    # The data and the pages, every problem at once (again for each rebuild of `mkdocs serve`).
    data_dir = Path(os.environ.get("HANDREIKING_DATA_DIR") or DATA_DIR)
    found, problems = check_all(data_dir, Path(config.docs_dir), Path(config.config_file_path))
    if problems:
        raise PluginError(report(problems))
    kb = found or load_for_build(Path(config.docs_dir))
    _build = _Build(serving=_build.serving, kb=kb)
    buildmessages.install(config, kb)  # Dutch messages for Jinja mistakes and broken links
    # The theme (overrides/main.html) labels pages and search filters from the one vocabulary.
    config.extra["soorten"] = {t.id: t.naam for t in kb.soorten}
    edition.configure(config, kb)  # a local edition's name, pages and navigation (none: nothing changes)
    return config


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    """Reads an editor's front matter as the data files are read, before MkDocs does (its reader
    stops with a traceback on an impossible date and silently drops front matter it cannot parse)."""
    if page.file.abs_src_path:
        where = f"docs/{page.file.src_uri}"
        raw = Path(page.file.abs_src_path).read_bytes()
        try:
            source = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            raise PluginError(
                f"{where}:{line}: het bestand is geen UTF-8-tekst ({exc.reason} op positie {exc.start}); "
                "sla het op als UTF-8"
            ) from None
        problems = front_matter_problems(where, source)
        if problems:
            raise PluginError("\n".join(map(str, problems)))
    return None


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Checks the front matter editors write (:func:`handreiking.pagechecks.page_problems`); gives a
    generated page what the core computed for it; what the theme shows under every page."""
    buildmessages.remember_page(page)
    where = f"docs/{page.file.src_uri}"
    generated = _build.generated.get(page.file.src_uri)
    if generated:
        page.meta.update(generated.meta)
    source = None if generated else page.file.content_string  # written by editors, not from data
    problems = pagechecks.page_problems(where, source, page.meta, _build.kb.soorten.ids)
    if problems:
        raise PluginError("\n".join(map(str, problems)))
    for key in ("title", "description"):  # the theme writes these into <title> and an attribute unescaped
        if isinstance(page.meta.get(key), str):
            page.meta[key] = markupsafe.escape(page.meta[key])
    # the guide's own date next to "Laatst bijgewerkt" (overrides/main.html), on pages with its text
    own = tuple((config.extra.get("handreiking") or {}).get("eigen_paginas") or ())
    if page.meta.get("uit_handreiking") is not False:  # a record page of an editors' addition says False
        page.meta["uit_handreiking"] = not page.file.src_uri.startswith(own) if own else True
    changed = _build.dates.get(generated.meta.get("bron_bestand", where) if generated else where)
    if changed:
        page.meta["laatst_bijgewerkt"] = dutch_date(changed)
        page.meta["laatst_bijgewerkt_iso"] = changed.isoformat()
    edition.page_meta(page, _build.kb)
    _build.renderer = _build.renderer or Renderer(config)
    return edition.insert_slots(markdown, page, _build.kb, _build.renderer)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for file in list(files):
        if file.src_uri.startswith(RECORD_TEMPLATES) and not file.is_documentation_page():
            files.remove(file)  # templates, not site assets
        elif file.src_uri.startswith(UNUSED_THEME_FILES) or file.src_uri.endswith(".map"):
            files.remove(file)  # material's search worker and lunr (Pagefind searches) and source maps
    _build.generated = {page.path: page for page in prebuild.pages(_build.kb)}
    made = {path: page.markdown for path, page in _build.generated.items()}
    made |= prebuild.open_data(_build.kb) | prebuild.stylesheets(_build.kb)
    for src_uri, content in made.items():
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(
                f"docs/{src_uri}: deze pagina wordt gemaakt uit de gegevens; "
                "verwijder het bestand uit docs/ en pas de gegevens in data/ aan"
            )
        files.append(File.generated(config, src_uri, content=content))
    edition.add_files(config, files, _build.kb)
    try:  # the editors' old addresses (data/doorverwijzingen.yaml) lead to pages that exist
        load_redirects(_build.kb, docs_dir=Path(config.docs_dir))
    except KnowledgeBaseError as exc:
        raise PluginError(exc.report()) from None
    return files


def on_nav(nav, config: MkDocsConfig, files: Files):  # type: ignore[no-untyped-def]
    _build.nav_cache.reset(page.file.src_uri for page in nav.pages)
    return nav


def on_env(env, config: MkDocsConfig, files: Files):  # type: ignore[no-untyped-def]
    """The theme's templates also under "material/", so an override can include the original
    (overrides/partials/nav.html); the navigation cache for pages outside the nav; and what the
    page-not-found page needs: the "Direct naar" entries and ``page_url`` (``a/b.md`` -> ``a/b/``)."""
    env.loader = jinja2.ChoiceLoader(
        [
            env.loader,
            jinja2.PrefixLoader(
                {"material": jinja2.FileSystemLoader(str(Path(material.__file__).parent / "templates"))}
            ),
        ]
    )
    env.globals["nav_cache"] = _build.nav_cache
    # the page-not-found page (overrides/404.html) shows the home page's "Direct naar" block
    env.globals["direct_naar"] = _build.kb.direct_naar
    env.globals["incident_route"] = _build.kb.incident_route
    env.filters["page_url"] = page_url
    return env


def check_page_safety(html: str, page: Page) -> None:
    """Stops the build when a page's HTML has a script, an embedded object, an event handler or a
    script address (:func:`handreiking.safety.check_page_html`), with one Dutch line per finding where
    the editor wrote it: the line in docs/, or the data line of a generated page's record."""
    findings = safety.check_page_html(html)
    if findings:
        raise PluginError(
            "\n".join(
                dict.fromkeys(
                    f"{buildmessages.source_place(page.file.src_uri, f.needle)}: {f.message}" for f in findings
                )
            )
        )


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    check_page_safety(html, page)
    return html


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    try:
        postbuild.run(site, _build.kb, Path(config.config_file_path), serving=_build.serving)
    except postbuild.PostBuildError as exc:
        raise PluginError(str(exc)) from None
    log.debug("Pagefind index built in %s", site / "pagefind")
