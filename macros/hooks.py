"""MkDocs hooks of the project (``hooks:`` in mkdocs.yml).

- ``on_config``: validates the data before anything renders; a problem stops the build with the
  editors' Dutch messages, never a traceback.
- ``on_files``: adds one generated page per intervention and per risk factor, rendered from
  Markdown templates in ``overrides/records/`` (the records are not listed in the nav, so no
  page carries every record).
- ``on_post_build``: writes the Dutch redirect pages of ``data/doorverwijzingen.yaml``
  (:mod:`handreiking.redirects`), the Content-Security-Policy into every page, and builds the Pagefind
  search index into ``site/pagefind/`` (also under ``mkdocs serve``, so previews search too).
"""

from __future__ import annotations

import logging
import re
import subprocess
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

from handreiking import checklists, csp, opendata, printall, redirects, safety, searchwords  # noqa: E402
from handreiking.history import dutch_date, last_changed  # noqa: E402
from handreiking.loader import KnowledgeBaseError, front_matter_problems, load_redirects  # noqa: E402
from handreiking.model import Intervention, KnowledgeBase, RiskFactor  # noqa: E402
from handreiking.paths import OVERRIDES_DIR, PROJECT_ROOT  # noqa: E402
from handreiking.urls import page_url  # noqa: E402
from macros import buildmessages  # noqa: E402
from macros.buildmessages import load_for_build  # noqa: E402
from macros.navcache import NavCache  # noqa: E402

log = logging.getLogger("mkdocs.plugins.handreiking")

RECORD_TEMPLATES = "records/"
UNUSED_THEME_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/")
PRINT_PAGE = (
    """---
title: De hele handreiking afdrukken
description: De volledige handreiking op één pagina, om af te drukken of als PDF te bewaren.
soort: achtergrond
hide: [navigation, toc]
search:
  exclude: true
---

# De hele handreiking { #de-hele-handreiking }

Deze pagina bevat de hele handreiking, inclusief alle praktijkvoorbeelden en risicofactoren, om
af te drukken of als PDF te bewaren (kies in het afdrukvenster van uw browser "Opslaan als PDF").

"""
    + printall.PLACEHOLDER
    + "\n"
)
_dates: dict = {}
_nav_order: list[str] = []  # src_uri of the pages in navigation order
_contents: dict[str, tuple[Page, str]] = {}  # src_uri -> (page, rendered content)
_nav_cache = NavCache()
_titles: dict[str, str] = {}  # src_uri -> page title (for the redirect pages)
_redirects: list[redirects.Redirect] = []  # the build's old addresses, checked in on_files


_kb: list[KnowledgeBase] = []  # the build's knowledge base, loaded once in on_config


def knowledge_base(config: MkDocsConfig) -> KnowledgeBase:
    if not _kb:
        _kb.append(load_for_build(Path(config.docs_dir)))
    return _kb[0]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _kb.clear()  # a new build (also each rebuild of `mkdocs serve`): load the data again
    kb = knowledge_base(config)
    buildmessages.install(config, kb)  # Dutch messages for Jinja mistakes and broken links
    # The theme (overrides/main.html) labels pages and search filters from the one vocabulary.
    config.extra["soorten"] = {t.id: t.naam for t in kb.soorten}
    _dates.clear()
    _dates.update(last_changed(PROJECT_ROOT))
    return config


def check_front_matter(where: str, source: str, meta: dict) -> None:
    """What reading the front matter (:func:`handreiking.loader.front_matter_problems`, in
    ``on_page_read_source``) cannot see: a page without front matter, and HTML in a title."""
    if not source.startswith("---"):
        raise PluginError(
            f"{where}:1: kopregels ontbreken; begin de pagina met '---', dan title: en description:, dan weer '---'"
        )
    for key in ("title", "description", "code"):
        markup = safety.markup_in_plain_text(str(meta.get(key) or ""))
        if markup:
            line = next((i + 1 for i, row in enumerate(source.splitlines()) if row.startswith(f"{key}:")), 1)
            raise PluginError(
                f'{where}:{line}: {key}: HTML is niet toegestaan in de kopregels ("{markup[:40]}"); '
                "schrijf gewone tekst"
            )


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
    """Checks the front matter editors write: valid YAML, known keys, a title and a description,
    the kind of page and the scripts it loads."""
    kb = knowledge_base(config)
    buildmessages.remember_page(page)
    where = f"docs/{page.file.src_uri}"
    if page.file.abs_src_path:  # written by editors, not generated from data
        check_front_matter(where, page.file.content_string, page.meta)
    soort = page.meta.get("soort")
    if soort is not None and soort not in kb.soorten:
        raise PluginError(f'{where}: soort: onbekende soort "{soort}"; kies uit: {", ".join(kb.soorten.ids)}')
    for script in page.meta.get("scripts") or []:
        if not (OVERRIDES_DIR / "assets" / "javascripts" / str(script)).is_file():
            raise PluginError(
                f'{where}: scripts: onbekend script "{script}"; het moet staan in overrides/assets/javascripts/'
            )
    for key in ("title", "description"):  # the theme writes these into <title> and an attribute unescaped
        if isinstance(page.meta.get(key), str):
            page.meta[key] = markupsafe.escape(page.meta[key])
    # the guide's own date next to "Laatst bijgewerkt" (overrides/main.html), on pages with its text
    own = tuple((config.extra.get("handreiking") or {}).get("eigen_paginas") or ())
    page.meta["uit_handreiking"] = not page.file.src_uri.startswith(own) if own else True
    source = page.meta.get("bron_bestand") or f"docs/{page.file.src_uri}"
    changed = _dates.get(source)
    if changed:
        page.meta["laatst_bijgewerkt"] = dutch_date(changed)
        page.meta["laatst_bijgewerkt_iso"] = changed.isoformat()
    return markdown


# Python-Markdown's escapable characters that can start markup in running text (``<`` is not
# escapable; raw HTML is refused by the loader before it gets here).
_MARKDOWN_SIGNS = str.maketrans({c: "\\" + c for c in "\\`*_{}[]|!#"})


def markdown_text(value: object) -> str:
    """A one-line value (a name, a link title) as Markdown that reads as exactly that text: inside
    a record template it cannot close a link's brackets, start a link or add attributes."""
    return str(value).translate(_MARKDOWN_SIGNS)


def record_pages(kb: KnowledgeBase, config: MkDocsConfig) -> dict[str, str]:
    """Source path -> Markdown of every generated record page."""
    env = config.theme.get_env()
    env.filters["md_text"] = markdown_text
    pages: dict[str, str] = {}
    tpl = env.get_template(RECORD_TEMPLATES + "intervention.md.jinja")
    for item in kb.interventions:
        pages[item.src_uri] = tpl.render(item=item, kb=kb)
    tpl = env.get_template(RECORD_TEMPLATES + "riskfactor.md.jinja")
    for rf in kb.riskfactors:
        pages[rf.src_uri] = tpl.render(rf=rf, kb=kb)
    return pages


def on_files(files: Files, config: MkDocsConfig) -> Files:
    kb = knowledge_base(config)
    for file in list(files):
        if file.src_uri.startswith(RECORD_TEMPLATES) and not file.is_documentation_page():
            files.remove(file)  # templates, not site assets
        elif file.src_uri.startswith(UNUSED_THEME_FILES) or file.src_uri.endswith(".map"):
            files.remove(file)  # material's search worker and lunr (Pagefind searches) and source maps
    for src_uri, content in record_pages(kb, config).items():
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(
                f"docs/{src_uri}: deze pagina wordt gemaakt uit de gegevens; "
                "verwijder het bestand uit docs/ en pas de gegevens in data/ aan"
            )
        files.append(File.generated(config, src_uri, content=content))
    files.append(File.generated(config, printall.PRINT_PAGE, content=PRINT_PAGE))
    for name, content in opendata.contents(kb).items():
        files.append(File.generated(config, f"open-data/{name}", content=content))
    try:
        _redirects[:] = redirects.redirects(load_redirects(kb, docs_dir=Path(config.docs_dir)))
    except KnowledgeBaseError as exc:
        raise PluginError(exc.report()) from None
    return files


_serving: list[bool] = [False]  # `mkdocs serve`: its live reload injects an inline script per response


def on_startup(command: str, dirty: bool) -> None:
    _serving[0] = command == "serve"


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    redirects.write(
        site,
        _redirects,
        config.theme.get_env().overlay(autoescape=True),
        site_url=config.site_url or "",
        site_name=config.site_name,
        titles=_titles,
    )
    if not _serving[0]:  # the local preview's live-reload script could not run under the policy
        csp.protect_site(site)  # every page, also those that plugins and templates wrote
    cmd = [
        sys.executable,
        "-m",
        "pagefind_bin",
        "--site",
        str(site),
        "--force-language",
        "nl",
        "--silent",
        # permalink anchors ("#") and the section-code label are not content
        "--exclude-selectors",
        ".headerlink",
        "--exclude-selectors",
        ".hr-code-label",
    ]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0 or not (site / "pagefind" / "pagefind.js").exists():
        raise PluginError(f"Pagefind kon de zoekindex niet bouwen:\n{result.stdout}{result.stderr}")
    searchwords.write(site)  # the index's words, for typos and compounds in search queries
    log.info("Pagefind index built in %s", site / "pagefind")


def on_nav(nav, config: MkDocsConfig, files: Files):  # type: ignore[no-untyped-def]
    """Remembers the reading order for the print-all page: the navigation, with each overview
    followed by the records it lists."""
    kb = knowledge_base(config)
    order: list[str] = []
    for page in nav.pages:
        uri = page.file.src_uri
        order.append(uri)
        if uri == f"{Intervention.SECTION}/index.md":
            order += [i.src_uri for i in kb.interventions]
        if uri == f"{RiskFactor.SECTION}/index.md":
            order += [r.src_uri for r in kb.riskfactors]
    _nav_order[:] = order
    _contents.clear()
    _nav_cache.reset(page.file.src_uri for page in nav.pages)
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
    env.globals["nav_cache"] = _nav_cache
    # the page-not-found page (overrides/404.html) shows the home page's "Direct naar" block
    env.globals["direct_naar"] = knowledge_base(config).direct_naar
    env.filters["page_url"] = page_url
    return env


def _label_checkboxes(html: str) -> str:
    """Checklist items: the text inside the label, a stable id per box (handreiking/checklists.py)."""
    return checklists.label_items(html)


def _checklist_bar(html: str, vergadering: bool = False) -> str:
    """The checklist toolbar (checklist.js wires it up), and the Vergadering block on pages that ask
    for it, written into the page at build time after the title (else before the first checklist),
    so nothing shifts when the script runs; without JavaScript the buttons stay hidden (site.css)."""
    return checklists.insert_bar(html, vergadering)


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
    html = _label_checkboxes(html)
    if printall.included(page.file.src_uri):
        _contents[page.file.src_uri] = (page, html)
    return _checklist_bar(html, vergadering=bool(page.meta.get("vergadering")))


_TOC_LABEL = re.compile(r'<label class="md-nav__title" for="__toc">(.*?)</label>', re.S)


def _valid_theme_markup(output: str) -> str:
    """Two spots where mkdocs-material 9 writes invalid HTML (Nu Html Checker), mended here rather
    than by copying its templates: section labels get ``tabindex=""`` (an empty tabindex is not
    allowed; browsers ignore it), and pages without a table-of-contents toggle (records outside
    the nav, section index pages) get a ``<label for="__toc">`` that names no control."""
    output = output.replace(' tabindex=""', "")
    if 'id="__toc"' not in output:
        output = _TOC_LABEL.sub(r'<div class="md-nav__title">\1</div>', output)
    return output


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Mends the theme's invalid markup, and fills the print-all page once every page's content
    is known (MkDocs renders all pages' Markdown before it writes any page)."""
    output = _valid_theme_markup(output)
    _titles[page.file.src_uri] = page.title or ""
    if page.file.src_uri != printall.PRINT_PAGE:
        return output
    parts = [
        printall.Part(url=p.url, title=p.title or "", code=str(p.meta.get("code") or ""), html=html)
        for uri in _nav_order
        if uri in _contents
        for p, html in [_contents[uri]]
    ]
    return output.replace(printall.PLACEHOLDER, printall.combine(parts, page.url), 1)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page is a template, not a page: mend its markup too."""
    return _valid_theme_markup(output_content)
