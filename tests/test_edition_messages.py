"""A local edition's mistakes (handreiking/edition.py): each is one Dutch ``file:line`` line, the
exact message, on a copy of the example edition Voorbeeldstad over the national data."""

from __future__ import annotations

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
    assert file == f"{copy.as_posix()}/data/interventions.yaml" and line > 1
    assert local.origin.layer == "voorbeeldstad" and kb.local_examples == [local]
    assert kb.source(national.interventions["portiekgesprekken"])[0] == "data/interventions.yaml"


def test_a_slot_whose_name_no_longer_exists_on_the_page(copy: Path) -> None:
    line = change(
        copy / "editie.yaml", "plek: samos/kernteam.md#spin-in-het-web", "plek: samos/kernteam.md#wie-zitten-erin"
    )
    assert problems(copy) == [
        f"{copy.as_posix()}/editie.yaml:{line}: samos/kernteam.md#wie-zitten-erin: plek: de plek "
        '"wie-zitten-erin" bestaat niet (meer) op samos/kernteam.md; kies uit: kernteam, spin-in-het-web'
    ]


def test_a_slot_on_a_renamed_page_names_the_new_page(copy: Path) -> None:
    line = change(copy / "editie.yaml", "plek: samos/bob-procedure.md#bob", "plek: 1a.md#bob")
    assert problems(copy) == [
        f"{copy.as_posix()}/editie.yaml:{line}: 1a.md#bob: plek: de landelijke pagina 1a.md heet nu "
        "introductie/wat-is-onrust.md (data/doorverwijzingen.yaml); schrijf introductie/wat-is-onrust.md"
    ]


def test_a_slot_in_the_incident_route_names_a_step(copy: Path) -> None:
    line = change(copy / "editie.yaml", "plek: er-is-iets-gebeurd.md#kernteam", "plek: er-is-iets-gebeurd.md#bellen")
    steps = ", ".join(edition.route_anchors(load()))
    assert problems(copy) == [
        f"{copy.as_posix()}/editie.yaml:{line}: er-is-iets-gebeurd.md#bellen: plek: de plek "
        f'"bellen" bestaat niet (meer) op er-is-iets-gebeurd.md; kies uit: {steps}'
    ]


def test_an_example_id_that_collides_with_a_national_one(copy: Path) -> None:
    line = change(copy / "data/interventions.yaml", "id: voorbeeldstad-wijktafel", "id: portiekgesprekken")
    national = load()
    at = national.interventions["portiekgesprekken"].origin.line_of("id")
    assert problems(copy) == [
        f'{copy.as_posix()}/data/interventions.yaml:{line}: portiekgesprekken: id: id "portiekgesprekken" bestaat al '
        f"in data/interventions.yaml (regel {at}); kies een eigen id, of zeg in de editie dat dit onderdeel het "
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
        f"{copy.as_posix()}/data/interventions.yaml:{line}: wijktafel: id: een voorbeeld van de editie heeft een id "
        'dat begint met "voorbeeldstad-" (eigen naamruimte), bijvoorbeeld "voorbeeldstad-wijktafel"'
    ]


def test_a_local_link_to_a_renamed_national_page(copy: Path) -> None:
    line = change(copy / "docs/index.md", "(../samos/kernteam.md#spin-in-het-web)", "(../1c.md)")
    assert problems(copy) == [
        f"{copy.as_posix()}/docs/index.md:{line}: link ../1c.md: de landelijke pagina 1c.md heet nu "
        "introductie/doelgroepen.md (data/doorverwijzingen.yaml); schrijf (../introductie/doelgroepen.md)"
    ]


def test_a_link_in_a_slots_text_to_a_renamed_page(copy: Path) -> None:
    line = change(copy / "editie.yaml", "(../voorbeeldstad/communicatieplan.md)", "(../1b.md)")
    assert problems(copy) == [
        f"{copy.as_posix()}/editie.yaml:{line}: samos/communicatie.md#communiceren: tekst: link ../1b.md: de "
        "landelijke pagina 1b.md heet nu introductie/doel.md (data/doorverwijzingen.yaml); schrijf (../introductie/doel.md)"
    ]


def test_a_page_named_like_a_national_page_is_no_silent_replacement(copy: Path) -> None:
    (copy / "docs/samos").mkdir()
    (copy / "docs/samos/kernteam.md").write_text("---\ntitle: Kernteam\n---\n\n# Kernteam\n", encoding="utf-8")
    assert problems(copy) == [
        f"{copy.as_posix()}/docs/samos/kernteam.md:1: deze pagina heeft dezelfde naam als de landelijke pagina "
        "samos/kernteam.md; een editie vervangt een pagina alleen als editie.yaml dat zegt (vervangt: - pagina: "
        "samos/kernteam.md), anders geef haar een andere naam"
    ]


def test_no_field_for_a_persons_name_or_number(copy: Path) -> None:
    line = change(
        copy / "data/samos.yaml", "    functie: Teamchef\n", "    functie: Teamchef\n    mobiel: 06-12345678\n"
    )
    assert problems(copy) == [
        f"{copy.as_posix()}/data/samos.yaml:{line + 1}: item 2: mobiel: onbekend veld "
        '"mobiel"; toegestane velden: organisatie, functie, telefoon, adres, rol'
    ]


def test_a_phone_number_that_is_no_number(copy: Path) -> None:
    line = change(copy / "data/samos.yaml", "telefoon: 088-0000002", "telefoon: bel de wachtcommandant")
    assert problems(copy) == [
        f'{copy.as_posix()}/data/samos.yaml:{line}: item 2: telefoon: "bel de wachtcommandant" is geen '
        'telefoonnummer van een organisatie; schrijf netnummer-nummer, bijvoorbeeld "088-0000000" (alleen nummers '
        "van een organisatie of functie, nooit van een privépersoon)"
    ]


def test_a_role_the_guide_does_not_name(copy: Path) -> None:
    line = change(copy / "data/samos.yaml", "rol: ggd", "rol: brandweer")
    assert problems(copy) == [
        f'{copy.as_posix()}/data/samos.yaml:{line}: brandweer: rol: onbekende rol "brandweer"; kies uit: '
        "burgemeester, politie, welzijnswerk, onderwijs, ggd, ambtelijk-kernteam, derde"
    ]


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
    assert f"{copy.as_posix()}/data/samos.yaml:" in result.stderr and 'onbekende rol "brandweer"' in result.stderr
