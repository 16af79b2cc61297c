"""What an editor's page must have in its front matter beyond what reading it checks
(:func:`handreiking.loader.front_matter_problems`): front matter at all, no HTML in the title,
a known kind of page, scripts that exist. One Dutch line per problem."""

from __future__ import annotations

from typing import Any

from . import safety
from .model import KnowledgeBase
from .paths import OVERRIDES_DIR

SCRIPTS_DIR = OVERRIDES_DIR / "assets" / "javascripts"


def page_problems(where: str, source: str | None, meta: dict[str, Any], kb: KnowledgeBase) -> list[str]:
    """``where`` is the page's path (docs/…); ``source`` its text, None for a page generated from
    the data (its front matter comes from a record template)."""
    problems = []
    if source is not None:
        if not source.startswith("---"):
            return [
                f"{where}:1: kopregels ontbreken; begin de pagina met '---', dan title: en description:, dan weer '---'"
            ]
        for key in ("title", "description", "code"):
            markup = safety.markup_in_plain_text(str(meta.get(key) or ""))
            if markup:
                line = next((i + 1 for i, row in enumerate(source.splitlines()) if row.startswith(f"{key}:")), 1)
                problems.append(
                    f'{where}:{line}: {key}: HTML is niet toegestaan in de kopregels ("{markup[:40]}"); '
                    "schrijf gewone tekst"
                )
    soort = meta.get("soort")
    if soort is not None and soort not in kb.soorten:
        problems.append(f'{where}: soort: onbekende soort "{soort}"; kies uit: {", ".join(kb.soorten.ids)}')
    for script in meta.get("scripts") or []:
        if not (SCRIPTS_DIR / str(script)).is_file():
            problems.append(
                f'{where}: scripts: onbekend script "{script}"; het moet staan in overrides/assets/javascripts/'
            )
    return problems
