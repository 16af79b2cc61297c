"""Open data: the validated interventions, risk factors and phases as JSON and CSV in
``site/open-data/`` (made by handreiking/prebuild.py), so municipalities can reuse them. Written from the same model as the site,
deterministically (same data, same bytes).

Two kinds of CSV (docs/redactie/open-data.md says which is which):

- for tools (``interventies.csv``): UTF-8, commas, codes only, lists joined by "; ", text as in the
  data (line breaks kept inside quoted fields);
- for spreadsheets (``interventies-excel.csv``): what Excel with Dutch settings opens by a double
  click: UTF-8 with a byte-order mark, semicolons, CRLF line ends, every code column followed by a
  ``(label)`` column with the names the site shows, lists joined by :data:`LIST_SEPARATOR`, and no
  line break inside a field (each physical line is one record, which the overview's "Download deze
  selectie" relies on: overrides/assets/javascripts/selection.js takes the header and the lines
  of the shown records from this file). Links have a file of their own (``links-excel.csv``).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from .model import Intervention, KnowledgeBase, RiskFactor, Stage, vocabulary_of

FILES = (
    "interventies.json",
    "interventies.csv",
    "interventies-excel.csv",
    "links.csv",
    "links-excel.csv",
    "risicofactoren.json",
    "risicofactoren.csv",
    "risicofactoren-excel.csv",
    "fasen.json",
    "fasen.csv",
    "fasen-excel.csv",
)
# How a spreadsheet cell holds several values (codes or labels), documented on the open-data page.
LIST_SEPARATOR = " | "
LABEL = "{} (label)"  # the column beside a code column
LINK_COLUMNS = ("interventie", "titel", "url", "archief", "dood")
# A cell that starts with one of these is a formula to a spreadsheet ("- Er zijn ..." gives #NAME?):
# such a cell gets an apostrophe in front, the usual guard against formula injection.
FORMULA_START = ("=", "+", "-", "@")
# Fields whose codes get a label column but declare no vocabulary (the open data's own
# "interventies" of a risk factor; an example's risk factors as the guide names them).
EXTRA_VOCABULARIES = {"interventies": "interventions", "risicofactoren_uit_handreiking": "riskfactors"}


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"


def _csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else [], lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "; ".join(map(str, v)) if isinstance(v, list) else v for k, v in row.items()})
    return out.getvalue()


def one_line(value: Any) -> str:
    """A cell for a spreadsheet: text with its line breaks (the PDF's) folded to single spaces; a
    list joined by LIST_SEPARATOR; true/false and empty as such; an apostrophe before a cell that
    would start a formula."""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(one_line(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    text = " ".join(str("" if value is None else value).split())
    return "'" + text if text.startswith(FORMULA_START) else text


def excel_csv(header: list[str], rows: Iterable[list[Any]]) -> str:
    """The spreadsheet form: byte-order mark, semicolons, CRLF, one physical line per row."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([one_line(v) for v in row])
    return "\ufeff" + out.getvalue()


def _labelled(kb: KnowledgeBase, model: type[BaseModel], records: list[dict[str, Any]], skip: set[str]) -> str:
    """Records (model_dump) as a spreadsheet: their fields in the model's order, each field with a
    vocabulary followed by its labels."""
    header: list[str] = []
    fields: list[tuple[str, str | None]] = []
    for name in records[0] if records else []:
        if name in skip:
            continue
        own = vocabulary_of(model, name) if name in model.model_fields else None
        vocabulary = own or EXTRA_VOCABULARIES.get(name)
        fields.append((name, vocabulary))
        header += [name, LABEL.format(name)] if vocabulary else [name]
    rows = []
    for record in records:
        row: list[Any] = []
        for name, vocabulary in fields:
            value = record[name]
            row.append(value)
            if vocabulary:
                ids = value if isinstance(value, list) else [value]
                row.append(kb.names(vocabulary, [i for i in ids if i]))
        rows.append(row)
    return excel_csv(header, rows)


def contents(kb: KnowledgeBase) -> dict[str, str]:
    """File name -> text of every open-data file."""
    interventions = [i.model_dump(mode="json") for i in kb.interventions]
    riskfactors = [r.model_dump(mode="json") for r in kb.riskfactors]
    for rf in riskfactors:
        rf["interventies"] = [i.id for i in kb.interventions_for_riskfactor(rf["id"])]
    phases = kb.phases.model_dump(mode="json")
    flat_interventions = [
        {**i, "links": [f"{link['titel']} <{link['url']}>" for link in i["links"]]} for i in interventions
    ]
    flat_stages = [
        {
            **{k: v for k, v in s.items() if k != "instrumenten"},
            "instrumenten": [ins.get("interventie") or ins.get("titel") for ins in s["instrumenten"]],
        }
        for s in phases["stadia"]
    ]
    links = [[i["id"], *(link[k] for k in LINK_COLUMNS[1:])] for i in interventions for link in i["links"]]
    plain_links = io.StringIO()
    csv.writer(plain_links, lineterminator="\n").writerows(
        [list(LINK_COLUMNS), *([*row[:-1], one_line(row[-1])] for row in links)]
    )
    files = {
        "interventies.json": _json(interventions),
        "interventies.csv": _csv(flat_interventions),
        "interventies-excel.csv": _labelled(kb, Intervention, interventions, skip={"links"}),
        "links.csv": plain_links.getvalue(),
        "links-excel.csv": excel_csv(list(LINK_COLUMNS), links),
        "risicofactoren.json": _json(riskfactors),
        "risicofactoren.csv": _csv(riskfactors),
        "risicofactoren-excel.csv": _labelled(kb, RiskFactor, riskfactors, skip=set()),
        "fasen.json": _json(phases),
        "fasen.csv": _csv(flat_stages),
        "fasen-excel.csv": _labelled(kb, Stage, flat_stages, skip=set()),
    }
    return {name: files[name] for name in FILES}
