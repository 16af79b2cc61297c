"""Macros for risk factors (B1.1 - B1.10)."""

from __future__ import annotations

from typing import Any

from handreiking.model import KnowledgeBase

from .interventions import selection_context
from .render import Renderer


def register(env: Any, kb: KnowledgeBase, render: Renderer) -> None:
    @env.macro
    def riskfactor_overview() -> str:
        """Every risk factor with its page and the interventions that address it."""
        return render("riskfactor-overview.html", from_url=render.here(), kb=kb)

    @env.macro
    def riskfactor_selector() -> str:
        """Choose risk factors; see their explanation and the interventions ranked (riskfactors.js)."""
        here = render.here()
        return render(
            "riskfactor-selector.html", from_url=here, kb=kb, group=kb.risk_factor_choice, **selection_context(here)
        )
