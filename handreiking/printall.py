"""The whole guide as one printable document (the page ``afdrukken/``).

After the build (:func:`handreiking.postbuild.print_page`) the content of every page is joined
in reading order into one HTML fragment: ids get a per-page prefix (so they stay unique), headings move one
level down (the document has its own title), and links between included pages become links
inside the document; other relative links are rewritten for the print page's address. Controls
that work only on their own page with its script (marked ``data-hr-page-only``: the selection's
download, print and compare buttons, the "Vergelijk" boxes) are left out.
"""

from __future__ import annotations

import html as html_lib
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from . import htmlspans
from .model import Intervention, KnowledgeBase, RiskFactor

PRINT_PAGE = "afdrukken.md"
PLACEHOLDER = "<!-- hr-print-all -->"
# Marks an element that works only on its own page, with that page's script (not printed whole).
PAGE_ONLY = "data-hr-page-only"
# Pages that are not part of the guide itself.
EXCLUDE = ("zoeken.md", "toegankelijkheid.md", PRINT_PAGE)
EXCLUDE_PREFIXES = ("redactie/",)

_ID = re.compile(r'\bid="([^"]+)"')
_IDREFS = re.compile(r'\b(for|aria-labelledby|aria-describedby|aria-controls)="([^"]+)"')
_HREF = re.compile(r'\bhref="([^"]*)"')
_HEADING = re.compile(r"<(/?)h([1-5])\b")


@dataclass(frozen=True)
class Part:
    url: str  # the page's URL, e.g. "samos/urgentiedilemma/"
    title: str
    code: str
    html: str


def included(src_uri: str) -> bool:
    return src_uri not in EXCLUDE and not src_uri.startswith(EXCLUDE_PREFIXES)


def reading_order(nav_pages: list[str], kb: KnowledgeBase) -> list[str]:
    """The pages of the print-all page (paths under docs/): the navigation's, with each overview
    followed by the records it lists."""
    order: list[str] = []
    for src_uri in nav_pages:
        order.append(src_uri)
        if src_uri == f"{Intervention.SECTION}/index.md":
            order += [i.src_uri for i in kb.interventions]
        if src_uri == f"{RiskFactor.SECTION}/index.md":
            order += [r.src_uri for r in kb.riskfactors]
    return [src_uri for src_uri in order if included(src_uri)]


def slug(url: str) -> str:
    return "p-" + (url.strip("/").replace("/", "-") or "start")


def _resolve(base_url: str, href: str) -> tuple[str, str]:
    """Site path (``a/b/``) and fragment of a relative link found on page ``base_url``."""
    parts = urlsplit(href)
    path = posixpath.normpath(posixpath.join("/" + base_url, parts.path)) if parts.path else "/" + base_url
    path = path.lstrip("/")
    if path in (".", ""):
        path = ""
    elif not path.endswith("/") and "." not in posixpath.basename(path):
        path += "/"
    return path, parts.fragment


def without_page_controls(html: str) -> str:
    """``html`` without its elements marked :data:`PAGE_ONLY` (with what they contain)."""
    if PAGE_ONLY not in html:
        return html
    changes: list[tuple[int, int, str]] = []
    for e in htmlspans.parse(html):
        if PAGE_ONLY in e.attrs and not any(start <= e.start < end for start, end, _ in changes):
            changes.append((e.start, e.end, ""))
    return htmlspans.replace(html, changes)


def combine(parts: list[Part], print_url: str) -> str:
    urls = {p.url for p in parts}
    out = []
    for part in parts:
        prefix = slug(part.url)

        def fix_href(match: re.Match[str], part: Part = part, prefix: str = prefix) -> str:
            href = match.group(1)
            if not href or href.startswith(("http:", "https:", "mailto:", "tel:", "data:", "javascript:")):
                return match.group(0)
            if href.startswith("#"):
                return f'href="#{prefix}--{href[1:]}"'
            path, fragment = _resolve(part.url, href)
            if path in urls:
                target = slug(path)
                return f'href="#{target}--{fragment}"' if fragment else f'href="#{target}"'
            rel = posixpath.relpath("/" + path, "/" + print_url) if path else posixpath.relpath("/", "/" + print_url)
            if path.endswith("/") and not rel.endswith("/"):
                rel += "/"
            return f'href="{rel}{"#" + fragment if fragment else ""}"'

        def fix_id(match: re.Match[str], prefix: str = prefix) -> str:
            return f'id="{prefix}--{match.group(1)}"'

        def fix_idrefs(match: re.Match[str], prefix: str = prefix) -> str:
            return f'{match.group(1)}="' + " ".join(f"{prefix}--{ref}" for ref in match.group(2).split()) + '"'

        html = _ID.sub(fix_id, without_page_controls(part.html))
        html = _IDREFS.sub(fix_idrefs, html)
        html = _HREF.sub(fix_href, html)
        html = _HEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", html)
        code = f'<p class="hr-code-label"><span class="hr-code">{part.code}</span></p>' if part.code else ""
        label = html_lib.escape(part.title, quote=True)
        out.append(f'<section class="hr-print-part" id="{prefix}" aria-label="{label}">{code}{html}</section>')
    return "\n".join(out)
