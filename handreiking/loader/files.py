"""The names of the data files, once: which model each holds, and what it must hold (for messages)."""

from __future__ import annotations

from pydantic import BaseModel

from ..model import (
    ChangeEntry,
    EscalationModel,
    IncidentRoute,
    Ingang,
    Intervention,
    Phases,
    Publicatie,
    RiskFactor,
    Term,
    Vocabularies,
    Zoekwoord,
)

VOCABULARIES = "vocabularies.yaml"
PARTNERS = "partners.yaml"
RISKFACTORS = "riskfactors.yaml"
INTERVENTIONS = "interventions.yaml"
PHASES = "phases.yaml"
CHANGELOG = "changelog.yaml"
ESCALATION = "escalatiemodel.yaml"
DIRECT_NAAR = "direct-naar.yaml"
SEARCH_WORDS = "zoekwoorden.yaml"
PUBLICATIONS = "publicaties.yaml"
INCIDENT_ROUTE = "incident-route.yaml"
REDIRECTS_FILE = "doorverwijzingen.yaml"  # read apart, with the pages of the site (redirects.py)

FILES: dict[str, tuple[type[BaseModel], bool]] = {
    VOCABULARIES: (Vocabularies, False),
    PARTNERS: (Term, True),
    RISKFACTORS: (RiskFactor, True),
    INTERVENTIONS: (Intervention, True),
    PHASES: (Phases, False),
    CHANGELOG: (ChangeEntry, True),
    ESCALATION: (EscalationModel, False),
    DIRECT_NAAR: (Ingang, True),
    SEARCH_WORDS: (Zoekwoord, True),
    PUBLICATIONS: (Publicatie, True),
    INCIDENT_ROUTE: (IncidentRoute, False),
}

WHAT_FILE_HOLDS = {
    VOCABULARIES: "een blok met de lijsten handelingen, schalen, weerbaarheid, c1_groepen, casussen en soorten",
    PARTNERS: "een lijst van partners (regels die beginnen met '- id: ...')",
    RISKFACTORS: "een lijst van risicofactoren (regels die beginnen met '- id: ...')",
    INTERVENTIONS: "een lijst van interventies (regels die beginnen met '- id: ...')",
    PHASES: "een blok met de lijsten golf en stadia",
    CHANGELOG: "een lijst van wijzigingen (regels die beginnen met '- datum: ...')",
    ESCALATION: "een blok met de lijsten voorwaarden en lessen",
    DIRECT_NAAR: "een lijst van ingangen (regels die beginnen met '- pagina: ...')",
    SEARCH_WORDS: "een lijst van zoekwoorden (regels die beginnen met '- woorden: ...')",
    PUBLICATIONS: "een lijst van publicaties en plannen (regels die beginnen met '- id: ...')",
    INCIDENT_ROUTE: "een blok met titel en de lijst stappen",
    REDIRECTS_FILE: "een lijst van doorverwijzingen (regels die beginnen met '- oud: ...')",
    # an edition's files (handreiking/edition.py)
    "editie.yaml": "een blok met de naam van de editie, haar contact en haar plekken",
    "kernteam.yaml": "een blok met de lijst rollen van het kernteam",
    "samos.yaml": "een blok met de lijsten kernteam, escalatie en partners",
}
# The "Direct naar" entries all fit on the first screen of a phone (390 x 844 CSS pixels).
MAX_DIRECT_NAAR = 6
