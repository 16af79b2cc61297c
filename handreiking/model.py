"""Typed content model of the knowledge base.

These classes, with :mod:`handreiking.loader`, are the only code that knows the shape of the YAML
files in ``data/``. Templates, macros, hooks, the CLI check and the tests all use them.

Field descriptions (``description=``) and examples are written in Dutch: they feed the
editors' page "Gegevensmodel" and the error messages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, ClassVar, Generic, Literal, Protocol, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints
from pydantic_core import PydanticCustomError

from .history import dutch_date
from .urls import page_url

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
RiskFactorId = Annotated[str, StringConstraints(pattern=r"^B1\.([1-9]|10)$")]
Text = Annotated[str, StringConstraints(min_length=1)]

# The Dutch name of each kind of value an editor writes (YAML, TOML, front matter), as it reads
# after "moet ... zijn" and "niet ...": one table for the loader's messages, the link check's
# settings and the Gegevensmodel page (which shows the names without "een").
TYPE_NAMES: dict[type, str] = {
    str: "tekst",
    int: "een geheel getal",
    float: "een getal",
    bool: "true of false",
    date: "een datum (JJJJ-MM-DD)",
    list: "een lijst",
    dict: "een blok met velden",
    type(None): "leeg",
}

# The longest samenvatting (one line on a card); the editors' comments in data/ state this number.
SAMENVATTING_MAX = 160
# A web address as the loader accepts it (``http://`` or ``https://``, no spaces); the loader checks it
# after the structure, and the JSON Schemas carry it as a pattern.
WEB_ADDRESS = r"^https?://\S{3,}$"
# Where a record's text comes from: one or more parts of the guide ("C1, B1", "A1.3"), or an example
# the editors added from outside the guide, with the date it was added.
GUIDE_PART = r"(?:1[a-d]|[ABC][1-3](?:\.[1-9][0-9]?)?)"
ADDITION = "aanvulling redactie"
ISO_DATE = r"[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
BRON = rf"^(?:{GUIDE_PART}(?:, *{GUIDE_PART})*|{ADDITION}, {ISO_DATE})$"
SEARCH_WORD = r"^[a-zà-ÿ]+$"  # one word as search folds it: lower case, letters only (data/zoekwoorden.yaml)
GUIDE_WORDS = r"^[a-zà-ÿ]+( [a-zà-ÿ]+)?$"  # one word of the guide, or two that stand together
WORD = r"^[a-z]+$"  # a filter group's name: one word in the address and in a data attribute
DATE = rf"^{ISO_DATE}$"  # how a date field is written (pydantic checks that the day exists)
# An organisation's or a function's phone number in an edition (handreiking/edition.py): area code,
# a hyphen, the number ("088-0000000", "0900-1234"), or the ten digits written together.
PHONE = r"^0[0-9]{2,3}-?[0-9]{4,7}$"


# The guide's own warning about its examples (part A1, above the schema of the stages), quoted where
# the examples are shown: the overview and every example's page.
EXAMPLES_CAVEAT = (
    "dit overzicht is dan ook zeker niet uitputtend en is bedoeld als voorbeelden ter inspiratie "
    "(het betreft hier dus niet effectief bewezen best practices)"
)
EXAMPLES_CAVEAT_PAGE = "aanpak/van-proactief-tot-repressie.md#handelingsperspectieven"


def _addition_date_exists(value: str) -> str:
    """The pattern knows the form of a date, not the days of each month (2026-02-30)."""
    if value.startswith(ADDITION):
        day = value.rsplit(" ", 1)[1]
        try:
            date.fromisoformat(day)
        except ValueError:
            raise PydanticCustomError("impossible_date", "no such date: {day}", {"day": day}) from None
    return value


Bron = Annotated[str, StringConstraints(pattern=BRON), AfterValidator(_addition_date_exists)]


@dataclass(frozen=True)
class Origin:
    """Where a record was read (set by the loader): its layer (``nationaal``, or an edition's name),
    its file as an editor sees it (``data/interventions.yaml``), the line where it starts, and the
    line of each of its fields and their parts, by the name the messages use (``links``,
    ``links[1].url``, ``ook[2]``). ``text`` is the file's lines, shared by the file's records, for
    finding the line of a word inside a field that spans several (a ``|`` block)."""

    layer: str
    path: str
    line: int = 1
    fields: Mapping[str, int] = field(default_factory=dict)
    text: tuple[str, ...] = field(default=(), repr=False, compare=False)

    def line_of(self, name: str | None = None) -> int:
        """The line of field ``name`` (the record's first line when it has no such field)."""
        return self.fields.get(name, self.line) if name else self.line

    def end_of(self, name: str) -> int:
        """The last line a field's value may be on: the line before the next field, or the file's end."""
        start = self.line_of(name)
        later = [at for key, at in self.fields.items() if at > start and "[" not in key and "." not in key]
        return min(later, default=len(self.text) + 1) - 1


NO_ORIGIN = Origin("", "")  # a record made in code, not read from a file


class Record(BaseModel):
    """Base for every record: unknown fields are errors, values are immutable. The loader gives
    each record read from a file its :class:`Origin` (a private attribute: not in dumps or JSON)."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
    _origin: Origin | None = PrivateAttr(default=None)  # (a default other than None is copied per record)

    @property
    def origin(self) -> Origin:
        return self._origin or NO_ORIGIN


# --------------------------------------------------------------------------- vocabularies


class Term(Record):
    """A named value with an id that other data refers to: a handeling, scale, kind of page
    (vocabularies.yaml), a partner (partners.yaml), a phase of the wave (phases.yaml)."""

    id: Slug = Field(description="Korte code, kleine letters en koppeltekens.", examples=["preventie"])
    naam: Text = Field(description="Naam zoals de site die toont.", examples=["Preventie"])
    beschrijving: str = Field("", description="Korte uitleg (optioneel).")


class C1Group(Record):
    id: Slug = Field(description="Code van de groep.", examples=["individueel-wijk"])
    naam: Text = Field(description="Kop van de groep in deel C1.")
    weerbaarheid: Slug = Field(description="Welke weerbaarheid (id uit weerbaarheid).")
    schaal: Slug = Field(description="Welk schaalniveau (id uit schalen).")


class Case(Record):
    id: Slug = Field(description="Code van de casus.", examples=["casus-1"])
    naam: Text = Field(description="Titel van de casus.")


class FilterGroup(Record):
    """A group of checkboxes that filters the practice examples on one of their fields, one box per
    value of the field's vocabulary (``data/vocabularies.yaml``: ``filtergroepen``, ``risicofactorkeuze``).
    Its id is the query-string parameter (``?handeling=preventie``; shared links use it), the
    checkboxes' name and the data attribute that carries the field's values on each filtered item
    (``data-handeling="preventie interventie"``), read by filter.js and riskfactors.js."""

    id: Annotated[str, StringConstraints(pattern=WORD)] = Field(
        description="Naam in het webadres (?handeling=preventie); gedeelde links gebruiken hem: niet wijzigen.",
        examples=["handeling"],
    )
    veld: Slug = Field(
        description="Veld van de praktijkvoorbeelden (interventions.yaml) waarop de groep filtert.",
        examples=["handelingen"],
    )
    naam: Text = Field(description="Kop boven de groep op de site.", examples=["Handeling"])

    @property
    def vocabulary(self) -> str:
        """The collection whose values are the group's choices (``handelingen``, ``riskfactors`` ...)."""
        return vocabulary_of(Intervention, self.veld) or ""

    def values(self, item: Intervention) -> list[str]:
        return list(getattr(item, self.veld))


class Vocabularies(Record):
    handelingen: list[Term] = Field(min_length=1, description="De zes handelingen van deel A1, in volgorde.")
    schalen: list[Term] = Field(min_length=1, description="Schaalniveaus waarop een aanpak werkt.")
    weerbaarheid: list[Term] = Field(min_length=1, description="Individuele of collectieve weerbaarheid.")
    c1_groepen: list[C1Group] = Field(min_length=1, description="De vier groepen van deel C1.")
    casussen: list[Case] = Field(description="De casussen van deel B1.")
    soorten: list[Term] = Field(min_length=1, description="Soorten pagina's (front matter 'soort'); filter bij zoeken.")
    filtergroepen: list[FilterGroup] = Field(
        min_length=1, description="De filters boven het overzicht van de praktijkvoorbeelden, in deze volgorde."
    )
    risicofactorkeuze: FilterGroup = Field(description="De keuzelijst van de pagina Risicofactoren (?rf=B1.1).")
    engelse_woorden: list[Text] = Field(
        default_factory=list,
        description="Engelse woorden en uitdrukkingen in de tekst; de site markeert ze als Engels (voor schermlezers).",
        examples=[["community policing", "in the heat of the moment"]],
    )


# --------------------------------------------------------------------------- records


class Link(Record):
    url: Text = Field(
        description="Webadres, beginnend met http:// of https://.",
        examples=["https://www.buurtbemiddeling.nl"],
        json_schema_extra={"pattern": WEB_ADDRESS},
    )
    titel: Text = Field(
        description="Betekenisvolle linktekst (nooit 'hier').", examples=["Landelijke website Buurtbemiddeling"]
    )
    archief: str | None = Field(
        None,
        description="Webadres van een gearchiveerde kopie (optioneel).",
        examples=["https://web.archive.org/web/2016/http://www.buurtbemiddeling.org"],
        json_schema_extra={"pattern": WEB_ADDRESS},
    )
    dood: bool = Field(
        False,
        description="true als de link niet meer werkt; de site toont dan de archiefkopie. Alleen samen met archief.",
    )

    @property
    def href(self) -> str:
        """The address the site links to: the archived copy once a link is marked dead."""
        return self.archief if self.dood and self.archief else self.url


class Publicatie(Link):
    """A publication, protocol or plan that part C2 of the guide points to (``data/publicaties.yaml``):
    a link like an intervention's, with who published it and when."""

    id: Slug = Field(
        description='Korte code, kleine letters en koppeltekens; een pagina noemt de publicatie zo: {{ publicatie("scp-weert") }}.',
        examples=["scp-weert"],
    )
    organisatie: str = Field(
        "",
        description="Wie de bron uitgeeft: organisatie, gemeente of auteurs (optioneel).",
        examples=["Gemeente Weert"],
    )
    jaar: Annotated[int, Field(ge=1900, le=2100)] | None = Field(
        None, description="Jaar van uitgave, als de handreiking of de bron het noemt (optioneel).", examples=[2012]
    )


class Intervention(Record):
    SECTION: ClassVar[str] = "praktijkvoorbeelden"  # the folder of the generated pages
    COMPARE_ID: ClassVar[str] = "vergelijk"  # the page that puts chosen examples side by side
    # Pages of SECTION that are no example, by their id (file name) and name: an example with such
    # an id would take their address (the loader says so).
    RESERVED_IDS: ClassVar[dict[str, str]] = {"index": "Praktijkvoorbeelden en instrumenten", COMPARE_ID: "Vergelijken"}

    id: Slug = Field(
        description="Vaste code, ook gebruikt in het webadres van de pagina.", examples=["buurtbemiddeling"]
    )
    naam: Text = Field(description="Naam van de aanpak.", examples=["Buurtbemiddeling"])
    samenvatting: Annotated[str, StringConstraints(min_length=1, max_length=SAMENVATTING_MAX)] = Field(
        description=f"Eén regel (hooguit {SAMENVATTING_MAX} tekens) voor de kaart in het overzicht.",
        examples=["Getrainde vrijwilligers brengen buren in conflict weer met elkaar in gesprek."],
    )
    doel: Text = Field(description="Doel van de aanpak (Markdown).")
    werkwijze: Text = Field(description="Werkwijze van de aanpak (Markdown).")
    toelichting: str = Field("", description="Verdere tekst uit de handreiking (Markdown, optioneel).")
    handelingen: list[Slug] = Field(
        min_length=1,
        description="Handelingen waarbij de aanpak past.",
        json_schema_extra={"vocabulaire": "handelingen"},
        examples=[["preventie", "interventie"]],
    )
    schaal: list[Slug] = Field(
        min_length=1,
        description="Schaalniveau(s).",
        examples=[["directe-leefomgeving"]],
        json_schema_extra={"vocabulaire": "schalen"},
    )
    weerbaarheid: list[Slug] = Field(
        min_length=1,
        description="Individuele en/of collectieve weerbaarheid.",
        json_schema_extra={"vocabulaire": "weerbaarheid"},
        examples=[["individueel"]],
    )
    c1_groepen: list[Slug] = Field(
        default_factory=list,
        description="Groep(en) waaronder deel C1 het voorbeeld noemt (optioneel).",
        json_schema_extra={"vocabulaire": "c1_groepen"},
        examples=[["individueel-directe-leefomgeving"]],
    )
    risicofactoren: list[RiskFactorId] = Field(
        description="Risicofactoren (B1.1 t/m B1.10) die de aanpak aanpakt.",
        json_schema_extra={"vocabulaire": "riskfactors"},
        examples=[["B1.4", "B1.6"]],
    )
    risicofactoren_uit_handreiking: list[RiskFactorId] = Field(
        default_factory=list,
        description="Welke van de risicofactoren de tekst van de handreiking zelf bij de aanpak noemt "
        "(optioneel); de andere zijn de lezing van de redactie, en dan staat risicofactoren in redactioneel.",
        examples=[["B1.1", "B1.4"]],
    )
    betrokkenen: list[Slug] = Field(
        min_length=1,
        description="Betrokken partijen (id's uit partners.yaml).",
        json_schema_extra={"vocabulaire": "partners"},
        examples=[["bewoners", "woningcorporaties"]],
    )
    links: list[Link] = Field(description="Alle webadressen die de handreiking bij de aanpak geeft.")
    bron: Bron = Field(
        description="Deel of delen van de handreiking waar de aanpak staat (bijvoorbeeld C1 of A1.3, B1); "
        f'voor een voorbeeld van buiten de handreiking: "{ADDITION}, JJJJ-MM-DD" (de datum van toevoegen).',
        examples=["C1, B1", f"{ADDITION}, 2026-11-28"],
    )
    voorbeelden: list[Text] = Field(
        default_factory=list, description="Gemeenten die als voorbeeld genoemd worden.", examples=[["Utrecht"]]
    )
    redactioneel: list[str] = Field(
        description="Velden waarvan de waarde een redactionele keuze is "
        "(afgeleid uit de tekst) en niet letterlijk in de handreiking staat.",
        examples=[["handelingen", "risicofactoren"]],
    )

    # How the site names each field to a visitor (record page, comparison, provenance note): no
    # visitor ever reads a field's code such as c1_groepen.
    LABELS: ClassVar[dict[str, str]] = {
        "naam": "Naam",
        "samenvatting": "Samenvatting",
        "doel": "Doel",
        "werkwijze": "Werkwijze",
        "toelichting": "Toelichting",
        "handelingen": "Handelingen",
        "schaal": "Schaal",
        "weerbaarheid": "Weerbaarheid",
        "c1_groepen": "Groep in deel C1",
        "risicofactoren": "Risicofactoren",
        "risicofactoren_uit_handreiking": "Risicofactoren volgens de handreiking",
        "betrokkenen": "Betrokkenen",
        "links": "Meer informatie",
        "bron": "Bron",
        "voorbeelden": "Voorbeelden in de praktijk",
        "redactioneel": "Redactionele keuzes",
    }

    def from_guide(self, riskfactor_id: str) -> bool:
        """Whether the guide's own text links this approach to the risk factor (else it is the
        editors' reading of the text): it is listed in risicofactoren_uit_handreiking, or the
        editors did not mark the risk factors as theirs at all (redactioneel)."""
        return riskfactor_id in self.risicofactoren_uit_handreiking or "risicofactoren" not in self.redactioneel

    @property
    def editorial_labels(self) -> list[str]:
        """The names of the fields the editors derived from the text (redactioneel), as the site
        shows them; the risk factors are told per relation (from_guide), so not here."""
        return [self.LABELS[f] for f in self.redactioneel if f in self.LABELS and f != "risicofactoren"]

    @classmethod
    def src_uri_of(cls, record_id: str) -> str:
        """The generated page of the intervention with this id, as a path under docs/."""
        return f"{cls.SECTION}/{record_id}.md"

    @property
    def src_uri(self) -> str:
        """The generated page, as a path under docs/: ``praktijkvoorbeelden/buurtbemiddeling.md``."""
        return self.src_uri_of(self.id)

    @property
    def url(self) -> str:
        """The page's address on the site: ``praktijkvoorbeelden/buurtbemiddeling/``."""
        return page_url(self.src_uri)

    @property
    def aanvulling(self) -> date | None:
        """The date an example from outside the guide was added by the editors, else None."""
        return date.fromisoformat(self.bron.rsplit(" ", 1)[1]) if self.bron.startswith(ADDITION) else None

    @property
    def bron_label(self) -> str:
        """The source as the site shows it: the guide's part codes, or "Aanvulling redactie, 28 november 2026"."""
        day = self.aanvulling
        return f"{ADDITION.capitalize()}, {dutch_date(day)}" if day else self.bron


class RiskFactor(Record):
    SECTION: ClassVar[str] = "risicofactoren"  # the folder of the generated pages

    id: RiskFactorId = Field(description="Code uit de handreiking, B1.1 tot en met B1.10.", examples=["B1.4"])
    naam: Text = Field(description="Naam van de risicofactor.", examples=["Botsende opvattingen over schoon en heel"])
    beschrijving: Text = Field(description="Volledige tekst uit de handreiking (Markdown).")
    signalen: list[Text] = Field(min_length=1, description="Signalen om op te letten (redactioneel).")
    casussen: list[Slug] = Field(
        description="Casussen uit B1 die de risicofactor illustreren.",
        json_schema_extra={"vocabulaire": "casussen"},
        examples=[["casus-1"]],
    )

    @property
    def slug(self) -> str:
        """URL-safe form of the id: ``B1.10`` becomes ``b1-10``."""
        return self.id.lower().replace(".", "-")

    @property
    def src_uri(self) -> str:
        """The generated page, as a path under docs/: ``risicofactoren/b1-4.md``."""
        return f"{self.SECTION}/{self.slug}.md"

    @property
    def url(self) -> str:
        """The page's address on the site: ``risicofactoren/b1-4/``."""
        return page_url(self.src_uri)


class Instrument(Record):
    interventie: Slug | None = Field(
        None,
        description="Id van een interventie uit interventions.yaml.",
        json_schema_extra={"vocabulaire": "interventions"},
    )
    pagina: str | None = Field(
        None, description="Pagina van deze site (pad onder docs/, eventueel met #anker).", examples=["samos/index.md"]
    )
    url: str | None = Field(None, description="Extern webadres.", json_schema_extra={"pattern": WEB_ADDRESS})
    titel: str | None = Field(None, description="Linktekst; verplicht bij pagina en url.")


class Regie(Record):
    """What the guide says about the lead and coordination in one stage: its own words, and where."""

    citaat: Text = Field(
        description="Woorden uit de handreiking over regie en coördinatie in dit stadium, letterlijk; "
        "weggelaten tekst wordt …; de test zoekt elk deel op de pagina.",
        examples=["Het ligt dan ook in de rede om bij de gemeente een coördinatiefunctie neer te leggen."],
    )
    pagina: Text = Field(
        description="Pagina van deze site met die woorden (pad onder docs/, met #anker).",
        examples=["aanpak/van-proactief-tot-repressie.md#regie"],
    )
    titel: Text = Field(
        description="Kop of vraag boven die passage; de tekst van de link.",
        examples=["Wie heeft de regie binnen een netwerk?"],
    )


class Stage(Record):
    id: Slug = Field(description="Code van het stadium.", examples=["relatieve-rust"])
    naam: Text = Field(description="Naam van het stadium.", examples=["Relatieve rust"])
    intensiteit: Annotated[int, Field(ge=0, le=10)] = Field(description="Hoogte in de golfgrafiek (0 tot en met 10).")
    elementen: list[Text] = Field(min_length=1, description="Elementen van het stadium.")
    handeling: Slug = Field(
        description="Handeling die bij dit stadium hoort.",
        examples=["proactie"],
        json_schema_extra={"vocabulaire": "handelingen"},
    )
    acties: list[Text] = Field(min_length=1, description="Mogelijke acties.")
    code: Text = Field(description="Code van de rij instrumenten in de handreiking.", examples=["A1.1"])
    instrumenten: list[Instrument] = Field(description="Instrumenten uit A1.1 tot en met A1.6.")
    betrokkenen: list[Slug] = Field(
        description="Betrokken partijen in dit stadium.", json_schema_extra={"vocabulaire": "partners"}
    )
    regie: list[Regie] = Field(
        default_factory=list,
        description="Wat de handreiking zegt over regie en coördinatie in dit stadium, met de plek (optioneel).",
    )


class Trigger(Record):
    naam: Text = Field(
        description="Tekst van de markering in de golf (uit de figuur van deel A1).",
        examples=["Incident / Gebeurtenis (trigger)"],
    )
    voor: Slug = Field(
        description="Het stadium waar de markering vlak voor staat.",
        examples=["escalatie"],
        json_schema_extra={"vocabulaire": "stadia"},
    )


class Phases(Record):
    golf: list[Term] = Field(min_length=1, description="De vijf fasen uit de introductie.")
    stadia: list[Stage] = Field(min_length=1, description="De zes stadia van het schema in deel A1.")
    trigger: Trigger | None = Field(
        None, description="De markering van het incident dat de golf doet escaleren (optioneel)."
    )


class Condition(Record):
    id: Slug = Field(description="Korte code van de voorwaarde.", examples=["relatie"])
    naam: Text = Field(
        description="Korte naam voor het schema (redactioneel).", examples=["Gespannen relaties tussen groepen"]
    )
    tekst: Text = Field(description="Tekst uit de handreiking (Markdown).")


class Lesson(Record):
    voorwaarden: list[Slug] = Field(
        min_length=1,
        description="Voorwaarde(n) die de les aanpakt (redactioneel).",
        json_schema_extra={"vocabulaire": "voorwaarden"},
        examples=[["relatie"]],
    )
    tekst: Text = Field(description="Tekst uit de handreiking (Markdown).")


class EscalationModel(Record):
    voorwaarden: list[Condition] = Field(
        min_length=1, description="De noodzakelijke voorwaarden voor grootschalig geweld."
    )
    lessen: list[Lesson] = Field(min_length=1, description="De lessen voor preventie en reactie.")


class ChangeEntry(Record):
    datum: date = Field(description="Datum van de wijziging (JJJJ-MM-DD).", examples=["2026-11-28"])
    titel: Text = Field(
        description="Korte titel van de wijziging.", examples=["Praktijkvoorbeeld Buurtbemiddeling bijgewerkt"]
    )
    beschrijving: str = Field("", description="Wat er veranderd is en waarom (Markdown, optioneel).")
    paginas: list[Text] = Field(
        default_factory=list,
        description="Gewijzigde pagina's (pad onder docs/, optioneel).",
        examples=[["samos/kernteam.md"]],
    )


class SearchOptions(Record):
    exclude: bool = Field(False, description="true: de pagina staat niet in de zoekresultaten.")


class Afdrukdeel(Record):
    """A part of a checklist page that can be printed on its own (one meeting of the kernteam)."""

    naam: Text = Field(description="Naam in de keuze bij Afdrukken.", examples=["1e bijeenkomst"])
    vanaf: Slug = Field(
        description="Anker van de kop (##) waar het deel begint; het loopt tot het volgende deel.",
        examples=["eerste-bijeenkomst"],
    )


class FrontMatter(Record):
    """The block between the ``---`` lines at the top of a page in ``docs/``."""

    title: Text = Field(description="Titel in het menu, de tab en de zoekresultaten.", examples=["Urgentiedilemma"])
    description: Text = Field(description="Eén zin die zegt wat de pagina beantwoordt.")
    code: Text | None = Field(
        None, description="Code van het deel van de handreiking (getoond als label).", examples=["A2"]
    )
    soort: Slug | None = Field(
        None,
        description="Soort pagina (id uit soorten); filter bij zoeken.",
        json_schema_extra={"vocabulaire": "soorten"},
        examples=["vraag-en-antwoord"],
    )
    render_macros: bool = Field(False, description="true: de pagina gebruikt macro's ({{ ... }}) van de site.")
    scripts: list[Text] = Field(
        default_factory=list, description="Scripts uit overrides/assets/javascripts/.", examples=[["filter.js"]]
    )
    hide: list[Literal["navigation", "toc", "footer", "path", "tags", "feedback"]] = Field(
        default_factory=list, description="Delen van het thema die de pagina verbergt.", examples=[["toc"]]
    )
    search: SearchOptions | None = Field(None, description="Zoekinstellingen (exclude: true).")
    zoekroute: bool = Field(
        False,
        description="true: een route bij een incident (zoals Er is iets gebeurd); zoeken zet de pagina hoger "
        "wanneer iemand woorden uit data/zoekwoorden.yaml typt.",
    )
    vergadering: bool = Field(
        False,
        description="true: de checklist krijgt een blok Vergadering (datum, aanleiding, "
        "aanwezigen, besluiten), alleen in deze browser bewaard.",
    )
    afdrukdelen: list[Afdrukdeel] = Field(
        default_factory=list,
        description="Delen van de checklist die ook los af te drukken zijn (bijvoorbeeld per vergadering).",
    )


class Ingang(Record):
    """One entry point of the "Direct naar" block (home page and the page-not-found page)."""

    pagina: Text = Field(
        description="Pagina van deze site (pad onder docs/, eventueel met #anker).", examples=["aanpak/fasewijzer.md"]
    )
    titel: Text = Field(
        description="Kop of vraag uit de handreiking; de tekst van de link.", examples=["Wat doe je eraan?"]
    )
    tekst: str = Field(
        "",
        description="Korte zin uit de handreiking onder de titel (optioneel).",
        examples=["Welke handelingsperspectieven passen bij welke fasen?"],
    )
    code: str = Field("", description="Code van het deel van de handreiking (optioneel).", examples=["A1"])


class Zoekwoord(Record):
    """An entry of the search's word list (``data/zoekwoorden.yaml``): words people type and the
    guide's words that search also looks for. The build checks that each guide word is in the
    search index (:func:`handreiking.searchwords.check_word_list`)."""

    woorden: list[Annotated[str, StringConstraints(pattern=SEARCH_WORD)]] = Field(
        min_length=1,
        description="Woorden die mensen typen (kleine letters, één woord per waarde).",
        examples=[["vechtpartij", "vechtpartijen"]],
    )
    ook: list[Annotated[str, StringConstraints(pattern=GUIDE_WORDS)]] = Field(
        min_length=1,
        description="Woorden van de handreiking waarnaar zoeken ook zoekt; elk woord moet in de zoekindex staan.",
        examples=[["incident", "confrontatie"]],
    )


class Citaat(Record):
    """A passage of the guide that the incident route quotes word for word, with where it stands."""

    tekst: Text = Field(
        description="Letterlijke tekst uit de handreiking, zoals die op de pagina staat (zonder opmaak).",
        examples=["Ieder lid van het kernteam kan het initiatief nemen om deze groep bijeen te roepen."],
    )
    pagina: Text = Field(
        description="Pagina en anker van de kop waaronder de tekst staat (pad onder docs/ met #anker).",
        examples=["samos/werkprotocol-kernteam.md#kernteam-bijeen"],
    )


class Verwijzing(Record):
    """A link to where the guide says more ("Meer in de handreiking")."""

    pagina: Text = Field(
        description="Pagina van deze site (pad onder docs/, eventueel met #anker).", examples=["samos/kernteam.md"]
    )
    titel: Text = Field(description="Kop of vraag uit de handreiking; de tekst van de link.")


class Stap(Record):
    """One numbered step of the incident route (``data/incident-route.yaml``)."""

    id: Slug = Field(description="Vaste code van de stap, ook het anker op de pagina.", examples=["kernteam"])
    titel: Text = Field(description="Korte kop met woorden uit de handreiking.", examples=["Kernteam bijeen"])
    doen: Text = Field(
        description="Wat te doen: letterlijk of dicht bij de tekst van de handreiking samengevat (Markdown)."
    )
    citaten: list[Citaat] = Field(
        default_factory=list, description="Passages die de stap letterlijk citeert, elk met pagina en anker."
    )
    stadia: list[Slug] = Field(
        default_factory=list,
        description="Stadia uit data/phases.yaml waarvan de stap de mogelijke acties toont (optioneel).",
        json_schema_extra={"vocabulaire": "stadia"},
        examples=[["escalatie"]],
    )
    lessen: list[int] = Field(
        default_factory=list,
        description="Nummers van de lessen uit data/escalatiemodel.yaml die de stap toont (optioneel).",
        examples=[[3, 4, 5]],
    )
    meer: list[Verwijzing] = Field(min_length=1, description="Waar de handreiking er meer over zegt.")


class IncidentRoute(Record):
    """The route for someone in the middle of an incident: numbered steps that arrange and quote the
    guide (``data/incident-route.yaml``), shown on its own page and first on the home page."""

    SRC_URI: ClassVar[str] = "er-is-iets-gebeurd.md"  # the page that shows the route

    titel: Text = Field(
        description="Tekst van de ingang bovenaan de voorpagina en op de pagina Niet gevonden.",
        examples=["Er is iets gebeurd: wat nu?"],
    )
    tekst: str = Field("", description="Korte zin onder de titel van de ingang (optioneel).")
    stappen: list[Stap] = Field(min_length=1, description="De stappen, in volgorde.")

    @property
    def src_uri(self) -> str:
        return self.SRC_URI

    @property
    def url(self) -> str:
        """The page's address on the site: ``er-is-iets-gebeurd/``."""
        return page_url(self.SRC_URI)


class Doorverwijzing(Record):
    """An old address that leads to a page (``data/doorverwijzingen.yaml``): a moved page, or a short
    address by the guide's section code (``/a2/``). Read by :func:`handreiking.loader.load_redirects`."""

    oud: Text = Field(
        description="Oud adres: pad onder docs/ dat geen pagina (meer) is, eindigend op .md; a2.md wordt /a2/.",
        examples=["a2.md"],
    )
    nieuw: Text = Field(
        description="Pagina waar het oude adres heen leidt (pad onder docs/, eventueel met #anker).",
        examples=["samos/index.md"],
    )


def vocabulary_of(model: type[BaseModel], field: str) -> str | None:
    """The vocabulary (a KnowledgeBase collection) whose ids a field must use, if any."""
    extra = model.model_fields[field].json_schema_extra
    return extra.get("vocabulaire") if isinstance(extra, dict) else None  # type: ignore[return-value]


# --------------------------------------------------------------------------- collections


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=_HasId)


class Rows(Generic[T]):
    """An ordered, id-indexed collection of records."""

    def __init__(self, items: list[T]):
        self._items = list(items)
        self._by_id = {item.id: item for item in self._items}

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, key: str) -> T:
        return self._by_id[key]

    def __contains__(self, key: object) -> bool:
        return key in self._by_id

    def get(self, key: str) -> T | None:
        return self._by_id.get(key)

    @property
    def ids(self) -> list[str]:
        return list(self._by_id)

    def filtered(self, predicate: Callable[[T], bool]) -> Rows[T]:
        return Rows([item for item in self._items if predicate(item)])


class KnowledgeBase:
    """The validated knowledge base. Relations are stored once (on the interventions) and
    derived here in both directions, computed once at load time."""

    def __init__(
        self,
        *,
        vocab: Vocabularies,
        partners: list[Term],
        interventions: list[Intervention],
        riskfactors: list[RiskFactor],
        phases: Phases,
        changelog: list[ChangeEntry] | None = None,
        escalation: EscalationModel | None = None,
        direct_naar: list[Ingang] | None = None,
        zoekwoorden: list[Zoekwoord] | None = None,
        publicaties: list[Publicatie] | None = None,
        incident_route: IncidentRoute | None = None,
        data_dir: Path | None = None,
    ):
        self.vocab = vocab
        self.data_dir = data_dir  # where the national data files were read from
        self.handelingen: Rows[Term] = Rows(vocab.handelingen)
        self.schalen: Rows[Term] = Rows(vocab.schalen)
        self.weerbaarheid: Rows[Term] = Rows(vocab.weerbaarheid)
        self.c1_groepen: Rows[C1Group] = Rows(vocab.c1_groepen)
        self.casussen: Rows[Case] = Rows(vocab.casussen)
        self.soorten: Rows[Term] = Rows(vocab.soorten)
        self.filter_groups: Rows[FilterGroup] = Rows(vocab.filtergroepen)  # the overview's filters
        self.risk_factor_choice = vocab.risicofactorkeuze  # the risk-factor selector
        self.partners: Rows[Term] = Rows(partners)
        self.interventions: Rows[Intervention] = Rows(interventions)
        self.riskfactors: Rows[RiskFactor] = Rows(riskfactors)
        self.phases = phases
        self.changelog = sorted(changelog or [], key=lambda e: e.datum, reverse=True)
        self.escalation = escalation
        self.direct_naar: list[Ingang] = list(direct_naar or [])
        self.zoekwoorden: list[Zoekwoord] = list(zoekwoorden or [])  # the search's word list
        self.publicaties: Rows[Publicatie] = Rows(publicaties or [])  # the publications and plans of part C2
        self.incident_route = incident_route
        self.voorwaarden: Rows[Condition] = Rows(escalation.voorwaarden if escalation else [])
        self.stadia: Rows[Stage] = Rows(phases.stadia)
        self._by_riskfactor: dict[str, list[Intervention]] = {rf.id: [] for rf in riskfactors}
        self._by_handeling: dict[str, list[Intervention]] = {h.id: [] for h in vocab.handelingen}
        for item in interventions:
            for rf in item.risicofactoren:
                self._by_riskfactor[rf].append(item)
            for h in item.handelingen:
                self._by_handeling[h].append(item)

    def source(self, record: Record, field: str | None = None) -> tuple[str, int]:
        """The data file and line where an editor finds this record, or one of its fields."""
        return record.origin.path, record.origin.line_of(field)

    @property
    def lines(self) -> dict[tuple[str, ...], int]:
        """The search word list's lines, from its records' origins: (file, index) -> the line of the
        entry's words, (file, index, j) -> the line of its j-th other word (``ook``)."""
        lines: dict[tuple[str, ...], int] = {}
        counts: dict[str, int] = {}
        for entry in self.zoekwoorden:
            origin = entry.origin
            index = counts[origin.path] = counts.get(origin.path, -1) + 1
            lines[(origin.path, str(index))] = origin.line_of("woorden")
            for j, _ in enumerate(entry.ook):
                lines[(origin.path, str(index), str(j))] = origin.line_of(f"ook[{j + 1}]")
        return lines

    def vocabulary(self, name: str) -> Rows:
        """One vocabulary by its name (``kb.vocabulary("partners")``), as fields declare it."""
        return getattr(self, name)

    def names(self, vocabulary: str, ids: list[str]) -> list[str]:
        """Display names for ids of one vocabulary (``kb.names("partners", ["ggd"])``)."""
        rows = self.vocabulary(vocabulary)
        return [rows[i].naam for i in ids]

    def interventions_for_riskfactor(self, riskfactor_id: str) -> list[Intervention]:
        return list(self._by_riskfactor.get(riskfactor_id, []))

    def interventions_for_handeling(self, handeling_id: str) -> list[Intervention]:
        return list(self._by_handeling.get(handeling_id, []))

    def related(self, intervention: Intervention, limit: int = 5, scan: int = 60) -> list[Intervention]:
        """Interventions sharing the most risk factors (weight 2) and handelingen (weight 1) with
        this one. Only the first ``scan`` interventions per shared risk factor or handeling are
        scored, so a build stays linear in the number of interventions."""
        scores: dict[str, int] = {}
        for weight, index, keys in (
            (2, self._by_riskfactor, intervention.risicofactoren),
            (1, self._by_handeling, intervention.handelingen),
        ):
            for key in keys:
                for other in index.get(key, [])[:scan]:
                    if other.id != intervention.id:
                        scores[other.id] = scores.get(other.id, 0) + weight
        ranked = sorted(scores, key=lambda i: (-scores[i], self.interventions[i].naam))
        return [self.interventions[i] for i in ranked[:limit]]
