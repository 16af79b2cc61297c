"""Links to other websites marked as such, once, after the engine has written the pages: inside every
link in a page's article that leaves the site goes ``overrides/partials/external-mark.html`` (an arrow,
the text "(externe link)" for a screen reader, and the domain for print).

Done on the built HTML rather than in Markdown, so it holds for every link a page shows: the prose's,
the data's (publications, interventions' links, the A1 table's instruments) and the partials'.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import jinja2

from . import htmlspans
from .links.found import external
from .paths import OVERRIDES_DIR

_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(str(OVERRIDES_DIR)), autoescape=True)
MARK_CLASS = "hr-extern"  # the mark's class, in the partial and in site.css


def domain(url: str) -> str:
    """The host a reader recognises: ``http://www.weert.nl/x`` -> ``weert.nl``."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def mark_article(html: str, site_url: str = "") -> str:
    """A built page with :func:`mark` applied to its ``<article>`` (the theme's header, navigation and
    footer are left as they are); a page without one as it was."""
    start = html.find("<article")
    end = html.find("</article>", start)
    if start < 0 or end < 0:
        return html
    return html[:start] + mark(html[start:end], site_url) + html[end:]


def mark(html: str, site_url: str = "") -> str:
    """Every link in ``html`` to another website, with the mark before its end tag; a link that has it
    already is left as it is."""
    template = _ENV.get_template("partials/external-mark.html")
    changes = []
    for element in htmlspans.parse(html):
        url = (element.attrs.get("href") or "").strip()
        if element.tag != "a" or not external(url, site_url) or element.inner_end == element.end:
            continue
        if any(MARK_CLASS in child.classes for child in element.children):
            continue
        changes.append((element.inner_end, element.inner_end, template.render(domain=domain(url)).strip()))
    return htmlspans.replace(html, changes)
