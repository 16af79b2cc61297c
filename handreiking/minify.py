"""The site's own stylesheets and scripts as the browser gets them: without comments and
indentation (rcssmin, rjsmin). The sources in ``overrides/assets/`` keep their comments, which
were half of what a page's CSS and scripts weighed compressed (bench/README.md, page weight).

The theme's files are minified already (``*.min.css``, ``*.min.js``); from the theme's stylesheet
the rules of the parts this site never draws are left out (:func:`trim_theme_css`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import rcssmin  # type: ignore[import-untyped]
import rjsmin  # type: ignore[import-untyped]
import tinycss2  # type: ignore[import-untyped]
from tinycss2.ast import LiteralToken  # type: ignore[import-untyped]

ASSETS = "assets/"


def applies(src_uri: str) -> bool:
    """Whether the site file at ``src_uri`` is one of ours to minify."""
    return src_uri.startswith(ASSETS) and src_uri.endswith((".css", ".js")) and ".min." not in src_uri


@lru_cache(maxsize=64)  # `make serve` builds again on every save: the same files, minified once
def minify(src_uri: str, text: str) -> str:
    """``text`` without comments and the whitespace the browser does not need."""
    if src_uri.endswith(".css"):
        return str(rcssmin.cssmin(text))
    return str(rjsmin.jsmin(text, keep_bang_comments=False))


# The theme's stylesheet styles every part mkdocs-material can draw; these parts need a feature,
# plugin or setting this site does not use (its own search replaces the theme's; no tabs, code
# copy, tooltips, annotations, repository link, versions, tags, consent, blog; Markdown extensions
# it does not enable). A rule whose every
# selector names one of them is left out of the theme's stylesheet, a selector naming one is left
# out of its rule (tests/test_build.py checks that no built page uses any of them).
UNUSED_THEME_PARTS = (
    "md-search",
    "md-tabs",
    "md-annotation",
    "md-tooltip",
    "md-clipboard",
    "md-code__",
    "md-source",
    "md-version",
    "md-social",
    "md-banner",
    "md-consent",
    "md-tag",
    "md-status",
    "md-select",
    "md-progress",
    "md-post",
    "md-profile",
    "md-draft",
    "mermaid",
    "tabbed",
    # the Markdown extensions mkdocs.yml does not enable (critic marks, keys, maths, emoji):
    # nothing an editor writes makes their classes (code highlighting stays: superfences is on)
    "critic",
    "keys",
    "arithmatex",
    "twemoji",
    "emojione",
    "gemoji",
)
# the icons and settings of those parts, custom properties of the theme's root rule
UNUSED_THEME_PROPERTIES = tuple(
    "--" + part
    for part in (
        "md-search",
        "md-tabbed",
        "md-annotation",
        "md-tooltip",
        "md-clipboard",
        "md-code-copy",
        "md-code-select",
        "md-source",
        "md-version",
        "md-tag",
        "md-status",
        "md-progress",
        "md-post",
        "md-path",  # navigation.path
        "md-typeset-table-sort",  # sortable tables (tablesort)
    )
)
THEME_CSS = re.compile(r"assets/stylesheets/main\.[0-9a-f]+\.min\.css")


def is_theme_stylesheet(src_uri: str) -> bool:
    return bool(THEME_CSS.fullmatch(src_uri))


def _selectors(prelude: list[Any]) -> list[list[Any]]:
    """A rule's selector list split at its top-level commas."""
    parts: list[list[Any]] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def _names_unused(selector: list[Any]) -> bool:
    """Whether a selector names a class of an unused theme part (directly, not inside :not())."""
    for before, token in zip([None, *selector], selector, strict=False):
        if (
            token.type == "ident"
            and before is not None
            and before.type == "literal"
            and before.value == "."
            and token.value.startswith(UNUSED_THEME_PARTS)
        ):
            return True
    return False


def _without_unused_properties(content: list[Any]) -> list[Any]:
    """A rule's declarations without the custom properties of :data:`UNUSED_THEME_PROPERTIES`."""
    kept = [
        d
        for d in tinycss2.parse_blocks_contents(content, skip_whitespace=True, skip_comments=True)
        if not (d.type == "declaration" and d.name.startswith(UNUSED_THEME_PROPERTIES))
    ]
    return tinycss2.parse_component_value_list(";".join(d.serialize() for d in kept))


def _trim(rules: list[Any]) -> list[Any]:
    kept: list[Any] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in _selectors(rule.prelude) if not _names_unused(s)]
            if not selectors:
                continue
            rule.prelude = [t for i, s in enumerate(selectors) for t in ([LiteralToken(0, 0, ",")] if i else []) + s]
            if "--md-" in tinycss2.serialize(rule.content):
                rule.content = _without_unused_properties(rule.content)
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in ("media", "supports"):
            inner = _trim(tinycss2.parse_rule_list(rule.content))
            if not inner:
                continue
            rule.content = inner
        kept.append(rule)
    return kept


@lru_cache(maxsize=8)
def trim_theme_css(text: str) -> str:
    """The theme's stylesheet without the rules of :data:`UNUSED_THEME_PARTS`."""
    rules = [r for r in tinycss2.parse_stylesheet(text) if r.type not in ("whitespace", "comment")]
    return tinycss2.serialize(_trim(rules))
