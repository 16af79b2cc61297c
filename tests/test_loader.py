"""Layer 1: the validator. The real data loads; each kind of editor mistake gives exactly the
Dutch message, with file, line, entry and field, and all problems are reported at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from handreiking.loader import KnowledgeBaseError, validate
from handreiking.paths import DATA_DIR, DOCS_DIR
from tests.conftest import run_cli

HANDELINGEN = "proactie, signalering, preventie, interventie, repressie, nazorg"

# (case, file, text to replace, replacement, the exact message line)
BROKEN = [
    (
        "syntax error",
        "partners.yaml",
        "- id: wijk-en-buurtwerk\n  naam: Wijk- en buurtwerk",
        "- id: wijk-en-buurtwerk\n  naam: [Wijk- en buurtwerk",
        "data/partners.yaml:4: de YAML is ongeldig (kolom 9): een lijst tussen [ en ] is niet goed gesloten. "
        "Controleer inspringing (spaties, geen tabs), dubbele punten en aanhalingstekens.",
    ),
    (
        "colon in text",
        "interventions.yaml",
        "  bron: C1\n",
        "  bron: C1: portiek\n",
        "data/interventions.yaml:18: de YAML is ongeldig (kolom 11): een dubbele punt staat op een plek waar dat "
        "niet mag (zet tekst met een dubbele punt tussen aanhalingstekens). Controleer inspringing (spaties, geen "
        "tabs), dubbele punten en aanhalingstekens.",
    ),
    (
        "missing field",
        "interventions.yaml",
        "  doel: |\n    Buren in conflict weer met elkaar in gesprek brengen.\n",
        "",
        "data/interventions.yaml:2: buurtbemiddeling: doel: verplicht veld ontbreekt",
    ),
    (
        "unknown value",
        "interventions.yaml",
        "handelingen: [preventie]",
        "handelingen: [preventei]",
        f'data/interventions.yaml:9: buurtbemiddeling: handelingen: onbekende handeling "preventei"; kies uit: {HANDELINGEN}'
        '; bedoelt u "preventie"?',
    ),
    (
        "duplicate id",
        "interventions.yaml",
        "- id: top600",
        "- id: buurtbemiddeling",
        'data/interventions.yaml:20: buurtbemiddeling: id: dubbele id "buurtbemiddeling"; dezelfde id staat al op '
        "regel 2; elke id moet uniek zijn",
    ),
    (
        "id of the compare page",
        "interventions.yaml",
        "- id: buurtbemiddeling",
        "- id: vergelijk",
        'data/interventions.yaml:2: vergelijk: deze id is gereserveerd voor de pagina "Vergelijken"; kies een andere id',
    ),
    (
        "dangling risk factor",
        "interventions.yaml",
        "risicofactoren: [B1.4]",
        "risicofactoren: [B1.7]",
        'data/interventions.yaml:13: buurtbemiddeling: risicofactoren: onbekende risicofactor "B1.7"; kies uit: B1.1, B1.4',
    ),
    (
        "dangling partner",
        "interventions.yaml",
        "betrokkenen: [politie, gemeente]",
        "betrokkenen: [politie, buurtvader]",
        'data/interventions.yaml:31: top600: betrokkenen: onbekende partner "buurtvader"; kies uit: wijk-en-buurtwerk, '
        "jongerenwerk, welzijnswerk, onderwijs, sociale-wijkteams, jeugdzorg, hulpverlening, ggz, ggd, "
        "woningcorporaties, bewonersorganisaties, bewoners, zelforganisaties, ondernemers, politie, wijkagent, "
        "openbaar-ministerie, gemeente, burgemeester, media",
    ),
    (
        "dangling phase instrument",
        "phases.yaml",
        "      - interventie: top600",
        "      - interventie: top-600",
        'data/phases.yaml:25: escalatie: instrumenten[1].interventie: onbekende interventie "top-600"; gebruik een id '
        "uit data/interventions.yaml",
    ),
    (
        "trigger before an unknown stage",
        "phases.yaml",
        "stadia:\n",
        "trigger:\n  naam: Incident / Gebeurtenis (trigger)\n  voor: escalatei\nstadia:\n",
        'data/phases.yaml:6: trigger: voor: onbekend stadium "escalatei"; kies uit: relatieve-rust, escalatie; '
        'bedoelt u "escalatie"?',
    ),
    (
        "wrong type",
        "interventions.yaml",
        "betrokkenen: [politie, gemeente]",
        "betrokkenen: politie",
        "data/interventions.yaml:31: top600: betrokkenen: moet een lijst zijn, bijvoorbeeld [a, b], niet tekst",
    ),
    (
        "wrong number",
        "phases.yaml",
        "intensiteit: 9",
        "intensiteit: hoog",
        "data/phases.yaml:19: escalatie: intensiteit: moet een geheel getal zijn, niet tekst",
    ),
    (
        "empty file",
        "riskfactors.yaml",
        None,
        "",
        "data/riskfactors.yaml:1: het bestand is leeg; het moet een lijst van risicofactoren (regels die beginnen "
        "met '- id: ...') bevatten",
    ),
    (
        "unknown field",
        "interventions.yaml",
        "  bron: A1.5\n",
        "  bron: A1.5\n  fase: escalatie\n",
        'data/interventions.yaml:34: top600: fase: onbekend veld "fase"; toegestane velden: id, naam, samenvatting, '
        "doel, werkwijze, toelichting, handelingen, schaal, weerbaarheid, c1_groepen, risicofactoren, "
        "risicofactoren_uit_handreiking, betrokkenen, "
        "links, bron, voorbeelden, redactioneel",
    ),
    (
        "javascript: URL",
        "interventions.yaml",
        "url: http://www.buurtbemiddeling.org",
        "url: javascript:alert(1)",
        'data/interventions.yaml:16: buurtbemiddeling: links[1].url: "javascript:alert(1)" is geen geldig webadres; '
        "alleen adressen die beginnen met http:// of https:// (zonder spaties) zijn toegestaan",
    ),
    (
        "bad slug",
        "interventions.yaml",
        "- id: top600",
        "- id: Top 600",
        'data/interventions.yaml:20: Top 600: id: "Top 600" is geen geldige code; gebruik alleen kleine letters, '
        'cijfers en koppeltekens (bijvoorbeeld "buurt-bestuurt")',
    ),
    (
        "dead link without archive",
        "interventions.yaml",
        "      titel: Landelijke website Buurtbemiddeling\n",
        "      titel: Landelijke website Buurtbemiddeling\n      dood: true\n",
        "data/interventions.yaml:18: buurtbemiddeling: links[1].dood: een link die als dood is gemarkeerd heeft een "
        "archief-adres nodig (veld archief)",
    ),
    (
        "C1 group without its scale",
        "interventions.yaml",
        "schaal: [directe-leefomgeving]",
        "schaal: [wijk]",
        'data/interventions.yaml:12: buurtbemiddeling: c1_groepen: groep "individueel-directe-leefomgeving" hoort bij '
        'schaal "directe-leefomgeving"; zet "directe-leefomgeving" ook bij schaal',
    ),
    (
        "not a list",
        "partners.yaml",
        None,
        "id: politie\nnaam: Politie\n",
        "data/partners.yaml:1: het bestand bevat een blok met velden; het moet een lijst van partners (regels die "
        "beginnen met '- id: ...') bevatten",
    ),
    # the summary on a card: one limit, the model's (handreiking.model.SAMENVATTING_MAX)
    (
        "summary too long",
        "interventions.yaml",
        "samenvatting: Persoonsgerichte aanpak van de meest criminele jongeren in Amsterdam.",
        "samenvatting: " + "Persoonsgerichte aanpak. " * 6 + "Amsterdam, 2016, met zorg en straf.",
        "data/interventions.yaml:22: top600: samenvatting: is te lang (185 tekens); hooguit 160 tekens",
    ),
    # bron: parts of the guide, or an example the editors added, with its date
    (
        "source that is no part of the guide",
        "interventions.yaml",
        "  bron: A1.5\n",
        "  bron: website gemeente\n",
        'data/interventions.yaml:33: top600: bron: "website gemeente" is geen deel van de handreiking en geen '
        'aanvulling van de redactie; schrijf de code(s) van de handreiking, bijvoorbeeld "C1, B1", of "aanvulling '
        'redactie, JJJJ-MM-DD", bijvoorbeeld "aanvulling redactie, 2026-11-28"',
    ),
    (
        "addition without a date",
        "interventions.yaml",
        "  bron: A1.5\n",
        "  bron: aanvulling redactie\n",
        'data/interventions.yaml:33: top600: bron: "aanvulling redactie" is geen deel van de handreiking en geen '
        'aanvulling van de redactie; schrijf de code(s) van de handreiking, bijvoorbeeld "C1, B1", of "aanvulling '
        'redactie, JJJJ-MM-DD", bijvoorbeeld "aanvulling redactie, 2026-11-28"',
    ),
    (
        "addition on an impossible date",
        "interventions.yaml",
        "  bron: A1.5\n",
        "  bron: aanvulling redactie, 2026-02-30\n",
        'data/interventions.yaml:33: top600: bron: "2026-02-30" is geen bestaande datum; controleer maand en dag '
        "(gebruik JJJJ-MM-DD, bijvoorbeeld 2026-11-28)",
    ),
    (
        "web address without http",
        "interventions.yaml",
        "url: http://www.buurtbemiddeling.org",
        "url: www.buurtbemiddeling.org",
        'data/interventions.yaml:16: buurtbemiddeling: links[1].url: "www.buurtbemiddeling.org" is geen geldig '
        "webadres; alleen adressen die beginnen met http:// of https:// (zonder spaties) zijn toegestaan",
    ),
    # dates: YAML would make a date of 2026-02-30 (and fail); pydantic reads the text instead
    (
        "impossible month",
        "changelog.yaml",
        "datum: 2026-01-02",
        "datum: 2026-13-01",
        'data/changelog.yaml:1: item 1: datum: "2026-13-01" is geen bestaande datum; controleer maand en dag '
        "(gebruik JJJJ-MM-DD, bijvoorbeeld 2026-11-28)",
    ),
    (
        "impossible day",
        "changelog.yaml",
        "datum: 2026-01-02",
        "datum: 2026-02-30",
        'data/changelog.yaml:1: item 1: datum: "2026-02-30" is geen bestaande datum; controleer maand en dag '
        "(gebruik JJJJ-MM-DD, bijvoorbeeld 2026-11-28)",
    ),
    (
        "date day first",
        "changelog.yaml",
        "datum: 2026-01-02",
        "datum: 28-11-2026",
        'data/changelog.yaml:1: item 1: datum: "28-11-2026" is geen geldige datum; gebruik JJJJ-MM-DD, '
        "bijvoorbeeld 2026-11-28",
    ),
    (
        "date without leading zeros",
        "changelog.yaml",
        "datum: 2026-01-02",
        "datum: 2026-1-5",
        'data/changelog.yaml:1: item 1: datum: "2026-1-5" is geen geldige datum; gebruik JJJJ-MM-DD, '
        "bijvoorbeeld 2026-11-28",
    ),
    (
        "date as a word",
        "changelog.yaml",
        "datum: 2026-01-02",
        "datum: morgen",
        'data/changelog.yaml:1: item 1: datum: "morgen" is geen geldige datum; gebruik JJJJ-MM-DD, '
        "bijvoorbeeld 2026-11-28",
    ),
    (
        "date with a time",
        "changelog.yaml",
        "datum: 2026-01-02",
        "datum: 2026-11-28T10:00",
        'data/changelog.yaml:1: item 1: datum: "2026-11-28T10:00" is geen geldige datum; gebruik JJJJ-MM-DD, '
        "bijvoorbeeld 2026-11-28",
    ),
    (
        "date as a number",
        "changelog.yaml",
        "datum: 2026-01-02",
        "datum: 20261128",
        'data/changelog.yaml:1: item 1: datum: "20261128" is geen geldige datum; gebruik JJJJ-MM-DD, '
        "bijvoorbeeld 2026-11-28",
    ),
    (
        "empty date",
        "changelog.yaml",
        "datum: 2026-01-02",
        "datum:",
        "data/changelog.yaml:1: item 1: datum: mag niet leeg zijn; gebruik JJJJ-MM-DD, bijvoorbeeld 2026-11-28",
    ),
    (
        "field name that YAML reads as a number",
        "interventions.yaml",
        "  bron: A1.5\n",
        "  bron: A1.5\n  2016: ja\n",
        'data/interventions.yaml:34: top600: 2016: onbekend veld "2016"; toegestane velden: id, naam, samenvatting, '
        "doel, werkwijze, toelichting, handelingen, schaal, weerbaarheid, c1_groepen, risicofactoren, "
        "risicofactoren_uit_handreiking, betrokkenen, "
        "links, bron, voorbeelden, redactioneel",
    ),
    # text that YAML reads as a number, yes/no, null, a block or a list: quote what the editor typed
    (
        "number in a text field",
        "partners.yaml",
        "naam: Politie",
        "naam: 2016",
        "data/partners.yaml:32: politie: naam: moet tekst zijn, niet een geheel getal; zet de waarde tussen aanhalingstekens: "
        '"2016"',
    ),
    (
        "time in a text field",
        "partners.yaml",
        "naam: Politie",
        "naam: 12:30",
        "data/partners.yaml:32: politie: naam: moet tekst zijn, niet een geheel getal; zet de waarde tussen aanhalingstekens: "
        '"12:30"',
    ),
    (
        "yes/no in a text field",
        "partners.yaml",
        "naam: Politie",
        "naam: No",
        "data/partners.yaml:32: politie: naam: moet tekst zijn, niet true of false; zet de waarde tussen "
        'aanhalingstekens: "No"',
    ),
    (
        "null in a text field",
        "partners.yaml",
        "naam: Politie",
        "naam: null",
        "data/partners.yaml:32: politie: naam: moet tekst zijn, niet leeg; zet de waarde tussen aanhalingstekens: "
        '"null"',
    ),
    (
        "number in a list of text",
        "interventions.yaml",
        "  bron: C1\n",
        "  bron: C1\n  voorbeelden: [Utrecht, 2016]\n",
        "data/interventions.yaml:19: buurtbemiddeling: voorbeelden[2]: moet tekst zijn, niet een geheel getal; zet de waarde "
        'tussen aanhalingstekens: "2016"',
    ),
    (
        "yes/no in a list of text",
        "riskfactors.yaml",
        "    - Klachten over vuil\n",
        "    - Klachten over vuil\n    - On\n",
        "data/riskfactors.yaml:14: B1.4: signalen[2]: moet tekst zijn, niet true of false; zet de waarde tussen "
        'aanhalingstekens: "On"',
    ),
    (
        "number as id",
        "interventions.yaml",
        "- id: top600",
        "- id: 12",
        "data/interventions.yaml:20: 12: id: moet tekst zijn, niet een geheel getal; zet de waarde tussen aanhalingstekens: "
        '"12"',
    ),
    (
        "template braces",
        "partners.yaml",
        "naam: Politie",
        "naam: {{ titel }}",
        "data/partners.yaml:32: naam: YAML leest een waarde die begint met { als een blok met velden; zet de tekst "
        'tussen aanhalingstekens: "{{ titel }}"',
    ),
    (
        "template braces in a list",
        "interventions.yaml",
        "  bron: C1\n",
        "  bron: C1\n  voorbeelden: [Utrecht, {{ stad }}]\n",
        "data/interventions.yaml:19: voorbeelden[2]: YAML leest een waarde die begint met { als een blok met velden; "
        'zet de tekst tussen aanhalingstekens: "{{ stad }}"',
    ),
    (
        "template braces with more text",
        "partners.yaml",
        "naam: Politie",
        "naam: {{ titel }} en meer",
        "data/partners.yaml:32: de YAML is ongeldig: YAML leest een waarde die begint met { als een blok met velden, "
        'en na de } mag niets meer staan; is het tekst, zet die dan tussen aanhalingstekens: naam: "{{ titel }} en meer"',
    ),
    (
        "apostrophe in single quotes",
        "partners.yaml",
        "naam: Politie",
        "naam: 'Auto's in de wijk'",
        "data/partners.yaml:32: de YAML is ongeldig: YAML leest het tweede ' als het einde van de tekst, maar daarna "
        'staat nog tekst; zet de hele tekst tussen andere aanhalingstekens: naam: "Auto\'s in de wijk"',
    ),
    (
        "text after quotes",
        "partners.yaml",
        "naam: Politie",
        'naam: "Politie" en meer',
        'data/partners.yaml:32: de YAML is ongeldig: YAML leest het tweede " als het einde van de tekst, maar daarna '
        "staat nog tekst; zet de hele tekst tussen andere aanhalingstekens: naam: '\"Politie\" en meer'",
    ),
    (
        "braces",
        "partners.yaml",
        "naam: Politie",
        "naam: {Buurt}",
        "data/partners.yaml:32: politie: naam: moet tekst zijn, maar YAML leest een waarde die begint met { als een "
        'blok met velden; zet de tekst tussen aanhalingstekens: "{Buurt}"',
    ),
    (
        "brackets",
        "partners.yaml",
        "naam: Politie",
        "naam: [Buurt]",
        "data/partners.yaml:32: politie: naam: moet tekst zijn, maar YAML leest een waarde die begint met [ als een "
        'lijst; zet de tekst tussen aanhalingstekens: "[Buurt]"',
    ),
    (
        "fraction for a whole number",
        "phases.yaml",
        "intensiteit: 9",
        "intensiteit: 9.5",
        "data/phases.yaml:19: escalatie: intensiteit: moet een geheel getal zijn, niet 9.5",
    ),
    (
        "empty true/false",
        "interventions.yaml",
        "      titel: Landelijke website Buurtbemiddeling\n",
        "      titel: Landelijke website Buurtbemiddeling\n      dood:\n",
        "data/interventions.yaml:18: buurtbemiddeling: links[1].dood: moet true of false zijn, niet leeg",
    ),
    # YAML syntax: Dutch for every message, on the line where the editor has to look
    (
        "key without colon",
        "partners.yaml",
        "  naam: Politie",
        "  naam Politie",
        "data/partners.yaml:32: de YAML is ongeldig (kolom 3): er ontbreekt een dubbele punt na een veldnaam. "
        "Controleer inspringing (spaties, geen tabs), dubbele punten en aanhalingstekens.",
    ),
    (
        "tab",
        "partners.yaml",
        "- id: politie\n  naam: Politie",
        "- id: politie\n\tnaam: Politie",
        "data/partners.yaml:32: de YAML is ongeldig (kolom 1): er staat een tab; gebruik spaties om in te springen. "
        "Controleer inspringing (spaties, geen tabs), dubbele punten en aanhalingstekens.",
    ),
    (
        "control character",
        "interventions.yaml",
        "  naam: Buurtbemiddeling",
        "  naam: Buurt\x0bbemiddeling",
        "data/interventions.yaml:3: onzichtbaar stuurteken (#x000b) in de tekst, vaak meegekomen bij kopiëren en "
        "plakken; typ de regel opnieuw",
    ),
    (
        "Markdown bold at the start",
        "interventions.yaml",
        "  doel: |\n    Buren in conflict",
        "  doel: *Belangrijk*: buren\n  toelichting: |\n    Buren in conflict",
        "data/interventions.yaml:5: de YAML is ongeldig (kolom 9): een waarde die begint met * heeft in YAML een "
        "speciale betekenis; zet de tekst tussen aanhalingstekens. Controleer inspringing (spaties, geen tabs), "
        "dubbele punten en aanhalingstekens.",
    ),
    (
        "at sign at the start",
        "partners.yaml",
        "naam: Politie",
        "naam: @politie",
        "data/partners.yaml:32: de YAML is ongeldig (kolom 9): een waarde die begint met @ heeft in YAML een "
        "speciale betekenis; zet de tekst tussen aanhalingstekens. Controleer inspringing (spaties, geen tabs), "
        "dubbele punten en aanhalingstekens.",
    ),
    (
        "text after |",
        "partners.yaml",
        "naam: Politie",
        "naam: | Politie",
        "data/partners.yaml:32: de YAML is ongeldig (kolom 9): na | of > mag op dezelfde regel geen tekst staan; "
        "begin de tekst op de volgende regel, verder ingesprongen. Controleer inspringing (spaties, geen tabs), "
        "dubbele punten en aanhalingstekens.",
    ),
    (
        "second document",
        "partners.yaml",
        "- id: media",
        "---\n- id: media",
        "data/partners.yaml:41: de YAML is ongeldig (kolom 1): een regel met --- begint een tweede document; haal "
        "die regel weg. Controleer inspringing (spaties, geen tabs), dubbele punten en aanhalingstekens.",
    ),
    (
        "duplicate key",
        "interventions.yaml",
        "  bron: A1.5\n",
        "  bron: A1.5\n  bron: A1.6\n",
        'data/interventions.yaml:34: bron: dubbel veld; "bron" staat ook op regel 33 in hetzelfde blok',
    ),
    (
        "empty id",
        "partners.yaml",
        "- id: woningcorporaties",
        "- id:",
        "data/partners.yaml:21: item 10: id: moet tekst zijn, niet leeg",
    ),
    (
        "empty id, its references",
        "partners.yaml",
        "- id: woningcorporaties",
        "- id:",
        'data/interventions.yaml:14: buurtbemiddeling: betrokkenen: onbekende partner "woningcorporaties"; kies uit: '
        "wijk-en-buurtwerk, jongerenwerk, welzijnswerk, onderwijs, sociale-wijkteams, jeugdzorg, hulpverlening, ggz, "
        "ggd, bewonersorganisaties, bewoners, zelforganisaties, ondernemers, politie, wijkagent, openbaar-ministerie, "
        "gemeente, burgemeester, media",
    ),
    (
        "yes as id",
        "partners.yaml",
        "- id: bewoners\n",
        "- id: yes\n",
        "data/partners.yaml:25: item 12: id: moet tekst zijn, niet true of false; zet de waarde tussen "
        'aanhalingstekens: "yes"',
    ),
    (
        "empty list item",
        "interventions.yaml",
        "- id: top600",
        "-\n- id: top600",
        "data/interventions.yaml:20: item 2: moet een blok met velden zijn (beginnend met '- id: ...'), niet leeg",
    ),
    (
        "list where a block is expected",
        "interventions.yaml",
        "  links: []\n",
        "  links:\n  - http://example.org\n",
        "data/interventions.yaml:33: top600: links[1]: moet een blok met velden zijn, niet tekst",
    ),
    (
        "page outside docs",
        "changelog.yaml",
        "paginas: [praktijkvoorbeelden/buurtbemiddeling.md]",
        "paginas: [../README.md]",
        'data/changelog.yaml:3: item 1: paginas: pagina "../README.md" bestaat niet; geef een pad onder docs/, '
        "bijvoorbeeld samos/index.md",
    ),
    (
        "page name too long",
        "changelog.yaml",
        "paginas: [praktijkvoorbeelden/buurtbemiddeling.md]",
        f"paginas: [{'a' * 300}.md]",
        f'data/changelog.yaml:3: item 1: paginas: pagina "{"a" * 300}.md" bestaat niet; geef een pad onder docs/, '
        "bijvoorbeeld samos/index.md",
    ),
    # a line of a | or > block indented less than the block's first line
    (
        "block line indented too little",
        "interventions.yaml",
        "    Buren in conflict weer met elkaar in gesprek brengen.\n",
        "    Buren in conflict weer met elkaar\n   in gesprek brengen.\n",
        "data/interventions.yaml:7: de YAML is ongeldig: deze regel springt minder ver in dan de eerste regel van het "
        "tekstblok (doel: | op regel 5); laat alle regels van het blok even ver inspringen (4 spaties)",
    ),
    (
        "block line in the middle indented too little",
        "interventions.yaml",
        "    Buren in conflict weer met elkaar in gesprek brengen.\n",
        "    Buren in conflict\n   weer met elkaar\n    in gesprek brengen.\n",
        "data/interventions.yaml:7: de YAML is ongeldig: deze regel springt minder ver in dan de eerste regel van het "
        "tekstblok (doel: | op regel 5); laat alle regels van het blok even ver inspringen (4 spaties)",
    ),
    (
        "folded block line indented too little",
        "riskfactors.yaml",
        "  beschrijving: |\n    Groepen jongeren veroorzaken overlast.\n",
        "  beschrijving: >\n    Groepen jongeren\n   veroorzaken overlast.\n",
        "data/riskfactors.yaml:5: de YAML is ongeldig: deze regel springt minder ver in dan de eerste regel van het "
        "tekstblok (beschrijving: > op regel 3); laat alle regels van het blok even ver inspringen (4 spaties)",
    ),
    (
        "list item block line indented too little",
        "riskfactors.yaml",
        "    - Groepen jongeren op vaste plekken\n",
        "    - |-\n      Groepen jongeren\n     op vaste plekken\n",
        "data/riskfactors.yaml:8: de YAML is ongeldig: deze regel springt minder ver in dan de eerste regel van het "
        "tekstblok (- |- op regel 6); laat alle regels van het blok even ver inspringen (6 spaties)",
    ),
    (
        "field after a block indented too far",
        "interventions.yaml",
        "  werkwijze: |\n    Getrainde",
        "   werkwijze: |\n    Getrainde",
        "data/interventions.yaml:7: de YAML is ongeldig: deze regel springt minder ver in dan de eerste regel van het "
        "tekstblok (doel: | op regel 5); laat alle regels van het blok even ver inspringen (4 spaties); is het een "
        "nieuw veld, laat het dan even ver inspringen als het veld erboven (2 spaties)",
    ),
    (
        "block line as far as its field",
        "interventions.yaml",
        "    Buren in conflict weer met elkaar in gesprek brengen.\n",
        "    Buren in conflict weer met elkaar\n  in gesprek brengen.\n",
        "data/interventions.yaml:7: de YAML is ongeldig: deze regel springt niet verder in dan doel: | (regel 5) en "
        "valt daardoor buiten het tekstblok; hoort hij bij het tekstblok, laat hem dan even ver inspringen als de "
        "eerste regel van het blok (4 spaties); is het een nieuw veld, zet dan een dubbele punt na de veldnaam",
    ),
    (
        "block line as far as its field, read as a field",
        "interventions.yaml",
        "    Buren in conflict weer met elkaar in gesprek brengen.\n",
        "    Buren in conflict weer met elkaar\n  Let op: in gesprek brengen.\n",
        "data/interventions.yaml:7: deze regel springt niet verder in dan doel: | (regel 5) en valt daardoor buiten "
        'het tekstblok; YAML leest "Let op" daardoor als een nieuw veld; hoort hij bij het tekstblok, laat hem dan '
        "even ver inspringen als de eerste regel van het blok (4 spaties)",
    ),
    (
        "filter group on a field without fixed values",
        "vocabularies.yaml",
        "  - id: schaal\n    veld: schaal\n",
        "  - id: schaal\n    veld: samenvatting\n",
        'data/vocabularies.yaml:94: schaal: veld: "samenvatting" is geen veld met vaste waarden; kies uit: '
        "handelingen, schaal, weerbaarheid, c1_groepen, risicofactoren, betrokkenen",
    ),
    (
        "filter group id with a capital",
        "vocabularies.yaml",
        "  id: rf\n",
        "  id: Rf\n",
        'data/vocabularies.yaml:97: risicofactorkeuze.id: "Rf" is geen geldige naam; gebruik één woord in kleine '
        'letters, zonder cijfers of tekens (bijvoorbeeld "handeling")',
    ),
]


def test_real_data_is_valid() -> None:
    kb = validate(DATA_DIR, DOCS_DIR)
    assert len(kb.riskfactors) == 10
    assert [s.handeling for s in kb.phases.stadia] == [h.id for h in kb.handelingen]
    assert len(kb.interventions) >= 30


def test_a1_schema_is_read_as_the_comments_in_phases_yaml_say() -> None:
    """The PDF flattened the A1 table; data/phases.yaml explains the reading. Guard it: the cell
    "Mogelijke acties" per stage (Escalatie: "Aanpak" and "Management en communicatie", the loose
    box "afgesloten" left out) and the trigger marker just before Escalatie."""
    kb = validate(DATA_DIR, DOCS_DIR)
    assert {s.id: s.acties for s in kb.phases.stadia} == {
        "relatieve-rust": ["Relatiebeheer", "Wijkbeheer", "Dialoog"],
        "eerste-uitingen-onrust": ["Signalering"],
        "opbouw-onrust": ["Bemiddeling"],
        "spanningen": ["Focus op potentiële brandhaarden"],
        "escalatie": ["Aanpak", "Management en communicatie"],
        "terugkeer-naar-relatieve-rust": ["Scherpe signalering terugval", "Herstel relatiebeheer", "Evaluatie"],
    }
    assert kb.phases.trigger is not None
    assert (kb.phases.trigger.naam, kb.phases.trigger.voor) == ("Incident / Gebeurtenis (trigger)", "escalatie")


def test_fixture_is_valid(data_copy: Path) -> None:
    kb = validate(data_copy, DOCS_DIR)
    assert kb.interventions.ids == ["buurtbemiddeling", "top600"]
    assert [i.id for i in kb.interventions_for_riskfactor("B1.4")] == ["buurtbemiddeling"]


def _break(data_dir: Path, name: str, old: str | None, new: str) -> None:
    path = data_dir / name
    text = path.read_text(encoding="utf-8")
    if old is None:
        text = new
    else:
        assert old in text, f"fixture changed: {old!r} not in {name}"
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("case,name,old,new,expected", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_input_gives_exact_message(
    data_copy: Path, case: str, name: str, old: str | None, new: str, expected: str
) -> None:
    _break(data_copy, name, old, new)
    with pytest.raises(KnowledgeBaseError) as info:
        validate(data_copy, DOCS_DIR)
    assert expected in [str(p) for p in info.value.problems], info.value.report()


@pytest.mark.parametrize("case,name,old,new,expected", BROKEN, ids=[b[0] for b in BROKEN])
def test_cli_check_gives_the_message_without_traceback(
    data_copy: Path, case: str, name: str, old: str | None, new: str, expected: str
) -> None:
    _break(data_copy, name, old, new)
    result = run_cli("check", "--data-dir", str(data_copy))
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert result.returncode == 1
    assert expected in result.stderr.splitlines()


def test_dates_and_dutch_words_in_text_fields_stay_text(data_copy: Path) -> None:
    """YAML 1.1 reads 2026-02-30 as a date (and failed); in a text field it is the text typed."""
    path = data_copy / "partners.yaml"
    text = path.read_text(encoding="utf-8").replace("naam: Politie", "naam: 2026-02-30")
    path.write_text(text.replace("naam: Media", "naam: Nee"), encoding="utf-8")  # Nee is no YAML 1.1 boolean
    changelog = data_copy / "changelog.yaml"
    changelog.write_text(
        changelog.read_text(encoding="utf-8").replace("titel: Eerste versie", "titel: 2026-01-02"), encoding="utf-8"
    )
    kb = validate(data_copy, DOCS_DIR)
    assert kb.partners["politie"].naam == "2026-02-30"
    assert kb.partners["media"].naam == "Nee"
    assert kb.changelog[0].titel == "2026-01-02"
    assert kb.changelog[0].datum.isoformat() == "2026-01-02"


def test_files_saved_on_windows_load(data_copy: Path) -> None:
    """A byte-order mark and CRLF line ends (Notepad, Word) are no problem."""
    for path in data_copy.glob("*.yaml"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    kb = validate(data_copy, DOCS_DIR)
    assert kb.interventions.ids == ["buurtbemiddeling", "top600"]
    assert kb.interventions["buurtbemiddeling"].doel == "Buren in conflict weer met elkaar in gesprek brengen."


def test_all_problems_are_reported_at_once(data_copy: Path) -> None:
    path = data_copy / "interventions.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("handelingen: [preventie]", "handelingen: [preventei]")
    text = text.replace("betrokkenen: [politie, gemeente]", "betrokkenen: politie")
    path.write_text(text, encoding="utf-8")
    (data_copy / "riskfactors.yaml").write_text(
        (data_copy / "riskfactors.yaml").read_text(encoding="utf-8").replace("id: B1.4", "id: B1.1"), encoding="utf-8"
    )
    with pytest.raises(KnowledgeBaseError) as info:
        validate(data_copy, DOCS_DIR)
    report = info.value.report().splitlines()
    assert report[0] == f"{len(report) - 1} fouten in de gegevens:"
    files = {line.split(":")[0] for line in report[1:]}
    assert files == {"data/interventions.yaml", "data/riskfactors.yaml"}
    assert any("preventei" in line for line in report)
    assert any("moet een lijst zijn" in line for line in report)
    assert any('dubbele id "B1.1"' in line for line in report)


def test_a_file_that_does_not_load_gives_no_follow_on_errors(data_copy: Path) -> None:
    """changelog.yaml and phases.yaml name pages made from interventions.yaml; when that file has
    a YAML error, its pages are not known and are not reported as missing."""
    _break(data_copy, "interventions.yaml", "  bron: C1\n", "  bron: C1: portiek\n")
    (data_copy / "phases.yaml").write_text(
        (data_copy / "phases.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "      - interventie: top600", "      - pagina: praktijkvoorbeelden/top600.md\n        titel: TOP 600"
        ),
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeBaseError) as info:
        validate(data_copy, DOCS_DIR)
    assert [p.file for p in info.value.problems] == ["data/interventions.yaml"], info.value.report()


def test_cli_check_reports_in_dutch_without_traceback(data_copy: Path) -> None:
    path = data_copy / "interventions.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("[preventie]", "[preventei]"), encoding="utf-8")
    result = run_cli("check", "--data-dir", str(data_copy), "--github")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.splitlines()[0] == "1 fout in de gegevens:"
    assert 'data/interventions.yaml:9: buurtbemiddeling: handelingen: onbekende handeling "preventei"' in result.stderr
    assert result.stdout.startswith("::error file=data/interventions.yaml,line=9,title=Fout in de gegevens::")


def test_cli_check_passes_on_real_data() -> None:
    result = run_cli("check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Gegevens en pagina's in orde:")
