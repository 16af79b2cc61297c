"""The "Wijzigingen" page, newest first, from data/changelog.yaml."""

from __future__ import annotations

from typing import Any

from handreiking.history import dutch_date
from handreiking.model import KnowledgeBase

from .render import Renderer


def register(env: Any, kb: KnowledgeBase, render: Renderer) -> None:
    @env.macro
    def changelog() -> str:
        return render(
            "changelog.html",
            from_url=render.here(),
            kb=kb,
            entries=kb.changelog,
            dutch_date=dutch_date,
        )
