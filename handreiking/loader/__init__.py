"""The one loader: reads the data files with line numbers, validates everything and builds the
:class:`~handreiking.model.KnowledgeBase`, or raises :class:`KnowledgeBaseError` listing every problem,
one Dutch line each (``data/interventions.yaml:42: buurtbemiddeling: handelingen: ...``).

The package, one thing per module:

- :mod:`.files`: the data files' names (defined once), their models and what each must hold;
- :mod:`.source`: one YAML file read as typed, with the line of every key and value;
- :mod:`.messages`: :class:`Problem` and pydantic's errors in the editors' words;
- :mod:`.parse`: one file of one layer into records, each with its :class:`~handreiking.model.Origin`;
  the files of several layers merged by id;
- :mod:`.rules`: the rules that need more than one record, one generator each (:data:`~.rules.RULES`);
- :mod:`.layers`: :class:`Layer`, :func:`validate_layers` and the cached :func:`load`;
- :mod:`.frontmatter`, :mod:`.redirects`: a page's front matter, ``data/doorverwijzingen.yaml``.

Validation happens in two passes: pydantic checks each record's structure (types, required and
unknown fields), then the rules check what needs the whole knowledge base (allowed values, unique
ids, references, web addresses).

**Origins.** Every record read from a file carries ``record.origin``: its layer, its file as an
editor sees it, its first line and the line of each field (``origin.line_of("links")``,
``origin.line_of("ook[2]")``), and the file's lines (``origin.text``) to find a word in a field that
spans several lines. Messages, edit links, the build's messages and the link report use it; nothing
opens a data file again to find a line. It is a private attribute: dumps and JSON do not change.

**Layers** (for an edition, ``edities/<naam>/``)::

    from handreiking.loader import Layer, national, validate_layers, load_layers

    kb = load_layers(
        [national(), Layer("voorbeeldstad", edition / "data", edition / "docs", "edities/voorbeeldstad/data")],
        replaces={"buurtbemiddeling"},  # ids the edition's declaration says it replaces
    )

The national base comes first and holds every file of :data:`FILES`; a later layer holds only the
list files it adds to (same file names: ``interventions.yaml`` for its practice examples ...). Its
records come after the earlier layers'; an id an earlier layer has in the same file (the same
addresses: ``praktijkvoorbeelden/<id>/``) is a ``file:line`` error, unless it is in ``replaces``:
then the record takes the earlier one's place. A file that is one block (vocabularies, phases, the
incident route) belongs to the base: in a later layer it is an error. Pages referred to by the data
may be in any layer's ``docs_dir``. :func:`load` and :func:`validate` are the national site alone.
"""

from __future__ import annotations

from .files import FILES, MAX_DIRECT_NAAR, REDIRECTS_FILE, WHAT_FILE_HOLDS
from .frontmatter import front_matter_problems, read_front_matter
from .layers import Layer, load, load_layers, national, validate, validate_layers
from .messages import (
    UNKNOWN,
    VALUE_NAMES,
    KnowledgeBaseError,
    Problem,
    pattern_message,
    pydantic_message,
    unknown_value,
)
from .pages import DataPages, page_anchors, page_paths
from .parse import NATIONAL
from .redirects import load_redirects

__all__ = [
    "FILES",
    "MAX_DIRECT_NAAR",
    "NATIONAL",
    "REDIRECTS_FILE",
    "UNKNOWN",
    "VALUE_NAMES",
    "WHAT_FILE_HOLDS",
    "DataPages",
    "KnowledgeBaseError",
    "Layer",
    "Problem",
    "front_matter_problems",
    "load",
    "load_layers",
    "load_redirects",
    "national",
    "page_anchors",
    "page_paths",
    "pattern_message",
    "pydantic_message",
    "read_front_matter",
    "unknown_value",
    "validate",
    "validate_layers",
]
