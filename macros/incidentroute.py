"""Macro for the route "Er is iets gebeurd" (data/incident-route.yaml): numbered steps in the GOV.UK
"step by step" pattern, each with what to do, the guide's passages it quotes (linked to their
anchors), the A1 actions of its stages (data/phases.yaml) and the B3 lessons (data/escalatiemodel.yaml)
rendered from their own data, and where the guide says more."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from handreiking.loader import read_front_matter
from handreiking.model import KnowledgeBase

from . import edition
from .render import Renderer

# The pages whose generated anchors the route links to: a stage by its handeling (aanpak/fasewijzer.md,
# "{ #handeling }"), a lesson by its number (partials/escalation-lessons.html, "les-N").
STAGE_PAGE = "aanpak/fasewijzer.md"
LESSON_PAGE = "rellen/escalatiemodel.md"


def register(env: Any, kb: KnowledgeBase, render: Renderer) -> None:
    docs_dir = Path(env.conf["docs_dir"])

    def page_title(target: str) -> str:
        """The title (front matter) of the page a quote comes from: the text of its source link."""
        path = docs_dir / target.partition("#")[0]
        return str(read_front_matter(path.read_text(encoding="utf-8")).get("title", ""))

    @env.macro
    def incident_route() -> str:
        route = kb.incident_route
        if route is None:
            return ""
        titles = {c.pagina: page_title(c.pagina) for step in route.stappen for c in step.citaten}
        lessons = kb.escalation.lessen if kb.escalation else []
        return render(
            "incident-route.html",
            from_url=render.here(),
            kb=kb,
            route=route,
            titles=titles,
            lessons=lessons,
            stage_page=STAGE_PAGE,
            lesson_page=LESSON_PAGE,
            plekken=edition.route_slots(kb, render, env.page, env.variables.get("files"), env.conf),
        )
