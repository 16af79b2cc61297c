"""The editors' messages: a :class:`Problem` is one Dutch line (``data/x.yaml:42: id: veld: what is
wrong; what is allowed``); :func:`pydantic_message` says a pydantic error in those words."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel

from ..model import ADDITION, BRON, DATE, PHONE, TYPE_NAMES, WEB_ADDRESS, WORD
from ..suggest import did_you_mean
from .pages import DataPages


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
        m = re.match(r"^(?P<file>(?:docs|data|edities)/[^:\s]+|mkdocs\.yml)(?::(?P<line>\d+))?: (?P<rest>.+)$", line)
        return cls(m["file"], int(m["line"] or 0), "", "", m["rest"]) if m else None


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


def type_name(value: Any) -> str:
    """What YAML made of a value, in Dutch (:data:`handreiking.model.TYPE_NAMES`)."""
    return TYPE_NAMES.get(type(value), type(value).__name__)


def field_path(loc: tuple[Any, ...]) -> str:
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


def quoted(text: str) -> str:
    """``text`` as a quoted YAML value the editor can copy."""
    if '"' in text or "\\" in text:
        return "'" + text.replace("'", "''") + "'"
    return f'"{text}"'


def starts_with_bracket(typed: str) -> str:
    """Message for text that YAML read as a block or a list because it starts with { or [."""
    what = TYPE_NAMES[dict] if typed.startswith("{") else TYPE_NAMES[list]
    return (
        f"YAML leest een waarde die begint met {typed[:1]} als {what}; zet de tekst tussen aanhalingstekens: "
        f"{quoted(typed)}"
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
    if pattern == PHONE:
        return (
            f'{shown} is geen telefoonnummer van een organisatie; schrijf netnummer-nummer, bijvoorbeeld "088-0000000" '
            "(alleen nummers van een organisatie of functie, nooit van een privépersoon)"
        )
    if pattern == WORD:
        return f'{shown} is geen geldige naam; gebruik één woord in kleine letters, zonder cijfers of tekens (bijvoorbeeld "handeling")'
    if "B1" in pattern:
        return f"{shown} is geen risicofactor; kies uit B1.1 tot en met B1.10"
    return (
        f"{shown} is geen geldige code; gebruik alleen kleine letters, cijfers en koppeltekens "
        '(bijvoorbeeld "buurt-bestuurt")'
    )


def pydantic_message(model: type[BaseModel], err: Mapping[str, Any], typed: str | None = None) -> str:
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
            return f"moet {TYPE_NAMES[str]} zijn, maar " + starts_with_bracket(typed)
        must = f"moet {TYPE_NAMES[str]} zijn, niet {type_name(value)}"
        if typed and not isinstance(value, (dict, list)):  # 2016, No, ~: YAML read a number, yes/no or null
            return f"{must}; zet de waarde tussen aanhalingstekens: {quoted(typed)}"
        return must
    if kind.startswith("date"):
        if isinstance(value, (dict, list)):
            return f"moet {TYPE_NAMES[date]} zijn, niet {type_name(value)}; {_DATE_FORMAT}"
        text = typed if typed is not None else ("" if value is None else str(value))
        if not text:
            return f"mag niet leeg zijn; {_DATE_FORMAT}"
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return f'"{text}" is geen bestaande datum; controleer maand en dag ({_DATE_FORMAT})'
        return pattern_message(DATE, f'"{text}"')
    if kind == "impossible_date":
        return f'"{ctx["day"]}" is geen bestaande datum; controleer maand en dag ({_DATE_FORMAT})'
    if kind == "list_type":
        return f"moet {TYPE_NAMES[list]} zijn, bijvoorbeeld [a, b], niet {type_name(value)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"moet {TYPE_NAMES[dict]} zijn, niet {type_name(value)}"
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
        return f"moet {TYPE_NAMES[int]} zijn, niet {type_name(value)}"
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
