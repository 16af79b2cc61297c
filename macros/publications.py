"""Macros for the publications and plans of part C2 (data/publicaties.yaml): each link on a page comes
from the data, so the link check knows its file and line and a dead link shows its archived copy."""

from __future__ import annotations

from typing import Any

from handreiking.model import KnowledgeBase, Publicatie
from handreiking.prebuild import environment

from .macroerrors import MacroError
from .render import Renderer


def register(env: Any, kb: KnowledgeBase, render: Renderer) -> None:
    links = environment().get_template("links.md.jinja").module  # the same Markdown as on record pages

    def find(macro: str, pub_id: str) -> Publicatie:
        if pub_id not in kb.publicaties:
            raise MacroError(
                f'{macro}: onbekende publicatie "{pub_id}"; kies een id uit data/publicaties.yaml: '
                f"{', '.join(kb.publicaties.ids)}"
            )
        return kb.publicaties[pub_id]

    @env.macro
    def publicatie(pub_id: str, tekst: str | None = None) -> str:
        """The link to one publication in running text (its title, or ``tekst``), as Markdown."""
        return str(links.source_link(find("publicatie", pub_id), tekst))  # type: ignore[attr-defined]

    @env.macro
    def vermelding(pub_id: str) -> str:
        """One publication as an entry of a reading list: authors or organisation (year). link."""
        return str(links.citation(find("vermelding", pub_id)))  # type: ignore[attr-defined]
