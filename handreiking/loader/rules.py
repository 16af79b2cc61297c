"""The rules that need more than one record: allowed values, unique ids, references, web addresses.

Each rule is a generator that yields its problems (as python/peps' ``check-peps.py`` does); :data:`RULES`
lists them, run in turn by :func:`check`. A rule sees the files of every layer merged (:class:`Data`):
an entry's problem is on the line of its own file. Which vocabulary a field uses is declared once,
on the model field (``vocabulary_of``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from ..model import (
    WEB_ADDRESS,
    ChangeEntry,
    EscalationModel,
    IncidentRoute,
    Ingang,
    Intervention,
    Link,
    Phases,
    Publicatie,
    Vocabularies,
    vocabulary_of,
)
from .files import (
    CHANGELOG,
    DIRECT_NAAR,
    ESCALATION,
    FILES,
    INCIDENT_ROUTE,
    INTERVENTIONS,
    MAX_DIRECT_NAAR,
    PARTNERS,
    PHASES,
    PUBLICATIONS,
    RISKFACTORS,
    VOCABULARIES,
)
from .messages import Problem, pattern_message, unknown_value
from .pages import DataPages, missing_page, page_anchors, page_exists
from .parse import Failed, Parsed, data_pages_of
from .source import Source, YamlPath

VOCABULARY_KEYS = ("handelingen", "schalen", "weerbaarheid", "c1_groepen", "casussen", "soorten")
M = TypeVar("M", bound=BaseModel)
RECORD_FILES = ((PARTNERS, "partners"), (RISKFACTORS, "riskfactors"), (INTERVENTIONS, "interventions"))


@dataclass
class Data:
    """What the rules see: the data files of every layer merged, the folders of the pages (the
    first is the national ``docs/``), and what the rules share: the ids of every vocabulary."""

    parsed: dict[str, Parsed]
    docs_dirs: Sequence[Path]
    pages: DataPages = field(init=False)
    ids: dict[str, list[str]] = field(init=False)
    vocab: Vocabularies | None = field(init=False)
    phases: Phases | None = field(init=False)
    escalation: EscalationModel | None = field(init=False)
    route: IncidentRoute | None = field(init=False)

    def __post_init__(self) -> None:
        self.pages = data_pages_of(self.parsed)
        self.vocab = self._whole(VOCABULARIES, Vocabularies)
        self.phases = self._whole(PHASES, Phases)
        self.escalation = self._whole(ESCALATION, EscalationModel)
        self.route = self._whole(INCIDENT_ROUTE, IncidentRoute)
        ids: dict[str, list[str]] = {}
        if self.vocab:
            for key in VOCABULARY_KEYS:
                ids[key] = [t.id for t in getattr(self.vocab, key)]
        for name, key in RECORD_FILES:
            if name in self.parsed:
                ids[key] = self.parsed[name].raw_ids
        if self.escalation:
            ids["voorwaarden"] = [c.id for c in self.escalation.voorwaarden]
        if self.phases:
            ids["stadia"] = [s.id for s in self.phases.stadia]
        self.ids = ids

    def _whole(self, name: str, model: type[M]) -> M | None:
        parsed = self.parsed.get(name)
        return parsed.whole_of(model) if parsed else None

    def source(self, name: str) -> Source:
        return self.parsed[name].source

    @property
    def docs_dir(self) -> Path:
        return self.docs_dirs[0]

    def page_exists(self, page: str) -> bool:
        """Whether ``page`` (a path under docs/) is a page of the site, in any layer."""
        return any(page_exists(d, page, self.pages) for d in self.docs_dirs)

    def missing_page(self, page: str, example: str = "samos/index.md") -> str:
        return missing_page(self.docs_dir, page, self.pages, example)

    def anchors(self, page: str) -> list[str]:
        return next((a for a in (page_anchors(d, page) for d in self.docs_dirs) if a), [])


Rule = Callable[[Data], Iterable[Problem]]


def at(src: Source, path: YamlPath, entry: str, field: str, message: str) -> Problem:
    """A problem on the line of ``path`` in ``src``."""
    return Problem(src.rel, src.line(path), entry, field, message)


# --------------------------------------------------------------------------- shared checks


def unique_ids(rows: Iterable[tuple[Source, YamlPath, str]]) -> Iterator[Problem]:
    """Each id once: ``rows`` are (file, path of the entry, its id)."""
    first: dict[str, int] = {}
    for src, path, rid in rows:
        line = src.line((*path, "id"))
        if rid in first:
            yield at(
                src,
                (*path, "id"),
                rid,
                "id",
                f'dubbele id "{rid}"; dezelfde id staat al op regel {first[rid]}; elke id moet uniek zijn',
            )
        else:
            first[rid] = line


def _listed(src: Source, base: YamlPath, records: Iterable[Any]) -> Iterator[tuple[Source, YamlPath, str]]:
    return ((src, (*base, i), r.id) for i, r in enumerate(records))


def vocabulary_values(
    data: Data,
    src: Source,
    base: YamlPath,
    record: BaseModel | Failed,
    entry: str,
    model: type[BaseModel] | None = None,
) -> Iterator[Problem]:
    """Every field that names a vocabulary holds only its ids (and each id once); of an entry
    that failed validation, every field that has no other error."""
    ids = data.ids
    if isinstance(record, Failed):
        assert model is not None
        fields = record.values
        yield from (p for f, p in record.fallback.items() if vocabulary_of(model, f) not in ids)
    else:
        model, fields = type(record), dict(record)
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
                yield at(src, path, entry, field_name, unknown_value(key, item, ids[key]))
            elif item in values[:j]:
                yield at(src, path, entry, field_name, f'"{item}" staat twee keer in de lijst')


def web_address(src: Source, path: YamlPath, entry: str, field: str, url: str) -> Iterator[Problem]:
    if not re.fullmatch(WEB_ADDRESS, url):
        yield at(src, path, entry, field, pattern_message(WEB_ADDRESS, f'"{url}"'))


def link_fields(src: Source, path: YamlPath, entry: str, prefix: str, link: Link) -> Iterator[Problem]:
    """A link's addresses are web addresses; a link marked dead has an archived copy."""
    yield from web_address(src, (*path, "url"), entry, f"{prefix}url", link.url)
    if link.archief is not None:
        yield from web_address(src, (*path, "archief"), entry, f"{prefix}archief", link.archief)
    if link.dood and not link.archief:
        yield at(
            src,
            (*path, "dood"),
            entry,
            f"{prefix}dood",
            "een link die als dood is gemarkeerd heeft een archief-adres nodig (veld archief)",
        )


# --------------------------------------------------------------------------- the rules


def publications(data: Data) -> Iterator[Problem]:
    """Publications: unique ids, web addresses."""
    if PUBLICATIONS not in data.parsed:
        return
    rows = data.parsed[PUBLICATIONS].of(Publicatie)
    yield from unique_ids((r.source, (r.index,), r.record.id) for r in rows)
    for r in rows:
        yield from link_fields(r.source, (r.index,), r.record.id, "", r.record)


def vocabularies(data: Data) -> Iterator[Problem]:
    """The vocabularies: unique ids; the filters name fields with a vocabulary; a C1 group's
    weerbaarheid and schaal exist."""
    vocab, ids = data.vocab, data.ids
    if not vocab:
        return
    src = data.source(VOCABULARIES)
    for key in VOCABULARY_KEYS:
        yield from unique_ids(_listed(src, (key,), getattr(vocab, key)))
    yield from unique_ids(_listed(src, ("filtergroepen",), vocab.filtergroepen))
    filterable = [f for f in Intervention.model_fields if vocabulary_of(Intervention, f)]
    chosen = [(("filtergroepen", i), g) for i, g in enumerate(vocab.filtergroepen)]
    for path, fg in [*chosen, (("risicofactorkeuze",), vocab.risicofactorkeuze)]:
        if fg.veld not in filterable:
            yield at(
                src,
                (*path, "veld"),
                fg.id,
                "veld",
                f'"{fg.veld}" is geen veld met vaste waarden; kies uit: {", ".join(filterable)}',
            )
    for i, group in enumerate(vocab.c1_groepen):
        for name, key in (("weerbaarheid", "weerbaarheid"), ("schaal", "schalen")):
            if getattr(group, name) not in ids[key]:
                yield at(
                    src,
                    ("c1_groepen", i, name),
                    group.id,
                    name,
                    unknown_value(key, getattr(group, name), ids[key]),
                )


def record_vocabularies(data: Data) -> Iterator[Problem]:
    """Partners, risk factors and practice examples: unique ids, and only values of the vocabularies
    (also in an entry that failed validation)."""
    for name, _ in RECORD_FILES:
        if name not in data.parsed:
            continue
        parsed = data.parsed[name]
        rows = parsed.rows
        yield from unique_ids((r.source, (r.index,), str(getattr(r.record, "id", ""))) for r in rows)
        for r in rows:
            yield from vocabulary_values(data, r.source, (r.index,), r.record, str(getattr(r.record, "id", "")))
        for failed in parsed.failed:
            yield from vocabulary_values(data, failed.source, (failed.index,), failed, failed.label, FILES[name][0])


def interventions(data: Data) -> Iterator[Problem]:
    """A practice example: no reserved id, known field names in redactioneel, where its risk factors
    come from, the groups of C1 with their weerbaarheid and schaal, its links."""
    if INTERVENTIONS not in data.parsed:
        return
    fields = list(Intervention.model_fields)
    for row in data.parsed[INTERVENTIONS].of(Intervention):
        src, index, iv = row.source, row.index, row.record
        if iv.id in Intervention.RESERVED_IDS:
            yield at(
                src,
                (index, "id"),
                iv.id,
                "",
                f'deze id is gereserveerd voor de pagina "{Intervention.RESERVED_IDS[iv.id]}"; kies een andere id',
            )
        for j, value in enumerate(iv.redactioneel):
            if value not in fields:
                yield at(
                    src,
                    (index, "redactioneel", j),
                    iv.id,
                    "redactioneel",
                    f'onbekende veldnaam "{value}"; kies uit: {", ".join(fields)}',
                )
        for path, name, message in _riskfactor_origin_problems(iv, index):
            yield at(src, path, iv.id, name, message)
        if data.vocab:
            for j, gid in enumerate(iv.c1_groepen):
                in_group = next((g for g in data.vocab.c1_groepen if g.id == gid), None)
                for name in ("weerbaarheid", "schaal") if in_group else ():
                    value = getattr(in_group, name)
                    if value not in getattr(iv, name):
                        yield at(
                            src,
                            (index, "c1_groepen", j),
                            iv.id,
                            "c1_groepen",
                            f'groep "{gid}" hoort bij {name} "{value}"; zet "{value}" ook bij {name}',
                        )
        for j, link in enumerate(iv.links):
            yield from link_fields(src, (index, "links", j), iv.id, f"links[{j + 1}].", link)


def _riskfactor_origin_problems(iv: Intervention, index: int) -> list[tuple[YamlPath, str, str]]:
    """Each risk factor of an example comes from the guide's text or is the editors' reading
    (Intervention.from_guide): risicofactoren_uit_handreiking lists only the example's own risk
    factors, and where it is given, redactioneel names risicofactoren exactly when one of them is
    the editors'. Returns (path in the file, field, message) per problem."""
    field = "risicofactoren_uit_handreiking"
    problems: list[tuple[YamlPath, str, str]] = [
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


def phases(data: Data) -> Iterator[Problem]:
    """The phases: the trigger's and the stages' values, unique ids, one stage per handeling, each
    instrument one interventie, page or web address, the regie passages on pages that exist."""
    ph = data.phases
    if not ph:
        return
    src, ids = data.source(PHASES), data.ids
    if ph.trigger:
        yield from vocabulary_values(data, src, ("trigger",), ph.trigger, "trigger")
    yield from unique_ids(_listed(src, ("golf",), ph.golf))
    yield from unique_ids(_listed(src, ("stadia",), ph.stadia))
    seen_handeling: dict[str, str] = {}
    for i, stage in enumerate(ph.stadia):
        yield from vocabulary_values(data, src, ("stadia", i), stage, stage.id)
        if stage.handeling in seen_handeling:
            yield at(
                src,
                ("stadia", i, "handeling"),
                stage.id,
                "handeling",
                f'handeling "{stage.handeling}" hoort al bij stadium "{seen_handeling[stage.handeling]}"; '
                "elk stadium heeft een eigen handeling",
            )
        seen_handeling[stage.handeling] = stage.id
        for j, ins in enumerate(stage.instrumenten):
            path = ("stadia", i, "instrumenten", j)
            label = f"instrumenten[{j + 1}]"
            kinds = [k for k in ("interventie", "pagina", "url") if getattr(ins, k)]
            if len(kinds) != 1:
                yield at(
                    src,
                    path,
                    stage.id,
                    label,
                    f"geef precies één van interventie, pagina of url (nu: {', '.join(kinds) or 'geen'})",
                )
                continue
            if kinds[0] != "interventie" and not ins.titel:
                yield at(src, path, stage.id, label, f"bij {kinds[0]} hoort een titel (de linktekst)")
            if ins.interventie and "interventions" in ids and ins.interventie not in ids["interventions"]:
                yield at(
                    src,
                    (*path, "interventie"),
                    stage.id,
                    f"{label}.interventie",
                    f'onbekende interventie "{ins.interventie}"; gebruik een id uit data/{INTERVENTIONS}',
                )
            if ins.url:
                yield from web_address(src, (*path, "url"), stage.id, f"{label}.url", ins.url)
            if ins.pagina:
                page = ins.pagina.split("#", 1)[0]
                if not data.page_exists(page):
                    yield at(src, (*path, "pagina"), stage.id, f"{label}.pagina", data.missing_page(page))
        for j, passage in enumerate(stage.regie):
            page = passage.pagina.split("#", 1)[0]
            if not data.page_exists(page):
                yield at(
                    src,
                    ("stadia", i, "regie", j, "pagina"),
                    stage.id,
                    f"regie[{j + 1}].pagina",
                    data.missing_page(page),
                )


def escalation(data: Data) -> Iterator[Problem]:
    """The escalation model: unique ids of the conditions, the lessons' values."""
    esc = data.escalation
    if not esc:
        return
    src = data.source(ESCALATION)
    yield from unique_ids(_listed(src, ("voorwaarden",), esc.voorwaarden))
    for i, lesson in enumerate(esc.lessen):
        yield from vocabulary_values(data, src, ("lessen", i), lesson, f"les {i + 1}")


def changelog(data: Data) -> Iterator[Problem]:
    """A change names pages that exist."""
    if CHANGELOG not in data.parsed:
        return
    for row in data.parsed[CHANGELOG].of(ChangeEntry):
        for j, page in enumerate(row.record.paginas):
            if not data.page_exists(page.split("#", 1)[0]):
                yield at(
                    row.source, (row.index, "paginas", j), f"item {row.index + 1}", "paginas", data.missing_page(page)
                )


def direct_naar(data: Data) -> Iterator[Problem]:
    """At most :data:`MAX_DIRECT_NAAR` entry points, each to a page that exists."""
    if DIRECT_NAAR not in data.parsed:
        return
    rows = data.parsed[DIRECT_NAAR].of(Ingang)
    if len(rows) > MAX_DIRECT_NAAR:
        yield at(
            data.source(DIRECT_NAAR),
            (MAX_DIRECT_NAAR,),
            f"item {MAX_DIRECT_NAAR + 1}",
            "",
            f"hooguit {MAX_DIRECT_NAAR} ingangen, zodat ze alle op het eerste scherm van een telefoon passen",
        )
    for row in rows:
        page = row.record.pagina.split("#", 1)[0]
        if not data.page_exists(page):
            yield at(
                row.source,
                (row.index, "pagina"),
                f"item {row.index + 1}",
                "pagina",
                data.missing_page(page, "aanpak/fasewijzer.md"),
            )


def incident_route(data: Data) -> Iterator[Problem]:
    """The route's steps: unique ids, their values; links only to pages and anchors that exist (a
    quote needs the anchor of the heading it stands under), only lessons that exist."""
    route = data.route
    if not route:
        return
    src = data.source(INCIDENT_ROUTE)
    yield from unique_ids(_listed(src, ("stappen",), route.stappen))
    for i, step in enumerate(route.stappen):
        yield from vocabulary_values(data, src, ("stappen", i), step, step.id)
    for i, step in enumerate(route.stappen):
        links = [("citaten", j, c.pagina, True) for j, c in enumerate(step.citaten)]
        links += [("meer", j, m.pagina, False) for j, m in enumerate(step.meer)]
        for name, j, target, needs_anchor in links:
            path, label = ("stappen", i, name, j, "pagina"), f"{name}[{j + 1}].pagina"
            page, _, anchor = target.partition("#")
            if not data.page_exists(page):
                yield at(
                    src,
                    path,
                    step.id,
                    label,
                    f'pagina "{page}" bestaat niet; geef een pad onder docs/, bijvoorbeeld samos/kernteam.md',
                )
                continue
            anchors = data.anchors(page)
            if needs_anchor and not anchor:
                example = f"{page}#{anchors[0]}" if anchors else "samos/kernteam.md#spin-in-het-web"
                yield at(
                    src,
                    path,
                    step.id,
                    label,
                    f'"{target}" heeft geen anker; geef het anker van de kop '
                    f"waaronder de tekst staat, bijvoorbeeld {example}",
                )
            elif anchor and anchor not in anchors:
                allowed = ", ".join(f"#{a}" for a in anchors) or "geen (de pagina heeft geen koppen met een anker)"
                yield at(
                    src, path, step.id, label, f'anker "#{anchor}" bestaat niet op pagina {page}; kies uit: {allowed}'
                )
        count = len(data.escalation.lessen) if data.escalation else None
        for j, number in enumerate(step.lessen):
            if count is not None and not 1 <= number <= count:
                yield at(
                    src,
                    ("stappen", i, "lessen", j),
                    step.id,
                    "lessen",
                    f"les {number} bestaat niet; kies een nummer van 1 tot en met {count} "
                    f"(de lessen in data/{ESCALATION}, in volgorde)",
                )


RULES: list[Rule] = [
    publications,
    vocabularies,
    record_vocabularies,
    interventions,
    phases,
    escalation,
    changelog,
    direct_naar,
    incident_route,
]


def check(data: Data, rules: Iterable[Rule] = RULES) -> Iterator[Problem]:
    """Every problem of every rule, rule by rule."""
    for rule in rules:
        yield from rule(data)
