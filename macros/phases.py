"""Macros for the phase model of part A1 (data/phases.yaml)."""

from __future__ import annotations

from typing import Any

from .model import KnowledgeBase
from .render import Renderer


def register(env: Any, kb: KnowledgeBase, render: Renderer) -> None:
    @env.macro
    def phase_table() -> str:
        """The A1 schema as an accessible table: one column per stage."""
        return render("phase-table.html", from_url=env.page.url if env.page else "", kb=kb)

    @env.macro
    def phase_sequence() -> str:
        """The five-phase sequence of the introduction as an ordered list."""
        return render("phase-sequence.html", kb=kb)
