"""'Bedoelt u …?': the value an editor most likely meant, for every message that names a wrong
value (a vocabulary id, a page path, a macro name): the same text in other capitals first, else the
closest by :mod:`difflib`, else nothing (a far-fetched guess helps less than the list of what is
allowed)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable


def closest(value: str, known: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The known value ``value`` most likely stands for, or None."""
    candidates = list(dict.fromkeys(known))
    same = [c for c in candidates if c.casefold() == value.casefold() and c != value]
    if same:
        return same[0]
    folded = {c.casefold(): c for c in candidates if not _other_number(value, c)}
    close = difflib.get_close_matches(value.casefold(), list(folded), n=1, cutoff=cutoff)
    return folded[close[0]] if close and folded[close[0]] != value else None


def _other_number(value: str, candidate: str) -> bool:
    """Only digits differ (B1.10 and B1.1, b1-10.md and b1-1.md): another number is another thing,
    not a typing error."""
    return value != candidate and re.sub(r"\d", "", value) == re.sub(r"\d", "", candidate)


def did_you_mean(value: str, known: Iterable[str], cutoff: float = 0.6) -> str:
    """``'; bedoelt u "wijk"?'`` to end a message with, or ``""``."""
    found = closest(value, known, cutoff)
    return f'; bedoelt u "{found}"?' if found else ""


def closest_path(value: str, known: Iterable[str]) -> str | None:
    """The known path ``value`` stands for: the same in other capitals, a file of nearly that name
    in the same folder, or a path that differs in a few characters only."""
    paths = list(dict.fromkeys(known))
    same = closest(value, paths, cutoff=1.0)
    if same:
        return same
    folder, _, name = value.rpartition("/")
    here = {p.rpartition("/")[2]: p for p in paths if p.rpartition("/")[0].casefold() == folder.casefold()}
    guess = closest(name, here, cutoff=0.75)
    return here[guess] if guess else closest(value, paths, cutoff=0.85)
