"""One round of every check an editor's change gets without a render: the data (:mod:`.loader`),
the old addresses (``data/doorverwijzingen.yaml``) and the pages in ``docs/`` (:mod:`.pagechecks`),
each run whatever the others found, so every mistake is reported at once ("Alle fouten worden in
één keer gemeld"). ``make check``, ``make build`` and the build's hooks (``make serve``) use it."""

from __future__ import annotations

from pathlib import Path

from . import edition, pagechecks, siteconfig
from .loader import DataPages, KnowledgeBaseError, Problem, load, load_redirects
from .model import KnowledgeBase


def check_all(
    data_dir: Path, docs_dir: Path, config_file: Path | None = siteconfig.CONFIG_FILE, *, pages: bool = True
) -> tuple[KnowledgeBase | None, list[Problem]]:
    """The knowledge base (None when anything has an error) and every problem found, sorted.
    ``pages=False``: the data and old addresses only (a data set checked on its own, not the site's)."""
    problems: list[Problem] = []
    kb: KnowledgeBase | None = None
    try:
        kb = load(data_dir, docs_dir)
        data_pages = DataPages.of(kb)
    except KnowledgeBaseError as exc:
        problems += exc.problems
        data_pages = exc.pages
    if kb is not None:
        try:  # a local edition over it ($HANDREIKING_EDITIE), if any
            kb = edition.layered(kb, docs_dir)
        except KnowledgeBaseError as exc:
            problems += exc.problems
    try:
        load_redirects(kb or data_pages, data_dir=data_dir, docs_dir=docs_dir)
    except KnowledgeBaseError as exc:
        problems += exc.problems
    if pages:
        config = siteconfig.load(config_file) if config_file and config_file.is_file() else None
        problems += pagechecks.docs_problems(docs_dir, data_pages, kb.soorten.ids if kb else None, config, kb)
    return (kb if not problems else None), sorted(set(problems))


def report(problems: list[Problem]) -> str:
    """``3 fouten in de gegevens en de pagina's:`` and one line per problem."""
    kinds = {"gegevens" if p.file.startswith("data/") or p.file.endswith(".yaml") else "pagina's" for p in problems}
    where = " en de ".join(k for k in ("gegevens", "pagina's") if k in kinds)
    n = len(problems)
    return "\n".join([f"{n} fout{'en' if n != 1 else ''} in de {where}:", *map(str, problems)])
