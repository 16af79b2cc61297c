"""Local editions: a municipality's layer over the national guide (``edities/<naam>/``).

An edition is a folder::

    edities/voorbeeldstad/
      editie.yaml          name, the municipality's own contact, the national pages it replaces or
                           hides (declared, never by a page of the same name), its slots
      data/samos.yaml      the local SAMOS structure: the kernteam's roles (edities/kernteam.yaml)
                           filled in with organisations and functions, the escalation chain, partners
      data/interventions.yaml   local practice examples, ids in the edition's own namespace
      docs/*.md            its own pages (published under /<naam>/)

A **slot** ("plek") is a heading of a national page, named by the anchor editors and links already
use (``samos/kernteam.md#spin-in-het-web``), or a step of the incident route
(``er-is-iets-gebeurd.md#kernteam``): the edition's text ("Zo doen wij het in Voorbeeldstad") and,
when asked, its kernteam, escalation chain or partners are shown at the end of that section. The
national site has no edition and renders exactly as without this module.

:func:`load_edition` validates the edition against the national knowledge base it lies over and
returns an :class:`EditionKnowledgeBase` (the national one with the local examples merged in by id,
each record's file remembered), or raises :class:`~handreiking.loader.KnowledgeBaseError` with one
Dutch ``file:line`` line per problem. Contacts are organisations and functions: the model has no
field for a private person's number (``extra="forbid"``).
"""

from __future__ import annotations

import json
import os
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, Field, StringConstraints

from .loader import DataPages, KnowledgeBaseError, Problem, load_layers, load_redirects, national, page_anchors
from .loader import Layer as DataLayer
from .loader.messages import unknown_value
from .loader.parse import parse_file
from .model import PHONE, WEB_ADDRESS, Intervention, KnowledgeBase, Record, Slug, Text
from .paths import DATA_DIR, DOCS_DIR, PROJECT_ROOT
from .safety import check_text
from .suggest import did_you_mean

EDITIONS_DIR = PROJECT_ROOT / "edities"
ENV = "HANDREIKING_EDITIE"  # the edition a build, serve or check is for (make ... EDITIE=<naam>)
ROLES_FILE = "kernteam.yaml"  # the guide's roles, for every edition (edities/kernteam.yaml)
SAMOS_FILE = "samos.yaml"
EXAMPLES_FILE = "interventions.yaml"
EDITION_FILE = "editie.yaml"
ROUTE_PAGE = "er-is-iets-gebeurd.md"  # its slots are the steps of data/incident-route.yaml

Phone = Annotated[str, StringConstraints(pattern=PHONE)]
PageRef = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9/_-]*\.md$")]
SlotRef = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9/_-]*\.md#[A-Za-z][\w-]*$")]


# --------------------------------------------------------------------------- the model


class Role(Record):
    """A role in the kernteam as the guide names it (``edities/kernteam.yaml``)."""

    id: Slug = Field(description="Vaste code van de rol.", examples=["burgemeester"])
    naam: Text = Field(description="Naam van de rol.", examples=["Burgemeester"])
    uitleg: Text = Field(description="Wat de handreiking over de rol zegt.")
    bron: SlotRef = Field(description="Pagina en anker waar de handreiking het zegt.")


class Roles(Record):
    rollen: list[Role] = Field(min_length=1, description="De rollen van het kernteam.")


class Contact(Record):
    """How to reach an organisation or a function. There is no field for a person's name or a
    private number: an edition publishes numbers that stay when people change jobs."""

    organisatie: Text = Field(description="De organisatie.", examples=["Gemeente Voorbeeldstad"])
    functie: Text = Field(description="De functie of afdeling die u belt.", examples=["Kabinet van de burgemeester"])
    telefoon: Phone = Field(description="Telefoonnummer van de organisatie of functie.", examples=["088-0000000"])
    adres: str = Field("", description="Bezoekadres van de organisatie (optioneel).")

    @property
    def tel(self) -> str:
        """The number for a ``tel:`` link (digits only)."""
        return re.sub(r"\D", "", self.telefoon)


class Member(Contact):
    rol: Slug = Field(description="De rol in het kernteam (id uit edities/kernteam.yaml).", examples=["politie"])


class EscalationStep(Record):
    rol: Slug = Field(description="Wie u belt (een rol uit het kernteam hierboven).", examples=["politie"])
    wanneer: Text = Field(description="Wanneer u belt (Markdown).")


class LocalPartner(Contact):
    partner: Slug = Field(description="Soort partner (id uit data/partners.yaml).", examples=["jongerenwerk"])


class Samos(Record):
    """The local SAMOS structure (``edities/<naam>/data/samos.yaml``)."""

    kernteam: list[Member] = Field(min_length=1, description="Wie elke rol van het kernteam vervult.")
    escalatie: list[EscalationStep] = Field(default_factory=list, description="Wie u belt, in deze volgorde.")
    partners: list[LocalPartner] = Field(default_factory=list, description="Lokale partners.")


Shown = Literal["kernteam", "escalatie", "partners"]


class Slot(Record):
    plek: SlotRef = Field(
        description="Landelijke pagina en het anker van de kop waaronder de tekst komt.",
        examples=["samos/kernteam.md#spin-in-het-web"],
    )
    tekst: str = Field("", description="Hoe de gemeente het doet (Markdown, zonder HTML).")
    toon: list[Shown] = Field(default_factory=list, description="Wat er uit samos.yaml bij staat.")


class Replacement(Record):
    pagina: PageRef = Field(description="De landelijke pagina die de editie vervangt.")
    door: PageRef = Field(description="De eigen pagina (onder docs/ van de editie) die haar plaats inneemt.")


class Repository(Record):
    """Where the edition's files are edited (its own repository), for the links "Bewerk deze pagina"."""

    adres: Annotated[str, StringConstraints(pattern=WEB_ADDRESS)] = Field(
        description="Adres van de repository op GitHub.",
        examples=["https://github.com/gemeente-voorbeeldstad/handreiking"],
    )
    map: str = Field("", description="De map van de editie in die repository (leeg: de editie staat bovenaan).")


class Edition(Record):
    """``editie.yaml``."""

    naam: Text = Field(description="Naam van de editie, in de kop van elke pagina.", examples=["Voorbeeldstad"])
    contact: Contact = Field(description="Het eigen contact van de gemeente voor deze site.")
    repository: Repository | None = Field(
        None,
        description='De eigen repository van de editie, voor de links "Bewerk deze pagina" (zonder: binnen de '
        "landelijke repository de landelijke, anders geen link).",
    )
    vervangt: list[Replacement] = Field(default_factory=list, description="Landelijke pagina's die de editie vervangt.")
    verbergt: list[PageRef] = Field(
        default_factory=list, description="Landelijke pagina's die niet in het menu en de zoekresultaten staan."
    )
    plekken: list[Slot] = Field(default_factory=list, description="Eigen tekst op plekken van landelijke pagina's.")
    vervangt_voorbeelden: list[Slug] = Field(
        default_factory=list,
        description="Landelijke praktijkvoorbeelden die een eigen voorbeeld met hetzelfde id vervangt.",
    )


# --------------------------------------------------------------------------- the layer


@dataclass(frozen=True)
class Layer:
    """An edition's folder, and what it holds once validated."""

    id: str  # the folder's name: the namespace of its example ids and its pages' folder
    root: Path

    @property
    def inside(self) -> bool:
        """The folder lies in the national project (its repository), as ``edities/voorbeeldstad``."""
        return self.root.is_relative_to(PROJECT_ROOT)

    @property
    def rel(self) -> str:
        """The folder as an editor sees it in messages: ``edities/voorbeeldstad`` in the national
        project; "" for a folder outside it (a municipality's own repository), whose files are
        named from the folder itself (``data/samos.yaml``, as in that repository)."""
        return self.root.relative_to(PROJECT_ROOT).as_posix() if self.inside else ""

    def shown(self, path: str) -> str:
        """A file of the edition (``docs/x.md``, a path in its folder) as messages name it."""
        return posixpath.join(self.rel, path) if self.rel else path

    def inner(self, shown: str) -> str:
        """The path in the edition's folder of a file named as :meth:`shown` names it."""
        return posixpath.relpath(shown, self.rel) if self.rel else shown

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    def pages(self) -> list[str]:
        """The edition's own pages, paths under its docs/."""
        if not self.docs_dir.is_dir():
            return []
        return sorted(p.relative_to(self.docs_dir).as_posix() for p in self.docs_dir.rglob("*.md"))

    def src_uri(self, page: str) -> str:
        """Where an edition page is published: under the edition's own folder."""
        return f"{self.id}/{page}"


def roles() -> list[Role]:
    """The kernteam's roles as the guide names them (``edities/kernteam.yaml``); none if it has an
    error (``make check EDITIE=…`` names it)."""
    whole = _whole(parse_file(EDITIONS_DIR, ROLES_FILE, Roles, False, [], shown="edities"), Roles)
    return list(whole.rollen) if whole is not None else []


def find(name: str | None = None) -> Layer | None:
    """The edition named by ``name`` or ``$HANDREIKING_EDITIE`` (a folder of ``edities/`` or a path),
    or None for the national site."""
    name = name if name is not None else os.environ.get(ENV, "")
    if not name:
        return None
    path = Path(name)
    root = path if (path.is_absolute() or os.sep in name or "/" in name) else EDITIONS_DIR / name
    root = root.resolve()
    return Layer(root.name, root)


class EditionKnowledgeBase(KnowledgeBase):
    """The knowledge base of the national layer and the edition's data layer (the loader's
    :func:`~handreiking.loader.load_layers`, each record with its origin), with what only an
    edition has: its declaration, its SAMOS structure and the guide's roles."""

    layer: Layer
    edition: Edition
    samos: Samos
    roles: dict[str, Role]

    @property
    def local_examples(self) -> list[Intervention]:
        """The edition's own practice examples (their origin is its layer)."""
        return [i for i in self.interventions if i.origin.layer == self.layer.id]

    def slots(self, page: str) -> list[Slot]:
        """The edition's slots on a national page (``samos/kernteam.md``), in their order."""
        return [s for s in self.edition.plekken if s.plek.partition("#")[0] == page]

    def member(self, role: str) -> Member | None:
        return next((m for m in self.samos.kernteam if m.rol == role), None)

    def published(self) -> dict[str, str]:
        """Where each of the edition's pages is published (``src_uri``) -> its path under its docs/:
        under its own folder, or at the address of the national page it replaces (declared)."""
        replaced = {r.door: r.pagina for r in self.edition.vervangt}
        return {replaced.get(page) or self.layer.src_uri(page): page for page in self.layer.pages()}


def navigation(nav: list[Any] | None, kb: KnowledgeBase) -> list[Any] | None:
    """The site's navigation (``nav:`` of mkdocs.yml) with the edition over it: its pages hidden
    (``verbergt``) left out, its own pages in a section named after it, after "Er is iets gebeurd".
    The menu and the print-all page's reading order both follow it; unchanged for the national site."""
    if not isinstance(kb, EditionKnowledgeBase):
        return nav
    hidden = set(kb.edition.verbergt)
    replacing = {r.door for r in kb.edition.vervangt}

    def prune(items: list[Any]) -> list[Any]:
        out = []
        for item in items:
            if isinstance(item, dict):
                item = {k: prune(v) if isinstance(v, list) else v for k, v in item.items()}
                if all(isinstance(v, list) or v not in hidden for v in item.values()):
                    out.append(item)
            elif item not in hidden:
                out.append(item)
        return out

    out = prune(nav or [])
    pages = sorted(kb.layer.pages(), key=lambda p: (p != "index.md", p))  # its home page first
    own = [kb.layer.src_uri(p) for p in pages if p not in replacing]
    if own:
        out.insert(min(2, len(out)), {kb.edition.naam: own})
    return out


def page_file(kb: KnowledgeBase, src_uri: str) -> tuple[str, Path] | None:
    """The edition's page published at ``src_uri``, if it is one: its file as messages name it
    (``edities/voorbeeldstad/docs/x.md``) and the file itself."""
    if not isinstance(kb, EditionKnowledgeBase):
        return None
    page = kb.published().get(src_uri)
    return (kb.layer.shown(f"docs/{page}"), kb.layer.docs_dir / page) if page is not None else None


def shown_page(kb: KnowledgeBase, src_uri: str) -> str:
    """A page's file as messages name it: ``docs/<src_uri>``, or an edition's own page in its folder."""
    own = page_file(kb, src_uri)
    return own[0] if own else f"docs/{src_uri}"


def edit_meta(kb: KnowledgeBase, layer: str, shown: str, key: str) -> dict[str, str]:
    """What the edit link of a file needs (overrides/main.html), from the file as messages name it
    (a record's ``origin.path``, :func:`shown_page`) and its layer: ``{key: path}`` in the national
    repository; an edition's file in the repository ``editie.yaml`` names (``bron_repo``), or, for an
    edition outside the national project that names none, ``bron_repo: ""``: no link rather than a
    wrong one."""
    if not isinstance(kb, EditionKnowledgeBase) or layer != kb.layer.id:
        return {key: shown}
    declared = kb.edition.repository
    if declared is not None:
        path = posixpath.join(declared.map.strip("/"), kb.layer.inner(shown))
        return {key: path, "bron_repo": declared.adres.rstrip("/")}
    if kb.layer.inside:
        return {key: shown}
    return {key: kb.layer.inner(shown), "bron_repo": ""}


M = TypeVar("M", bound=BaseModel)


def _whole(parsed: Any, model: type[M]) -> M | None:
    """The record a parsed mapping file holds, if it loaded."""
    whole = parsed.whole if parsed is not None else None
    return whole if isinstance(whole, model) else None


def _parse(
    layer_dir: Path, rel_dir: str, name: str, model: type[BaseModel], is_list: bool, problems: list[Problem]
) -> Any:
    """A file of the edition read by the loader, its messages naming the file as the editor sees it
    (``edities/voorbeeldstad/data/samos.yaml``)."""
    return parse_file(layer_dir, name, model, is_list, problems, layer_dir.name, rel_dir)


def _page_exists(docs_dir: Path, page: str, kb: KnowledgeBase) -> bool:
    return (docs_dir / page).is_file() or page in DataPages.of(kb)


def _renamed(kb: KnowledgeBase, page: str) -> str | None:
    """The page an old address now leads to (``data/doorverwijzingen.yaml``), if it is one."""
    try:
        redirects = load_redirects(kb, data_dir=kb.data_dir or DATA_DIR)
    except KnowledgeBaseError:
        return None
    return next((r.nieuw.partition("#")[0] for r in redirects if r.oud == page), None)


def _missing(kb: KnowledgeBase, page: str) -> str:
    new = _renamed(kb, page)
    if new:
        return f"de landelijke pagina {page} heet nu {new} (data/doorverwijzingen.yaml); schrijf {new}"
    return (
        f"de landelijke pagina {page} bestaat niet (meer); kies een pagina onder docs/, bijvoorbeeld samos/kernteam.md"
    )


def _unknown(what: str, value: str, allowed: list[str]) -> str:
    return f'onbekende {what} "{value}"; kies uit: {", ".join(allowed) or "(geen)"}{did_you_mean(value, allowed)}'


def route_anchors(kb: KnowledgeBase) -> list[str]:
    return [step.id for step in kb.incident_route.stappen] if kb.incident_route else []


def slot_names(kb: KnowledgeBase, docs_dir: Path, page: str) -> list[str]:
    """The named places of a national page: the anchors of its headings, or the incident route's steps."""
    return route_anchors(kb) if page == ROUTE_PAGE else page_anchors(docs_dir, page)


_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


def _page_links(text: str) -> Iterator[tuple[int, str]]:
    """(line, target) of every local Markdown link to a page in ``text``."""
    for number, line in enumerate(text.splitlines(), 1):
        for target in _LINK.findall(line):
            if "://" not in target and not target.startswith(("mailto:", "tel:", "#")):
                path = target.partition("#")[0]
                if path.endswith(".md"):
                    yield number, path


def _broken_links(
    kb: KnowledgeBase, layer: Layer, docs_dir: Path, published: str, text: str
) -> Iterator[tuple[int, str, str]]:
    """(line, target, message) of each link in ``text`` (Markdown on the page ``published``) to a
    page that is neither national nor the edition's; a national page that was renamed is named."""
    own = {layer.src_uri(p) for p in layer.pages()}
    for line, target in _page_links(text):
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(published), target))
        if resolved in own or _page_exists(docs_dir, resolved, kb):
            continue
        new = _renamed(kb, resolved)
        if new:
            good = posixpath.relpath(new, posixpath.dirname(published) or ".")
            yield (
                line,
                target,
                f"de landelijke pagina {resolved} heet nu {new} (data/doorverwijzingen.yaml); schrijf ({good})",
            )
        else:
            yield line, target, f"de pagina {resolved} bestaat niet, landelijk en in de editie; controleer de link"


def _check(
    kb: KnowledgeBase,
    layer: Layer,
    docs_dir: Path,
    edition: Edition,
    samos: Samos | None,
    roles: Roles | None,
    sources: dict[str, Any],
    problems: list[Problem],
) -> None:
    """Every rule over the edition and the base it lies on, each problem on its line."""
    ed_src = sources[EDITION_FILE]
    ed_rel = ed_src.rel

    def at(src: Any, path: tuple[Any, ...], entry: str, field: str, message: str) -> None:
        problems.append(Problem(src.rel, src.line(path), entry, field, message))

    own_pages = set(layer.pages())
    for index, slot in enumerate(edition.plekken):
        page, _, anchor = slot.plek.partition("#")
        if not _page_exists(docs_dir, page, kb):
            at(ed_src, ("plekken", index, "plek"), slot.plek, "plek", _missing(kb, page))
            continue
        names = slot_names(kb, docs_dir, page)
        if anchor not in names:
            at(
                ed_src,
                ("plekken", index, "plek"),
                slot.plek,
                "plek",
                f'de plek "{anchor}" bestaat niet (meer) op {page}; kies uit: {", ".join(names)}',
            )
        if slot.toon and not (layer.data_dir / SAMOS_FILE).is_file():
            at(ed_src, ("plekken", index, "toon"), slot.plek, "toon", f"de editie heeft geen data/{SAMOS_FILE}")
        for finding in check_text(slot.tekst):
            at(ed_src, ("plekken", index, "tekst"), slot.plek, "tekst", finding.message)
        first = ed_src.line(("plekken", index, "tekst")) + 1  # a | block: its text starts on the next line
        for line, target, message in _broken_links(kb, layer, docs_dir, page, slot.tekst):
            problems.append(Problem(ed_rel, first + line - 1, slot.plek, f"tekst: link {target}", message))
    for index, item in enumerate(edition.vervangt):
        if not (docs_dir / item.pagina).is_file():
            at(ed_src, ("vervangt", index, "pagina"), item.pagina, "pagina", _missing(kb, item.pagina))
        if item.door not in own_pages:
            at(
                ed_src,
                ("vervangt", index, "door"),
                item.pagina,
                "door",
                f"{item.door} staat niet in {layer.shown('docs')}/; kies uit: {', '.join(sorted(own_pages)) or '(geen pagina’s)'}",
            )
    for index, page in enumerate(edition.verbergt):
        if not (docs_dir / page).is_file():
            at(ed_src, ("verbergt", index), page, "", _missing(kb, page))
    replacing = {r.door for r in edition.vervangt}
    for page in sorted(own_pages):
        path = layer.docs_dir / page
        where = layer.shown(f"docs/{page}")
        # its pages are published under its own folder; one named like a national page (other than its
        # own home page, index.md) was most likely meant to replace it: that is declared, never silent
        if page != "index.md" and (docs_dir / page).is_file() and page not in replacing:
            problems.append(
                Problem(
                    where,
                    1,
                    "",
                    "",
                    f"deze pagina heeft dezelfde naam als de landelijke pagina {page}; een editie vervangt een "
                    f"pagina alleen als {EDITION_FILE} dat zegt (vervangt: - pagina: {page}), anders geef haar een andere naam",
                )
            )
        published = {r.door: r.pagina for r in edition.vervangt}.get(page) or layer.src_uri(page)
        for line, target, message in _broken_links(kb, layer, docs_dir, published, path.read_text(encoding="utf-8")):
            problems.append(Problem(where, line, "", f"link {target}", message))
    if samos is not None and roles is not None:
        s_src = sources[SAMOS_FILE]
        role_ids = [r.id for r in roles.rollen]
        filled: dict[str, int] = {}
        for index, member in enumerate(samos.kernteam):
            if member.rol not in role_ids:
                at(s_src, ("kernteam", index, "rol"), member.rol, "rol", _unknown("rol", member.rol, role_ids))
            elif member.rol in filled:
                at(
                    s_src,
                    ("kernteam", index, "rol"),
                    member.rol,
                    "rol",
                    f"deze rol staat al op regel {filled[member.rol]}; elke rol één keer",
                )
            else:
                filled[member.rol] = s_src.line(("kernteam", index, "rol"))
        for index, step in enumerate(samos.escalatie):
            if step.rol not in filled:
                at(
                    s_src,
                    ("escalatie", index, "rol"),
                    step.rol,
                    "rol",
                    _unknown("rol in het kernteam hierboven", step.rol, list(filled)),
                )
            for finding in check_text(step.wanneer):
                at(s_src, ("escalatie", index, "wanneer"), step.rol, "wanneer", finding.message)
        partner_ids = list(kb.partners.ids)
        for index, partner in enumerate(samos.partners):
            if partner.partner not in partner_ids:
                at(
                    s_src,
                    ("partners", index, "partner"),
                    partner.partner,
                    "partner",
                    unknown_value("partners", partner.partner, partner_ids),
                )


def _layered(
    kb: KnowledgeBase, layer: Layer, docs_dir: Path, replaces: set[str], problems: list[Problem]
) -> KnowledgeBase | None:
    """The national data with the edition's data layer over it (the loader merges its list files by
    id: its practice examples, checked by the national rules; an id the base has is an error unless
    the edition declares it replaces that example). Each of its own examples' ids starts with the
    edition's name (its namespace), so a new national example never takes a local one's address."""
    data = DataLayer(layer.id, layer.data_dir, layer.docs_dir, layer.shown("data"))
    merged: KnowledgeBase | None = None
    try:
        merged = load_layers([national(kb.data_dir or DATA_DIR, docs_dir), data], replaces)
    except KnowledgeBaseError as exc:
        problems.extend(exc.problems)
    if (layer.data_dir / EXAMPLES_FILE).is_file():
        parsed = _parse(layer.data_dir, layer.shown("data"), EXAMPLES_FILE, Intervention, True, [])
        prefix = f"{layer.id}-"
        for row in parsed.of(Intervention) if parsed is not None else []:
            rid = row.record.id
            if not rid.startswith(prefix) and rid not in kb.interventions:  # a national id: the loader says so
                problems.append(
                    Problem(
                        row.source.rel,
                        row.source.line((row.index, "id")),
                        rid,
                        "id",
                        f'een voorbeeld van de editie heeft een id dat begint met "{prefix}" (eigen naamruimte), '
                        f'bijvoorbeeld "{prefix}{rid}"',
                    )
                )
    return merged


def load_edition(kb: KnowledgeBase, layer: Layer, docs_dir: Path = DOCS_DIR) -> EditionKnowledgeBase:
    """The national ``kb`` with ``layer`` over it, validated; raises :class:`KnowledgeBaseError`."""
    problems: list[Problem] = []
    if not (layer.root / EDITION_FILE).is_file():
        known = (
            sorted(p.name for p in EDITIONS_DIR.iterdir() if (p / EDITION_FILE).is_file())
            if EDITIONS_DIR.is_dir()
            else []
        )
        raise KnowledgeBaseError(
            [
                Problem(
                    layer.shown(EDITION_FILE),
                    0,
                    "",
                    "",
                    f"editie {layer.id} niet gevonden (geen {EDITION_FILE}); bestaande edities: {', '.join(known) or 'geen'}",
                )
            ]
        )
    sources: dict[str, Any] = {}
    ed = _parse(layer.root, layer.rel, EDITION_FILE, Edition, False, problems)
    roles = parse_file(EDITIONS_DIR, ROLES_FILE, Roles, False, problems, shown="edities")
    samos = (
        _parse(layer.data_dir, layer.shown("data"), SAMOS_FILE, Samos, False, problems)
        if (layer.data_dir / SAMOS_FILE).is_file()
        else None
    )
    edition, samos_model, roles_model = _whole(ed, Edition), _whole(samos, Samos), _whole(roles, Roles)
    replaces = set(edition.vervangt_voorbeelden) if edition is not None else set()
    layered = _layered(kb, layer, docs_dir, replaces, problems)
    if edition is not None:
        sources[EDITION_FILE] = ed.source
        if samos is not None:
            sources[SAMOS_FILE] = samos.source
        _check(kb, layer, docs_dir, edition, samos_model, roles_model, sources, problems)
    if problems:
        raise KnowledgeBaseError(problems)
    assert edition is not None and roles_model is not None and layered is not None
    merged = EditionKnowledgeBase(
        vocab=layered.vocab,
        partners=list(layered.partners),
        interventions=list(layered.interventions),
        riskfactors=list(layered.riskfactors),
        phases=layered.phases,
        changelog=layered.changelog,
        escalation=layered.escalation,
        direct_naar=layered.direct_naar,
        zoekwoorden=layered.zoekwoorden,
        publicaties=list(layered.publicaties),
        incident_route=layered.incident_route,
        data_dir=layered.data_dir,
    )
    merged.layer = layer
    merged.edition = edition
    merged.samos = samos_model or Samos.model_construct(kernteam=[], escalatie=[], partners=[])
    merged.roles = {r.id: r for r in roles_model.rollen}
    return merged


_cache: dict[tuple[Any, ...], EditionKnowledgeBase] = {}


def layered(kb: KnowledgeBase, docs_dir: Path = DOCS_DIR, name: str | None = None) -> KnowledgeBase:
    """``kb`` with the current edition over it (``$HANDREIKING_EDITIE``), or ``kb`` itself for the
    national site. Cached per national knowledge base and the edition's files (live reload)."""
    layer = find(name)
    if layer is None:
        return kb
    stamp = (
        tuple(sorted((str(p), p.stat().st_mtime_ns) for p in layer.root.rglob("*") if p.is_file()))
        if layer.root.is_dir()
        else ()
    )
    key = (id(kb), str(docs_dir), str(layer.root), stamp)
    if key not in _cache:
        _cache.clear()
        _cache[key] = load_edition(kb, layer, docs_dir)
    return _cache[key]


def open_data(kb: KnowledgeBase) -> dict[str, str]:
    """An edition's own layer as open data (``open-data/editie.json``: its name, contact, SAMOS
    structure and the ids of its examples, which ``interventies.json`` holds beside the national
    ones); nothing for the national site."""
    if not isinstance(kb, EditionKnowledgeBase):
        return {}
    layer = {
        "editie": kb.layer.id,
        "naam": kb.edition.naam,
        "contact": kb.edition.contact.model_dump(mode="json"),
        "samos": kb.samos.model_dump(mode="json"),
        "interventies": [i.id for i in kb.local_examples],
    }
    return {"editie.json": json.dumps(layer, ensure_ascii=False, indent=2) + "\n"}
