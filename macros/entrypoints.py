"""Macro for the "Direct naar" block (data/direct-naar.yaml) on the home page; the page-not-found
page (overrides/404.html) renders the same partial from the theme (macros/plugin.py ``on_env``)."""

from __future__ import annotations

from typing import Any

from handreiking.model import KnowledgeBase

from .render import Renderer


def register(env: Any, kb: KnowledgeBase, render: Renderer) -> None:
    @env.macro
    def direct_naar() -> str:
        """The entry points a front-line worker needs first, as large links: the incident route first."""
        return render(
            "direct-naar.html",
            from_url=render.here(),
            ingangen=kb.direct_naar,
            route=kb.incident_route,
        )
