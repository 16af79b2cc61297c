"""The data files' JSON Schemas (handreiking/schemas.py): generated from the model, committed in
schemas/ as the data files name them, accepting the real data and rejecting every mistake of the
loader's broken-input table that a schema can see, read as an editor's YAML extension reads it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from handreiking import edition, schemas
from handreiking.loader import FILES, load, validate
from handreiking.paths import DATA_DIR, DOCS_DIR, PROJECT_ROOT
from tests.test_loader import BROKEN, _break

# Rows of tests/test_loader.py's BROKEN that no schema can see, and why. Every other row must be
# rejected by the schema of the file it breaks; a row listed here must pass it (so the list stays true).
YAML_SYNTAX = "de YAML zelf is ongeldig: de YAML-extensie meldt dat, niet het schema"
YAML_12 = "YAML 1.2 (de editor) leest dit als tekst; de controle leest YAML 1.1 (ja/nee of een getal)"
SCHEMA_CANNOT_SEE = {
    "syntax error": YAML_SYNTAX,
    "colon in text": YAML_SYNTAX,
    "duplicate id": "een id die twee keer voorkomt: een schema ziet één record tegelijk",
    "empty file": "een leeg bestand heeft geen inhoud om te controleren",
    "dead link without archive": "hangt van twee velden samen af (dood vraagt om archief)",
    "C1 group without its scale": "hangt van twee lijsten samen af (de groep en haar schaal)",
    "filter group on a field without fixed values": "welke velden vaste waarden hebben, zegt het model van "
    "interventions.yaml, niet dit bestand",
    "impossible day": "een patroon kent de vorm van een datum, niet het aantal dagen per maand",
    "time in a text field": YAML_12,
    "yes/no in a text field": YAML_12,
    "yes/no in a list of text": YAML_12,
    "yes as id": YAML_12,
    "template braces": YAML_SYNTAX,
    "template braces in a list": YAML_SYNTAX,
    "template braces with more text": YAML_SYNTAX,
    "apostrophe in single quotes": YAML_SYNTAX,
    "text after quotes": YAML_SYNTAX,
    "key without colon": YAML_SYNTAX,
    "tab": YAML_SYNTAX,
    "control character": YAML_SYNTAX,
    "Markdown bold at the start": YAML_SYNTAX,
    "at sign at the start": YAML_SYNTAX,
    "text after |": YAML_SYNTAX,
    "second document": YAML_SYNTAX,
    "duplicate key": YAML_SYNTAX,
    "page outside docs": "of een pagina bestaat, staat in docs/, niet in het gegevensbestand",
    "page name too long": "of een pagina bestaat, staat in docs/, niet in het gegevensbestand",
    "block line indented too little": YAML_SYNTAX,
    "block line in the middle indented too little": YAML_SYNTAX,
    "folded block line indented too little": YAML_SYNTAX,
    "list item block line indented too little": YAML_SYNTAX,
    "field after a block indented too far": YAML_SYNTAX,
    "block line as far as its field": YAML_SYNTAX,
    "addition on an impossible date": "een patroon kent de vorm van een datum, niet het aantal dagen per maand",
}


class EditorLoader(yaml.SafeLoader):
    """PyYAML reading YAML 1.2 (core schema), as the YAML language server does by default: only
    true/false are booleans, no sexagesimal numbers (12:30 is text), no dates (2026-01-02 is text),
    and a field name used twice in one block is an error of the YAML (as in its parser)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        names = [key.value for key, _ in node.value if isinstance(key, yaml.ScalarNode)]
        if len(names) != len(set(names)):
            raise yaml.constructor.ConstructorError(None, None, "duplicate key", node.start_mark)
        return super().construct_mapping(node, deep)


EditorLoader.yaml_implicit_resolvers = {}
for tag, pattern, first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+.0123456789",
    ),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    EditorLoader.add_implicit_resolver(f"tag:yaml.org,2002:{tag}", re.compile(pattern), list(first))


def editor_reading(path: Path) -> tuple[bool, Any]:
    """(whether the YAML parses, the data) as the editor reads the file."""
    try:
        return True, yaml.load(path.read_text(encoding="utf-8"), Loader=EditorLoader)  # noqa: S506
    except yaml.YAMLError:
        return False, None
    except TypeError:  # {{ titel }}: a block whose field name is a block (no such thing in JSON)
        return False, None


def schema_errors(schema: dict[str, Any], data: Any) -> list[str]:
    validator = jsonschema.Draft7Validator(schema)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


def test_committed_schemas_are_what_the_model_generates() -> None:
    """The model's structure must be current in schemas/ (a developer who changes the model runs
    make schemas). A vocabulary value an editor adds in the browser, without make, may lag: make
    check notes it and the site publishes the fresh schemas; it does not fail the editor's checks."""
    kb = load(DATA_DIR, DOCS_DIR)
    assert schemas.stale(kb, values=False) == [], "schemas/ is niet actueel; voer make schemas uit en neem ze op"
    assert sorted(p.name for p in schemas.SCHEMA_DIR.iterdir()) == sorted(
        map(schemas.schema_name, [*schemas.SCHEMA_FILES, *schemas.EDITION_SCHEMAS])
    )


EDITION = PROJECT_ROOT / "edities" / "voorbeeldstad"


@pytest.mark.parametrize("path", ["editie.yaml", "data/samos.yaml"])
def test_an_editions_files_name_their_schema_which_accepts_the_example(path: str) -> None:
    """editie.yaml and samos.yaml of an edition get the editor's help as data files do."""
    file = EDITION / path
    first = file.read_text(encoding="utf-8").splitlines()[0]
    name = schemas.schema_name(file.name)
    assert first.startswith("# yaml-language-server: $schema=")
    assert (file.parent / first.split("=", 1)[1]).resolve() == schemas.SCHEMA_DIR / name
    schema = json.loads(schemas.edition_contents(load(DATA_DIR, DOCS_DIR))[name])
    jsonschema.Draft7Validator.check_schema(schema)
    parsed, data = editor_reading(file)
    assert parsed
    assert schema_errors(schema, data) == []


def test_the_samos_schema_rejects_a_persons_number_and_names_the_roles() -> None:
    kb = load(DATA_DIR, DOCS_DIR)
    schema = json.loads(schemas.edition_contents(kb)["samos.schema.json"])
    _, data = editor_reading(EDITION / "data/samos.yaml")
    data["kernteam"][0]["mobiel"] = "06-12345678"  # no field for a person's number
    data["kernteam"][1]["rol"] = "brandweer"  # not a role the guide names
    data["kernteam"][2]["telefoon"] = "bel de wachtcommandant"
    errors = schema_errors(schema, data)
    assert any(e.startswith("kernteam/0: Additional properties") for e in errors), errors
    assert any(e.startswith("kernteam/1/rol: 'brandweer' is not one of") for e in errors), errors
    assert any(e.startswith("kernteam/2/telefoon:") for e in errors), errors
    role = schema["definitions"]["Member"]["properties"]["rol"]
    assert role["enum"] == [r.id for r in edition.roles()] and "kies uit: burgemeester" in role["errorMessage"]
    phone = schema["definitions"]["Member"]["properties"]["telefoon"]
    assert phone["patternErrorMessage"] and "^" not in phone["patternErrorMessage"]  # the loader's Dutch words


@pytest.mark.parametrize("name", sorted(p.name for p in DATA_DIR.glob("*.yaml")))
def test_each_data_file_names_its_schema_in_its_first_line(name: str) -> None:
    """Every data file, also the old addresses (data/doorverwijzingen.yaml) and any file added later."""
    first = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../schemas/{schemas.schema_name(name)}"
    assert (DATA_DIR / first.split("=", 1)[1]).resolve() == (PROJECT_ROOT / "schemas" / schemas.schema_name(name))


@pytest.mark.parametrize("name", list(schemas.SCHEMA_FILES))
def test_schema_is_draft_07_and_accepts_the_real_data(name: str) -> None:
    schema = json.loads(schemas.contents(load(DATA_DIR, DOCS_DIR))[schemas.schema_name(name)])
    jsonschema.Draft7Validator.check_schema(schema)
    parsed, data = editor_reading(DATA_DIR / name)
    assert parsed
    assert schema_errors(schema, data) == []


def test_schemas_carry_the_vocabularies_and_dutch_words() -> None:
    kb = load(DATA_DIR, DOCS_DIR)
    schema = schemas.file_schema("interventions.yaml", kb)
    record = schema["definitions"]["Intervention"]["properties"]
    assert record["handelingen"]["items"]["enum"] == kb.handelingen.ids
    assert record["handelingen"]["items"]["enumDescriptions"] == [h.naam for h in kb.handelingen]
    assert record["handelingen"]["uniqueItems"] is True
    assert record["betrokkenen"]["items"]["enum"] == kb.partners.ids
    assert record["risicofactoren"]["items"]["enum"] == kb.riskfactors.ids
    assert record["handelingen"]["items"]["errorMessage"] == (
        "Onbekende handeling; kies uit: proactie, signalering, preventie, interventie, repressie, nazorg"
    )
    assert record["samenvatting"]["description"] == "Eén regel (hooguit 160 tekens) voor de kaart in het overzicht."
    assert record["id"]["patternErrorMessage"] == (
        'Deze waarde is geen geldige code; gebruik alleen kleine letters, cijfers en koppeltekens (bijvoorbeeld "buurt-bestuurt")'
    )
    text = json.dumps(schema)
    assert "vocabulaire" not in text  # the model's marker became the enum
    assert "Intervention" not in json.dumps({k: v for k, v in schema.items() if k != "definitions"}).replace(
        "#/definitions/Intervention", ""
    )
    changelog = schemas.file_schema("changelog.yaml", kb)["definitions"]["ChangeEntry"]["properties"]["datum"]
    assert changelog["pattern"] == "^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$"


@pytest.mark.parametrize("case,name,old,new,expected", BROKEN, ids=[b[0] for b in BROKEN])
def test_schema_rejects_what_it_can_see(
    data_copy: Path, case: str, name: str, old: str | None, new: str, expected: str
) -> None:
    schema = schemas.file_schema(name, validate(data_copy, DOCS_DIR))  # the fixture's vocabularies
    _break(data_copy, name, old, new)
    parsed, data = editor_reading(data_copy / name)
    reason = SCHEMA_CANNOT_SEE.get(case)
    if reason == YAML_SYNTAX:
        assert not parsed, f"de YAML is geldig; {case!r} hoort niet bij YAML_SYNTAX"
    elif reason:
        assert parsed
        errors = schema_errors(schema, data) if data is not None else []
        assert not errors, f"het schema ziet deze fout wel; haal {case!r} uit SCHEMA_CANNOT_SEE: {errors}"
    else:
        assert parsed, f"de YAML is ongeldig; zet {case!r} in SCHEMA_CANNOT_SEE"
        assert schema_errors(schema, data), f"het schema ziet deze fout niet: {expected}"


def test_the_list_of_what_schemas_cannot_see_names_real_rows() -> None:
    assert set(SCHEMA_CANNOT_SEE) <= {row[0] for row in BROKEN}


def test_build_publishes_the_schemas(site_dir: Path) -> None:
    for name in FILES:
        published = site_dir / "schemas" / schemas.schema_name(name)
        assert published.read_text(encoding="utf-8") == (schemas.SCHEMA_DIR / published.name).read_text(
            encoding="utf-8"
        )


def test_a_new_vocabulary_value_is_no_structural_change(tmp_path: Path) -> None:
    """An editor adds a partner in the browser: the committed schemas lag in their values only."""
    kb = load(DATA_DIR, DOCS_DIR)
    schemas.write(kb, tmp_path)
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    with (data / "partners.yaml").open("a", encoding="utf-8") as f:
        f.write("- id: nieuwe-partner\n  naam: Nieuwe partner\n")
    grown = load(data, DOCS_DIR)
    assert "interventions.schema.json" in schemas.stale(grown, tmp_path)  # betrokkenen: one more value
    assert schemas.stale(grown, tmp_path, values=False) == []


def test_schema_messages_for_length_type_and_missing_fields_are_dutch() -> None:
    """The YAML extension (redhat yaml-language-server) shows a schema's ``patternErrorMessage`` and
    ``errorMessage`` instead of its English text for a pattern, a wrong type and (on a block) a
    missing field; for minLength/maxLength it has only English, so lengths are patterns here."""
    record = schemas.file_schema("interventions.yaml", load(DATA_DIR, DOCS_DIR))["definitions"]["Intervention"]
    summary = record["properties"]["samenvatting"]
    assert "maxLength" not in summary and "minLength" not in summary
    assert summary["patternErrorMessage"] == "Mag niet leeg zijn; hooguit 160 tekens"
    assert record["properties"]["naam"]["patternErrorMessage"] == "Mag niet leeg zijn"
    assert record["properties"]["naam"]["errorMessage"] == "Moet tekst zijn"
    assert record["properties"]["links"]["errorMessage"] == "Moet een lijst zijn, bijvoorbeeld [a, b]"
    assert record["errorMessage"].startswith("Moet een blok met velden zijn; verplichte velden: id, naam, samenvatting")
    validator = jsonschema.Draft7Validator({**summary, "definitions": {}})
    assert [e.validator for e in validator.iter_errors("x" * 161)] == ["pattern"]
    assert [e.validator for e in validator.iter_errors("   ")] == ["pattern"]
    assert list(validator.iter_errors("x" * 160)) == []
    text = json.dumps(schemas.file_schema("interventions.yaml", load(DATA_DIR, DOCS_DIR)))
    assert "maxLength" not in text and "minLength" not in text
