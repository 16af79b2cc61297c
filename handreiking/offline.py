"""The guide without a network: the precache manifest of the service worker (``overrides/sw.js``).

After the first visit the worker keeps a copy of every file a reader needs: all pages (also the
print-all page, the page-not-found page and the short addresses' redirect pages), the theme's and
the site's styles and scripts, Pagefind's search code and index, and the open data. The manifest
names each file with the start of the SHA-256 of its content, so the next build's worker fetches
only the files whose content changed, and removes what the build no longer has.

The manifest is written into the worker file itself (the placeholder :data:`PLACEHOLDER` in
``sw.js``), as one JSON line: the browser compares the worker byte for byte on its update checks,
so a build that changes any file is a new worker, and a build that changes nothing is none.

This runs last over the finished site: the redirect pages, the Content-Security-Policy and
Pagefind all write files before it, and the hashes must be those of the files as served.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

WORKER = "sw.js"
PLACEHOLDER = '"__HR_OFFLINE_MANIFEST__"'  # in overrides/sw.js: `const MANIFEST = "__HR_OFFLINE_MANIFEST__";`
HASH_LENGTH = 16  # hex digits of SHA-256: 64 bits, and the worker checks each file against it

# What a reader never needs offline, with the reason (patterns over the path under site/).
LEFT_OUT: dict[str, str] = {
    WORKER: "the worker itself: the browser fetches and updates it, never from a cache",
    "sitemap.xml": "for search engines, not for readers",
    "sitemap.xml.gz": "for search engines, not for readers",
    "pagefind/pagefind-ui.*": "Pagefind's ready-made interface; the site has its own (search.js)",
    "pagefind/pagefind-modular-ui.*": "Pagefind's ready-made interface; the site has its own (search.js)",
    "pagefind/pagefind-component-ui.*": "Pagefind's ready-made interface; the site has its own (search.js)",
    "pagefind/pagefind-highlight.js": "marks search words on a page; the site does not load it",
    "pagefind/wasm.unknown.pagefind": "the search code for pages without a language; every page is Dutch",
    ".*": "hidden files (.nojekyll and the like) are for the host",
    "*.map": "source maps are for developers",
}

_MANIFEST_LINE = re.compile(r"^const MANIFEST = (.*);$", re.M)


@dataclass(frozen=True)
class Manifest:
    version: str  # changes when any file changes
    files: dict[str, str]  # address relative to the site root ("", "samos/", "pagefind/pagefind.js") -> hash

    def to_json(self) -> str:
        return json.dumps({"version": self.version, "files": self.files}, ensure_ascii=False, separators=(",", ":"))


def left_out(path: str) -> bool:
    """Whether a file under site/ (its path with "/") stays out of the offline copy."""
    return any(fnmatchcase(path, pattern) or fnmatchcase(path.rsplit("/", 1)[-1], pattern) for pattern in LEFT_OUT)


def address(path: str) -> str:
    """The address a reader uses for a file: a folder's index page by the folder ("samos/")."""
    if path == "index.html":
        return ""
    if path.endswith("/index.html"):
        return path[: -len("index.html")]
    return path


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:HASH_LENGTH]


def manifest(site_dir: Path, known: dict[str, str] | None = None) -> Manifest:
    """Every file of a built site a reader needs offline, with the hash of its content; ``known``:
    the hashes of files as they were written (path under the site -> :func:`file_hash`), not read again."""
    known = known or {}
    files = {
        address(rel): known[rel] if rel in known else file_hash(p.read_bytes())
        for p in sorted(site_dir.rglob("*"))
        if p.is_file() and not left_out(rel := p.relative_to(site_dir).as_posix())
    }
    listing = "\n".join(f"{name} {digest}" for name, digest in sorted(files.items()))
    return Manifest(version=file_hash(listing.encode("utf-8")), files=files)


def write_manifest(
    site_dir: Path, *, live_preview: bool = False, known: dict[str, str] | None = None
) -> Manifest | None:
    """Writes the manifest of a built site into its worker (``site/sw.js``); returns it.

    Under ``mkdocs serve`` (``live_preview``) the worker stays as shipped, without a manifest: it
    keeps nothing and removes what an earlier build kept, since the preview's pages change with
    every save and its server adds a reload script to each of them. ``known``: as for
    :func:`manifest`. A site built without the
    theme's worker (the benchmarks' default configuration) has no offline use: nothing to write."""
    worker = site_dir / WORKER
    if not worker.is_file():
        return None
    source = worker.read_text(encoding="utf-8")
    if PLACEHOLDER not in source:
        raise ValueError(f"{worker}: the placeholder {PLACEHOLDER} is missing (overrides/{WORKER})")
    if live_preview:
        return None
    result = manifest(site_dir, known)
    worker.write_text(source.replace(PLACEHOLDER, result.to_json(), 1), encoding="utf-8")
    return result


def read_manifest(site_dir: Path) -> Manifest:
    """The manifest a built site's worker carries (for tests and benchmarks)."""
    found = _MANIFEST_LINE.search((site_dir / WORKER).read_text(encoding="utf-8"))
    if not found:
        raise ValueError(f"{site_dir / WORKER}: no manifest line")
    data = json.loads(found.group(1))
    if not isinstance(data, dict):
        raise ValueError(f"{site_dir / WORKER}: the manifest was not written (a live preview?)")
    return Manifest(version=data["version"], files=data["files"])
