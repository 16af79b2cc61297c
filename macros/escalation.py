"""Macros for the escalation model of part B3 (data/escalatiemodel.yaml): the four necessary
conditions, the five lessons and a simple generated diagram linking them."""

from __future__ import annotations

from typing import Any

from .model import KnowledgeBase
from .render import Renderer


def register(env: Any, kb: KnowledgeBase, render: Renderer) -> None:
    @env.macro
    def escalation_conditions() -> str:
        return render("escalation-conditions.html", kb=kb)

    @env.macro
    def escalation_lessons() -> str:
        return render("escalation-lessons.html", kb=kb)

    @env.macro
    def escalation_diagram() -> str:
        return render("escalation-diagram.html", kb=kb)
