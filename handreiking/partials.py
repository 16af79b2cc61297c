"""The site's Jinja partials (``overrides/partials/``) rendered with the core's own Jinja
environment, whichever engine builds the site: no theme environment, no engine object.

:class:`Renderer` gives every partial two helpers: ``href(src_uri)`` (a relative link from the
page it is rendered for) and the ``markdown`` filter (data text fields are Markdown, converted
with the site's own Markdown extensions, :func:`markdown_settings`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import jinja2
import markdown as md
from markupsafe import Markup

from .model import KnowledgeBase
from .paths import OVERRIDES_DIR
from .siteconfig import SiteConfig
from .urls import href, page_url

# The extensions every engine of the MkDocs family turns on before the listed ones (MkDocs'
# ``markdown_extensions`` builtins): the partials' Markdown is the pages' Markdown.
BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")


def markdown_settings(config: SiteConfig) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The Markdown extensions of ``mkdocs.yml`` and their settings, as the engine reads them
    (the builtins first, each extension once, in order)."""
    names: list[str] = list(BUILTIN_EXTENSIONS)
    configs: dict[str, dict[str, Any]] = {}
    for item in config.markdown_extensions:
        entries = item.items() if isinstance(item, dict) else [(item, None)]
        for name, settings in entries:
            if name not in names:
                names.append(name)
            if settings:
                configs[name] = settings
    return names, configs


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory for the life of the process, so that a new environment
    (each build, and each rebuild of the preview) does not compile them again; Jinja checks each
    against its template's source, so an edited template is compiled anew."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


COMPILED = MemoryBytecodeCache()  # the partials, compiled once a process


def environment() -> jinja2.Environment:
    """Jinja for the partials: every value escaped (data text may hold "<" or a quote); Markdown
    that the ``markdown`` filter made is Markup and stays as it is."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(OVERRIDES_DIR)), autoescape=True, auto_reload=False, bytecode_cache=COMPILED
    )


class Renderer:
    """Renders ``overrides/partials/<name>`` for the page at ``from_url``."""

    def __init__(
        self,
        config: SiteConfig,
        use_directory_urls: bool = True,
        here: Callable[[], str] = lambda: "",
        address: Callable[[], str] | None = None,
    ) -> None:
        self.use_directory_urls = use_directory_urls
        self.here = here  # where the engine reads the page's links (href, src) from
        self.address = address or here  # the page's own address (for an address a script reads)
        extensions, configs = markdown_settings(config)
        self._md = md.Markdown(extensions=extensions, extension_configs=configs)
        self._jinja = environment()
        self._jinja.filters["markdown"] = self.markdown

    def markdown(self, text: str) -> Markup:
        self._md.reset()
        return Markup(self._md.convert(text or ""))

    def href(self, src_uri: str, from_url: str) -> str:
        return href(src_uri, from_url, self.use_directory_urls)

    def __call__(self, template: str, *, from_url: str = "", **context: Any) -> str:
        tpl = self._jinja.get_template(f"partials/{template}")
        return tpl.render(href=lambda uri: self.href(uri, from_url), **context)


# The key in ``extra`` (mkdocs.yml) under which the page-not-found page (overrides/404.html) finds
# its "Direct naar" block: the MkDocs hook and the Zensical build put it there.
NOT_FOUND_BLOCK = "niet_gevonden_ingangen"


def not_found_block(kb: KnowledgeBase, config: SiteConfig) -> Markup:
    """The "Direct naar" block of the page-not-found page (``partials/direct-naar.html``).
    GitHub Pages serves that page for a missing address at any depth, so its links are absolute
    under the site's path (``/handreiking-onrust/...``, from ``site_url``)."""
    base = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
    tpl = environment().get_template("partials/direct-naar.html")
    return Markup(tpl.render(href=lambda uri: base + page_url(uri), ingangen=kb.direct_naar, route=kb.incident_route))
