"""The filter values of the practice examples follow what the guide says about them (issue 21,
item 4): a value that is not marked "redactioneel" in data/interventions.yaml comes from the guide
the way the file's header says, and these tests hold each example to that."""

from __future__ import annotations

import pytest

from handreiking.loader import load
from handreiking.model import KnowledgeBase


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load()


def test_scale_and_resilience_follow_the_c1_groups(kb: KnowledgeBase) -> None:
    """schaal and weerbaarheid: from the group(s) of part C1 the example is listed under."""
    groups = {g.id: g for g in kb.c1_groepen}
    wrong = []
    for item in kb.interventions:
        if not item.c1_groepen:
            continue
        for field, attr in (("schaal", "schaal"), ("weerbaarheid", "weerbaarheid")):
            expected = {getattr(groups[g], attr) for g in item.c1_groepen}
            if field not in item.redactioneel and set(getattr(item, field)) != expected:
                wrong.append(f"{item.id}: {field} {getattr(item, field)}, C1 zegt {sorted(expected)}")
    assert wrong == []


def a1_handelingen(kb: KnowledgeBase) -> dict[str, set[str]]:
    """The handeling each example gets from the A1 schema: named as an instrument of a stage, or in
    a C1 group that a stage's instruments point to (praktijkvoorbeelden/index.md#<group>)."""
    found: dict[str, set[str]] = {}
    for stage in kb.phases.stadia:
        for ins in stage.instrumenten:
            if ins.interventie:
                found.setdefault(ins.interventie, set()).add(stage.handeling)
            elif ins.pagina and ins.pagina.startswith("praktijkvoorbeelden/index.md#"):
                group = ins.pagina.partition("#")[2]
                for item in kb.interventions:
                    if group in item.c1_groepen:
                        found.setdefault(item.id, set()).add(stage.handeling)
    return found


def test_handelingen_follow_the_a1_schema(kb: KnowledgeBase) -> None:
    """Exactly the A1 schema's handelingen, or, where the editors add to them (redactioneel), at
    least those."""
    from_a1 = a1_handelingen(kb)
    assert from_a1["portiekgesprekken"] == {"preventie"} and from_a1["top600"] == {"repressie"}
    wrong = []
    for item in kb.interventions:
        expected = from_a1.get(item.id, set())
        chosen = set(item.handelingen)
        ok = chosen >= expected if "handelingen" in item.redactioneel else chosen == expected
        if not ok:
            wrong.append(f"{item.id}: {sorted(chosen)}, A1 zegt {sorted(expected)}")
    assert wrong == []


# How the guide's text names each partner (data/partners.yaml), in lower case.
NAMED_AS = {
    "bewoners": ["bewoner", "burger", "huurder", "jongeren", "kinderen", "vrijwilliger"],
    "ondernemers": ["winkelier", "bedrijven", "horeca", "ondernemer"],
    "woningcorporaties": ["corporatie"],
    "gemeente": ["gemeente", "stadsde"],
    "politie": ["politie"],
    "wijkagent": ["wijkagent"],
    "welzijnswerk": ["welzijn"],
    "jongerenwerk": ["jongerenwerk"],
    "hulpverlening": ["hulpverlen"],
    "wijk-en-buurtwerk": ["buurtwerk", "opbouwwerk"],
    "onderwijs": ["school", "scholen", "onderwijs"],
    "bewonersorganisaties": ["bewonersoverleg", "bewonersorganisatie"],
}


def test_partners_are_the_ones_the_guide_names(kb: KnowledgeBase) -> None:
    """betrokkenen: where not redactioneel, each partner is named in the example's text from the
    guide (doel, werkwijze, toelichting). Portiekgesprekken and BeterBuren name no woningcorporatie,
    so ticking Woningcorporaties rightly leaves them out."""
    unnamed = []
    for item in kb.interventions:
        if "betrokkenen" in item.redactioneel:
            continue
        text = " ".join(getattr(item, f) or "" for f in ("doel", "werkwijze", "toelichting")).lower()
        for partner in item.betrokkenen:
            if not any(word in text for word in NAMED_AS.get(partner, [partner])):
                unnamed.append(f"{item.id}: {partner}")
    assert unnamed == []
    assert "woningcorporaties" not in kb.interventions["portiekgesprekken"].betrokkenen
    assert "woningcorporaties" not in kb.interventions["beterburen"].betrokkenen
