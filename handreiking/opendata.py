"""Open data: the validated interventions, risk factors and phases as JSON and CSV in
``site/open-data/`` (made by handreiking/prebuild.py), so municipalities can reuse them. Written from the same model as the site,
deterministically (same data, same bytes)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .model import KnowledgeBase

FILES = (
    "interventies.json",
    "interventies.csv",
    "risicofactoren.json",
    "risicofactoren.csv",
    "fasen.json",
    "fasen.csv",
)


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"


def _csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else [], lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "; ".join(map(str, v)) if isinstance(v, list) else v for k, v in row.items()})
    return out.getvalue()


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
    files = {
        "interventies.json": _json(interventions),
        "interventies.csv": _csv(flat_interventions),
        "risicofactoren.json": _json(riskfactors),
        "risicofactoren.csv": _csv(riskfactors),
        "fasen.json": _json(phases),
        "fasen.csv": _csv(flat_stages),
    }
    return {name: files[name] for name in FILES}
