"""Macros for interventions (practice examples and instruments)."""

from __future__ import annotations

from typing import Any

from .model import KnowledgeBase
from .render import Renderer


def register(env: Any, kb: KnowledgeBase, render: Renderer) -> None:
    def here() -> str:
        return env.page.url if env.page else ""

    @env.macro
    def intervention_overview() -> str:
        """The complete list of interventions as cards, with the filter form (C1 overview)."""
        return render("intervention-overview.html", from_url=here(), kb=kb, items=list(kb.interventions))

    @env.macro
    def intervention_list(handeling: str | None = None, riskfactor: str | None = None) -> str:
        """A plain linked list of interventions, optionally for one handeling or risk factor."""
        items = list(kb.interventions)
        if handeling:
            items = kb.interventions_for_handeling(handeling)
        if riskfactor:
            items = [i for i in items if riskfactor in i.risicofactoren]
        return render("intervention-list.html", from_url=here(), kb=kb, items=items)
