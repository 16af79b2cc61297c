"""Nothing an editor types runs as code in a visitor's browser.

Two checks, one vocabulary of what is dangerous:

- :func:`check_text` for every text value in ``data/``: the text is Markdown, never HTML. It is
  converted with Python-Markdown and the site's own extensions, and rejected when Markdown passed
  raw HTML or a character reference through (both end up in Python-Markdown's ``htmlStash``), or
  when the HTML it produced has an event-handler attribute or a link to a script, data or other
  non-web address (``javascript:``, ``data:``, ``vbscript:`` ...), or loads a file from another
  website.
- :func:`check_page_html` for the pages in ``docs/``, on the HTML MkDocs made of them: no
  ``<script>``, ``<iframe>``, ``<object>``, ``<embed>`` (and the like), no event-handler attributes,
  no script addresses. Markup the site deliberately uses (``<div markdown>``) stays allowed.

HTML is read with the standard library's HTML tokenizer (the one browsers' rules are modelled
on), never with regular expressions of our own. The Content-Security-Policy (:mod:`handreiking.csp`)
stands behind both checks.
"""

from __future__ import annotations

import html as html_lib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import markdown as md

from . import siteconfig

# Schemes a link may use; anything else (javascript:, data:, vbscript:, file: ...) is refused.
LINK_SCHEMES = {"http", "https", "mailto", "tel"}
# Attributes whose value the browser follows or loads as an address.
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "background",
    "cite",
    "data",
    "longdesc",
    "manifest",
    "ping",
    "codebase",
    "dynsrc",
    "lowsrc",
}
# Attributes that load a file at once (an image), where another host means a request to it.
LOADING_ATTRIBUTES = {"src", "poster", "background", "data", "srcset", "dynsrc", "lowsrc"}
# Elements that run, embed or redirect; never allowed in a page of the guide.
FORBIDDEN_ELEMENTS = {
    "script",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "meta",
    "link",
    "style",
    "portal",
    "fencedframe",
    "noscript",
    "template",
}

SAFE_TEXT_HINT = "schrijf gewone tekst met Markdown, bijvoorbeeld **vet**, *schuin* of [linktekst](https://…)"
SAFE_LINK_HINT = (
    "gebruik een webadres dat begint met https:// of http://, een e-mailadres (mailto:) of een "
    "pagina van deze site (bijvoorbeeld ../samos/index.md)"
)


@dataclass(frozen=True)
class Finding:
    """One dangerous thing: what it is (Dutch, for the message) and a piece of its source text
    that helps to find its line."""

    message: str
    needle: str


# --------------------------------------------------------------------------- addresses


def scheme_of(url: str) -> str:
    """The scheme a browser sees in an attribute value (already entity-decoded): leading and
    trailing spaces and control characters are ignored, tabs and newlines anywhere are removed
    (WHATWG URL parsing), so ``" java\\tscript:"`` is ``javascript``. Empty for a relative URL."""
    cleaned = "".join(ch for ch in url if ch not in "\t\n\r").strip("".join(map(chr, range(0x21))))
    try:
        return urlsplit(cleaned).scheme.lower()
    except ValueError:  # e.g. an unbalanced [ in a host: not a web address the site could use
        return "?"


def _other_host(url: str) -> bool:
    """Whether a file address leaves the site: any scheme (https://...) or a protocol-relative //."""
    cleaned = url.strip()
    return cleaned.startswith("//") or scheme_of(cleaned) != ""


# --------------------------------------------------------------------------- HTML


class _Scanner(HTMLParser):
    """Collects the dangerous parts of a piece of HTML."""

    def __init__(self, forbidden_elements: set[str]):
        super().__init__(convert_charrefs=True)
        self.forbidden = forbidden_elements
        self.findings: list[Finding] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs)

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.forbidden:
            self.findings.append(Finding(f"het element <{tag}> is niet toegestaan; {SAFE_TEXT_HINT}", f"<{tag}"))
            return  # one message for the element, not one more for each of its attributes
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.findings.append(
                    Finding(
                        f"het attribuut {name}= (JavaScript bij een gebeurtenis) is niet toegestaan; {SAFE_TEXT_HINT}",
                        name,
                    )
                )
            elif name in ("srcdoc", "ping"):  # a document in an attribute; a request to another host
                self.findings.append(Finding(f"het attribuut {name}= is niet toegestaan; {SAFE_TEXT_HINT}", name))
            elif name == "style":  # can load from another host; the page's policy refuses it anyway
                self.findings.append(
                    Finding(
                        "het attribuut style= is niet toegestaan; de vormgeving staat in "
                        "overrides/assets/stylesheets/site.css (vraag de ontwikkelaars)",
                        name,
                    )
                )
            elif name in URL_ATTRIBUTES or name.endswith(":href"):
                scheme = scheme_of(value)
                if scheme and scheme not in LINK_SCHEMES:
                    self.findings.append(
                        Finding(
                            f'een link naar "{_short(value)}" is niet toegestaan '
                            f"({scheme}: kan code uitvoeren of is geen webadres); {SAFE_LINK_HINT}",
                            scheme,
                        )
                    )
                elif name in LOADING_ATTRIBUTES and _other_host(value):
                    self.findings.append(
                        Finding(
                            f'"{_short(value)}" laadt een bestand van een andere website; '
                            "dat mag niet (privacy van bezoekers): zet het bestand in docs/ "
                            "en verwijs ernaar, of maak er een gewone link van",
                            value,
                        )
                    )
            elif name == "srcset" and value.strip():
                for candidate in value.split(","):
                    address = candidate.strip().split(" ")[0]
                    if scheme_of(address) or address.startswith("//"):
                        self.findings.append(
                            Finding(
                                f'"{_short(address)}" laadt een bestand van een andere website '
                                "of via een ongeldig adres; dat mag niet",
                                address,
                            )
                        )


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def scan_html(html: str, forbidden_elements: set[str] = FORBIDDEN_ELEMENTS) -> list[Finding]:
    scanner = _Scanner(forbidden_elements)
    scanner.feed(html)
    scanner.close()
    return scanner.findings


def check_page_html(html: str) -> list[Finding]:
    """What is dangerous in the HTML of one page of ``docs/`` (after Markdown)."""
    return scan_html(html)


# --------------------------------------------------------------------------- data text


@lru_cache(maxsize=1)
def _site_markdown_settings(config_file: Path = siteconfig.CONFIG_FILE) -> tuple[list[str], dict[str, Any]]:
    """The Markdown extensions of the site (``markdown_extensions`` in mkdocs.yml), so data text is
    checked as the site will render it."""
    config = siteconfig.load(config_file)
    names: list[str] = []
    settings: dict[str, Any] = {}
    for item in config.markdown_extensions:
        if isinstance(item, dict):
            for name, options in item.items():
                names.append(name)
                settings[name] = options or {}
        else:
            names.append(str(item))
    return names, settings


# Extensions left out of the check: they put HTML of their own into the stash (code blocks, task
# list boxes) or turn raw HTML into Markdown (md_in_html), which would hide an editor's HTML.
# Without them a code fence reads as inline code and a raw <div markdown> as raw HTML: stricter.
_NOT_FOR_DATA_TEXT = {
    "md_in_html",
    "pymdownx.superfences",
    "pymdownx.tasklist",
    "fenced_code",
    "codehilite",
    "pymdownx.highlight",
    "pymdownx.inlinehilite",
    "pymdownx.snippets",
}


@lru_cache(maxsize=1)
def _converter() -> md.Markdown:
    names, settings = _site_markdown_settings()
    names = [n for n in names if n not in _NOT_FOR_DATA_TEXT]
    return md.Markdown(extensions=names, extension_configs={n: settings[n] for n in names if n in settings})


# Characters without which a text can hold neither HTML, nor a link or image, nor attributes
# (attr_list), nor a character reference: text without them needs no conversion. This is only a
# shortcut for speed (most values are names and short phrases); the conversion decides.
_MARKUP_SIGNS = ("<", "&", "{", "](", "]:", "][", "]\n", "] [")


def _raw_html_parts(converter: md.Markdown) -> Iterator[str]:
    for part in converter.htmlStash.rawHtmlBlocks:
        yield part if isinstance(part, str) else "<" + str(getattr(part, "tag", "html"))


def check_text(text: str) -> list[Finding]:
    """Why a Markdown text from ``data/`` is not safe to publish (empty list: it is)."""
    if not any(sign in text for sign in _MARKUP_SIGNS):
        return []
    converter = _converter()
    converter.reset()
    html = converter.convert(text)
    findings: list[Finding] = []
    raw = [part.strip() for part in _raw_html_parts(converter) if part.strip()]
    # a character reference is HTML too; one that HTML does not know ("OO&V;") stays text
    for ref in dict.fromkeys(part for part in raw if part.startswith("&") and html_lib.unescape(part) != part):
        findings.append(
            Finding(f'de HTML-code "{_short(ref)}" is niet toegestaan; typ het teken zelf (bijvoorbeeld é of &)', ref)
        )
    tags = [part for part in raw if not part.startswith("&")]
    if tags:
        more = f" en nog {len(tags) - 1} HTML-code{'s' if len(tags) > 2 else ''}" if len(tags) > 1 else ""
        findings.append(
            Finding(
                f'HTML is niet toegestaan ("{_short(tags[0])}"{more}); {SAFE_TEXT_HINT}', tags[0].split(">")[0][:40]
            )
        )
    # What Markdown itself made: links, images, attributes from {: ... } (attr_list).
    findings += [f for f in scan_html(html, set()) if f not in findings]
    if "{" in text and "\n" not in text.strip():
        # a one-line value (a name) may become a heading, where "{: ...}" at the end adds attributes
        converter.reset()
        findings += [f for f in scan_html(converter.convert("# " + text), set()) if f not in findings]
    return findings


class _Markup(HTMLParser):
    """Finds the first tag, comment or character reference in a piece of plain text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.found: str | None = None

    def _note(self, text: str) -> None:
        self.found = self.found or text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._note(self.get_starttag_text() or f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        self._note(f"</{tag}>")

    def handle_comment(self, data: str) -> None:
        self._note("<!--")

    def handle_charref(self, name: str) -> None:
        self._note(f"&#{name};")

    def handle_entityref(self, name: str) -> None:
        self._note(f"&{name};")

    def handle_decl(self, decl: str) -> None:
        self._note(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self._note(f"<?{data}>")


def markup_in_plain_text(text: str) -> str | None:
    """The first piece of HTML (a tag, comment or character reference) in a text that must stay
    plain, such as a page title; None when there is none."""
    parser = _Markup()
    parser.feed(text)
    parser.close()
    return parser.found
