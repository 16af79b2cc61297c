"""Both engines build the same site (``make build ENGINE=zensical``, handreiking/zensical.py):
MkDocs (the ``site_dir`` fixture) and Zensical are compared page by page.

The same pages (every HTML file), and of each page's ``<article>`` (its content, with what
``overrides/main.html`` writes around it: the section code, "Laatst bijgewerkt", the edit link)
the same text and the same links, each resolved to the address it leads to (the engines write
a relative link between two pages in different, equivalent ways: ``../b/`` or ``../../a/b/``).

What differs is the theme's chrome outside the article (:data:`CHROME`), listed in README."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from tests.conftest import run_cli

SITE = "http://site"  # a base for resolving links; no request is made
# What the two themes write differently, all outside the article (README, "Twee bouwers"):
CHROME = (
    "stylesheets: mkdocs-material's main.*.css and palette.*.css, Zensical's modern/main.*.css and "
    "modern/palette.*.css, and each theme's own bundle.*.min.js",
    "the skip link: to the first heading (#<id>) in MkDocs, to #__skip in Zensical",
    "the navigation: a section's link goes to its index page in Zensical, to its first page in "
    "mkdocs-material (navigation.indexes), and Zensical writes ././ for the current folder",
    "the navigation cache of the MkDocs adapter (macros/navcache.py) has no Zensical counterpart",
)


class _Article(HTMLParser):
    """The text and the links (``href``) inside a page's ``<article>`` elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.words: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        href = dict(attrs).get("href")
        if self.depth and tag == "a" and href is not None:
            self.links.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.words += data.split()


def resolved(href: str, page: str) -> str:
    """Where a link on the page at site path ``page`` (``a/b/index.html``) leads: a site path
    (dot segments resolved as a browser does) with its fragment; another site's address as it is."""
    parts = urlsplit(urljoin(f"{SITE}/{page}", href))
    if f"{parts.scheme}://{parts.netloc}" != SITE:
        return href
    path = parts.path[1:]
    if not path or path.endswith("/"):
        path += "index.html"
    return f"{path}#{parts.fragment}" if parts.fragment else path


def article(path: Path, rel: str) -> tuple[str, list[str]]:
    parser = _Article()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(parser.words), [resolved(h, rel) for h in parser.links]


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("zensical") / "site"
    result = run_cli("build", "--engine", "zensical", "--site-dir", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_resolved_links() -> None:
    assert resolved("../b/", "a/c/index.html") == "a/b/index.html"
    assert resolved("../../a/b/", "a/c/index.html") == "a/b/index.html"
    assert resolved("./#x", "a/index.html") == "a/index.html#x"
    assert resolved("#x", "a/index.html") == "a/index.html#x"
    assert resolved("/h/.", "404.html") == resolved("/h/", "404.html") == "h/index.html"
    assert resolved("https://example.org/", "a/index.html") == "https://example.org/"


def test_the_same_pages(site_dir: Path, zensical_site: Path) -> None:
    assert pages(zensical_site) == pages(site_dir)


def differences(mkdocs_site: Path, zensical_site: Path) -> tuple[list[str], list[str]]:
    """The pages whose article differs between the two builds: one line per page whose text
    differs (where it starts to), and one per page whose links differ (the canary reports them too,
    tests/test_canary_zensical.py)."""
    texts, links = [], []
    for rel in sorted(pages(mkdocs_site) & pages(zensical_site)):
        mkdocs_text, mkdocs_links = article(mkdocs_site / rel, rel)
        zensical_text, zensical_links = article(zensical_site / rel, rel)
        if mkdocs_text != zensical_text:
            at = next((i for i, (a, b) in enumerate(zip(mkdocs_text, zensical_text, strict=False)) if a != b), 0)
            texts.append(
                f"{rel}: MkDocs …{mkdocs_text[at - 60 : at + 60]}… Zensical …{zensical_text[at - 60 : at + 60]}…"
            )
        if mkdocs_links != zensical_links:
            only = sorted(set(mkdocs_links) ^ set(zensical_links))[:4]
            links.append(f"{rel}: {len(mkdocs_links)} and {len(zensical_links)} links; differ: {only}")
    return texts, links


def test_the_same_text_and_links_in_each_article(site_dir: Path, zensical_site: Path) -> None:
    assert len(pages(site_dir) & pages(zensical_site)) > 100
    texts, links = differences(site_dir, zensical_site)
    assert not texts, "\n".join(texts)
    assert not links, "\n".join(links)
