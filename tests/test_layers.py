"""The loader's layers and origins: every record knows its layer, file and lines, so nothing opens a
data file again to find a line; a later layer (an edition) adds records after the national base's,
and an id the base has is a Dutch ``file:line`` error unless the edition says it replaces it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from handreiking.links.found import data_links
from handreiking.loader import NATIONAL, KnowledgeBaseError, Layer, national, validate, validate_layers
from handreiking.paths import DATA_DIR, DOCS_DIR

EXAMPLE = """\
# A practice example of the edition (fictional).
- id: voorbeeldstad-wijkteam
  naam: Wijkteam Voorbeeldstad
  samenvatting: Het wijkteam van Voorbeeldstad brengt buren met elkaar in gesprek.
  doel: |
    Buren in gesprek brengen.
  werkwijze: |
    Het wijkteam belt aan.
    Meer op https://voorbeeldstad.example/wijkteam staat hier.
  handelingen: [preventie]
  schaal: [wijk]
  weerbaarheid: [collectief]
  risicofactoren: [B1.4]
  betrokkenen: [bewoners]
  links: []
  bron: "aanvulling redactie, 2026-11-28"
  redactioneel: []
"""


def edition(tmp_path: Path, text: str = EXAMPLE, name: str = "interventions.yaml") -> Layer:
    data = tmp_path / "edities" / "voorbeeldstad" / "data"
    data.mkdir(parents=True)
    (data / name).write_text(text, encoding="utf-8")
    return Layer("voorbeeldstad", data, None, "edities/voorbeeldstad/data")


def test_every_record_has_its_origin_on_the_lines_of_its_file() -> None:
    kb = validate()
    for record in [*kb.interventions, *kb.riskfactors, *kb.publicaties, *kb.partners, *kb.zoekwoorden]:
        origin = record.origin
        assert origin.layer == NATIONAL and origin.path.startswith("data/"), origin
        lines = (DATA_DIR.parent / origin.path).read_text(encoding="utf-8").splitlines()
        assert origin.text == tuple(lines)
        first = lines[origin.line - 1].lstrip("- ").split(":", 1)[0]
        assert first in type(record).model_fields, (origin.path, origin.line, lines[origin.line - 1])
        for name in type(record).model_fields:
            if name in origin.fields:
                assert lines[origin.line_of(name) - 1].lstrip(" -").startswith(f"{name}:"), (record, name)
    stage = kb.stadia[kb.stadia.ids[1]]  # a record inside a file that is one block
    assert stage.origin.path == "data/phases.yaml"
    assert f"id: {stage.id}" in stage.origin.text[stage.origin.line - 1]


def test_the_origin_is_not_in_the_open_data() -> None:
    item = next(iter(validate().interventions))
    assert item.origin.line > 1
    dumped = json.dumps(item.model_dump(mode="json"))
    assert "origin" not in dumped and "data/interventions.yaml" not in dumped


def test_the_link_report_finds_its_lines_without_the_data_files(tmp_path: Path) -> None:
    """The lines of the data's links come from the origins: the data folder may be gone."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    kb = validate(data, DOCS_DIR)
    files = {f"data/{p.name}": p.read_text(encoding="utf-8").splitlines() for p in data.glob("*.yaml")}
    expected = list(data_links(kb))
    shutil.rmtree(data)
    assert list(data_links(kb)) == expected
    assert len([f for f in expected if f.file == "data/interventions.yaml"]) > 50
    for found in expected:  # each on the line where it is written
        assert found.file and found.line and found.url in files[found.file][found.line - 1], found


def test_an_edition_adds_its_records_after_the_national_ones(tmp_path: Path) -> None:
    kb = validate_layers([national(), edition(tmp_path)])
    base = validate()
    assert kb.interventions.ids == [*base.interventions.ids, "voorbeeldstad-wijkteam"]
    origin = kb.interventions["voorbeeldstad-wijkteam"].origin
    assert (origin.layer, origin.path, origin.line) == (
        "voorbeeldstad",
        "edities/voorbeeldstad/data/interventions.yaml",
        2,
    )
    assert origin.line_of("werkwijze") == 7
    assert kb.source(kb.interventions["voorbeeldstad-wijkteam"], "bron") == (origin.path, 16)


def test_an_id_of_the_national_base_is_an_error_unless_replaced(tmp_path: Path) -> None:
    text = EXAMPLE.replace("voorbeeldstad-wijkteam", "buurtbemiddeling")
    layer = edition(tmp_path, text)
    with pytest.raises(KnowledgeBaseError) as caught:
        validate_layers([national(), layer])
    line = next(
        n
        for n, row in enumerate(DATA_DIR.joinpath("interventions.yaml").read_text().splitlines(), 1)
        if row == "- id: buurtbemiddeling"
    )
    assert str(caught.value).splitlines()[1:] == [
        "edities/voorbeeldstad/data/interventions.yaml:2: buurtbemiddeling: id: "
        f'id "buurtbemiddeling" bestaat al landelijk, in data/interventions.yaml (regel {line}); kies een eigen id, '
        "of zeg in de editie dat dit onderdeel het landelijke vervangt"
    ]
    kb = validate_layers([national(), layer], replaces={"buurtbemiddeling"})
    assert kb.interventions.ids == validate().interventions.ids  # in the national one's place
    assert kb.interventions["buurtbemiddeling"].naam == "Wijkteam Voorbeeldstad"
    assert kb.interventions["buurtbemiddeling"].origin.layer == "voorbeeldstad"


def test_an_edition_checks_its_own_ids_values_and_files(tmp_path: Path) -> None:
    twice = EXAMPLE + EXAMPLE.split("\n", 1)[1].replace("schaal: [wijk]", "schaal: [stad]")
    layer = edition(tmp_path, twice)
    shutil.copy(DATA_DIR / "vocabularies.yaml", layer.data_dir)  # a block of the base: not in an edition
    with pytest.raises(KnowledgeBaseError) as caught:
        validate_layers([national(), layer])
    assert str(caught.value).splitlines()[1:] == [
        "edities/voorbeeldstad/data/interventions.yaml:18: voorbeeldstad-wijkteam: id: dubbele id "
        '"voorbeeldstad-wijkteam"; dezelfde id staat al op regel 2; elke id moet uniek zijn',
        "edities/voorbeeldstad/data/interventions.yaml:27: voorbeeldstad-wijkteam: schaal: onbekende schaal "
        '"stad"; kies uit: directe-leefomgeving, wijk, gemeente',
        "edities/voorbeeldstad/data/vocabularies.yaml:1: dit bestand hoort bij de landelijke basis; een editie "
        "vult alleen lijsten aan (haal het bestand weg, of zet de gegevens in een eigen bestand)",
    ]


def test_the_national_layer_alone_is_the_national_site() -> None:
    one, two = validate(), validate_layers([Layer(NATIONAL, DATA_DIR, DOCS_DIR)])
    assert [i.model_dump() for i in one.interventions] == [i.model_dump() for i in two.interventions]
    assert one.lines == two.lines
