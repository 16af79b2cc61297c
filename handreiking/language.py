"""Parts of a page in another language than Dutch (WCAG 3.1.2, Language of Parts).

The guide uses a few English terms in its Dutch text ("community policing", "in the heat of the
moment"). A screen reader reads them with Dutch pronunciation unless they are marked
``lang="en"``. The editors list them once, in ``data/vocabularies.yaml`` (``engelse_woorden``);
the text they write stays plain Markdown without HTML (data text may hold no HTML). After the
build, :func:`mark` puts each occurrence in a page's text in a ``<span lang="en">``
(``overrides/partials/language-part.html``), wherever the text came from: a page in docs/ or a
record of data/. Code, scripts, SVG and text already marked with a language are left alone.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import jinja2
from markupsafe import Markup

from . import htmlspans
from .paths import OVERRIDES_DIR

PARTIAL = "partials/language-part.html"
# Text inside these elements is not prose of the guide (or may not hold a <span>).
SKIPPED = {"code", "pre", "kbd", "samp", "script", "style", "svg", "textarea", "title", "option"}

_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(str(OVERRIDES_DIR)), autoescape=True)


def pattern(phrases: Sequence[str]) -> re.Pattern[str] | None:
    """Any of the phrases as whole words, any case, the longest first."""
    if not phrases:
        return None
    words = "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)


@functools.lru_cache(maxsize=8)
def _anywhere(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the phrases anywhere, any case: a text run (a piece of the HTML as written) holds a
    phrase only if the HTML does."""
    return re.compile("|".join(re.escape(p) for p in phrases), re.IGNORECASE)


def mark(html: str, phrases: Sequence[str], lang: str = "en") -> str:
    """``html`` with each phrase in its text wrapped in an element that says its language."""
    found = pattern(phrases)
    if found is None or not _anywhere(tuple(phrases)).search(html):
        return html  # most pages have none: no need to read their text runs
    template = _ENV.get_template(PARTIAL)
    changes = []
    for run in htmlspans.texts(html):
        if any(e.tag in SKIPPED or "lang" in e.attrs for e in run.within):
            continue
        for match in found.finditer(run.text):
            part = template.render(lang=lang, text=Markup(match.group(0))).strip()
            changes.append((run.start + match.start(), run.start + match.end(), part))
    return htmlspans.replace(html, changes)
