"""Rendering through Jinja templates in ``overrides/`` (no HTML in Python strings)."""

from __future__ import annotations

from typing import Any

import markdown as md
from markupsafe import Markup
from mkdocs.utils import get_relative_url


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The URL MkDocs gives the page built from ``src_uri`` (``a/b.md`` -> ``a/b/``)."""
    path, _, anchor = src_uri.partition("#")
    if path.endswith("index.md"):
        url = path[: -len("index.md")]
    elif use_directory_urls:
        url = path[: -len(".md")] + "/"
    else:
        url = path[: -len(".md")] + ".html"
    return url + (f"#{anchor}" if anchor else "")


class Renderer:
    """Renders ``overrides/partials/<name>`` with the theme's Jinja environment, plus two
    helpers every template gets: ``href(src_uri)`` (relative link from the current page) and
    the ``markdown`` filter (data text fields are Markdown)."""

    def __init__(self, config: Any, env: Any = None):
        self.config = config
        self.macros_env = env
        # Our partials escape every value (data text may hold "<" or a quote); Markdown that the
        # `markdown` filter made is Markup and stays as it is.
        self._jinja = config.theme.get_env().overlay(autoescape=True)
        self._md = md.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
        self._jinja.filters.setdefault("markdown", self.markdown)

    def markdown(self, text: str) -> Markup:
        self._md.reset()
        return Markup(self._md.convert(text or ""))

    def href(self, src_uri: str, from_url: str) -> str:
        target = page_url(src_uri, self.config.use_directory_urls)
        path, _, anchor = target.partition("#")
        rel = get_relative_url(path or ".", from_url or ".")
        if path.endswith("/") and not rel.endswith("/"):
            rel += "/"
        return rel + (f"#{anchor}" if anchor else "")

    def __call__(self, template: str, *, from_url: str = "", **context: Any) -> str:
        tpl = self._jinja.get_template(f"partials/{template}")
        return tpl.render(href=lambda uri: self.href(uri, from_url), **context)
