"""A local edition's mistakes (handreiking/edition.py): each is one Dutch ``file:line`` line, the
exact message, on a copy of the example edition Voorbeeldstad over the national data."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from handreiking import edition, siteconfig
from handreiking.loader import KnowledgeBaseError, load

EXAMPLE = edition.EDITIONS_DIR / "voorbeeldstad"


@pytest.fixture()
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "voorbeeldstad"
    shutil.copytree(EXAMPLE, target)
    return target


def problems(root: Path) -> list[str]:
    layer = edition.Layer(root.name, root)
    try:
        edition.load_edition(load(), layer)
    except KnowledgeBaseError as exc:
        return [str(p) for p in exc.problems]
    return []


def change(path: Path, old: str, new: str) -> int:
    """Replaces ``old`` (once) in ``path``; returns the line it starts on."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_the_example_edition_is_valid_and_merges_its_examples_by_id(copy: Path) -> None:
    assert problems(copy) == []
    kb = edition.load_edition(load(), edition.Layer("voorbeeldstad", copy))
    national = load()
    assert len(kb.interventions) == len(national.interventions) + 1
    local = kb.interventions["voorbeeldstad-wijktafel"]
    file, line = kb.source(local)
    assert file == "data/interventions.yaml" and line > 1  # outside the project: its path in its own folder
    assert local.origin.layer == "voorbeeldstad" and kb.local_examples == [local]
    assert kb.source(national.interventions["portiekgesprekken"])[0] == "data/interventions.yaml"


def test_a_slot_whose_name_no_longer_exists_on_the_page(copy: Path) -> None:
    line = change(
        copy / "editie.yaml", "plek: samos/kernteam.md#spin-in-het-web", "plek: samos/kernteam.md#wie-zitten-erin"
    )
    assert problems(copy) == [
        f"editie.yaml:{line}: samos/kernteam.md#wie-zitten-erin: plek: de plek "
        '"wie-zitten-erin" bestaat niet (meer) op samos/kernteam.md; kies uit: kernteam, spin-in-het-web'
    ]


def test_a_slot_on_a_renamed_page_names_the_new_page(copy: Path) -> None:
    line = change(copy / "editie.yaml", "plek: samos/bob-procedure.md#bob", "plek: 1a.md#bob")
    assert problems(copy) == [
        f"editie.yaml:{line}: 1a.md#bob: plek: de landelijke pagina 1a.md heet nu "
        "introductie/wat-is-onrust.md (data/doorverwijzingen.yaml); schrijf introductie/wat-is-onrust.md"
    ]


def test_a_slot_in_the_incident_route_names_a_step(copy: Path) -> None:
    line = change(copy / "editie.yaml", "plek: er-is-iets-gebeurd.md#kernteam", "plek: er-is-iets-gebeurd.md#bellen")
    steps = ", ".join(edition.route_anchors(load()))
    assert problems(copy) == [
        f"editie.yaml:{line}: er-is-iets-gebeurd.md#bellen: plek: de plek "
        f'"bellen" bestaat niet (meer) op er-is-iets-gebeurd.md; kies uit: {steps}'
    ]


def test_an_example_id_that_collides_with_a_national_one(copy: Path) -> None:
    line = change(copy / "data/interventions.yaml", "id: voorbeeldstad-wijktafel", "id: portiekgesprekken")
    national = load()
    at = national.interventions["portiekgesprekken"].origin.line_of("id")
    assert problems(copy) == [
        f'data/interventions.yaml:{line}: portiekgesprekken: id: id "portiekgesprekken" bestaat al '
        f"landelijk, in data/interventions.yaml (regel {at}); kies een eigen id, of zeg in de editie dat dit onderdeel het "
        "landelijke vervangt"
    ]


def test_a_declared_replacement_of_a_national_example(copy: Path) -> None:
    change(copy / "data/interventions.yaml", "id: voorbeeldstad-wijktafel", "id: portiekgesprekken")
    change(copy / "editie.yaml", "plekken:\n", "vervangt_voorbeelden: [portiekgesprekken]\nplekken:\n")
    kb = edition.load_edition(load(), edition.Layer("voorbeeldstad", copy))
    assert kb.interventions["portiekgesprekken"].naam == "Wijktafel Voorbeeldstad"
    assert len(kb.interventions) == len(load().interventions)


def test_an_example_id_outside_the_editions_namespace(copy: Path) -> None:
    line = change(copy / "data/interventions.yaml", "id: voorbeeldstad-wijktafel", "id: wijktafel")
    assert problems(copy) == [
        f"data/interventions.yaml:{line}: wijktafel: id: een voorbeeld van de editie heeft een id "
        'dat begint met "voorbeeldstad-" (eigen naamruimte), bijvoorbeeld "voorbeeldstad-wijktafel"'
    ]


def test_a_local_link_to_a_renamed_national_page(copy: Path) -> None:
    line = change(copy / "docs/index.md", "(../samos/kernteam.md#spin-in-het-web)", "(../1c.md)")
    assert problems(copy) == [
        f"docs/index.md:{line}: link ../1c.md: de landelijke pagina 1c.md heet nu "
        "introductie/doelgroepen.md (data/doorverwijzingen.yaml); schrijf (../introductie/doelgroepen.md)"
    ]


def test_a_link_in_a_slots_text_to_a_renamed_page(copy: Path) -> None:
    line = change(copy / "editie.yaml", "(../voorbeeldstad/communicatieplan.md)", "(../1b.md)")
    assert problems(copy) == [
        f"editie.yaml:{line}: samos/communicatie.md#communiceren: tekst: link ../1b.md: de "
        "landelijke pagina 1b.md heet nu introductie/doel.md (data/doorverwijzingen.yaml); schrijf (../introductie/doel.md)"
    ]


def test_a_page_named_like_a_national_page_is_no_silent_replacement(copy: Path) -> None:
    (copy / "docs/samos").mkdir()
    (copy / "docs/samos/kernteam.md").write_text("---\ntitle: Kernteam\n---\n\n# Kernteam\n", encoding="utf-8")
    assert problems(copy) == [
        "docs/samos/kernteam.md:1: deze pagina heeft dezelfde naam als de landelijke pagina "
        "samos/kernteam.md; een editie vervangt een pagina alleen als editie.yaml dat zegt (vervangt: - pagina: "
        "samos/kernteam.md), anders geef haar een andere naam"
    ]


def test_no_field_for_a_persons_name_or_number(copy: Path) -> None:
    line = change(
        copy / "data/samos.yaml", "    functie: Teamchef\n", "    functie: Teamchef\n    mobiel: 06-12345678\n"
    )
    assert problems(copy) == [
        f"data/samos.yaml:{line + 1}: item 2: mobiel: onbekend veld "
        '"mobiel"; toegestane velden: organisatie, functie, telefoon, adres, rol'
    ]


def test_a_phone_number_that_is_no_number(copy: Path) -> None:
    line = change(copy / "data/samos.yaml", "telefoon: 088-0000002", "telefoon: bel de wachtcommandant")
    assert problems(copy) == [
        f'data/samos.yaml:{line}: item 2: telefoon: "bel de wachtcommandant" is geen '
        'telefoonnummer van een organisatie; schrijf netnummer-nummer, bijvoorbeeld "088-0000000" (alleen nummers '
        "van een organisatie of functie, nooit van een privépersoon)"
    ]


def test_a_role_the_guide_does_not_name(copy: Path) -> None:
    line = change(copy / "data/samos.yaml", "rol: ggd", "rol: brandweer")
    assert problems(copy) == [
        f'data/samos.yaml:{line}: brandweer: rol: onbekende rol "brandweer"; kies uit: '
        "burgemeester, politie, welzijnswerk, onderwijs, ggd, ambtelijk-kernteam, derde"
    ]


def test_an_edition_outside_the_project_edits_in_its_declared_repository_or_not_at_all(copy: Path) -> None:
    kb = edition.load_edition(load(), edition.Layer("voorbeeldstad", copy))
    local = kb.local_examples[0]
    # no repository declared: no edit link rather than one into the national repository
    assert edition.edit_meta(kb, local.origin.layer, local.origin.path, "bron_bestand") == {
        "bron_bestand": "data/interventions.yaml",
        "bron_repo": "",
    }
    assert edition.page_file(kb, "voorbeeldstad/communicatieplan.md") == (
        "docs/communicatieplan.md",
        copy / "docs/communicatieplan.md",
    )
    change(
        copy / "editie.yaml",
        "plekken:\n",
        "repository:\n  adres: https://github.com/gemeente-voorbeeldstad/site\n  map: editie\nplekken:\n",
    )
    kb = edition.load_edition(load(), edition.Layer("voorbeeldstad", copy))
    shown = edition.shown_page(kb, "voorbeeldstad/communicatieplan.md")
    assert edition.edit_meta(kb, "voorbeeldstad", shown, "bron_pagina") == {
        "bron_pagina": "editie/docs/communicatieplan.md",
        "bron_repo": "https://github.com/gemeente-voorbeeldstad/site",
    }
    # a national record or page keeps the national repository
    national = kb.interventions["portiekgesprekken"]
    assert edition.edit_meta(kb, national.origin.layer, national.origin.path, "bron_bestand") == {
        "bron_bestand": "data/interventions.yaml"
    }
    assert edition.shown_page(kb, "samos/kernteam.md") == "docs/samos/kernteam.md"


def test_the_example_edition_is_edited_in_the_national_repository() -> None:
    layer = edition.find("voorbeeldstad")
    assert layer is not None
    kb = edition.load_edition(load(), layer)
    shown = edition.shown_page(kb, "voorbeeldstad/communicatieplan.md")
    assert shown == "edities/voorbeeldstad/docs/communicatieplan.md"
    assert edition.edit_meta(kb, "voorbeeldstad", shown, "bron_pagina") == {"bron_pagina": shown}


def test_an_unknown_edition_is_named_with_the_known_ones() -> None:
    with pytest.raises(KnowledgeBaseError) as exc:
        edition.load_edition(load(), edition.find("atlantis") or edition.Layer("x", Path("/nonexistent")))
    assert str(exc.value.problems[0]) == (
        "edities/atlantis/editie.yaml: editie atlantis niet gevonden (geen editie.yaml); bestaande edities: voorbeeldstad"
    )


def test_make_check_reports_an_editions_mistake_in_dutch(copy: Path) -> None:
    from tests.conftest import run_cli

    change(copy / "data/samos.yaml", "rol: ggd", "rol: brandweer")
    result = run_cli("check", "--editie", str(copy))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "\ndata/samos.yaml:" in result.stderr and 'onbekende rol "brandweer"' in result.stderr


@pytest.mark.parametrize("outside", [False, True], ids=["in-the-project", "own-folder"])
def test_build_messages_name_an_edition_page_by_its_own_file(copy: Path, outside: bool) -> None:
    """MkDocs' warnings about an edition page (published as voorbeeldstad/index.md) name the file the
    editor wrote: in the project by its path in it, outside it by its path in the edition's folder
    (as in a municipality's own repository), never docs/voorbeeldstad/ or an absolute path."""
    from types import SimpleNamespace

    from macros import buildmessages

    layer = edition.Layer("voorbeeldstad", copy) if outside else edition.find("voorbeeldstad")
    assert layer is not None
    kb = edition.load_edition(load(), layer)
    build = buildmessages.BuildMessages(config=SimpleNamespace(docs_dir="docs"), kb=kb)
    url = "../samos/kernteam.md#spin-in-het-web"
    line = next(i for i, text in enumerate((layer.docs_dir / "index.md").read_text().splitlines(), 1) if url in text)
    warning = (
        f"Doc file 'voorbeeldstad/index.md' contains a link '{url}', but the doc 'samos/kernteam.md' does not "
        "contain an anchor '#spin-in-het-web'."
    )
    shown = "docs/index.md" if outside else "edities/voorbeeldstad/docs/index.md"
    record = logging.LogRecord(
        "mkdocs.structure.pages", logging.WARNING, "pages.py", 1, warning, None, None, func="validate_anchor_links"
    )
    assert buildmessages.dutch_message(build, record) == (
        f'{shown}:{line}: link naar "{url}": het anker "#spin-in-het-web" bestaat niet op pagina samos/kernteam.md; '
        "kies het anker van een kop op die pagina (klik in de site op # naast de kop: het anker staat dan in het "
        "adres, na #)"
    )


HIDE_AND_REPLACE = """verbergt:
  - introductie/doel.md
vervangt:
  - pagina: samos/index.md
    door: samos-bij-ons.md
plekken:
"""
OWN_SAMOS_PAGE = """---
title: SAMOS in Voorbeeldstad
description: Hoe Voorbeeldstad de SAMOS-structuur heeft ingericht.
soort: vraag-en-antwoord
---

# SAMOS in Voorbeeldstad { #samos }

Het kernteam van Voorbeeldstad staat op [Kernteam](kernteam.md#spin-in-het-web).
"""


def test_hiding_and_replacing_a_national_page_are_checked(copy: Path) -> None:
    change(copy / "editie.yaml", "plekken:\n", HIDE_AND_REPLACE)
    (copy / "docs/samos-bij-ons.md").write_text(OWN_SAMOS_PAGE, encoding="utf-8")
    assert problems(copy) == []
    kb = edition.load_edition(load(), edition.Layer("voorbeeldstad", copy))
    assert kb.published()["samos/index.md"] == "samos-bij-ons.md"
    assert "voorbeeldstad/samos-bij-ons.md" not in kb.published()
    config = siteconfig.load()
    pages = config.model_copy(update={"nav": edition.navigation(config.nav, kb)}).nav_pages()
    assert "introductie/doel.md" not in pages and "samos/index.md" in pages
    assert "voorbeeldstad/communicatieplan.md" in pages and "voorbeeldstad/samos-bij-ons.md" not in pages
    hide = change(copy / "editie.yaml", "  - introductie/doel.md", "  - introductie/doelen.md")
    door = change(copy / "editie.yaml", "door: samos-bij-ons.md", "door: samos.md")
    page = change(copy / "editie.yaml", "pagina: samos/index.md", "pagina: samos/start.md")
    assert problems(copy) == [
        # no longer a replacement: its page is its own, published under voorbeeldstad/, where kernteam.md is none
        "docs/samos-bij-ons.md:9: link kernteam.md: de pagina voorbeeldstad/kernteam.md bestaat niet, landelijk en "
        "in de editie; controleer de link",
        f"editie.yaml:{hide}: introductie/doelen.md: de landelijke pagina introductie/doelen.md bestaat niet (meer); "
        "kies een pagina onder docs/, bijvoorbeeld samos/kernteam.md",
        f"editie.yaml:{page}: samos/start.md: pagina: de landelijke pagina samos/start.md bestaat niet (meer); "
        "kies een pagina onder docs/, bijvoorbeeld samos/kernteam.md",
        f"editie.yaml:{door}: samos/start.md: door: samos.md staat niet in docs/; kies uit: communicatieplan.md, "
        "index.md, samos-bij-ons.md",
    ]


def test_a_hidden_and_a_replaced_national_page_in_the_built_site(copy: Path, tmp_path: Path) -> None:
    """Built as a municipality builds its own folder: the hidden page is reachable but out of the menu,
    search and print; the replaced page's address shows the edition's page, without an edit link into
    the national repository (the folder names no repository of its own)."""
    from tests.conftest import run_cli

    change(copy / "editie.yaml", "plekken:\n", HIDE_AND_REPLACE)
    (copy / "docs/samos-bij-ons.md").write_text(OWN_SAMOS_PAGE, encoding="utf-8")
    site = tmp_path / "site"
    result = run_cli("build", "--editie", str(copy), "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    hidden = (site / "introductie/doel/index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in hidden
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="introductie/doel/"' not in home and 'href="introductie/wat-is-onrust/"' in home
    replaced = (site / "samos/index.html").read_text(encoding="utf-8")
    assert "<title>SAMOS in Voorbeeldstad" in replaced and 'id="samos"' in replaced
    assert 'href="kernteam/#spin-in-het-web"' in replaced  # written from samos/index.md, its address
    assert "Bewerk deze pagina" not in replaced and "Klopt er iets niet op deze pagina?" in replaced
    assert not (site / "voorbeeldstad/samos-bij-ons").exists()
    printed = (site / "afdrukken/index.html").read_text(encoding="utf-8")
    assert 'id="p-introductie-doel"' not in printed and "SAMOS in Voorbeeldstad" in printed
