"""The editors' page "Gegevensmodel": every field of every data file, generated from the same
model the validator uses (so it cannot drift)."""

from __future__ import annotations

import json
import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from handreiking.loader import FILES
from handreiking.model import TYPE_NAMES, KnowledgeBase, vocabulary_of
from handreiking.schemas import schema_name
from handreiking.urls import relative_url

from .render import Renderer


def _kind(annotation: Any) -> type:
    """The kind of value a field holds: ``Annotated[str, ...] | None`` is str, ``list[...]`` list,
    a nested model dict, ``Literal["a", "b"]`` the type of its values."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _kind(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        kinds = {_kind(a) for a in get_args(annotation) if a is not type(None)}
        return kinds.pop() if len(kinds) == 1 else str
    if origin is Literal:
        return type(get_args(annotation)[0])
    if origin is not None:
        return origin
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return dict
    return annotation


def _type_name(annotation: Any) -> str:
    """The Dutch name of a field's kind of value, as the editors' messages use it, without "een"."""
    return TYPE_NAMES.get(_kind(annotation), TYPE_NAMES[str]).removeprefix("een ")


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
            schema = relative_url(f"schemas/{schema_name(filename)}", render.here() or ".")
            files.append({"bestand": f"data/{filename}", "lijst": is_list, "secties": sections, "schema": schema})
        return render("data-model.html", kb=kb, files=files)
