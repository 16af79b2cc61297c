"""Macros for the escalation model of part B3 (data/escalatiemodel.yaml): the four necessary
conditions, the five lessons and a generated diagram linking them (an SVG from 45em wide, a list
of button-like links on narrower screens)."""

from __future__ import annotations

import textwrap
from typing import Any

from handreiking.model import KnowledgeBase

from .render import Renderer

# Characters per line of a condition's name in its box of the SVG (16 units per character cell).
LINE_CHARS = 15


def register(env: Any, kb: KnowledgeBase, render: Renderer) -> None:
    @env.macro
    def escalation_conditions() -> str:
        return render("escalation-conditions.html", kb=kb)

    @env.macro
    def escalation_lessons() -> str:
        return render("escalation-lessons.html", kb=kb)

    @env.macro
    def escalation_diagram() -> str:
        conditions = kb.escalation.voorwaarden if kb.escalation else []
        lines = {c.id: textwrap.wrap(c.naam, LINE_CHARS, break_long_words=False) for c in conditions}
        lessons = (
            {
                c.id: [i for i, lesson in enumerate(kb.escalation.lessen, start=1) if c.id in lesson.voorwaarden]
                for c in conditions
            }
            if kb.escalation
            else {}
        )
        return render("escalation-diagram.html", kb=kb, lines=lines, lessons=lessons)
