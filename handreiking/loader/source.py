"""Reading one YAML file as an editor typed it: the data, the line of every key and value
(:class:`Source`), and Dutch messages for YAML that does not parse, on the line that causes it."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

import yaml

from ..model import TYPE_NAMES
from .messages import Problem, field_path, quoted, starts_with_bracket

YamlPath = tuple[Any, ...]  # the keys and list indexes from a file's top to one value


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


class Source:
    """One parsed YAML file: its data, and the line of every value and key, by path."""

    def __init__(self, rel: str, text: str):
        self.rel = rel
        self.text = text.removeprefix("\ufeff")  # a byte-order mark (Windows editors) is no content
        self.text_lines = tuple(self.text.splitlines())  # shared by the origins of the file's records
        self.lines: dict[YamlPath, int] = {}
        self.typed: dict[YamlPath, str] = {}  # the text of every value as the editor typed it
        self.problems: list[Problem] = []
        self.data: Any = None
        self._children: dict[YamlPath, list[YamlPath]] | None = None
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

    def _walk(self, node: yaml.Node, path: YamlPath) -> None:
        self.lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.ScalarNode):
            self.typed[path] = node.value
        elif getattr(node, "flow_style", False):  # [a, b] or {a: b} on one line: keep its text for messages
            self.typed[path] = self.text[node.start_mark.index : node.end_mark.index]
        if isinstance(node, yaml.MappingNode):
            bad_key = next((k for k, _ in node.value if not isinstance(k, yaml.ScalarNode)), None)
            if bad_key is not None:  # {{ titel }} is a block whose field name is a block
                field = field_path(path[1:] if path and isinstance(path[0], int) else path)
                if node.flow_style:
                    self.problems.append(
                        Problem(self.rel, self.lines[path], "", field, starts_with_bracket(self.typed[path]))
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

    def fields_under(self, base: YamlPath) -> dict[str, int]:
        """The line of every key and value below ``base``, named as the messages name them
        (``links``, ``links[1].url``, ``ook[2]``)."""
        if self._children is None:
            self._children = {}
            for path in self.lines:
                if path:
                    self._children.setdefault(path[:-1], []).append(path)
        fields: dict[str, int] = {}
        stack = list(self._children.get(base, ()))
        while stack:
            path = stack.pop()
            fields[field_path(path[len(base) :])] = self.lines[path]
            stack.extend(self._children.get(path, ()))
        return fields

    def field_lines(self, base: YamlPath) -> Mapping[str, int]:
        """:meth:`fields_under`, worked out when first read (most records' are never read)."""
        return _FieldLines(self, base)

    def line(self, path: YamlPath) -> int:
        """Line of the value at ``path``, or of its nearest ancestor that exists."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


class _FieldLines(Mapping[str, int]):
    def __init__(self, source: Source, base: YamlPath):
        self._source, self._base = source, base
        self._lines: dict[str, int] | None = None

    def _all(self) -> dict[str, int]:
        if self._lines is None:
            self._lines = self._source.fields_under(self._base)
        return self._lines

    def __getitem__(self, key: str) -> int:
        return self._all()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


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
            f"{before}{quoted(value)}"
        )
    if value[0] == "'" and value.endswith("'"):  # 'auto's': an apostrophe in the text
        value = value[1:-1]
    return mark.line, (
        f"YAML leest het tweede {found['value'][0]} als het einde van de tekst, maar daarna staat nog "
        f"tekst; zet de hele tekst tussen andere aanhalingstekens: {before}{quoted(value)}"
    )
