"""Macros for interventions (practice examples and instruments)."""

from __future__ import annotations

from typing import Any

from handreiking.model import KnowledgeBase

from .buildmessages import MacroError
from .render import Renderer


def register(env: Any, kb: KnowledgeBase, render: Renderer) -> None:
    def here() -> str:
        return env.page.url if env.page else ""

    @env.macro
    def intervention_overview() -> str:
        """The complete list of interventions as cards, with the filter form (C1 overview)."""
        return render(
            "intervention-overview.html",
            from_url=here(),
            kb=kb,
            items=list(kb.interventions),
            groups=list(kb.filter_groups),
        )

    @env.macro
    def intervention_list(
        handeling: str | None = None,
        riskfactor: str | None = None,
        c1_groep: str | None = None,
        without_c1_group: bool = False,
    ) -> str:
        """A plain linked list of interventions, optionally for one handeling, risk factor or C1 group,
        or those in no C1 group (``without_c1_group=True``)."""
        for value, rows in ((handeling, kb.handelingen), (riskfactor, kb.riskfactors), (c1_groep, kb.c1_groepen)):
            if value is not None and value not in rows:
                raise MacroError(f'intervention_list: onbekende waarde "{value}"; kies uit: {", ".join(rows.ids)}')
        items = kb.interventions.filtered(
            lambda i: (
                (not handeling or handeling in i.handelingen)
                and (not riskfactor or riskfactor in i.risicofactoren)
                and (not c1_groep or c1_groep in i.c1_groepen)
                and not (without_c1_group and i.c1_groepen)
            )
        )
        return render("intervention-list.html", from_url=here(), kb=kb, items=list(items))
