"""JSON Schemas of the data files, generated from the model (the one source), so an editor's YAML
extension helps while typing: which fields exist, what they mean (the model's Dutch descriptions),
which values a field allows, and what is wrong, in Dutch, before ``make check`` runs.

Each schema is pydantic's (``TypeAdapter(...).json_schema()``) plus what the model knows but
JSON Schema cannot infer from the types: the ids of the vocabulary a field uses
(:func:`~handreiking.model.vocabulary_of`, as an ``enum`` with the names for completion), each
id once in a list, the form of a date, and the loader's Dutch words for a pattern that does not
match (``patternErrorMessage``, which the YAML extension shows instead of the regex).

Written as draft-07: the version the YAML language server (VS Code, Codespaces) supports best.
The committed copies in ``schemas/`` (``make schemas``) are what ``data/*.yaml`` point to in their
first line; the build publishes the same files under ``schemas/`` of the site. What a schema cannot
see (ids used twice, references between files, pages that must exist, YAML syntax) stays with
``make check``; tests/test_schemas.py lists it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter

from .loader import FILES, REDIRECTS_FILE, UNKNOWN, VALUE_NAMES, WHAT_FILE_HOLDS, pattern_message
from .model import DATE, TYPE_NAMES, Doorverwijzing, KnowledgeBase
from .paths import PROJECT_ROOT

SCHEMA_DIR = PROJECT_ROOT / "schemas"
# Every data file an editor writes, with its model: the loader's files and the old addresses.
SCHEMA_FILES: dict[str, tuple[type[BaseModel], bool]] = {**FILES, REDIRECTS_FILE: (Doorverwijzing, True)}
# JSON Schema's type names in the words of the loader's messages (handreiking.model.TYPE_NAMES).
_TYPE_WORDS = {
    "string": TYPE_NAMES[str],
    "integer": TYPE_NAMES[int],
    "number": TYPE_NAMES[float],
    "boolean": TYPE_NAMES[bool],
    "array": TYPE_NAMES[list],
    "object": TYPE_NAMES[dict],
}
DRAFT = "http://json-schema.org/draft-07/schema#"
# The editors' first line of each data file: where their editor finds its schema (relative to data/).
MODELINE = "# yaml-language-server: $schema=../schemas/{schema}"


def schema_name(data_file: str) -> str:
    """``interventions.yaml`` -> ``interventions.schema.json``."""
    return data_file.removesuffix(".yaml") + ".schema.json"


def file_schema(data_file: str, kb: KnowledgeBase) -> dict[str, Any]:
    """The JSON Schema of one data file, with the allowed values of ``kb``'s vocabularies."""
    model, is_list = SCHEMA_FILES[data_file]
    adapter: TypeAdapter[Any] = TypeAdapter(list[model] if is_list else model)  # type: ignore[valid-type]
    generated = adapter.json_schema(ref_template="#/definitions/{model}")
    definitions = generated.pop("$defs", {})
    for definition in definitions.values():
        # a record's class name and docstring are the code's (English); its fields say what they mean
        definition.pop("title", None)
        definition.pop("description", None)
    if not is_list:  # the file is one record: its fields at the top, not behind a reference
        generated.pop("title", None)
        generated.pop("description", None)
    schema = {
        "$schema": DRAFT,
        "title": f"data/{data_file}",
        "description": f"Het bestand bevat {WHAT_FILE_HOLDS[data_file]}. Uitleg per veld: de pagina Gegevensmodel.",
        **generated,
    }
    if definitions:
        schema["definitions"] = definitions
    reserved = list(getattr(model, "RESERVED_IDS", {}))
    if reserved:  # ids that name a page of their own (the loader says which page)
        record = definitions.get(model.__name__, schema) if is_list else schema
        record["properties"]["id"]["not"] = {
            "enum": reserved,
            "errorMessage": f"Deze id is gereserveerd voor een pagina van de site: {', '.join(reserved)}",
        }
    _enrich(schema, kb)
    return schema


def _enrich(node: Any, kb: KnowledgeBase) -> None:
    """Adds what the model declares beyond the types, everywhere in ``node``."""
    if isinstance(node, list):
        for item in node:
            _enrich(item, kb)
        return
    if not isinstance(node, dict):
        return
    vocabulary = node.pop("vocabulaire", None)
    if vocabulary:
        rows = list(getattr(kb, vocabulary))
        ids = [row.id for row in rows]
        allowed = {
            "enum": ids,
            "enumDescriptions": [getattr(row, "naam", row.id) for row in rows],
            # the YAML extension shows this instead of its English "Value is not accepted"
            "errorMessage": f"{UNKNOWN.get(vocabulary, 'onbekende').capitalize()} {VALUE_NAMES[vocabulary]}; "
            f"kies uit: {', '.join(ids)}",
        }
        if node.get("type") == "array":
            node["items"].update(allowed)
            node["uniqueItems"] = True  # the loader reports an id listed twice
        elif "anyOf" in node:  # optional: the text branch
            next(branch for branch in node["anyOf"] if branch.get("type") == "string").update(allowed)
        else:
            node.update(allowed)
    if node.get("format") == "date":
        node["pattern"] = DATE
    _dutch_lengths(node)
    if isinstance(node.get("pattern"), str) and "patternErrorMessage" not in node:
        node["patternErrorMessage"] = pattern_message(node["pattern"], "Deze waarde")
    _dutch_type_and_fields(node)
    for key, value in node.items():
        if key not in ("examples", "default", "enum", "enumDescriptions"):
            _enrich(value, kb)


def _dutch_lengths(node: dict[str, Any]) -> None:
    """The YAML extension (redhat yaml-language-server) says "String is longer than the maximum
    length" in English whatever the schema says; a pattern's message it takes from the schema
    (``patternErrorMessage``). So a text's length rule is written as a pattern with the loader's
    words: not empty (after trimming, as the model trims), at most so many characters."""
    if node.get("type") != "string":
        return
    if "pattern" in node:  # a pattern that needs text says more than "too short"
        if node.get("minLength") == 1 and re.search(node["pattern"], "") is None:
            del node["minLength"]
        return
    low, high = node.pop("minLength", 0), node.pop("maxLength", None)
    if high is not None:
        node["pattern"] = rf"^(?=[\s\S]*\S)[\s\S]{{1,{high}}}$" if low else rf"^[\s\S]{{0,{high}}}$"
        node["patternErrorMessage"] = (
            f"Mag niet leeg zijn; hooguit {high} tekens" if low else f"Te lang: hooguit {high} tekens"
        )
    elif low:
        node["pattern"] = r"\S"
        node["patternErrorMessage"] = "Mag niet leeg zijn"


def _dutch_type_and_fields(node: dict[str, Any]) -> None:
    """Dutch for what the YAML extension takes from ``errorMessage`` (a keyword of VS Code's JSON
    language service, not of JSON Schema): a value of the wrong kind, and, on a block with required
    fields, a missing field (yaml-language-server shows the block's ``errorMessage`` for both)."""
    kind = node.get("type")
    if not isinstance(kind, str) or kind not in _TYPE_WORDS or "errorMessage" in node:
        return
    message = f"Moet {_TYPE_WORDS[kind]} zijn" + (", bijvoorbeeld [a, b]" if kind == "array" else "")
    if kind == "object" and node.get("required"):
        message += f"; verplichte velden: {', '.join(node['required'])}"
    node["errorMessage"] = message


def contents(kb: KnowledgeBase) -> dict[str, str]:
    """Schema file name -> its JSON text, for every data file the loader reads (same data, same bytes)."""
    return {
        schema_name(name): json.dumps(file_schema(name, kb), ensure_ascii=False, indent=2) + "\n"
        for name in SCHEMA_FILES
    }


def edition_schema(name: str, kb: KnowledgeBase) -> dict[str, Any]:
    """The JSON Schema of an edition's ``editie.yaml`` or ``data/samos.yaml`` (models of
    :mod:`handreiking.edition`), with the same Dutch words; a samos role and partner list the
    guide's roles (``edities/kernteam.yaml``) and ``data/partners.yaml``'s ids."""
    from . import edition  # the edition module reads the loader; imported when asked

    files: dict[str, tuple[type[BaseModel], str, str]] = {
        edition.EDITION_FILE: (edition.Edition, "edities/<naam>/editie.yaml", "de naam, het contact en de plekken"),
        edition.SAMOS_FILE: (edition.Samos, "edities/<naam>/data/samos.yaml", "de SAMOS-structuur"),
    }
    model, title, holds = files[name]
    generated = model.model_json_schema(ref_template="#/definitions/{model}")
    definitions = generated.pop("$defs", {})
    for definition in definitions.values():
        definition.pop("title", None)
        definition.pop("description", None)
    generated.pop("title", None)
    generated.pop("description", None)
    schema: dict[str, Any] = {
        "$schema": DRAFT,
        "title": title,
        "description": f"Het bestand bevat {holds} van een editie. Uitleg: CONTRIBUTING.md, hoofdstuk 9.",
        **generated,
    }
    if definitions:
        schema["definitions"] = definitions
    if name == edition.SAMOS_FILE:
        roles = edition.roles()
        for where, ids, names, what in (
            ("Member", [r.id for r in roles], [r.naam for r in roles], "rol"),
            ("EscalationStep", [r.id for r in roles], [r.naam for r in roles], "rol"),
            ("LocalPartner", list(kb.partners.ids), [p.naam for p in kb.partners], "partner"),
        ):
            definitions[where]["properties"][what].update(
                {
                    "enum": ids,
                    "enumDescriptions": names,
                    "errorMessage": f"Onbekende {what}; kies uit: {', '.join(ids)}",
                }
            )
    _enrich(schema, kb)
    return schema


EDITION_SCHEMAS = ("editie.yaml", "samos.yaml")  # handreiking.edition's EDITION_FILE and SAMOS_FILE


def edition_contents(kb: KnowledgeBase) -> dict[str, str]:
    """Schema file name -> JSON text of an edition's files; in ``schemas/`` for editors, not in the
    national site (it has no edition)."""
    return {
        schema_name(name): json.dumps(edition_schema(name, kb), ensure_ascii=False, indent=2) + "\n"
        for name in EDITION_SCHEMAS
    }


# What a schema takes from the data rather than the model: the allowed values of a vocabulary.
_FROM_THE_DATA = ("enum", "enumDescriptions", "errorMessage")


def _structure(node: Any) -> Any:
    """A schema without the values that come from the data (a new partner changes those, not the model)."""
    if isinstance(node, dict):
        return {k: _structure(v) for k, v in node.items() if k not in _FROM_THE_DATA}
    if isinstance(node, list):
        return [_structure(item) for item in node]
    return node


def stale(kb: KnowledgeBase, directory: Path = SCHEMA_DIR, *, values: bool = True) -> list[str]:
    """Schema files in ``directory`` that differ from what the model and the data generate; with
    ``values=False`` only those whose structure (the model) differs, not just a vocabulary's values."""
    out = []
    for name, text in (contents(kb) | edition_contents(kb)).items():
        path = directory / name
        if (
            not path.is_file()
            or values
            and path.read_text(encoding="utf-8") != text
            or not values
            and _structure(json.loads(path.read_text(encoding="utf-8"))) != _structure(json.loads(text))
        ):
            out.append(name)
    return out


def write(kb: KnowledgeBase, directory: Path = SCHEMA_DIR) -> list[str]:
    """Writes every schema that changed into ``directory``; returns their names."""
    changed = stale(kb, directory)
    directory.mkdir(parents=True, exist_ok=True)
    texts = contents(kb) | edition_contents(kb)
    for name in changed:
        (directory / name).write_text(texts[name], encoding="utf-8")
    return changed
