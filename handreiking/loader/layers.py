"""Layers: the national base first, then (for an edition) the edition's own data, merged by id into
one :class:`~handreiking.model.KnowledgeBase`; the cached :func:`load` for the build."""

from __future__ import annotations

import logging
import os
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from ..model import (
    ChangeEntry,
    EscalationModel,
    IncidentRoute,
    Ingang,
    Intervention,
    KnowledgeBase,
    Phases,
    Publicatie,
    RiskFactor,
    Term,
    Vocabularies,
    Zoekwoord,
)
from ..paths import DATA_DIR, DOCS_DIR
from .files import (
    CHANGELOG,
    DIRECT_NAAR,
    ESCALATION,
    FILES,
    INCIDENT_ROUTE,
    INTERVENTIONS,
    PARTNERS,
    PHASES,
    PUBLICATIONS,
    RISKFACTORS,
    SEARCH_WORDS,
    VOCABULARIES,
)
from .messages import KnowledgeBaseError, Problem
from .parse import NATIONAL, Parsed, data_pages_of, merge, parse_file
from .rules import Data, check

log = logging.getLogger("mkdocs.plugins.handreiking")

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Layer:
    """One layer of data: its name (the records' :attr:`Origin.layer <handreiking.model.Origin>`),
    its data folder, the folder of its pages (None: it has none), and the folder as an editor sees
    it in messages and edit links (None: the folder's own name, ``data``). The national base holds
    every file of :data:`~handreiking.loader.files.FILES`; a later layer only the lists it adds to."""

    name: str
    data_dir: Path
    docs_dir: Path | None = None
    shown: str | None = None


def national(data_dir: Path = DATA_DIR, docs_dir: Path = DOCS_DIR) -> Layer:
    """The national base layer."""
    return Layer(NATIONAL, Path(data_dir), Path(docs_dir))


def read_layers(layers: Sequence[Layer], replaces: Collection[str], problems: list[Problem]) -> dict[str, Parsed]:
    """Every data file of every layer, parsed and merged (:func:`~handreiking.loader.parse.merge`)."""
    read: list[dict[str, Parsed]] = []
    for number, layer in enumerate(layers):
        parsed: dict[str, Parsed] = {}
        for name, (model, is_list) in FILES.items():
            if number and not (layer.data_dir / name).exists():
                continue  # a later layer holds only the files it adds to
            result = parse_file(layer.data_dir, name, model, is_list, problems, layer.name, layer.shown)
            if result is not None:
                parsed[name] = result
        read.append(parsed)
    return merge(read, replaces, problems)


def validate_layers(layers: Sequence[Layer], replaces: Collection[str] = ()) -> KnowledgeBase:
    """Loads and validates the data of ``layers`` (the national base first), merged by id: a later
    layer's records are added; an id an earlier layer has is an error unless it is in ``replaces``
    (the ids an edition declares it replaces). Raises :class:`KnowledgeBaseError` with every problem."""
    problems: list[Problem] = []
    parsed = read_layers(layers, replaces, problems)
    docs_dirs = [layer.docs_dir for layer in layers if layer.docs_dir is not None] or [DOCS_DIR]
    problems.extend(check(Data(parsed, docs_dirs)))
    if problems:
        raise KnowledgeBaseError(problems, data_pages_of(parsed))

    def rows(name: str, model: type[M]) -> list[M]:
        return [row.record for row in parsed[name].of(model)]

    def whole(name: str, model: type[M]) -> M:
        record = parsed[name].whole_of(model)
        assert record is not None  # the national base has every file, or there were problems
        return record

    return KnowledgeBase(
        data_dir=layers[0].data_dir,
        vocab=whole(VOCABULARIES, Vocabularies),
        partners=rows(PARTNERS, Term),
        interventions=rows(INTERVENTIONS, Intervention),
        riskfactors=rows(RISKFACTORS, RiskFactor),
        phases=whole(PHASES, Phases),
        changelog=rows(CHANGELOG, ChangeEntry),
        escalation=whole(ESCALATION, EscalationModel),
        direct_naar=rows(DIRECT_NAAR, Ingang),
        zoekwoorden=rows(SEARCH_WORDS, Zoekwoord),
        publicaties=rows(PUBLICATIONS, Publicatie),
        incident_route=whole(INCIDENT_ROUTE, IncidentRoute),
    )


def validate(data_dir: Path = DATA_DIR, docs_dir: Path = DOCS_DIR) -> KnowledgeBase:
    """Loads and validates the national data files. Raises :class:`KnowledgeBaseError` with every problem."""
    return validate_layers([national(data_dir, docs_dir)])


_cache: dict[tuple[Any, ...], KnowledgeBase] = {}


def load_layers(layers: Sequence[Layer], replaces: Collection[str] = ()) -> KnowledgeBase:
    """Cached :func:`validate_layers`: validates again only when a data file changed (live reload)."""
    stamp = tuple(
        (str(layer.data_dir), n, (layer.data_dir / n).stat().st_mtime_ns if (layer.data_dir / n).exists() else None)
        for layer in layers
        for n in FILES
    )
    key = (tuple(layers), tuple(sorted(replaces)), stamp)
    if key not in _cache:
        _cache.clear()
        _cache[key] = validate_layers(layers, replaces)
        log.debug("knowledge base loaded from %s", ", ".join(str(layer.data_dir) for layer in layers))
    return _cache[key]


def load(data_dir: Path | None = None, docs_dir: Path | None = None) -> KnowledgeBase:
    """Cached :func:`validate` of the national data (``HANDREIKING_DATA_DIR``, or ``data/``)."""
    data_dir = Path(data_dir or os.environ.get("HANDREIKING_DATA_DIR") or DATA_DIR).resolve()
    return load_layers([national(data_dir, Path(docs_dir or DOCS_DIR).resolve())])
