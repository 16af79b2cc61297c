"""Redirect pages for old and short addresses (``/a2/``, ``/b1/`` ... and moved pages), in Dutch.

The old addresses are the editors' file ``data/doorverwijzingen.yaml`` (old path -> new path, both
under ``docs/``), read and checked by :func:`handreiking.loader.load_redirects`. Each old address
gets a small page from ``overrides/redirect.html``: ``lang="nl"``, a Dutch line with a link, a
canonical link and a ``<meta http-equiv="refresh">``; a script file keeps the part after ``#`` (a
meta refresh alone drops it). This replaces the mkdocs-redirects plugin, which
wrote English pages from a template of its own.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .model import Doorverwijzing
from .paths import OVERRIDES_DIR
from .urls import page_url, relative_url

TEMPLATE = "redirect.html"
SCRIPT = "assets/javascripts/doorverwijzing.js"


@dataclass(frozen=True)
class Redirect:
    old: str  # path under docs/ that no longer exists (a2.md)
    new: str  # page it leads to, optionally with #anchor (samos/index.md)

    @property
    def dest(self) -> str:
        """The file written under site/ (a2/index.html)."""
        return page_url(self.old) + "index.html"

    @property
    def old_url(self) -> str:
        return page_url(self.old)

    @property
    def new_url(self) -> str:
        return page_url(self.new)


def redirects(entries: Iterable[Doorverwijzing]) -> list[Redirect]:
    return [Redirect(item.oud, item.nieuw) for item in entries]


def relative(target_url: str, from_url: str) -> str:
    path, _, anchor = target_url.partition("#")
    rel = relative_url(path or ".", from_url or ".")
    if (path == "" or path.endswith("/")) and not rel.endswith("/"):
        rel += "/"
    return rel + (f"#{anchor}" if anchor else "")


def render(items: list[Redirect], *, site_url: str, site_name: str, titles: dict[str, str]) -> dict[str, str]:
    """One redirect page per entry: its file under site/ (:attr:`Redirect.dest`) -> its HTML.
    ``titles``: src path -> page title."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(OVERRIDES_DIR)), autoescape=True)
    template = env.get_template(TEMPLATE)
    base = (site_url or "").rstrip("/") + "/" if site_url else ""
    return {
        item.dest: template.render(
            doel=relative(item.new_url, item.old_url),
            canonical=(base + item.new_url) if base else relative(item.new_url, item.old_url),
            titel=titles.get(item.new.split("#", 1)[0], ""),
            script=relative(SCRIPT, item.old_url),
            site_name=site_name,
        )
        for item in items
    }


ADDRESSES_FILE = "adressen.json"


def address_list(pages: dict[str, str], items: Iterable[Redirect]) -> dict[str, list[list[str]]]:
    """The site's addresses for the page-not-found page (``assets/javascripts/notfound.js``): every
    page (address and title) and every old or short address with the address it leads to. A static
    host matches addresses letter for letter, so ``/A2/`` finds nothing where ``/a2/`` redirects;
    with this list the page-not-found page finds the address whatever its capitals, and suggests
    the closest page for an address the site never had."""
    return {
        "paginas": [[url, title] for url, title in sorted(pages.items())],
        "doorverwijzingen": [[item.old_url, item.new_url] for item in items],
    }


def write_addresses(site_dir: Path, pages: dict[str, str], items: Iterable[Redirect]) -> Path:
    """Writes :func:`address_list` as ``adressen.json`` at the site's root; returns its path."""
    target = site_dir / ADDRESSES_FILE
    data = address_list(pages, items)
    target.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return target
