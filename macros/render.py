"""Rendering through Jinja templates in ``overrides/`` (no HTML in Python strings)."""

from __future__ import annotations

from typing import Any

import markdown as md
from markupsafe import Markup

from handreiking.urls import href


class Renderer:
    """Renders ``overrides/partials/<name>`` with the theme's Jinja environment, plus two
    helpers every template gets: ``href(src_uri)`` (relative link from the current page) and
    the ``markdown`` filter (data text fields are Markdown)."""

    def __init__(self, config: Any):
        self.config = config
        # Our partials escape every value (data text may hold "<" or a quote); Markdown that the
        # `markdown` filter made is Markup and stays as it is.
        self._jinja = config.theme.get_env().overlay(autoescape=True)
        self._md = md.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
        self._jinja.filters.setdefault("markdown", self.markdown)

    def markdown(self, text: str) -> Markup:
        self._md.reset()
        return Markup(self._md.convert(text or ""))

    def href(self, src_uri: str, from_url: str) -> str:
        return href(src_uri, from_url, self.config.use_directory_urls)

    def __call__(self, template: str, *, from_url: str = "", **context: Any) -> str:
        tpl = self._jinja.get_template(f"partials/{template}")
        return tpl.render(href=lambda uri: self.href(uri, from_url), **context)
