"""The editors' page "Gegevensmodel": every field of every data file, generated from the same
model the validator uses (so it cannot drift)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from handreiking.loader import FILES
from handreiking.model import KnowledgeBase, vocabulary_of

from .render import Renderer

TYPE_NAMES = {"str": "tekst", "int": "geheel getal", "bool": "true of false", "date": "datum (JJJJ-MM-DD)"}


def _type_name(annotation: Any) -> str:
    text = str(annotation)
    if text.startswith("list["):
        return "lijst"
    if "| None" in text or "Optional" in text:
        text = text.replace(" | None", "")
    name = getattr(annotation, "__name__", text)
    for key, dutch in TYPE_NAMES.items():
        if key in str(name) or key in text:
            return dutch
    return "blok met velden" if isinstance(annotation, type) and issubclass(annotation, BaseModel) else "tekst"


def _nested(annotation: Any) -> type[BaseModel] | None:
    args = getattr(annotation, "__args__", ()) or (annotation,)
    return next((a for a in args if isinstance(a, type) and issubclass(a, BaseModel)), None)


def describe(model: type[BaseModel], kb: KnowledgeBase) -> list[dict[str, Any]]:
    """One row per field: name, meaning, required, type, allowed values, example."""
    rows = []
    for name, field in model.model_fields.items():
        vocab = vocabulary_of(model, name)
        allowed = ""
        if vocab:
            rows_ = getattr(kb, vocab)
            allowed = ", ".join(rows_.ids)
        example = field.examples[0] if field.examples else None
        default = field.default if field.default is not PydanticUndefined else None
        rows.append(
            {
                "naam": name,
                "betekenis": field.description or "",
                "verplicht": field.is_required(),
                "type": _type_name(field.annotation),
                "toegestaan": allowed,
                "voorbeeld": json.dumps(example, ensure_ascii=False) if example is not None else "",
                "standaard": default,
                "onderdelen": _nested(field.annotation),
            }
        )
    return rows


def register(env: Any, kb: KnowledgeBase, render: Renderer) -> None:
    @env.macro
    def data_model() -> str:
        """Every data file with the fields of its records (and of their nested blocks)."""
        files = []
        for filename, (model, is_list) in FILES.items():
            sections = [(model.__name__, model, describe(model, kb))]
            seen = {model}
            i = 0
            while i < len(sections):
                for row in sections[i][2]:
                    nested = row["onderdelen"]
                    if nested and nested not in seen:
                        seen.add(nested)
                        sections.append((f"{row['naam']}", nested, describe(nested, kb)))
                i += 1
            files.append({"bestand": f"data/{filename}", "lijst": is_list, "secties": sections})
        return render("data-model.html", kb=kb, files=files)
