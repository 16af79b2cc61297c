"""``data/doorverwijzingen.yaml``: the old addresses of pages, each to the page that took its place,
checked with the pages of the site."""

from __future__ import annotations

from pathlib import Path

from ..model import Doorverwijzing, KnowledgeBase
from ..paths import DATA_DIR, DOCS_DIR
from .files import REDIRECTS_FILE
from .messages import KnowledgeBaseError, Problem
from .pages import DataPages, missing_page, page_exists
from .parse import parse_file


def load_redirects(
    kb: KnowledgeBase | DataPages, data_dir: Path | None = None, docs_dir: Path = DOCS_DIR
) -> list[Doorverwijzing]:
    """The old addresses of ``data/doorverwijzingen.yaml`` (read next to ``kb``'s data files), checked
    with the pages of the site: each old address ends in ``.md``, is listed once and is no page (its
    redirect would overwrite it); each new one is a page. Raises :class:`KnowledgeBaseError`.
    ``kb`` may be the pages of data that did not load (:attr:`KnowledgeBaseError.pages`)."""
    data_pages = kb if isinstance(kb, DataPages) else DataPages.of(kb)
    data_dir = Path(data_dir or (None if isinstance(kb, DataPages) else kb.data_dir) or DATA_DIR)
    problems: list[Problem] = []
    parsed = parse_file(data_dir, REDIRECTS_FILE, Doorverwijzing, True, problems)
    if parsed is None:
        raise KnowledgeBaseError(problems, data_pages)
    src = parsed.source

    def is_page(path: str) -> bool:
        return path.endswith(".md") and page_exists(docs_dir, path, data_pages)

    first: dict[str, int] = {}
    items = parsed.of(Doorverwijzing)
    for index, item in ((row.index, row.record) for row in items):

        def report(field: str, message: str, entry: str = item.oud, index: int = index) -> None:
            problems.append(Problem(src.rel, src.line((index, field)), entry, field, message))

        if not item.oud.endswith(".md") or "#" in item.oud:
            report(
                "oud", "het oude adres moet een pad onder docs/ zijn dat eindigt op .md, bijvoorbeeld a2.md voor /a2/"
            )
        elif is_page(item.oud):
            report("oud", "deze pagina bestaat; een doorverwijzing zou haar overschrijven; haal de regel weg")
        if item.oud in first:
            report("oud", f"dit oude adres staat al op regel {first[item.oud]}; elk oud adres mag één keer voorkomen")
        else:
            first[item.oud] = src.line((index, "oud"))
        target = item.nieuw.split("#", 1)[0]
        if not is_page(target):
            report("nieuw", missing_page(docs_dir, target, data_pages))
    if problems:
        raise KnowledgeBaseError(problems, data_pages)
    return [row.record for row in items]
