"""A Content-Security-Policy in every page, as ``<meta http-equiv>`` (GitHub Pages sends no
headers of its own): defence in depth behind the checks of :mod:`handreiking.safety`.

Scripts run only from the site itself, or inline when the build has seen them and written their
SHA-256 hash into that page's policy (the theme's few small inline scripts); an inline script or
event handler that got into a page any other way is refused by the browser. Nothing loads from
another host, plugins (``object``) are off and ``<base>`` cannot move the page's links.
``'wasm-unsafe-eval'`` lets Pagefind compile its WebAssembly search; it allows no JavaScript eval.

This runs over the finished ``site/`` (every HTML file, also the 404 page and the redirect pages
that plugins write), so it does not depend on how a page was made.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

# Directive -> sources, in the order they are written.
POLICY: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],  # the theme's icons are data: URLs in its stylesheet
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "media-src": ["'self'"],
    "worker-src": ["'self'"],  # the offline service worker (sw.js) and Pagefind's web worker
    "manifest-src": ["'self'"],
    "frame-src": ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
# Script types the browser runs (https://html.spec.whatwg.org/#javascript-mime-type); a
# type="application/json" block is data and needs no hash.
EXECUTABLE_TYPES = {
    "",
    "module",
    "text/javascript",
    "application/javascript",
    "text/ecmascript",
    "application/ecmascript",
    "text/jscript",
    "text/livescript",
    "application/x-javascript",
    "application/x-ecmascript",
    "text/x-javascript",
    "text/x-ecmascript",
}
META_NAME = 'http-equiv="Content-Security-Policy"'
SKIP_DIRS = {"pagefind"}  # Pagefind's own files: fragments and data, not pages


class _InlineScripts(HTMLParser):
    """The text of every inline script the browser would run, exactly as it stands in the file."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        values = {name: (value or "") for name, value in attrs}
        if "src" not in values and values.get("type", "").strip().lower() in EXECUTABLE_TYPES:
            self._current = []

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


_SCRIPT_START = re.compile(r"<script\b", re.IGNORECASE)
_SCRIPT_END = re.compile(r"</script\s*>", re.IGNORECASE)


def inline_scripts(html: str) -> list[str]:
    """The inline scripts of a page: each script element (from ``<script`` to its end tag) read
    by the tokenizer on its own, not the whole page (a page is mostly other elements; a
    ``<script`` in a comment adds a hash that allows nothing new)."""
    parser = _InlineScripts()
    at = 0
    while start := _SCRIPT_START.search(html, at):
        end = _SCRIPT_END.search(html, start.end())
        at = end.end() if end else len(html)
        parser.feed(html[start.start() : at])
        parser.close()
        parser.reset()
    return parser.scripts


def script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def policy_for(html: str) -> str:
    """The policy of one page: :data:`POLICY` with the hash of each of its inline scripts."""
    directives = {name: list(sources) for name, sources in POLICY.items()}
    directives["script-src"] += list(dict.fromkeys(script_hash(s) for s in inline_scripts(html)))
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def with_policy(html: str) -> str:
    """The page with its policy as the first thing in ``<head>`` after the character set (a meta
    policy only covers what comes after it). A page that has one already is returned unchanged."""
    if META_NAME in html:
        return html
    meta = f'<meta {META_NAME} content="{policy_for(html)}">'
    lower = html.lower()
    charset = lower.find("<meta charset")
    if charset >= 0:
        at = lower.index(">", charset) + 1
    else:
        head = lower.find("<head")
        if head < 0:
            return html  # not a page (an HTML fragment): nothing to protect
        at = lower.index(">", head) + 1
    return html[:at] + "\n  " + meta + html[at:]


def pages(site_dir: Path) -> list[Path]:
    return [
        p for p in sorted(site_dir.rglob("*.html")) if not SKIP_DIRS.intersection(p.relative_to(site_dir).parts[:1])
    ]


def protect_site(site_dir: Path) -> int:
    """Writes the policy into every page of a built site; returns how many pages it changed."""
    changed = 0
    for path in pages(site_dir):
        html = path.read_text(encoding="utf-8")
        new = with_policy(html)
        if new != html:
            path.write_text(new, encoding="utf-8")
            changed += 1
    return changed
