"""``python -m handreiking.links --werk-gegevens-bij``: the link report's verdicts written into the data.

For every address of ``reports/links.json`` that the check found broken and for which it found an
archived copy (``archief``), each data entry with that address as its ``url:`` (an intervention's
``links[]`` entry, a publication in ``data/publicaties.yaml``) gets ``dood: true`` and ``archief:
<copy>``. Only those lines change: an existing ``dood:`` or ``archief:`` line is edited in place, a
missing one is added after the entry's last line, with the entry's indentation; comments, order and
layout stay as the editors wrote them (the YAML is never dumped again). The weekly link check opens a
pull request with the change, for the editors to review.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .settings import LinkCheckError

_KEY = re.compile(r"^(?P<indent>\s*)(?:- )?(?P<key>[A-Za-z_]+):(?P<value>.*)$")


@dataclass(frozen=True)
class Change:
    file: str  # "data/publicaties.yaml"
    line: int  # the entry's url line
    url: str
    archief: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.url}: dood: true en archief: {self.archief}"


def _value(text: str) -> str:
    """A plain YAML value as written after its key: without a trailing comment or quotes."""
    return text.split(" #", 1)[0].strip().strip("\"'")


def _key_column(line: str) -> int | None:
    """Where the key of a ``key: value`` line starts (after a list dash), or None."""
    match = _KEY.match(line)
    if not match:
        return None
    return len(match.group("indent")) + (2 if line.lstrip().startswith("- ") else 0)


def entry_lines(lines: list[str], index: int) -> tuple[int, int]:
    """The lines (start, end; 0-based, end exclusive) of the YAML mapping that holds line ``index``:
    from its list dash to its last key in the same column (with continuation lines)."""
    column = _key_column(lines[index]) or 0

    def indent(n: int) -> int:
        return len(lines[n]) - len(lines[n].lstrip())

    def dash(n: int) -> bool:
        return lines[n].lstrip().startswith("- ") and indent(n) == column - 2

    def inside(n: int) -> bool:
        text = lines[n].strip()
        if not text or text.startswith("#"):
            return False
        return indent(n) > column or (indent(n) == column and not text.startswith("- "))

    start = index
    while not dash(start) and start > 0 and (inside(start - 1) or dash(start - 1)):
        start -= 1
    end = index + 1
    while end < len(lines) and inside(end):
        end += 1
    return start, end


def mark_dead(lines: list[str], index: int, archief: str) -> bool:
    """``dood: true`` and ``archief: <archief>`` in the entry whose ``url:`` is line ``index``; whether
    anything changed."""
    start, end = entry_lines(lines, index)
    column = _key_column(lines[index]) or 0
    wanted = {"archief": archief, "dood": "true"}
    changed = False
    for key, value in wanted.items():
        at = next(
            (
                n
                for n in range(start, end)
                if (m := _KEY.match(lines[n])) and m.group("key") == key and _key_column(lines[n]) == column
            ),
            None,
        )
        if at is None:
            lines.insert(end, " " * column + f"{key}: {value}")
            end += 1
            changed = True
        else:
            m = _KEY.match(lines[at])
            assert m
            value_part = m.group("value")
            comment = value_part[value_part.index(" #") :] if " #" in value_part else ""
            new = lines[at][: lines[at].index(key + ":")] + f"{key}: {value}{comment}"
            if new != lines[at]:
                lines[at], changed = new, True
    return changed


def apply(report: Path, project: Path) -> tuple[list[Change], list[str]]:
    """Writes the report's verdicts into the data files under ``project``; returns what changed and,
    in Dutch, the broken data links it could not mark (no archived copy, or not a ``url:`` line)."""
    try:
        links = json.loads(report.read_text(encoding="utf-8"))["links"]
    except (OSError, ValueError, KeyError) as exc:
        raise LinkCheckError(
            f"{report}: kan het linkrapport niet lezen ({exc}); draai eerst de linkcontrole (make links)"
        ) from None
    files: dict[str, list[str]] = {}
    todo: list[tuple[str, int, str, str]] = []  # file, line, url, copy
    left = []
    for record in links:
        if record.get("result") != "broken":
            continue
        for source in record.get("sources", []):
            file, _, number = source.rpartition(":")
            if not file.startswith("data/"):
                continue
            lines = files.setdefault(file, (project / file).read_text(encoding="utf-8").split("\n"))
            index = int(number) - 1
            match = _KEY.match(lines[index]) if 0 <= index < len(lines) else None
            if not match or match.group("key") != "url" or _value(match.group("value")) != record["url"]:
                left.append(f"{source}: {record['url']}: staat in een tekst; vervang het adres daar zelf")
            elif not record.get("archief"):
                left.append(
                    f"{source}: {record['url']}: geen archiefkopie gevonden; zoek er een "
                    "(https://web.archive.org) of vervang het adres"
                )
            else:
                todo.append((file, int(number), record["url"], record["archief"]))
    changes = []
    for file, number, url, copy in sorted(todo, key=lambda t: (t[0], -t[1])):  # bottom up: lines stay put
        if mark_dead(files[file], number - 1, copy):
            changes.append(Change(file, number, url, copy))
    changes.sort(key=lambda c: (c.file, c.line))
    for file, lines in files.items():
        if any(c.file == file for c in changes):
            (project / file).write_text("\n".join(lines), encoding="utf-8")
    return changes, left


def main(report: Path, project: Path) -> int:
    """The command: writes the verdicts, says in Dutch what it did; 0 when it ran."""
    changes, left = apply(report, project)
    print(f"Gegevens bijgewerkt uit {report.name}: {len(changes)} link(s) als dood gemarkeerd met archiefkopie.")
    for change in changes:
        print(f"  {change}")
    if left:
        print("Niet automatisch bij te werken:")
        for line in left:
            print(f"  {line}")
    return 0
