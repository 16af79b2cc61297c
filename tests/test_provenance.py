"""Where a record's content comes from, told truthfully: per risk factor of an example whether the
guide's own text names it or the editors read it from the text (data/interventions.yaml:
risicofactoren_uit_handreiking, checked by the loader), no field codes on a record page, and the
guide's caveat about its examples where the examples are shown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from handreiking.loader import KnowledgeBaseError, load, validate
from handreiking.model import EXAMPLES_CAVEAT, Intervention
from handreiking.paths import DOCS_DIR

SEED = Path("/work/shared/seed/000_e7e5c2ff2f6b814c.txt")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(data_copy: Path) -> list[str]:
    with pytest.raises(KnowledgeBaseError) as info:
        validate(data_copy, DOCS_DIR)
    return [str(p) for p in info.value.problems]


def test_every_relation_says_where_it_comes_from() -> None:
    kb = load()
    from_guide = [i for i in kb.interventions if i.risicofactoren_uit_handreiking]
    editors = [i for i in kb.interventions if "risicofactoren" in i.redactioneel]
    # the guide links one example to risk factors itself (the BuurtPraktijkTeam case in B1); for
    # the other 30 the link is the editors' reading
    assert [i.id for i in from_guide] == ["buurtpraktijkteam"]
    assert len(editors) == len(kb.interventions) - 1
    assert all(from_guide[0].from_guide(rf) for rf in from_guide[0].risicofactoren)


@pytest.mark.parametrize(
    "risicofactoren,expected",
    [
        (
            "  risicofactoren: [B1.1]\n  risicofactoren_uit_handreiking: [B1.2]\n",
            r"top600: risicofactoren_uit_handreiking: \"B1\.2\" staat niet bij risicofactoren; noem hier alleen "
            r"risicofactoren uit die lijst",
        ),
        (
            "  risicofactoren: [B1.1, B1.4]\n  risicofactoren_uit_handreiking: [B1.1]\n",
            r"top600: redactioneel: de handreiking noemt B1\.4 niet zelf bij deze aanpak; zet risicofactoren in "
            r"redactioneel \(de redactie heeft die afgeleid\), of zet ze ook bij risicofactoren_uit_handreiking",
        ),
    ],
    ids=["guide relation outside the list", "editors' relation not marked"],
)
def test_a_wrong_origin_of_a_relation_is_an_error(data_copy: Path, risicofactoren: str, expected: str) -> None:
    _replace(data_copy / "interventions.yaml", "  risicofactoren: [B1.1]\n", risicofactoren)
    problems = _problems(data_copy)
    assert any(re.fullmatch(r"data/interventions\.yaml:\d+: " + expected, p) for p in problems), problems


def test_the_caveat_is_the_guides_own_words() -> None:
    guide = " ".join(SEED.read_text(encoding="utf-8").split())
    assert EXAMPLES_CAVEAT in guide
    a1 = " ".join((DOCS_DIR / "aanpak" / "van-proactief-tot-repressie.md").read_text(encoding="utf-8").split())
    assert EXAMPLES_CAVEAT in a1


def _text(site_dir: Path, page: str) -> str:
    html = (site_dir / page / "index.html").read_text(encoding="utf-8")
    body = html[html.index('<article class="md-content__inner') :]
    return " ".join(re.sub(r"<[^>]+>", " ", body).split())


def test_record_pages_tell_provenance_truthfully(site_dir: Path) -> None:
    kb = load()
    codes = [f for f in Intervention.model_fields if "_" in f]
    assert "c1_groepen" in codes
    for item in kb.interventions:
        text = _text(site_dir, item.url.rstrip("/"))
        assert "niet effectief bewezen best practices" in text, item.id
        for code in codes:
            assert code not in text, (item.id, code)
        derived = "de redactie heeft het afgeleid uit de tekst"
        fields = [f for f in item.redactioneel if f != "risicofactoren"]
        assert (derived in text) == bool(fields and not item.aanvulling), item.id
        for rf in item.risicofactoren:
            origin = "volgens de handreiking" if item.from_guide(rf) else "lezing van de redactie"
            name = " ".join(kb.riskfactors[rf].naam.split())
            assert f"{rf} {name} ({origin})" in text, (item.id, rf, origin)
    overview = _text(site_dir, "praktijkvoorbeelden")
    assert "niet effectief bewezen best practices" in overview
