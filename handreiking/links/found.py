"""Where the external links are written: the Markdown of each page as the build renders it
(:class:`LinkCollector`, a Python-Markdown extension that the MkDocs plugin ``macros/plugin.py``
adds; the list goes beside the site, :func:`record_file`), and the data, on the loader's lines."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import markdown
from markdown.treeprocessors import Treeprocessor

from ..loader import KnowledgeBaseError, load
from ..model import KnowledgeBase
from .settings import LinkCheckError

RECORD_ENV = "HANDREIKING_LINKS_FILE"  # where the hook writes the list; set by `python -m handreiking.cli build`


def record_file(site_dir: Path) -> Path:
    """The build's list of links, beside the site, never in it: ``site/`` -> ``.site-links.json``."""
    return site_dir.parent / f".{site_dir.name}-links.json"


def external(url: str, site_url: str = "") -> bool:
    """An address of another website: http(s), not on the published site ``site_url``."""
    return url.lower().startswith(("http://", "https://")) and not (site_url and (url + "/").startswith(site_url))


@dataclass(frozen=True)
class Found:
    """One place an address is written: the page that shows it, the editor's file and line."""

    url: str
    page: str | None = None  # site path: "/", "/bronnen/"
    file: str | None = None  # "docs/bronnen.md", "data/interventions.yaml"
    line: int | None = None
    archivable: bool = False  # an intervention's links[] entry: it can take an archived copy


class _Collect(Treeprocessor):
    def __init__(self, md: markdown.Markdown, found: list[str]) -> None:
        super().__init__(md)
        self.found = found

    def run(self, root: ET.Element) -> None:
        for el in root.iter():
            url = (el.get("href" if el.tag == "a" else "src" if el.tag == "img" else "") or "").strip()
            if external(url):
                self.found.append(url)


class LinkCollector(markdown.Extension):
    """Notes the external address of every link and image in the Markdown it renders, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(_Collect(md, self.found), "handreiking-links", 0)  # last: every link is made

    def take(self) -> list[str]:
        found, self.found[:] = list(self.found), []
        return found


def line_of(lines: Sequence[str], url: str, start: int = 1) -> int | None:
    """The first line from ``start`` (1-based) that holds ``url``."""
    return next((n for n in range(max(start, 1), len(lines) + 1) if url in lines[n - 1]), None)


def page_links(page: str, title: str, urls: list[str], file: str | None, source: str | None) -> dict:
    """One page of the build's list: its links, each with its line in the editor's file (None for
    a page made from the data, or an address a macro wrote)."""
    lines, links = (source or "").splitlines(), []
    after: dict[str, int] = {}
    for url in urls:
        line = line_of(lines, url, after.get(url, 1))
        after[url] = (line or 0) + 1
        links.append([url, line])
    return {"page": page, "title": title, "file": file, "links": links}


def write_record(path: Path, site_url: str, pages: list[dict]) -> None:
    path.write_text(json.dumps({"site_url": site_url, "pages": pages}, ensure_ascii=False), encoding="utf-8")


def written(site_dir: Path, data_dir: Path) -> tuple[str, dict[str, str], list[Found]]:
    """The published address, the pages' titles, and every link of the pages (the build's list) and
    of the data; raises :class:`LinkCheckError` when the list is missing or the data are invalid."""
    try:
        record = json.loads(record_file(site_dir).read_text(encoding="utf-8"))
        kb = load(data_dir)
    except FileNotFoundError:
        raise LinkCheckError(
            f"{record_file(site_dir)} ontbreekt: de links van elke pagina, die de bouw noteert; "
            "bouw de site met `make build` (python -m handreiking.cli build)."
        ) from None
    except KnowledgeBaseError as exc:
        raise LinkCheckError(exc.report()) from None
    pages = record["pages"]
    found = [Found(url, p["page"], p["file"] if line else None, line) for p in pages for url, line in p["links"]]
    return record["site_url"], {p["page"]: p["title"] for p in pages}, [*found, *data_links(kb)]


def data_links(kb: KnowledgeBase) -> Iterator[Found]:
    """Every external address in the interventions' and risk factors' fields and of the publications,
    on its data line."""
    collector = LinkCollector()
    md = markdown.Markdown(extensions=[collector])
    for record in [*kb.interventions, *kb.riskfactors]:
        origin = record.origin  # its file and lines, as the loader read them
        file, lines = origin.path, origin.text
        for field, value in record:
            start = origin.line_of(field)
            if field == "links":
                for link in value:
                    for url in dict.fromkeys(u for u in (link.href, link.archief) if u):
                        yield Found(url, None, file, line_of(lines, url, start) or start, url == link.url)
            elif isinstance(value, str):
                md.reset().convert(value)
                for url in collector.take():
                    yield Found(url, None, file, line_of(lines, url, start) or start)
    yield from publication_links(kb)


def publication_links(kb: KnowledgeBase) -> Iterator[Found]:
    """The address of every publication of part C2 (``data/publicaties.yaml``) and its archived copy,
    on its data line; like an intervention's link, it can take an archived copy."""
    for pub in kb.publicaties:
        file, start, lines = pub.origin.path, pub.origin.line, pub.origin.text
        for url in dict.fromkeys(u for u in (pub.href, pub.archief) if u):
            yield Found(url, None, file, line_of(lines, url, start) or start, url == pub.url)
