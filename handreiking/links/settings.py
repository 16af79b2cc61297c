"""``links.toml``: the link check's settings as a pydantic model; its problems as the loader's
:class:`~handreiking.loader.Problem` lines (``links.toml:12: negeren[2]: reden: ...``)."""

from __future__ import annotations

import collections
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..loader import Problem, pydantic_message
from ..paths import PROJECT_ROOT

CONFIG_FILE = PROJECT_ROOT / "links.toml"


class LinkCheckError(Exception):
    """The check cannot run; ``str()`` is a Dutch message for editors (one problem a line)."""


def web_address(url: str) -> str:
    """``url`` when it is an http(s) address; a Dutch ValueError otherwise."""
    if not re.fullmatch(r"https?://\S+", url):
        raise ValueError(f'"{url}" is geen webadres dat begint met http:// of https://')
    return url


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, str_strip_whitespace=True)


class Tijd(_Section):
    per_verzoek: float = Field(20, ge=0.1)
    totaal: float = Field(900, ge=1)


class Herhalen(_Section):
    pogingen: int = Field(3, ge=0)
    wachttijd: float = Field(5, ge=0)
    max_wachttijd: float = Field(120, ge=0)


class PerServer(_Section):
    max_gelijktijdig: int = Field(2, ge=1)


class Verzoek(_Section):
    user_agent: str = Field("HandreikingOnrust-Linkcontrole/1.0", min_length=1)
    gelijktijdig: int = Field(8, ge=1)
    ssl_controleren: bool = True


class Ignore(_Section):
    url: Annotated[str, AfterValidator(web_address)] | None = None
    patroon: re.Pattern[str] | None = None
    reden: str = Field(min_length=1)

    @field_validator("patroon", mode="before")
    @classmethod
    def _regex(cls, text: object) -> object:
        try:
            return re.compile(text) if isinstance(text, str) else text
        except re.error as exc:
            tip = "Tip: zet het patroon tussen enkele aanhalingstekens ('...')"
            raise ValueError(f"ongeldige reguliere expressie: {exc}. {tip}") from None

    @model_validator(mode="after")
    def _one_of(self) -> Ignore:
        if (self.url is None) == (self.patroon is None):
            raise ValueError("geef precies één van url (één adres) of patroon (reguliere expressie)")
        return self

    def matches(self, url: str) -> bool:
        return url == self.url if self.patroon is None else bool(self.patroon.search(url))


class Settings(_Section):
    tijd: Tijd = Tijd()
    herhalen: Herhalen = Herhalen()
    per_server: PerServer = PerServer()
    verzoek: Verzoek = Verzoek()
    negeren: list[Ignore] = []

    def ignored(self, url: str) -> Ignore | None:
        return next((entry for entry in self.negeren if entry.matches(url)), None)


def _key_lines(text: str) -> dict[tuple[Any, ...], int]:
    """The line of each table and key (tomllib keeps none): ``("herhalen",)``, ``("herhalen",
    "pogingen")``, ``("negeren", 0)``, ``("negeren", 0, "reden")``."""
    lines: dict[tuple[Any, ...], int] = {}
    table: tuple[Any, ...] = ()
    blocks: collections.Counter[str] = collections.Counter()  # [[negeren]] is a list of blocks
    for number, row in enumerate(text.splitlines(), 1):
        if m := re.match(r"\s*(\[\[?)\s*([\w-]+)\s*\]", row):
            table = (m[2], blocks[m[2]]) if m[1] == "[[" else (m[2],)
            blocks[m[2]] += m[1] == "[["
            lines.setdefault(table, number)
        elif m := re.match(r"\s*([\w-]+)\s*=", row):
            lines.setdefault((*table, m[1]), number)
    return lines


def _dutch(err: Mapping[str, Any]) -> str:
    """The loader's Dutch message for a pydantic error, or ours for what the data files do not have."""
    kind, ctx = err["type"], err.get("ctx") or {}
    if kind == "value_error":  # our validators' own Dutch message
        return str(ctx["error"])
    if tuple(err["loc"][-1:]) == ("reden",) and kind in ("missing", "string_too_short"):
        return "elk adres op de negeerlijst heeft een reden nodig (waarom wordt het overgeslagen, en sinds wanneer?)"
    if kind == "greater_than_equal":
        return f"moet minstens {ctx['ge']:g} zijn, niet {err['input']}"
    if kind == "float_type":
        return "moet een getal zijn, bijvoorbeeld 5 of 0.5"
    return pydantic_message(Settings, err)


def load_settings(path: Path = CONFIG_FILE) -> Settings:
    """Reads and validates ``links.toml``; raises :class:`LinkCheckError` listing every problem."""
    name = str(path.resolve().relative_to(PROJECT_ROOT)) if path.resolve().is_relative_to(PROJECT_ROOT) else str(path)
    try:
        text = path.read_text(encoding="utf-8")
        return Settings.model_validate(tomllib.loads(text))
    except OSError:
        raise LinkCheckError(f"{name}: het bestand met de instellingen ontbreekt of is niet leesbaar") from None
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"(.*) \(at line (\d+), column (\d+)\)", str(exc))
        where, detail = (f"{name}:{m[2]}", f" (kolom {m[3]}): {m[1]}") if m else (name, f": {exc}")
        tip = "Controleer aanhalingstekens, = tussen naam en waarde, en [koppen]."
        raise LinkCheckError(f"{where}: de TOML is ongeldig{detail}. {tip}") from None
    except ValidationError as exc:
        lines, problems = _key_lines(text), set()
        for err in exc.errors():
            loc = tuple(err["loc"])
            at = next((lines[loc[:n]] for n in range(len(loc), 0, -1) if loc[:n] in lines), 0)
            entry, field = (
                (f"negeren[{int(loc[1]) + 1}]", loc[2:]) if loc[0] == "negeren" and len(loc) > 1 else ("", loc)
            )
            problems.add(Problem(name, at, entry, ".".join(map(str, field)), _dutch(err)))
        head = f"{len(problems)} fout{'en' if len(problems) != 1 else ''} in de instellingen van de linkcontrole:"
        raise LinkCheckError("\n".join([head, *map(str, sorted(problems))])) from None
