"""The project's MkDocs plugin (``plugins: - handreiking`` in mkdocs.yml, registered as the entry
point ``mkdocs.plugins: handreiking`` in pyproject.toml), in the shape of mkdocs-material's own
plugins: a typed config and the state of a build on the instance. It is thin: it hands MkDocs'
objects to the engine-independent core in ``handreiking/`` and reports its findings through MkDocs.

- ``on_startup``: whether this is ``mkdocs serve`` (its live reload injects an inline script).
- ``on_config``: validates the data before anything renders; a problem stops the build with the
  editors' Dutch messages, never a traceback. Installs the Dutch messages for Jinja mistakes and
  MkDocs' link warnings (:mod:`macros.buildmessages`, :mod:`macros.macroerrors`) and the link
  collector of the link check.
- ``on_files``: the site's own CSS and scripts minified (:mod:`handreiking.minify`); adds the pages and files the core makes from the data (:mod:`handreiking.prebuild`),
  in memory, so ``mkdocs serve`` stays fast.
- ``on_page_read_source``, ``on_page_markdown``, ``on_page_content``: the checks of an editor's
  page (front matter, :mod:`handreiking.pagechecks`; safety, :mod:`handreiking.safety`), which
  report on the page's own lines; what the theme shows under a page ("Laatst bijgewerkt"); and the
  links of each page, for the link check (:mod:`handreiking.links.found`).
- ``on_nav``, ``on_env``: the theme's navigation cache and what its templates need.
- ``on_post_build``: the core's steps over the built site (:mod:`handreiking.postbuild`) and the
  record of the pages' links, written beside the site, never into it.

MkDocs keeps one instance across the rebuilds of ``mkdocs serve`` (the plugin has ``on_startup``);
``on_config`` starts each build's state afresh.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import jinja2
import markupsafe
import material
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from handreiking import minify, pagechecks, partials, postbuild, prebuild, safety, siteconfig
from handreiking.check import check_all, report
from handreiking.edition import shown_page
from handreiking.history import last_changed
from handreiking.links import found
from handreiking.loader import KnowledgeBaseError, front_matter_problems, load_redirects
from handreiking.model import KnowledgeBase
from handreiking.paths import DATA_DIR, PROJECT_ROOT
from macros import buildmessages, edition
from macros.buildmessages import load_for_build
from macros.navcache import NavCache
from macros.render import Renderer

ENGINE_TEMPLATES = Path(__file__).resolve().parent / "templates"  # MkDocs only, before the theme's

log = logging.getLogger("mkdocs.plugins.handreiking")


class HandreikingConfig(Config):
    # Where the record of every page's links is written for the link check (handreiking/links);
    # unset: $HANDREIKING_LINKS_FILE, which `python -m handreiking.cli build` sets; neither: none.
    links_file = c.Optional(c.Type(str))
    # Theme files under docs/ that are templates of the record pages, not site assets.
    record_templates = c.Type(str, default="records/")
    # Theme files left out of the site: mkdocs-material's search worker and lunr (Pagefind
    # searches), `make serve`'s error page, palette.css (the named palettes' colours: ours are our
    # own, overrides/main.html) and the theme's icon (ours is the logo, favicon.svg in mkdocs.yml).
    unused_theme_files = c.ListOfItems(
        c.Type(str),
        default=[
            "assets/javascripts/lunr/",
            "assets/javascripts/workers/",
            "serve/",
            "assets/stylesheets/palette.",
            "assets/images/favicon.png",
        ],
    )


class HandreikingPlugin(BasePlugin[HandreikingConfig]):
    def __init__(self) -> None:
        self.is_serve = False  # `mkdocs serve`: its live reload injects an inline script per response
        self._kb: KnowledgeBase | None = None
        self.dates: dict = {}  # "Laatst bijgewerkt" from git
        self.generated: dict[str, prebuild.GeneratedPage] = {}  # src_uri -> page made from the data
        self.nav_cache = NavCache()
        self.renderer: Renderer | None = None  # an edition's slots (macros/edition.py)
        self.messages = buildmessages.BuildMessages()
        self.dutch = buildmessages.DutchMessages()  # on MkDocs' loggers while the plugin lives
        self.links = found.LinkCollector()
        self.page_links: list[dict] = []
        self.compiled = (
            partials.MemoryBytecodeCache()
        )  # the theme's templates, compiled, across `mkdocs serve`'s rebuilds

    @property
    def kb(self) -> KnowledgeBase:
        assert self._kb is not None, "on_config loads the knowledge base first"
        return self._kb

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve = command == "serve"

    def on_shutdown(self) -> None:
        postbuild.wait()  # `mkdocs serve` stops: the search index is not written into a removed folder
        self.dutch.detach()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.dutch.attach()  # first: a plugin error from here on is shown as the Dutch it is
        postbuild.wait()  # `mkdocs serve`: the last build's search index is done before this build begins
        # The data and the pages, every problem at once (again for each rebuild of `mkdocs serve`).
        data_dir = Path(os.environ.get("HANDREIKING_DATA_DIR") or DATA_DIR)
        found_kb, problems = check_all(data_dir, Path(config.docs_dir), Path(config.config_file_path))
        if problems:
            raise PluginError(report(problems))
        self._kb = found_kb or load_for_build(Path(config.docs_dir))
        self.dates = last_changed(PROJECT_ROOT)
        self.generated = {}
        self.renderer = None
        # Dutch messages for Jinja mistakes and broken links
        self.messages = buildmessages.install(config, self.kb, self.dutch)
        # The theme (overrides/main.html) labels pages and search filters from the one vocabulary.
        config.extra["soorten"] = {t.id: t.naam for t in self.kb.soorten}
        site = siteconfig.load(Path(config.config_file_path))
        config.extra[partials.NOT_FOUND_BLOCK] = partials.not_found_block(self.kb, site)  # overrides/404.html
        edition.configure(config, self.kb)  # a local edition's name, pages and navigation (none: nothing changes)
        # the links of each page, for the link check
        self.links = found.LinkCollector()
        self.page_links = []
        config.markdown_extensions.append(self.links)  # type: ignore[arg-type]
        return config

    def on_page_read_source(self, page: Page, config: MkDocsConfig) -> str | None:
        """Reads an editor's front matter as the data files are read, before MkDocs does (its reader
        stops with a traceback on an impossible date and silently drops front matter it cannot parse)."""
        if page.file.abs_src_path:
            where = shown_page(self.kb, page.file.src_uri)
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

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Checks the front matter editors write (:func:`handreiking.pagechecks.page_problems`); gives a
        generated page what the core computed for it; what the theme shows under every page."""
        self.messages.remember_page(page)
        where = shown_page(self.kb, page.file.src_uri)
        generated = self.generated.get(page.file.src_uri)
        if generated:
            page.meta.update(generated.meta)
        source = None if generated else page.file.content_string  # written by editors, not from data
        problems = pagechecks.page_problems(where, source, page.meta, self.kb.soorten.ids)
        if problems:
            raise PluginError("\n".join(map(str, problems)))
        for key in ("title", "description"):  # the theme writes these into <title> and an attribute unescaped
            if isinstance(page.meta.get(key), str):
                page.meta[key] = markupsafe.escape(page.meta[key])
        # "Laatst bijgewerkt" and the guide's own date next to it (overrides/main.html)
        own = tuple((config.extra.get("handreiking") or {}).get("eigen_paginas") or ())
        page.meta.update(prebuild.theme_meta(page.file.src_uri, page.meta, own, self.dates))
        edition.page_meta(page, self.kb)
        self.renderer = self.renderer or Renderer(
            siteconfig.load(Path(config.config_file_path)), config.use_directory_urls
        )
        return edition.insert_slots(markdown, page, self.kb, self.renderer)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        unused = tuple(self.config.unused_theme_files)
        for file in list(files):
            if file.src_uri.startswith(self.config.record_templates) and not file.is_documentation_page():
                files.remove(file)  # templates, not site assets
            elif file.src_uri.startswith(unused) or file.src_uri.endswith(".map"):
                files.remove(file)  # material's search worker and lunr (Pagefind searches) and source maps
        self.generated = {page.path: page for page in prebuild.pages(self.kb)}
        made = {path: page.markdown for path, page in self.generated.items()}
        made |= prebuild.open_data(self.kb) | prebuild.stylesheets(self.kb)
        for src_uri, content in made.items():
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(
                    f"docs/{src_uri}: deze pagina wordt gemaakt uit de gegevens; "
                    "verwijder het bestand uit docs/ en pas de gegevens in data/ aan"
                )
            files.append(File.generated(config, src_uri, content=content))
        edition.add_files(config, files, self.kb)
        for file in files:  # the site's own CSS and scripts without their comments
            if minify.applies(file.src_uri):
                file.content_string = minify.minify(file.src_uri, file.content_string)
            elif minify.is_theme_stylesheet(file.src_uri):  # without the parts the site never draws
                file.content_string = minify.trim_theme_css(file.content_string)
        try:  # the editors' old addresses (data/doorverwijzingen.yaml) lead to pages that exist
            load_redirects(self.kb, docs_dir=Path(config.docs_dir))
        except KnowledgeBaseError as exc:
            raise PluginError(exc.report()) from None
        return files

    def on_nav(self, nav, config: MkDocsConfig, files: Files):  # type: ignore[no-untyped-def]
        self.nav_cache.reset(page.file.src_uri for page in nav.pages)
        return nav

    def on_env(self, env, config: MkDocsConfig, files: Files):  # type: ignore[no-untyped-def]
        """The theme's templates also under "material/", so this adapter's own partials/nav.html
        (macros/templates/) can include the original; the navigation cache for pages outside the nav."""
        env.loader = jinja2.ChoiceLoader(
            [
                jinja2.FileSystemLoader(str(ENGINE_TEMPLATES)),  # the navigation cache (partials/nav.html)
                env.loader,
                jinja2.PrefixLoader(
                    {"material": jinja2.FileSystemLoader(str(Path(material.__file__).parent / "templates"))}
                ),
            ]
        )
        env.globals["nav_cache"] = self.nav_cache
        if self.is_serve:  # each rebuild makes a new environment: the templates compiled once, not per save
            env.bytecode_cache = self.compiled
        return env

    def check_page_safety(self, html: str, page: Page) -> None:
        """Stops the build when a page's HTML has a script, an embedded object, an event handler or a
        script address (:func:`handreiking.safety.check_page_html`), with one Dutch line per finding where
        the editor wrote it: the line in docs/, or the data line of a generated page's record."""
        findings = safety.check_page_html(html)
        if findings:
            raise PluginError(
                "\n".join(
                    dict.fromkeys(
                        f"{self.messages.source_place(page.file.src_uri, f.needle)}: {f.message}" for f in findings
                    )
                )
            )

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.check_page_safety(html, page)
        self.record_links(page)
        return html

    def record_links(self, page: Page) -> None:
        """Notes the links MkDocs' Markdown found on the page (the collector is one of its extensions)."""
        own = page.file.abs_src_path is not None  # written by an editor, not made from the data
        where, source = (shown_page(self.kb, page.file.src_uri), page.file.content_string) if own else (None, None)
        self.page_links.append(
            found.page_links("/" + page.url, str(page.title or ""), self.links.take(), where, source)
        )

    def on_post_build(self, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        try:
            postbuild.run(site, self.kb, Path(config.config_file_path), serving=self.is_serve)
        except postbuild.PostBuildError as exc:
            raise PluginError(str(exc)) from None
        log.debug("Pagefind index built in %s", site / "pagefind")
        links_file = self.config.links_file or os.environ.get(found.RECORD_ENV)
        if links_file:
            found.write_record(Path(links_file), config.site_url or "", self.page_links)
