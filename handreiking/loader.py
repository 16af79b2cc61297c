"""The one loader: reads ``data/*.yaml`` with line numbers, validates everything and builds the
:class:`~handreiking.model.KnowledgeBase`, or raises :class:`KnowledgeBaseError` listing every problem,
one Dutch line each (``data/interventions.yaml:42: buurtbemiddeling: handelingen: ...``).

Validation happens in two passes: pydantic checks each record's structure (types, required and
unknown fields), then :func:`_check_references` checks what needs the whole knowledge base
(allowed values, unique ids, references, web addresses).
"""

from __future__ import annotations

import dataclasses
import logging
import os
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .model import (
    ADDITION,
    BRON,
    DATE,
    TYPE_NAMES,
    WEB_ADDRESS,
    WORD,
    ChangeEntry,
    Doorverwijzing,
    EscalationModel,
    FrontMatter,
    IncidentRoute,
    Ingang,
    Intervention,
    KnowledgeBase,
    Link,
    Phases,
    Publicatie,
    RiskFactor,
    Term,
    Vocabularies,
    Zoekwoord,
    vocabulary_of,
)
from .paths import DATA_DIR, DOCS_DIR
from .safety import check_text
from .suggest import closest_path, did_you_mean

log = logging.getLogger("mkdocs.plugins.handreiking")

# file name -> (model of one record, or of the whole file; is the file a list of records?)
FILES: dict[str, tuple[type[BaseModel], bool]] = {
    "vocabularies.yaml": (Vocabularies, False),
    "partners.yaml": (Term, True),
    "riskfactors.yaml": (RiskFactor, True),
    "interventions.yaml": (Intervention, True),
    "phases.yaml": (Phases, False),
    "changelog.yaml": (ChangeEntry, True),
    "escalatiemodel.yaml": (EscalationModel, False),
    "direct-naar.yaml": (Ingang, True),
    "zoekwoorden.yaml": (Zoekwoord, True),
    "publicaties.yaml": (Publicatie, True),
    "incident-route.yaml": (IncidentRoute, False),
}

WHAT_FILE_HOLDS = {
    "vocabularies.yaml": "een blok met de lijsten handelingen, schalen, weerbaarheid, c1_groepen, casussen en soorten",
    "partners.yaml": "een lijst van partners (regels die beginnen met '- id: ...')",
    "riskfactors.yaml": "een lijst van risicofactoren (regels die beginnen met '- id: ...')",
    "interventions.yaml": "een lijst van interventies (regels die beginnen met '- id: ...')",
    "phases.yaml": "een blok met de lijsten golf en stadia",
    "changelog.yaml": "een lijst van wijzigingen (regels die beginnen met '- datum: ...')",
    "escalatiemodel.yaml": "een blok met de lijsten voorwaarden en lessen",
    "direct-naar.yaml": "een lijst van ingangen (regels die beginnen met '- pagina: ...')",
    "zoekwoorden.yaml": "een lijst van zoekwoorden (regels die beginnen met '- woorden: ...')",
    "publicaties.yaml": "een lijst van publicaties en plannen (regels die beginnen met '- id: ...')",
    "incident-route.yaml": "een blok met titel en de lijst stappen",
    "doorverwijzingen.yaml": "een lijst van doorverwijzingen (regels die beginnen met '- oud: ...')",
}
# The "Direct naar" entries all fit on the first screen of a phone (390 x 844 CSS pixels).
MAX_DIRECT_NAAR = 6


# --------------------------------------------------------------------------- problems


@dataclass(frozen=True, order=True)
class Problem:
    """One thing an editor must fix."""

    file: str
    line: int
    entry: str
    field: str
    message: str

    def __str__(self) -> str:
        parts = [f"{self.file}:{self.line}" if self.line else self.file]
        if self.entry:
            parts.append(self.entry)
        if self.field:
            parts.append(self.field)
        parts.append(self.message)
        return ": ".join(parts)

    def github(self) -> str:
        """The problem as a GitHub Actions annotation on the offending line."""
        text = str(self).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        where = f"file={self.file}" + (f",line={self.line}" if self.line else "")
        title = "Fout in de gegevens" if self.file.startswith("data/") else "Fout in een pagina"
        return f"::error {where},title={title}::{text}"

    @classmethod
    def parse(cls, line: str) -> Problem | None:
        """A problem back from its line (``docs/x.md:12: text``), as a build printed it; else None."""
        m = re.match(r"^(?P<file>(?:docs|data)/[^:\s]+|mkdocs\.yml)(?::(?P<line>\d+))?: (?P<rest>.+)$", line)
        return cls(m["file"], int(m["line"] or 0), "", "", m["rest"]) if m else None


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


class KnowledgeBaseError(Exception):
    """Raised with every problem found; ``str()`` gives one line per problem. ``pages``: the pages
    the data make as far as they loaded, for checks of the pages that run next to the data's."""

    def __init__(self, problems: list[Problem], pages: DataPages | None = None):
        self.problems = sorted(set(problems))
        self.pages = pages or DataPages()
        super().__init__(self.report())

    def report(self) -> str:
        n = len(self.problems)
        head = f"{n} fout{'en' if n != 1 else ''} in de gegevens:"
        return "\n".join([head, *map(str, self.problems)])


# --------------------------------------------------------------------------- YAML with marks

Path_ = tuple[Any, ...]


def _editors_loader(base: Any) -> Any:
    """A subclass of one of PyYAML's safe loaders that keeps what the editor typed as text where
    YAML 1.1 would make something else of it: dates (``2026-02-30`` would raise, and pydantic
    parses ``date`` fields itself), ``<<`` and ``=``, and every field name (``2016:``, ``yes:``)."""

    def construct_mapping(self: Any, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key_node.tag = "tag:yaml.org,2002:str"  # also turns off merging with <<
        return base.construct_mapping(self, node, deep)

    loader: Any = type(f"Editors{base.__name__}", (base,), {"construct_mapping": construct_mapping})
    for tag in ("timestamp", "merge", "value"):
        loader.add_constructor(f"tag:yaml.org,2002:{tag}", base.construct_yaml_str)  # copies the table
    return loader


# libyaml's parser when PyYAML has it (about ten times faster); both keep line marks on nodes.
_PY_LOADER = _editors_loader(yaml.SafeLoader)
_YAML_LOADER = _editors_loader(yaml.CSafeLoader) if hasattr(yaml, "CSafeLoader") else _PY_LOADER


class _Source:
    """One parsed YAML file: its data, and the line of every value and key, by path."""

    def __init__(self, rel: str, text: str):
        self.rel = rel
        self.text = text.removeprefix("\ufeff")  # a byte-order mark (Windows editors) is no content
        self.text_lines = self.text.splitlines()
        self.lines: dict[Path_, int] = {}
        self.typed: dict[Path_, str] = {}  # the text of every value as the editor typed it
        self.problems: list[Problem] = []
        self.data: Any = None
        loader = None
        try:
            try:
                loader = _YAML_LOADER(self.text)
                node = loader.get_single_node()
            except yaml.YAMLError:
                # Parse again with the pure-Python parser: its marks and messages are the ones the
                # editors' messages are written for.
                loader = _PY_LOADER(self.text)
                node = loader.get_single_node()
            if node is not None:
                self._walk(node, ())
            if node is not None and not self.problems:
                self.data = loader.construct_document(node)
        except yaml.MarkedYAMLError as exc:
            self.problems.append(self._yaml_error(exc))
        except yaml.reader.ReaderError as exc:  # a control character, e.g. pasted from Word
            line = self.text.count("\n", 0, exc.position) + 1
            self.problems.append(
                Problem(
                    rel,
                    line,
                    "",
                    "",
                    f"onzichtbaar stuurteken (#x{exc.character:04x}) in "
                    "de tekst, vaak meegekomen bij kopiëren en plakken; typ de regel opnieuw",
                )
            )
        except yaml.YAMLError as exc:
            self.problems.append(Problem(rel, 0, "", "", f"het bestand is geen geldige YAML: {exc}"))
        finally:
            if loader is not None:
                loader.dispose()

    def _yaml_error(self, exc: yaml.MarkedYAMLError) -> Problem:
        lines = _LINE_BREAK.split(self.text)
        cause = _short_block_line(lines, exc) or _text_after_closed_value(lines, exc)
        if cause:
            return Problem(self.rel, cause[0] + 1, "", "", f"de YAML is ongeldig: {cause[1]}")
        # An unclosed [ ] or quote is best shown where it was opened, a key without colon or a
        # value starting with * or ! where it starts; otherwise where it broke.
        opened = exc.context and ("flow" in exc.context or exc.context.startswith("while scanning"))
        mark = (exc.context_mark if opened else None) or exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        col = f" (kolom {mark.column + 1})" if mark else ""
        return Problem(
            self.rel,
            line,
            "",
            "",
            f"de YAML is ongeldig{col}: {_yaml_problem(exc)}. "
            "Controleer inspringing (spaties, geen tabs), dubbele punten en aanhalingstekens.",
        )

    def _walk(self, node: yaml.Node, path: Path_) -> None:
        self.lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.ScalarNode):
            self.typed[path] = node.value
        elif getattr(node, "flow_style", False):  # [a, b] or {a: b} on one line: keep its text for messages
            self.typed[path] = self.text[node.start_mark.index : node.end_mark.index]
        if isinstance(node, yaml.MappingNode):
            bad_key = next((k for k, _ in node.value if not isinstance(k, yaml.ScalarNode)), None)
            if bad_key is not None:  # {{ titel }} is a block whose field name is a block
                field = _field_path(path[1:] if path and isinstance(path[0], int) else path)
                if node.flow_style:
                    self.problems.append(
                        Problem(self.rel, self.lines[path], "", field, _starts_with_bracket(self.typed[path]))
                    )
                else:
                    self.problems.append(
                        Problem(
                            self.rel,
                            bad_key.start_mark.line + 1,
                            "",
                            field,
                            f"een veldnaam moet {TYPE_NAMES[str]} zijn; zet hem tussen aanhalingstekens",
                        )
                    )
                return
            seen: dict[Any, int] = {}
            before: yaml.Node | None = None  # the value before this key
            for key_node, value_node in node.value:
                key = key_node.value
                line = key_node.start_mark.line + 1
                if (
                    isinstance(before, yaml.ScalarNode)
                    and before.style in ("|", ">")
                    and not re.fullmatch(r"[a-z][a-z0-9_]*", key)
                ):  # no field name: "Let op: ..."
                    message = _outside_block(_LINE_BREAK.split(self.text), line - 1, key)
                    if message:  # a line meant for the | block above, not indented: YAML made a field of it
                        self.problems.append(Problem(self.rel, line, "", "", message))
                before = value_node
                if key in seen:
                    self.problems.append(
                        Problem(
                            self.rel,
                            line,
                            "",
                            str(key),
                            f'dubbel veld; "{key}" staat ook op regel {seen[key]} in hetzelfde blok',
                        )
                    )
                seen[key] = line
                self._walk(value_node, (*path, key))
                self.lines[(*path, key)] = line  # the key's line reads best in messages
        elif isinstance(node, yaml.SequenceNode):
            for index, child in enumerate(node.value):
                self._walk(child, (*path, index))

    def line(self, path: Path_) -> int:
        """Line of the value at ``path``, or of its nearest ancestor that exists."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def _special(char: str) -> str:
    return (
        f"een waarde die begint met {char} heeft in YAML een speciale betekenis; zet de tekst tussen aanhalingstekens"
    )


_YAML_PROBLEMS = {
    "mapping values are not allowed here": "een dubbele punt staat op een plek waar dat niet mag "
    "(zet tekst met een dubbele punt tussen aanhalingstekens)",
    "could not find expected ':'": "er ontbreekt een dubbele punt na een veldnaam",
    "did not find expected key": "de inspringing klopt niet of er ontbreekt een veldnaam",
    "did not find expected '-' indicator": "de inspringing van een lijst klopt niet",
    "found character '\\t' that cannot start any token": "er staat een tab; gebruik spaties om in te springen",
    "found undefined alias": _special("*"),
    "found unexpected end of stream": "het bestand eindigt midden in een waarde (ontbreekt een aanhalingsteken?)",
    "did not find expected node content": "er ontbreekt een waarde",
    "expected <block end>, but found '-'": "de inspringing van een lijst klopt niet",
    "expected <block end>": "de inspringing klopt niet",
    "expected the node content": "er ontbreekt een waarde (is een haakje of aanhalingsteken niet gesloten?)",
    "expected ',' or ']'": "een lijst tussen [ en ] is niet goed gesloten",
    "expected ',' or '}'": "een blok tussen { en } is niet goed gesloten",
    "found unknown escape character": "onbekend teken na een backslash (\\) tussen dubbele aanhalingstekens",
    "expected escape sequence": "onbekend teken na een backslash (\\) tussen dubbele aanhalingstekens",
    "could not determine a constructor for the tag": _special("!"),
    "sequence entries are not allowed here": "een streepje (-) staat op een plek waar dat niet mag; begin een "
    "lijst op een nieuwe regel, of zet tekst die met - begint tussen "
    "aanhalingstekens",
    "mapping keys are not allowed here": _special("?"),
    "but found another document": "een regel met --- begint een tweede document; haal die regel weg",
    "found unexpected document separator": "een regel met --- of ... hoort hier niet; haal die regel weg",
    "expected '<document start>'": "na een regel met ... mag niets meer staan; haal die regel weg",
    "invalid indentation or unclosed": "de inspringing klopt niet, of een [ of { is niet gesloten",
    "expected a comment or a line break": "na | of > mag op dezelfde regel geen tekst staan; begin de tekst op "
    "de volgende regel, verder ingesprongen",
    "expected chomping or indentation indicators": "na | of > mag op dezelfde regel geen tekst staan; begin de "
    "tekst op de volgende regel, verder ingesprongen",
}
# The character a value starts with that has a special meaning in YAML, by PyYAML's context.
_SPECIAL_CONTEXTS = {
    "while scanning an alias": "*",
    "while scanning an anchor": "&",
    "found duplicate anchor": "&",
    "while scanning a tag": "!",
    "while parsing a tag": "!",
    "while scanning a directive": "%",
}


def _yaml_problem(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or exc.context or "").strip()
    for english, dutch in _YAML_PROBLEMS.items():
        if problem.startswith(english):
            return dutch
    if problem.startswith("found unexpected ':'"):
        return _YAML_PROBLEMS["mapping values are not allowed here"]
    for context, char in _SPECIAL_CONTEXTS.items():
        if (exc.context or "").startswith(context):
            return _special(char)
    found = re.match(r"found character '(.)' that cannot start any token", problem)
    if found:  # @ or `
        return _special(found.group(1))
    return "de opbouw van de YAML klopt hier niet"


_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")  # YAML's line breaks, as in PyYAML's marks
# The first line of a | or > block: "doel: |", "- |", "  - tekst: >-  # comment"
_BLOCK_START = re.compile(r"^(?P<lead> *(?:- +)*)(?:(?P<key>[^\s#][^#]*?):[ \t]+)?[|>][-+0-9]*[ \t]*(?:#.*)?$")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _block_before(lines: list[str], index: int) -> tuple[int, int, int] | None:
    """The | or > block that line ``index`` follows directly: (index of its first line, column of
    its key or dash, indentation of its first text line), or None."""
    for start in range(index - 1, -1, -1):
        if not lines[start].strip():
            continue
        header = _BLOCK_START.match(lines[start])
        if header:
            break
        if _indent(lines[start]) <= _indent(lines[index]):
            return None  # not a text line of a block that line ``index`` should belong to
    else:
        return None
    lead = header["lead"]
    key_column = len(lead) if header["key"] else len(lead.rstrip()) - 1
    text = [_indent(line) for line in lines[start + 1 : index] if line.strip()]
    if not text or text[0] <= key_column or min(text) < text[0]:
        return None
    return start, key_column, text[0]


def _block_name(line: str) -> str:
    return line.split(" #")[0].strip()  # "doel: |"


def _short_block_line(lines: list[str], exc: yaml.MarkedYAMLError) -> tuple[int, str] | None:
    """When parsing failed on a line right after the text of a | or > block that is indented less
    than the block's first text line: (index of that line, the cause in Dutch). None otherwise."""
    index = exc.problem_mark.line if exc.problem_mark else -1
    block = _block_before(lines, index) if 0 <= index < len(lines) else None
    if block and block[1] < _indent(lines[index]) < block[2]:
        start, key_column, indent = block
        message = (
            f"deze regel springt minder ver in dan de eerste regel van het tekstblok "
            f"({_block_name(lines[start])} op regel {start + 1}); laat alle regels van het blok even ver "
            f"inspringen ({indent} spaties)"
        )
        if re.match(r" *[a-z][a-z0-9_]*:( |$)", lines[index]):
            message += (
                f"; is het een nieuw veld, laat het dan even ver inspringen als het veld erboven ({key_column} spaties)"
            )
        return index, message
    if (exc.context or "").startswith("while scanning a simple key") and exc.context_mark:
        index = exc.context_mark.line  # a line without colon where a field should start
        outside = _outside_block(lines, index, "")
        if outside:
            return index, outside + "; is het een nieuw veld, zet dan een dubbele punt na de veldnaam"
    return None


def _outside_block(lines: list[str], index: int, key: str) -> str | None:
    """The cause in Dutch when line ``index``, right after the text of a | or > block, is indented no
    further than the block's field (so YAML ended the block, and read ``key`` as a field); else None."""
    block = _block_before(lines, index) if index < len(lines) else None
    if not block or _indent(lines[index]) > block[1]:
        return None
    start, _, indent = block
    made = f'YAML leest "{key}" daardoor als een nieuw veld; ' if key else ""
    return (
        f"deze regel springt niet verder in dan {_block_name(lines[start])} (regel {start + 1}) en valt daardoor "
        f"buiten het tekstblok; {made}hoort hij bij het tekstblok, laat hem dan even ver inspringen als de "
        f"eerste regel van het blok ({indent} spaties)"
    )


# A value that starts with { [ " or ': "naam: {{ titel }} en meer", "- 'auto's'"
_OPENED_VALUE = re.compile(r"(?P<before> *(?:- +)*(?:[^\s#'\"{\[][^#]*?:[ \t]+)?)(?P<value>[{\[\"'].*?)\s*$")
_CLOSER = {"{": "}", "[": "]", '"': '"', "'": "'"}


def _text_after_closed_value(lines: list[str], exc: yaml.MarkedYAMLError) -> tuple[int, str] | None:
    """When parsing failed on text after a closed { }, [ ] or quote that opened the value (YAML
    took the value to end there): (index of the line, the cause in Dutch). None otherwise."""
    mark = exc.problem_mark
    if not (exc.problem or "").startswith("expected <block end>") or not mark or mark.line >= len(lines):
        return None
    found = _OPENED_VALUE.match(lines[mark.line])
    if not found or found.end("before") >= mark.column:
        return None
    before, value = found["before"].lstrip(), found["value"]
    if not lines[mark.line][found.start("value") : mark.column].rstrip().endswith(_CLOSER[value[0]]):
        return None
    if value[0] in "{[":
        what = TYPE_NAMES[dict] if value[0] == "{" else TYPE_NAMES[list]
        return mark.line, (
            f"YAML leest een waarde die begint met {value[0]} als {what}, en na de {_CLOSER[value[0]]} "
            f"mag niets meer staan; is het tekst, zet die dan tussen aanhalingstekens: "
            f"{before}{_quoted(value)}"
        )
    if value[0] == "'" and value.endswith("'"):  # 'auto's': an apostrophe in the text
        value = value[1:-1]
    return mark.line, (
        f"YAML leest het tweede {found['value'][0]} als het einde van de tekst, maar daarna staat nog "
        f"tekst; zet de hele tekst tussen andere aanhalingstekens: {before}{_quoted(value)}"
    )


# --------------------------------------------------------------------------- messages


def _type_name(value: Any) -> str:
    """What YAML made of a value, in Dutch (:data:`handreiking.model.TYPE_NAMES`)."""
    return TYPE_NAMES.get(type(value), type(value).__name__)


def _field_path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _allowed_fields(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names allowed at the parent of ``loc`` (for 'unknown field' messages)."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if isinstance(current, type) and issubclass(current, BaseModel) else None
        if field is None:
            return []
        annotation = field.annotation
        args = getattr(annotation, "__args__", ()) or (annotation,)
        current = next((a for a in args if isinstance(a, type) and issubclass(a, BaseModel)), None)
        if current is None:
            return []
    return list(current.model_fields) if current else []


def _quoted(text: str) -> str:
    """``text`` as a quoted YAML value the editor can copy."""
    if '"' in text or "\\" in text:
        return "'" + text.replace("'", "''") + "'"
    return f'"{text}"'


def _starts_with_bracket(typed: str) -> str:
    """Message for text that YAML read as a block or a list because it starts with { or [."""
    what = TYPE_NAMES[dict] if typed.startswith("{") else TYPE_NAMES[list]
    return (
        f"YAML leest een waarde die begint met {typed[:1]} als {what}; zet de tekst tussen aanhalingstekens: "
        f"{_quoted(typed)}"
    )


_DATE_FORMAT = "gebruik JJJJ-MM-DD, bijvoorbeeld 2026-11-28"


def pattern_message(pattern: str, shown: str) -> str:
    """What is wrong with a value that does not match one of the model's patterns, and what is
    allowed. ``shown`` names the value: ``'"Top 600"'`` here, "Deze waarde" in the JSON Schemas."""
    if pattern == BRON:
        return (
            f"{shown} is geen deel van de handreiking en geen aanvulling van de redactie; schrijf de code(s) "
            f'van de handreiking, bijvoorbeeld "C1, B1", of "{ADDITION}, JJJJ-MM-DD", bijvoorbeeld '
            f'"{ADDITION}, 2026-11-28"'
        )
    if pattern == WEB_ADDRESS:
        return (
            f"{shown} is geen geldig webadres; alleen adressen die beginnen met http:// of https:// "
            "(zonder spaties) zijn toegestaan"
        )
    if pattern == DATE:
        return f"{shown} is geen geldige datum; {_DATE_FORMAT}"
    if pattern == WORD:
        return f'{shown} is geen geldige naam; gebruik één woord in kleine letters, zonder cijfers of tekens (bijvoorbeeld "handeling")'
    if "B1" in pattern:
        return f"{shown} is geen risicofactor; kies uit B1.1 tot en met B1.10"
    return (
        f"{shown} is geen geldige code; gebruik alleen kleine letters, cijfers en koppeltekens "
        '(bijvoorbeeld "buurt-bestuurt")'
    )


def _message(model: type[BaseModel], err: Mapping[str, Any], typed: str | None = None) -> str:
    """The Dutch message for one pydantic error; ``typed`` is the value as the editor typed it."""
    kind, loc, ctx, value = err["type"], err["loc"], err.get("ctx") or {}, err.get("input")
    name = str(loc[-1]) if loc else ""
    if kind == "missing":
        return "verplicht veld ontbreekt"
    if kind == "extra_forbidden":
        allowed = ", ".join(_allowed_fields(model, loc))
        return f'onbekend veld "{name}"; toegestane velden: {allowed}'
    if kind in ("string_type", "string_sub_type"):
        if isinstance(value, (dict, list)) and typed and typed[0] in "{[":
            return f"moet {TYPE_NAMES[str]} zijn, maar " + _starts_with_bracket(typed)
        must = f"moet {TYPE_NAMES[str]} zijn, niet {_type_name(value)}"
        if typed and not isinstance(value, (dict, list)):  # 2016, No, ~: YAML read a number, yes/no or null
            return f"{must}; zet de waarde tussen aanhalingstekens: {_quoted(typed)}"
        return must
    if kind.startswith("date"):
        if isinstance(value, (dict, list)):
            return f"moet {TYPE_NAMES[date]} zijn, niet {_type_name(value)}; {_DATE_FORMAT}"
        text = typed if typed is not None else ("" if value is None else str(value))
        if not text:
            return f"mag niet leeg zijn; {_DATE_FORMAT}"
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return f'"{text}" is geen bestaande datum; controleer maand en dag ({_DATE_FORMAT})'
        return pattern_message(DATE, f'"{text}"')
    if kind == "impossible_date":
        return f'"{ctx["day"]}" is geen bestaande datum; controleer maand en dag ({_DATE_FORMAT})'
    if kind == "list_type":
        return f"moet {TYPE_NAMES[list]} zijn, bijvoorbeeld [a, b], niet {_type_name(value)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"moet {TYPE_NAMES[dict]} zijn, niet {_type_name(value)}"
    if kind == "string_pattern_mismatch":
        return pattern_message(ctx.get("pattern", ""), f'"{value}"')
    if kind == "too_short":
        return "mag niet leeg zijn"
    if kind == "string_too_short":
        return "mag niet leeg zijn"
    if kind == "string_too_long":
        return f"is te lang ({len(str(value))} tekens); hooguit {ctx.get('max_length')} tekens"
    if kind == "int_from_float":
        return f"moet {TYPE_NAMES[int]} zijn, niet {typed or value}"
    if kind in ("int_type", "int_parsing"):
        return f"moet {TYPE_NAMES[int]} zijn, niet {_type_name(value)}"
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"{value} valt buiten het toegestane bereik (0 tot en met 10)"
    if kind in ("bool_type", "bool_parsing"):
        text = typed if typed is not None else ("" if value is None else str(value))
        return (
            f'moet {TYPE_NAMES[bool]} zijn, niet "{text}"'
            if text
            else f"moet {TYPE_NAMES[bool]} zijn, niet {TYPE_NAMES[type(None)]}"
        )
    if kind == "literal_error":
        return f'"{typed or value}" is niet toegestaan; kies uit: {ctx.get("expected", "").replace(chr(39), "").replace(" or ", ", ")}'
    return f"ongeldige waarde (foutsoort {kind})"


# --------------------------------------------------------------------------- loading


@dataclass
class _Failed:
    """An entry of a list file that failed validation: its other fields are still checked against
    their vocabularies (a wrong value does not hide the next one)."""

    index: int
    label: str
    values: dict[str, Any]  # the raw fields without a structural error
    # a vocabulary field whose value is no id at all ("Wijk"): the vocabulary's message if it loaded,
    # else this one
    fallback: dict[str, Problem]


@dataclass
class _Parsed:
    source: _Source
    records: list[tuple[int, BaseModel]]  # (index in the file's list, record) for list files
    whole: BaseModel | None  # for mapping files
    failed: list[_Failed] = dataclasses.field(default_factory=list)

    @property
    def raw_ids(self) -> list[str]:
        """Ids of every entry, also of those that failed validation (for reference checks)."""
        data = self.source.data if isinstance(self.source.data, list) else []
        return [i for i in map(_raw_id, data) if i is not None]


def _raw_id(raw: Any) -> str | None:
    """The id of an entry, also when it is a number (an error), or None (none, yes/no, a list)."""
    value = raw.get("id") if isinstance(raw, dict) else None
    return str(value) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else None


def _entry_label(raw: Any, index: int) -> str:
    return _raw_id(raw) or f"item {index + 1}"


def _parse(data_dir: Path, name: str, model: type[BaseModel], is_list: bool, problems: list[Problem]) -> _Parsed | None:
    path = data_dir / name
    rel = f"{data_dir.name}/{name}"  # as the editor sees it: data/interventions.yaml
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
    src = _Source(rel, text)
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
                f"het bestand bevat {_type_name(data)}; het moet {WHAT_FILE_HOLDS[name]} bevatten",
            )
        )
        return None
    problems.extend(_unsafe_text(src, is_list))
    parsed = _Parsed(src, [], None)
    items = list(enumerate(data)) if is_list else [(None, data)]
    for index, raw in items:
        base: tuple[Any, ...] = (index,) if is_list else ()
        try:
            record = model.model_validate(raw)
        except ValidationError as exc:
            label = _entry_label(raw, index) if index is not None else ""
            failed = _Failed(index, label, {}, {}) if index is not None and isinstance(raw, dict) else None
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
                            rel, src.line((*base, *loc)), label, _field_path(loc), _message(model, err)
                        )
                        continue
                    bad.add(loc[0])
                if not is_list and len(loc) >= 2 and isinstance(loc[1], int):
                    # a record inside a list of a mapping file (phases.yaml: stadia[2]): name it by its id
                    nested = raw.get(loc[0]) if isinstance(raw, dict) else None
                    if isinstance(nested, list) and loc[1] < len(nested):
                        label_ = _entry_label(nested[loc[1]], loc[1])
                        loc_ = loc[2:]
                if is_list and err["type"] in ("model_type", "model_attributes_type", "dict_type") and not loc:
                    problems.append(
                        Problem(
                            rel,
                            src.line(base),
                            label,
                            "",
                            f"moet {TYPE_NAMES[dict]} zijn (beginnend met '- id: ...'), niet {_type_name(raw)}",
                        )
                    )
                    continue
                problems.append(
                    Problem(
                        rel,
                        src.line((*base, *loc)),
                        label_,
                        _field_path(loc_),
                        _message(model, err, src.typed.get((*base, *loc))),
                    )
                )
            if failed is not None and isinstance(raw, dict):
                failed.values = {k: v for k, v in raw.items() if k not in bad and k in model.model_fields}
                parsed.failed.append(failed)
            continue
        if index is not None:  # an entry of a list file
            parsed.records.append((index, record))
        else:
            parsed.whole = record
    return parsed


def _strings(value: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Every text value in a file's data, with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def _unsafe_text(src: _Source, is_list: bool) -> list[Problem]:
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
        entry = _entry_label(owner, path[depth - 1]) if depth else ""
        field = _field_path(path[depth:])
        line = src.line(path)
        indicator = src.text_lines[line - 1].rstrip() if 0 < line <= len(src.text_lines) else ""
        for finding in findings:
            at = line
            if indicator.endswith(("|", "|-", "|+")):  # a literal block: its lines are the text's lines
                at += 1 + next((i for i, row in enumerate(text.split("\n")) if finding.needle in row), 0)
            problems.append(Problem(src.rel, at, entry, field, finding.message))
    return problems


# Dutch name of one value of each vocabulary, for messages ("onbekende handeling ...").
VALUE_NAMES = {
    "handelingen": "handeling",
    "schalen": "schaal",
    "weerbaarheid": "weerbaarheid",
    "c1_groepen": "C1-groep",
    "casussen": "casus",
    "soorten": "soort",
    "riskfactors": "risicofactor",
    "partners": "partner",
    "interventions": "interventie",
    "voorwaarden": "voorwaarde",
    "stadia": "stadium",
}
UNKNOWN = {"stadia": "onbekend"}  # "het stadium": onbekend stadium; the others take "onbekende"


def unknown_value(vocabulary: str, value: str, allowed: list[str]) -> str:
    """``onbekende schaal "Wijk"; kies uit: directe-leefomgeving, wijk, gemeente; bedoelt u "wijk"?``"""
    return (
        f'{UNKNOWN.get(vocabulary, "onbekende")} {VALUE_NAMES[vocabulary]} "{value}"; kies uit: '
        f"{', '.join(dict.fromkeys(allowed))}{did_you_mean(value, allowed)}"
    )


def _riskfactor_origin_problems(iv: Intervention, index: int) -> list[tuple[tuple[Any, ...], str, str]]:
    """Each risk factor of an example comes from the guide's text or is the editors' reading
    (Intervention.from_guide): risicofactoren_uit_handreiking lists only the example's own risk
    factors, and where it is given, redactioneel names risicofactoren exactly when one of them is
    the editors'. Returns (path in the file, field, message) per problem."""
    field = "risicofactoren_uit_handreiking"
    problems: list[tuple[tuple[Any, ...], str, str]] = [
        (
            (index, field, j),
            field,
            f'"{rf}" staat niet bij risicofactoren; noem hier alleen risicofactoren uit die lijst',
        )
        for j, rf in enumerate(iv.risicofactoren_uit_handreiking)
        if rf not in iv.risicofactoren
    ]
    guide = set(iv.risicofactoren_uit_handreiking)
    editors = [rf for rf in iv.risicofactoren if rf not in guide]
    if guide and editors and "risicofactoren" not in iv.redactioneel:
        problems.append(
            (
                (index, "redactioneel"),
                "redactioneel",
                f"de handreiking noemt {', '.join(editors)} niet zelf bij deze aanpak; zet risicofactoren in "
                f"redactioneel (de redactie heeft die afgeleid), of zet ze ook bij {field}",
            )
        )
    if guide and not editors and "risicofactoren" in iv.redactioneel:
        problems.append(
            (
                (index, "redactioneel"),
                "redactioneel",
                f"alle risicofactoren staan bij {field} (de handreiking noemt ze zelf); haal risicofactoren uit redactioneel",
            )
        )
    return problems


def _check_references(parsed: dict[str, _Parsed], problems: list[Problem], docs_dir: Path) -> None:
    """Checks that need more than one record: allowed values, unique ids, references, URLs.

    Which vocabulary a field uses is declared once, on the model field (``vocabulary_of``)."""
    data_pages = _data_pages(parsed)
    vocab_p = parsed.get("vocabularies.yaml")
    vocab: Vocabularies | None = vocab_p.whole if vocab_p else None  # type: ignore[assignment]
    ids: dict[str, list[str]] = {}
    if vocab:
        for key in ("handelingen", "schalen", "weerbaarheid", "c1_groepen", "casussen", "soorten"):
            ids[key] = [t.id for t in getattr(vocab, key)]
    for key, name in (
        ("partners", "partners.yaml"),
        ("riskfactors", "riskfactors.yaml"),
        ("interventions", "interventions.yaml"),
    ):
        if name in parsed:
            ids[key] = parsed[name].raw_ids
    esc_p = parsed.get("escalatiemodel.yaml")
    escalation: EscalationModel | None = esc_p.whole if esc_p else None  # type: ignore[assignment]
    if escalation:
        ids["voorwaarden"] = [c.id for c in escalation.voorwaarden]

    ph_p = parsed.get("phases.yaml")
    phases: Phases | None = ph_p.whole if ph_p else None  # type: ignore[assignment]
    if phases:
        ids["stadia"] = [s.id for s in phases.stadia]

    def report(name: str, path: tuple[Any, ...], entry: str, field: str, message: str) -> None:
        src = parsed[name].source
        problems.append(Problem(src.rel, src.line(path), entry, field, message))

    def unique_ids(name: str, rows: list[tuple[int, Any]], base: tuple[Any, ...] = ()) -> None:
        first: dict[str, int] = {}
        for index, rec in rows:
            line = parsed[name].source.line((*base, index, "id"))
            if rec.id in first:
                report(
                    name,
                    (*base, index, "id"),
                    rec.id,
                    "id",
                    f'dubbele id "{rec.id}"; dezelfde id staat al op regel {first[rec.id]}; elke id moet uniek zijn',
                )
            else:
                first[rec.id] = line

    def vocabulary_values(
        name: str,
        base: tuple[Any, ...],
        record: BaseModel | _Failed,
        entry: str,
        model: type[BaseModel] | None = None,
    ) -> None:
        """Every field that names a vocabulary holds only its ids (and each id once); of an entry
        that failed validation, every field that has no other error."""
        if isinstance(record, _Failed):
            assert model is not None
            fields, fallback = record.values, record.fallback
            problems.extend(p for f, p in fallback.items() if vocabulary_of(model, f) not in ids)
        else:
            model, fields, fallback = type(record), dict(record), {}
        for field_name, value in fields.items():
            key = vocabulary_of(model, field_name)
            if key is None or value is None or key not in ids:
                continue  # no vocabulary, or the vocabulary itself failed (reported already)
            values = value if isinstance(value, list) else [value]
            for j, item in enumerate(values):
                if not isinstance(item, str):
                    continue  # a structural error, reported already
                path = (*base, field_name, j) if isinstance(value, list) else (*base, field_name)
                if item not in ids[key]:
                    report(name, path, entry, field_name, unknown_value(key, item, ids[key]))
                elif item in values[:j]:
                    report(name, path, entry, field_name, f'"{item}" staat twee keer in de lijst')

    def web_address(name: str, path: tuple[Any, ...], entry: str, field: str, url: str) -> None:
        if not re.fullmatch(WEB_ADDRESS, url):
            report(name, path, entry, field, pattern_message(WEB_ADDRESS, f'"{url}"'))

    def link_fields(name: str, path: tuple[Any, ...], entry: str, prefix: str, link: Link) -> None:
        """A link's addresses are web addresses; a link marked dead has an archived copy."""
        web_address(name, (*path, "url"), entry, f"{prefix}url", link.url)
        if link.archief is not None:
            web_address(name, (*path, "archief"), entry, f"{prefix}archief", link.archief)
        if link.dood and not link.archief:
            report(
                name,
                (*path, "dood"),
                entry,
                f"{prefix}dood",
                "een link die als dood is gemarkeerd heeft een archief-adres nodig (veld archief)",
            )

    pub_p = parsed.get("publicaties.yaml")
    if pub_p:
        unique_ids("publicaties.yaml", pub_p.records)
        for index, pub in pub_p.records:
            link_fields("publicaties.yaml", (index,), pub.id, "", pub)  # type: ignore[arg-type, attr-defined]

    if vocab:
        for key in ("handelingen", "schalen", "weerbaarheid", "c1_groepen", "casussen", "soorten"):
            unique_ids("vocabularies.yaml", list(enumerate(getattr(vocab, key))), (key,))
        unique_ids("vocabularies.yaml", list(enumerate(vocab.filtergroepen)), ("filtergroepen",))
        filterable = [f for f in Intervention.model_fields if vocabulary_of(Intervention, f)]
        chosen = [(("filtergroepen", i), g) for i, g in enumerate(vocab.filtergroepen)]
        for path, fg in [*chosen, (("risicofactorkeuze",), vocab.risicofactorkeuze)]:
            if fg.veld not in filterable:
                report(
                    "vocabularies.yaml",
                    (*path, "veld"),
                    fg.id,
                    "veld",
                    f'"{fg.veld}" is geen veld met vaste waarden; kies uit: {", ".join(filterable)}',
                )
        for i, group in enumerate(vocab.c1_groepen):
            for field, key in (("weerbaarheid", "weerbaarheid"), ("schaal", "schalen")):
                if getattr(group, field) not in ids[key]:
                    report(
                        "vocabularies.yaml",
                        ("c1_groepen", i, field),
                        group.id,
                        field,
                        unknown_value(key, getattr(group, field), ids[key]),
                    )

    for name in ("partners.yaml", "riskfactors.yaml", "interventions.yaml"):
        if name in parsed:
            unique_ids(name, parsed[name].records)
            for index, record in parsed[name].records:
                vocabulary_values(name, (index,), record, str(record.id))  # type: ignore[attr-defined]
            for failed in parsed[name].failed:
                vocabulary_values(name, (failed.index,), failed, failed.label, FILES[name][0])

    iv_p = parsed.get("interventions.yaml")
    if iv_p:
        name = "interventions.yaml"
        fields = list(Intervention.model_fields)
        for index, iv in iv_p.records:
            assert isinstance(iv, Intervention)
            if iv.id in Intervention.RESERVED_IDS:
                report(
                    name,
                    (index, "id"),
                    iv.id,
                    "",
                    f'deze id is gereserveerd voor de pagina "{Intervention.RESERVED_IDS[iv.id]}"; kies een andere id',
                )
            for j, value in enumerate(iv.redactioneel):
                if value not in fields:
                    report(
                        name,
                        (index, "redactioneel", j),
                        iv.id,
                        "redactioneel",
                        f'onbekende veldnaam "{value}"; kies uit: {", ".join(fields)}',
                    )
            for path, field, message in _riskfactor_origin_problems(iv, index):
                report(name, path, iv.id, field, message)
            if vocab:
                for j, gid in enumerate(iv.c1_groepen):
                    in_group = next((g for g in vocab.c1_groepen if g.id == gid), None)
                    if in_group and in_group.weerbaarheid not in iv.weerbaarheid:
                        report(
                            name,
                            (index, "c1_groepen", j),
                            iv.id,
                            "c1_groepen",
                            f'groep "{gid}" hoort bij weerbaarheid "{in_group.weerbaarheid}"; '
                            f'zet "{in_group.weerbaarheid}" ook bij weerbaarheid',
                        )
                    if in_group and in_group.schaal not in iv.schaal:
                        report(
                            name,
                            (index, "c1_groepen", j),
                            iv.id,
                            "c1_groepen",
                            f'groep "{gid}" hoort bij schaal "{in_group.schaal}"; zet "{in_group.schaal}" ook bij schaal',
                        )
            for j, link in enumerate(iv.links):
                link_fields(name, (index, "links", j), iv.id, f"links[{j + 1}].", link)

    if phases:
        name = "phases.yaml"
        if phases.trigger:
            vocabulary_values(name, ("trigger",), phases.trigger, "trigger")
        unique_ids(name, list(enumerate(phases.golf)), ("golf",))
        unique_ids(name, list(enumerate(phases.stadia)), ("stadia",))
        seen_handeling: dict[str, str] = {}
        for i, stage in enumerate(phases.stadia):
            vocabulary_values(name, ("stadia", i), stage, stage.id)
            if stage.handeling in seen_handeling:
                report(
                    name,
                    ("stadia", i, "handeling"),
                    stage.id,
                    "handeling",
                    f'handeling "{stage.handeling}" hoort al bij stadium "{seen_handeling[stage.handeling]}"; '
                    "elk stadium heeft een eigen handeling",
                )
            seen_handeling[stage.handeling] = stage.id
            for j, ins in enumerate(stage.instrumenten):
                path = ("stadia", i, "instrumenten", j)
                field = f"instrumenten[{j + 1}]"
                kinds = [k for k in ("interventie", "pagina", "url") if getattr(ins, k)]
                if len(kinds) != 1:
                    report(
                        name,
                        path,
                        stage.id,
                        field,
                        f"geef precies één van interventie, pagina of url (nu: {', '.join(kinds) or 'geen'})",
                    )
                    continue
                if kinds[0] != "interventie" and not ins.titel:
                    report(name, path, stage.id, field, f"bij {kinds[0]} hoort een titel (de linktekst)")
                if ins.interventie and "interventions" in ids and ins.interventie not in ids["interventions"]:
                    report(
                        name,
                        (*path, "interventie"),
                        stage.id,
                        f"{field}.interventie",
                        f'onbekende interventie "{ins.interventie}"; gebruik een id uit data/interventions.yaml',
                    )
                if ins.url:
                    web_address(name, (*path, "url"), stage.id, f"{field}.url", ins.url)
                if ins.pagina:
                    page = ins.pagina.split("#", 1)[0]
                    if not _page_exists(docs_dir, page, data_pages):
                        report(
                            name,
                            (*path, "pagina"),
                            stage.id,
                            f"{field}.pagina",
                            _missing_page(docs_dir, page, data_pages),
                        )
            for j, passage in enumerate(stage.regie):
                page = passage.pagina.split("#", 1)[0]
                if not _page_exists(docs_dir, page, data_pages):
                    report(
                        name,
                        ("stadia", i, "regie", j, "pagina"),
                        stage.id,
                        f"regie[{j + 1}].pagina",
                        _missing_page(docs_dir, page, data_pages),
                    )

    if escalation:
        unique_ids("escalatiemodel.yaml", list(enumerate(escalation.voorwaarden)), ("voorwaarden",))
        for i, lesson in enumerate(escalation.lessen):
            vocabulary_values("escalatiemodel.yaml", ("lessen", i), lesson, f"les {i + 1}")

    ch_p = parsed.get("changelog.yaml")
    if ch_p:
        for index, entry in ch_p.records:
            for j, page in enumerate(entry.paginas):  # type: ignore[attr-defined]
                if not _page_exists(docs_dir, page.split("#", 1)[0], data_pages):
                    report(
                        "changelog.yaml",
                        (index, "paginas", j),
                        f"item {index + 1}",
                        "paginas",
                        _missing_page(docs_dir, page, data_pages),
                    )

    dn_p = parsed.get("direct-naar.yaml")
    if dn_p:
        if len(dn_p.records) > MAX_DIRECT_NAAR:
            report(
                "direct-naar.yaml",
                (MAX_DIRECT_NAAR,),
                f"item {MAX_DIRECT_NAAR + 1}",
                "",
                f"hooguit {MAX_DIRECT_NAAR} ingangen, zodat ze alle op het eerste scherm van een telefoon passen",
            )
        for index, ingang in dn_p.records:
            page = ingang.pagina.split("#", 1)[0]  # type: ignore[attr-defined]
            if not _page_exists(docs_dir, page, data_pages):
                report(
                    "direct-naar.yaml",
                    (index, "pagina"),
                    f"item {index + 1}",
                    "pagina",
                    _missing_page(docs_dir, page, data_pages, "aanpak/fasewijzer.md"),
                )

    route_p = parsed.get("incident-route.yaml")
    if route_p and route_p.whole:
        steps = list(enumerate(route_p.whole.stappen))  # type: ignore[attr-defined]
        unique_ids("incident-route.yaml", steps, ("stappen",))
        for i, step in steps:
            vocabulary_values("incident-route.yaml", ("stappen", i), step, step.id)
    _check_incident_route(parsed, docs_dir, report, escalation)


def _check_incident_route(
    parsed: dict[str, _Parsed],
    docs_dir: Path,
    report: Callable[[str, tuple[Any, ...], str, str, str], None],
    escalation: EscalationModel | None,
) -> None:
    """The route's steps link only to pages and anchors that exist (a quote needs the anchor of the
    heading it stands under) and show only lessons that exist."""
    route_p = parsed.get("incident-route.yaml")
    route: IncidentRoute | None = route_p.whole if route_p else None  # type: ignore[assignment]
    if not route:
        return
    name = "incident-route.yaml"
    data_pages = _data_pages(parsed)
    for i, step in enumerate(route.stappen):
        links = [("citaten", j, c.pagina, True) for j, c in enumerate(step.citaten)]
        links += [("meer", j, m.pagina, False) for j, m in enumerate(step.meer)]
        for field, j, target, needs_anchor in links:
            path, label = ("stappen", i, field, j, "pagina"), f"{field}[{j + 1}].pagina"
            page, _, anchor = target.partition("#")
            if not _page_exists(docs_dir, page, data_pages):
                report(
                    name,
                    path,
                    step.id,
                    label,
                    f'pagina "{page}" bestaat niet; geef een pad onder docs/, bijvoorbeeld samos/kernteam.md',
                )
                continue
            anchors = page_anchors(docs_dir, page)
            if needs_anchor and not anchor:
                example = f"{page}#{anchors[0]}" if anchors else "samos/kernteam.md#spin-in-het-web"
                report(
                    name,
                    path,
                    step.id,
                    label,
                    f'"{target}" heeft geen anker; geef het anker van de kop '
                    f"waaronder de tekst staat, bijvoorbeeld {example}",
                )
            elif anchor and anchor not in anchors:
                allowed = ", ".join(f"#{a}" for a in anchors) or "geen (de pagina heeft geen koppen met een anker)"
                report(
                    name, path, step.id, label, f'anker "#{anchor}" bestaat niet op pagina {page}; kies uit: {allowed}'
                )
        count = len(escalation.lessen) if escalation else None
        for j, number in enumerate(step.lessen):
            if count is not None and not 1 <= number <= count:
                report(
                    name,
                    ("stappen", i, "lessen", j),
                    step.id,
                    "lessen",
                    f"les {number} bestaat niet; kies een nummer van 1 tot en met {count} "
                    "(de lessen in data/escalatiemodel.yaml, in volgorde)",
                )


# An anchor an editor gives a heading: "## Kop { #anker }" (attr_list), or an HTML id="anker".
_ANCHOR = re.compile(r"\{[^}\n]*?#([A-Za-z][\w-]*)[^}\n]*\}|\bid=[\"']([A-Za-z][\w-]*)[\"']")


def page_anchors(docs_dir: Path, page: str) -> list[str]:
    """The anchors written in a page under docs/, in order (none for a page made from the data)."""
    try:
        text = (docs_dir / page).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError, ValueError):
        return []
    return list(dict.fromkeys(a or b for a, b in _ANCHOR.findall(text)))


def _data_pages(parsed: dict[str, _Parsed]) -> DataPages:
    """The pages the parsed data make, from every entry's id (also of an entry with an error)."""
    pages: set[str] = set()
    unknown = []
    for name, model in (("interventions.yaml", Intervention), ("riskfactors.yaml", RiskFactor)):
        if name not in parsed:
            unknown.append(f"{model.SECTION}/")
        elif model is Intervention:
            pages |= {Intervention.src_uri_of(i) for i in parsed[name].raw_ids}
        else:
            pages |= {f"{RiskFactor.SECTION}/{i.lower().replace('.', '-')}.md" for i in parsed[name].raw_ids}
    return DataPages(frozenset(pages), tuple(unknown))


def _page_exists(docs_dir: Path, page: str, data_pages: DataPages) -> bool:
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


def _missing_page(docs_dir: Path, page: str, data_pages: DataPages, example: str = "samos/index.md") -> str:
    """``pagina "samos/Kernteam.md" bestaat niet; ... bedoelt u "samos/kernteam.md"?``"""
    guess = closest_path(page, page_paths(docs_dir, data_pages))
    hint = f'; bedoelt u "{guess}"?' if guess else f", bijvoorbeeld {example}"
    return f'pagina "{page}" bestaat niet; geef een pad onder docs/{hint}'


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
    src = _Source(rel, "\n" + "\n".join(lines[1:end]) + "\n")
    problems = list(src.problems)
    if problems or not isinstance(src.data, dict):
        return problems
    for key in src.data:
        typed = src.typed.get((key,))
        row = lines[src.line((key,)) - 1].split(":", 1)[-1].strip() if src.line((key,)) <= end else ""
        if (
            isinstance(typed, str)
            and row[:1] not in ("'", '"')
            and yaml.SafeLoader.resolve(yaml.SafeLoader, yaml.ScalarNode, typed, (True, False)).endswith(":timestamp")  # type: ignore[arg-type]  # a classmethod in use, not in the stubs
        ):
            problems.append(
                Problem(
                    rel,
                    src.line((key,)),
                    "",
                    str(key),
                    f"YAML leest {typed} als een datum; zet de waarde tussen aanhalingstekens: {_quoted(typed)}",
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
                    _field_path(loc),
                    _message(FrontMatter, err, src.typed.get(loc)),
                )
            )
    return problems


def validate(data_dir: Path = DATA_DIR, docs_dir: Path = DOCS_DIR) -> KnowledgeBase:
    """Loads and validates all data files. Raises :class:`KnowledgeBaseError` with every problem."""
    problems: list[Problem] = []
    parsed: dict[str, _Parsed] = {}
    for name, (model, is_list) in FILES.items():
        result = _parse(data_dir, name, model, is_list, problems)
        if result is not None:
            parsed[name] = result
    _check_references(parsed, problems, docs_dir)
    if problems:
        raise KnowledgeBaseError(problems, _data_pages(parsed))
    lines: dict[tuple[str, ...], int] = {}
    for name in ("interventions.yaml", "riskfactors.yaml", "publicaties.yaml"):
        src = parsed[name].source
        for index, record in parsed[name].records:
            key = (src.rel, str(record.id))  # type: ignore[attr-defined]
            lines[key] = src.line((index,))
            lines.update(
                {
                    (*key, field): src.lines[(index, field)]
                    for field in type(record).model_fields
                    if (index, field) in src.lines
                }
            )
    words = parsed["zoekwoorden.yaml"]  # the line of each guide word, for the build's index check
    for index, _ in words.records:
        lines[(words.source.rel, str(index))] = words.source.line((index, "woorden"))
        for j, _ in enumerate(words.source.data[index]["ook"]):
            lines[(words.source.rel, str(index), str(j))] = words.source.line((index, "ook", j))
    return KnowledgeBase(
        lines=lines,
        data_dir=data_dir,
        vocab=parsed["vocabularies.yaml"].whole,  # type: ignore[arg-type]
        partners=[r for _, r in parsed["partners.yaml"].records],  # type: ignore[misc]
        interventions=[r for _, r in parsed["interventions.yaml"].records],  # type: ignore[misc]
        riskfactors=[r for _, r in parsed["riskfactors.yaml"].records],  # type: ignore[misc]
        phases=parsed["phases.yaml"].whole,  # type: ignore[arg-type]
        changelog=[r for _, r in parsed["changelog.yaml"].records],  # type: ignore[misc]
        escalation=parsed["escalatiemodel.yaml"].whole,  # type: ignore[arg-type]
        direct_naar=[r for _, r in parsed["direct-naar.yaml"].records],  # type: ignore[misc]
        zoekwoorden=[r for _, r in parsed["zoekwoorden.yaml"].records],  # type: ignore[misc]
        publicaties=[r for _, r in parsed["publicaties.yaml"].records],  # type: ignore[misc]
        incident_route=parsed["incident-route.yaml"].whole,  # type: ignore[arg-type]
    )


_cache: dict[tuple[Any, ...], KnowledgeBase] = {}


def load(data_dir: Path | None = None, docs_dir: Path | None = None) -> KnowledgeBase:
    """Cached :func:`validate`: validates again only when a data file changed (live reload)."""
    data_dir = Path(data_dir or os.environ.get("HANDREIKING_DATA_DIR") or DATA_DIR).resolve()
    docs_dir = Path(docs_dir or DOCS_DIR).resolve()
    stamp = tuple((n, (data_dir / n).stat().st_mtime_ns if (data_dir / n).exists() else None) for n in FILES)
    key = (str(data_dir), str(docs_dir), stamp)
    if key not in _cache:
        _cache.clear()
        _cache[key] = validate(data_dir, docs_dir)
        log.debug("knowledge base loaded from %s", data_dir)
    return _cache[key]


# --------------------------------------------------------------------------- redirects

REDIRECTS_FILE = "doorverwijzingen.yaml"


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
    parsed = _parse(data_dir, REDIRECTS_FILE, Doorverwijzing, True, problems)
    if parsed is None:
        raise KnowledgeBaseError(problems, data_pages)
    src = parsed.source

    def is_page(path: str) -> bool:
        return path.endswith(".md") and _page_exists(docs_dir, path, data_pages)

    first: dict[str, int] = {}
    for index, item in parsed.records:
        assert isinstance(item, Doorverwijzing)

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
            report("nieuw", _missing_page(docs_dir, target, data_pages))
    if problems:
        raise KnowledgeBaseError(problems, data_pages)
    return [item for _, item in parsed.records]  # type: ignore[misc]
