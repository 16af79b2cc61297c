"""MkDocs hook (``hooks:`` in mkdocs.yml): notes the links of every page while MkDocs renders its
Markdown, for the link check (:mod:`handreiking.links.found`). Written beside the site, never into
it, and only when the build command asks for it (``$HANDREIKING_LINKS_FILE``)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # MkDocs loads this file by path

from handreiking.links import found  # noqa: E402

_collector = found.LinkCollector()
_pages: list[dict] = []


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _pages.clear()
    config.markdown_extensions.append(_collector)  # type: ignore[arg-type]
    return config


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    own = page.file.abs_src_path is not None  # written by an editor, not made from the data
    where, source = (f"docs/{page.file.src_uri}", page.file.content_string) if own else (None, None)
    _pages.append(found.page_links("/" + page.url, str(page.title or ""), _collector.take(), where, source))
    return html


def on_post_build(config: MkDocsConfig) -> None:
    if os.environ.get(found.RECORD_ENV):
        found.write_record(Path(os.environ[found.RECORD_ENV]), config.site_url or "", _pages)
