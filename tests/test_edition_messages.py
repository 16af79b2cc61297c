"""A local edition's mistakes (handreiking/edition.py): each is one Dutch ``file:line`` line, the
exact message, on a copy of the example edition Voorbeeldstad over the national data."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from handreiking import edition
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
