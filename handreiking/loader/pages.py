"""The pages of the site as the data checks see them: the files under ``docs/`` and the pages the
data make (:class:`DataPages`), the anchors written in a page, and "bedoelt u ...?" for a page
that does not exist."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..model import KnowledgeBase
from ..suggest import closest_path


@dataclass(frozen=True)
class DataPages:
    """The pages the data make (paths under docs/: ``praktijkvoorbeelden/<id>.md`` ...), as far as
    known: the pages of a section whose data file did not load count as existing (that file's errors
    are reported already). Read from the raw ids, so a record with an error still has its page."""

    pages: frozenset[str] = frozenset()
    unknown: tuple[str, ...] = ()  # sections ("praktijkvoorbeelden/") whose pages are not known

    def __contains__(self, page: object) -> bool:
        return isinstance(page, str) and (page in self.pages or page.startswith(self.unknown))

    @classmethod
    def of(cls, kb: KnowledgeBase) -> DataPages:
        return cls(frozenset({i.src_uri for i in kb.interventions} | {r.src_uri for r in kb.riskfactors}))


# An anchor an editor gives a heading: "## Kop { #anker }" (attr_list), or an HTML id="anker".
_ANCHOR = re.compile(r"\{[^}\n]*?#([A-Za-z][\w-]*)[^}\n]*\}|\bid=[\"']([A-Za-z][\w-]*)[\"']")


def page_anchors(docs_dir: Path, page: str) -> list[str]:
    """The anchors written in a page under docs/, in order (none for a page made from the data)."""
    try:
        text = (docs_dir / page).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError, ValueError):
        return []
    return list(dict.fromkeys(a or b for a, b in _ANCHOR.findall(text)))


def page_exists(docs_dir: Path, page: str, data_pages: DataPages) -> bool:
    """Whether ``page`` (a path under docs/) is a page of the site: a file in ``docs_dir``, or a page
    the data make."""
    path = docs_dir / page
    try:
        if path.resolve().is_relative_to(docs_dir.resolve()) and path.is_file():
            return True
    except (OSError, ValueError):  # a name too long for the file system, or with a NUL character
        return False
    return page in data_pages


def page_paths(docs_dir: Path, data_pages: DataPages) -> list[str]:
    """Every page of the site as a path under docs/ (for "bedoelt u ...?")."""
    return sorted({p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")} | data_pages.pages)


def missing_page(docs_dir: Path, page: str, data_pages: DataPages, example: str = "samos/index.md") -> str:
    """``pagina "samos/Kernteam.md" bestaat niet; ... bedoelt u "samos/kernteam.md"?``"""
    guess = closest_path(page, page_paths(docs_dir, data_pages))
    hint = f'; bedoelt u "{guess}"?' if guess else f", bijvoorbeeld {example}"
    return f'pagina "{page}" bestaat niet; geef een pad onder docs/{hint}'
