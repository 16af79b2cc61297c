"""Parsing: one data file of one layer read into records (each with its :class:`Origin`), pydantic's
errors said in the editors' words, and every text checked for HTML; the files of several layers
merged by id (:func:`merge`)."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from ..model import TYPE_NAMES, Intervention, Origin, Record, RiskFactor, vocabulary_of
from ..safety import check_text
from .files import INTERVENTIONS, RISKFACTORS, WHAT_FILE_HOLDS
from .messages import Problem, field_path, pydantic_message, type_name
from .pages import DataPages
from .source import Source, YamlPath

NATIONAL = "nationaal"  # the name of the national base layer

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Row(Generic[M]):
    """A valid entry of a list file: the file it is in, its index in the file's list, the record."""

    source: Source
    index: int
    record: M


@dataclass
class Failed:
    """An entry of a list file that failed validation: its other fields are still checked against
    their vocabularies (a wrong value does not hide the next one)."""

    source: Source
    index: int
    label: str
    values: dict[str, Any]  # the raw fields without a structural error
    # a vocabulary field whose value is no id at all ("Wijk"): the vocabulary's message if it loaded,
    # else this one
    fallback: dict[str, Problem]


@dataclass
class Parsed:
    """One data file as read; or the same file of every layer merged (:func:`merge`): the rows of a
    list file in layer order, each with its own source; ``source`` is the first layer's file."""

    source: Source
    rows: list[Row[BaseModel]]  # for list files
    whole: BaseModel | None  # for mapping files
    failed: list[Failed] = field(default_factory=list)
    raw_ids: list[str] = field(default_factory=list)  # of every entry, also of those that failed validation

    def of(self, model: type[M]) -> list[Row[M]]:
        """The rows whose record is a ``model`` (all of a list file's rows: one model per file)."""
        return [Row(r.source, r.index, r.record) for r in self.rows if isinstance(r.record, model)]

    def whole_of(self, model: type[M]) -> M | None:
        return self.whole if isinstance(self.whole, model) else None


def give_origin(record: BaseModel, src: Source, base: YamlPath, layer: str) -> None:
    """Sets the :class:`Origin` of ``record`` (at ``base`` in ``src``) and of every record inside it."""
    if isinstance(record, Record):
        record._origin = Origin(layer, src.rel, src.line(base), src.field_lines(base), src.text_lines)
    for name, value in record:
        if isinstance(value, BaseModel):
            give_origin(value, src, (*base, name), layer)
        elif isinstance(value, list):
            for j, item in enumerate(value):
                if isinstance(item, BaseModel):
                    give_origin(item, src, (*base, name, j), layer)


def raw_id(raw: Any) -> str | None:
    """The id of an entry, also when it is a number (an error), or None (none, yes/no, a list)."""
    value = raw.get("id") if isinstance(raw, dict) else None
    return str(value) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else None


def entry_label(raw: Any, index: int) -> str:
    return raw_id(raw) or f"item {index + 1}"


def parse_file(
    data_dir: Path,
    name: str,
    model: type[BaseModel],
    is_list: bool,
    problems: list[Problem],
    layer: str = NATIONAL,
    shown: str | None = None,
) -> Parsed | None:
    """One data file of one layer, its records validated one by one (each with its :class:`Origin`);
    its problems are added to ``problems``. None when the file cannot be read as a whole. ``shown``:
    the folder as an editor sees it (default: the folder's name, ``data``)."""
    path = data_dir / name
    folder = data_dir.name if shown is None else shown  # "": the file lies at the top of what the editor sees
    rel = f"{folder}/{name}" if folder else name  # as the editor sees it: data/interventions.yaml
    if not path.exists():
        problems.append(Problem(rel, 0, "", "", f"bestand ontbreekt; het moet {WHAT_FILE_HOLDS[name]} bevatten"))
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.append(
            Problem(
                rel,
                0,
                "",
                "",
                f"het bestand is geen UTF-8-tekst ({exc.reason} op positie {exc.start}); sla het op als UTF-8",
            )
        )
        return None
    src = Source(rel, text)
    problems.extend(src.problems)
    if src.problems:
        return None
    data = src.data
    expected = list if is_list else dict
    if data is None:
        problems.append(Problem(rel, 1, "", "", f"het bestand is leeg; het moet {WHAT_FILE_HOLDS[name]} bevatten"))
        return None
    if not isinstance(data, expected):
        problems.append(
            Problem(
                rel,
                src.line(()),
                "",
                "",
                f"het bestand bevat {type_name(data)}; het moet {WHAT_FILE_HOLDS[name]} bevatten",
            )
        )
        return None
    problems.extend(unsafe_text(src, is_list))
    parsed = Parsed(src, [], None, raw_ids=[i for i in map(raw_id, data) if i is not None] if is_list else [])
    items = list(enumerate(data)) if is_list else [(None, data)]
    for index, raw in items:
        base: tuple[Any, ...] = (index,) if is_list else ()
        try:
            record = model.model_validate(raw)
        except ValidationError as exc:
            label = entry_label(raw, index) if index is not None else ""
            failed = Failed(src, index, label, {}, {}) if index is not None and isinstance(raw, dict) else None
            bad: set[Any] = set()
            for err in exc.errors():
                loc = tuple(err["loc"])
                label_, loc_ = label, loc
                if failed is not None and loc:
                    deferred = (
                        err["type"] == "string_pattern_mismatch"
                        and len(loc) <= 2
                        and loc[0] in model.model_fields
                        and vocabulary_of(model, loc[0]) is not None
                    )
                    if deferred:
                        failed.fallback[str(loc[0])] = Problem(
                            rel, src.line((*base, *loc)), label, field_path(loc), pydantic_message(model, err)
                        )
                        continue
                    bad.add(loc[0])
                if not is_list and len(loc) >= 2 and isinstance(loc[1], int):
                    # a record inside a list of a mapping file (phases.yaml: stadia[2]): name it by its id
                    nested = raw.get(loc[0]) if isinstance(raw, dict) else None
                    if isinstance(nested, list) and loc[1] < len(nested):
                        label_ = entry_label(nested[loc[1]], loc[1])
                        loc_ = loc[2:]
                if is_list and err["type"] in ("model_type", "model_attributes_type", "dict_type") and not loc:
                    problems.append(
                        Problem(
                            rel,
                            src.line(base),
                            label,
                            "",
                            f"moet {TYPE_NAMES[dict]} zijn (beginnend met '- id: ...'), niet {type_name(raw)}",
                        )
                    )
                    continue
                problems.append(
                    Problem(
                        rel,
                        src.line((*base, *loc)),
                        label_,
                        field_path(loc_),
                        pydantic_message(model, err, src.typed.get((*base, *loc))),
                    )
                )
            if failed is not None and isinstance(raw, dict):
                failed.values = {k: v for k, v in raw.items() if k not in bad and k in model.model_fields}
                parsed.failed.append(failed)
            continue
        give_origin(record, src, base, layer)
        if index is not None:  # an entry of a list file
            parsed.rows.append(Row(src, index, record))
        else:
            parsed.whole = record
    return parsed


def _strings(value: Any, path: YamlPath = ()) -> Iterator[tuple[YamlPath, str]]:
    """Every text value in a file's data, with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def unsafe_text(src: Source, is_list: bool) -> list[Problem]:
    """Every text value of every data file is Markdown without HTML, event handlers or script
    addresses (:func:`handreiking.safety.check_text`); one problem per finding, on the line where it
    is: for a ``|`` block, the line of the block that holds it."""
    problems = []
    for path, text in _strings(src.data):
        findings = check_text(text)
        if not findings:
            continue
        # name the entry as the structure messages do: the record's id, then the field inside it
        depth = 1 if is_list else (2 if len(path) >= 2 and isinstance(path[1], int) else 0)
        owner: Any = src.data
        for part in path[:depth]:
            owner = owner[part]
        entry = entry_label(owner, path[depth - 1]) if depth else ""
        field = field_path(path[depth:])
        line = src.line(path)
        indicator = src.text_lines[line - 1].rstrip() if 0 < line <= len(src.text_lines) else ""
        for finding in findings:
            at = line
            if indicator.endswith(("|", "|-", "|+")):  # a literal block: its lines are the text's lines
                at += 1 + next((i for i, row in enumerate(text.split("\n")) if finding.needle in row), 0)
            problems.append(Problem(src.rel, at, entry, field, finding.message))
    return problems


def merge(layers: list[dict[str, Parsed]], replaces: Collection[str], problems: list[Problem]) -> dict[str, Parsed]:
    """The data files of every layer as one: a later layer's entries of a list file are added after
    the earlier ones'; an entry whose id an earlier layer has is an error, unless its id is in
    ``replaces`` (then it takes the earlier entry's place). A later layer cannot hold a file that is
    one block (vocabularies, phases ...): only the national base sets those."""
    merged = dict(layers[0]) if layers else {}
    for later in layers[1:]:
        for name, parsed in later.items():
            first = merged.get(name)
            if first is None or first.whole is not None or parsed.whole is not None:
                problems.append(
                    Problem(
                        parsed.source.rel,
                        1,
                        "",
                        "",
                        "dit bestand hoort bij de landelijke basis; een editie vult alleen lijsten aan "
                        "(haal het bestand weg, of zet de gegevens in een eigen bestand)",
                    )
                )
                continue
            merged[name] = _added(first, parsed, replaces, problems)
    return merged


def _added(first: Parsed, later: Parsed, replaces: Collection[str], problems: list[Problem]) -> Parsed:
    rows = list(first.rows)
    where = {str(getattr(row.record, "id", "")): i for i, row in enumerate(rows) if getattr(row.record, "id", None)}
    for row in later.rows:
        rid = str(getattr(row.record, "id", ""))
        if rid and rid in where:
            earlier = rows[where[rid]]
            if rid in replaces:
                rows[where[rid]] = row
                continue
            problems.append(
                Problem(
                    row.source.rel,
                    row.source.line((row.index, "id")),
                    rid,
                    "id",
                    f'id "{rid}" bestaat al landelijk, in {earlier.source.rel} (regel {earlier.source.line((earlier.index, "id"))}); '
                    "kies een eigen id, of zeg in de editie dat dit onderdeel het landelijke vervangt",
                )
            )
            continue
        rows.append(row)  # an id twice in the later layer's own file: the rule of unique ids says so
    return Parsed(first.source, rows, None, [*first.failed, *later.failed], [*first.raw_ids, *later.raw_ids])


def data_pages_of(parsed: dict[str, Parsed]) -> DataPages:
    """The pages the parsed data make, from every entry's id (also of an entry with an error)."""
    pages: set[str] = set()
    unknown = []
    for name, model in ((INTERVENTIONS, Intervention), (RISKFACTORS, RiskFactor)):
        if name not in parsed:
            unknown.append(f"{model.SECTION}/")
        elif model is Intervention:
            pages |= {Intervention.src_uri_of(i) for i in parsed[name].raw_ids}
        else:
            pages |= {f"{RiskFactor.SECTION}/{i.lower().replace('.', '-')}.md" for i in parsed[name].raw_ids}
    return DataPages(frozenset(pages), tuple(unknown))
