"""Macros for interventions (practice examples and instruments)."""

from __future__ import annotations

from typing import Any

from handreiking.model import EXAMPLES_CAVEAT, EXAMPLES_CAVEAT_PAGE, Intervention, KnowledgeBase, vocabulary_of
from handreiking.prebuild import OPEN_DATA
from handreiking.urls import href, relative_url

from .macroerrors import MacroError
from .render import Renderer

# The page that puts chosen examples side by side (?id=a&id=b), and the spreadsheet CSV whose
# lines "Download deze selectie" takes (partials/selection-actions.html).
COMPARE_PAGE = Intervention.src_uri_of(Intervention.COMPARE_ID)
SPREADSHEET = OPEN_DATA + "interventies-excel.csv"
# The rows of the comparison: fields of the interventions' open data (named by Intervention.LABELS).
COMPARE_ROWS = (
    "samenvatting",
    "doel",
    "werkwijze",
    "handelingen",
    "schaal",
    "weerbaarheid",
    "risicofactoren",
    "betrokkenen",
    "voorbeelden",
    "bron",
)


def selection_context(from_url: str) -> dict[str, str]:
    """What partials/selection-actions.html needs, as links from the page at ``from_url``."""
    return {"csv_url": relative_url(SPREADSHEET, from_url or "."), "compare_url": href(COMPARE_PAGE, from_url)}


def register(env: Any, kb: KnowledgeBase, render: Renderer) -> None:
    def here() -> str:
        return render.here()

    @env.macro
    def intervention_overview() -> str:
        """The complete list of interventions as cards, with the filter form (C1 overview)."""
        return render(
            "intervention-overview.html",
            from_url=here(),
            kb=kb,
            items=list(kb.interventions),
            groups=list(kb.filter_groups),
            caveat=EXAMPLES_CAVEAT,
            caveat_url=href(EXAMPLES_CAVEAT_PAGE, here()),
            **selection_context(here()),
        )

    @env.macro
    def intervention_compare() -> str:
        """Two to four examples side by side (compare.js, from the address ?id=a&id=b); without
        JavaScript a list of every example's page."""
        rows = [(field, Intervention.LABELS[field], vocabulary_of(Intervention, field)) for field in COMPARE_ROWS]
        labels = {
            v: {t.id: f"{t.id} {t.naam}" if v == "riskfactors" else t.naam for t in kb.vocabulary(v)}
            for _, _, v in rows
            if v
        }
        return render(
            "intervention-compare.html",
            from_url=here(),
            kb=kb,
            rows=rows,
            labels=labels,
            data_url=relative_url(OPEN_DATA + "interventies.json", render.address() or "."),  # read by compare.js
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
