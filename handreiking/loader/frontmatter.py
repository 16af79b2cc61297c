"""A page's front matter (the block between its first two ``---`` lines), read as the data files are
read: Dutch YAML messages on the page's own lines, dates kept as typed, the data files' messages."""

from __future__ import annotations

from typing import Any

import yaml
from pydantic import ValidationError

from ..model import FrontMatter, vocabulary_of
from .messages import Problem, field_path, pydantic_message, quoted
from .source import Source

_RESOLVER = yaml.resolver.Resolver()  # the implicit types of PyYAML's safe loader (a date, a number)


def _front_matter_lines(source: str) -> tuple[list[str], int | None]:
    """A page's lines and the index of the line that closes its front matter (None: not closed)."""
    lines = source.removeprefix("\ufeff").splitlines()
    if not lines or lines[0].strip() != "---":
        return lines, None
    return lines, next((i for i, row in enumerate(lines[1:], start=1) if row.strip() in ("---", "...")), None)


def read_front_matter(source: str) -> dict[str, Any]:
    """The front matter of a page whose front matter :func:`front_matter_problems` found in order."""
    lines, end = _front_matter_lines(source)
    data = yaml.safe_load("\n".join(lines[1:end])) if end else None
    return data if isinstance(data, dict) else {}


def front_matter_problems(rel: str, source: str) -> list[Problem]:
    """Problems in a page's front matter (the block between the first two ``---`` lines), read as
    the data files are read: Dutch YAML messages on the page's own lines, dates kept as typed, and
    the fields checked against :class:`~handreiking.model.FrontMatter` with the data files' messages. (MkDocs
    reads front matter with PyYAML's defaults: an impossible date there is a traceback.)"""
    lines, end = _front_matter_lines(source)
    if not lines or lines[0].strip() != "---":
        return []
    if end is None:
        return [Problem(rel, 1, "", "", "de kopregels worden niet afgesloten; zet een regel '---' na het laatste veld")]
    # an empty first line stands for the opening '---', so every line number is the page's own
    src = Source(rel, "\n" + "\n".join(lines[1:end]) + "\n")
    problems = list(src.problems)
    if problems or not isinstance(src.data, dict):
        return problems
    for key in src.data:
        typed = src.typed.get((key,))
        row = lines[src.line((key,)) - 1].split(":", 1)[-1].strip() if src.line((key,)) <= end else ""
        if (
            isinstance(typed, str)
            and row[:1] not in ("'", '"')
            and _RESOLVER.resolve(yaml.ScalarNode, typed, (True, False)).endswith(":timestamp")
        ):
            problems.append(
                Problem(
                    rel,
                    src.line((key,)),
                    "",
                    str(key),
                    f"YAML leest {typed} als een datum; zet de waarde tussen aanhalingstekens: {quoted(typed)}",
                )
            )
    if problems:
        return problems
    try:
        FrontMatter.model_validate(src.data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            if err["type"] == "string_pattern_mismatch" and len(loc) == 1 and vocabulary_of(FrontMatter, str(loc[0])):
                continue  # a value of a vocabulary ("Checklist"): the page check names the allowed ones
            problems.append(
                Problem(
                    rel,
                    src.line(loc) if loc else 1,
                    "",
                    field_path(loc),
                    pydantic_message(FrontMatter, err, src.typed.get(loc)),
                )
            )
    return problems
