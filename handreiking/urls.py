"""Site addresses of pages, the way static site engines give them (directory URLs)."""

from __future__ import annotations

import posixpath


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The address of the page built from ``src_uri`` (``a/b.md`` -> ``a/b/``, ``a/index.md`` -> ``a/``)."""
    path, _, anchor = src_uri.partition("#")
    if path.endswith("index.md"):
        url = path[: -len("index.md")]
    elif use_directory_urls:
        url = path[: -len(".md")] + "/"
    else:
        url = path[: -len(".md")] + ".html"
    return url + (f"#{anchor}" if anchor else "")


def relative_url(url: str, other: str) -> str:
    """``url`` relative to the page at ``other`` (both site addresses; the same result as
    MkDocs' ``get_relative_url``, so a page links the same whichever engine built it)."""
    if other != ".":
        head, tail = posixpath.split(other)
        other = head if "." in tail else other
    rel = posixpath.relpath("/" + url, "/" + other)
    return rel + "/" if url.endswith("/") else rel


def href(src_uri: str, from_url: str, use_directory_urls: bool = True) -> str:
    """A relative link from the page at ``from_url`` to the page built from ``src_uri`` (with its anchor)."""
    target = page_url(src_uri, use_directory_urls)
    path, _, anchor = target.partition("#")
    rel = relative_url(path or ".", from_url or ".")
    if path.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return rel + (f"#{anchor}" if anchor else "")
