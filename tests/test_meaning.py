"""The model says what it means, and the site and the editors' prose say the same: one limit for a
samenvatting, a source that is either the guide or an editors' addition (shown as such), every
example in the "per groep" list, and one word each for the A1 stage and the handeling."""

from __future__ import annotations

import re
from pathlib import Path

from handreiking.loader import load
from handreiking.model import SAMENVATTING_MAX, Phases, Stage, Term, Trigger
from handreiking.paths import DATA_DIR, PROJECT_ROOT
from tests.conftest import project_copy, run_cli

# Prose that states the samenvatting's limit for editors (comments are prose: they cannot import it).
LIMIT_STATED_IN = ["data/interventions.yaml", "data/sjablonen/interventie.yaml", "CONTRIBUTING.md"]


def test_every_text_that_states_the_samenvatting_limit_states_the_models_number() -> None:
    stated = {}
    for rel in LIMIT_STATED_IN:
        for line in (PROJECT_ROOT / rel).read_text(encoding="utf-8").splitlines():
            if "samenvatting" in line.lower() and "tekens" in line:
                stated[rel] = [int(n) for n in re.findall(r"hooguit (\d+) tekens", line)]
    assert stated["data/interventions.yaml"] == [SAMENVATTING_MAX]
    assert stated["data/sjablonen/interventie.yaml"] == [SAMENVATTING_MAX]
    assert all(numbers == [SAMENVATTING_MAX] for numbers in stated.values()), stated


def test_the_longest_samenvatting_fits_the_limit() -> None:
    assert max(len(i.samenvatting) for i in load().interventions) <= SAMENVATTING_MAX


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_per_group_list_shows_every_example_and_those_without_a_group_under_their_own_heading(
    site_dir: Path,
) -> None:
    kb = load()
    html = (site_dir / "praktijkvoorbeelden" / "index.html").read_text(encoding="utf-8")
    per_group = html[html.index('id="per-groep"') :]
    sections = dict(re.findall(r'<h3 id="([a-z0-9-]+)".*?</h3>(.*?)(?=<h[23] |</article>)', per_group, re.S))
    assert list(sections) == [*kb.c1_groepen.ids, "overige"]
    linked = {
        section: re.findall(r'href="([a-z0-9-]+)/"', body)  # the list links to each example's page
        for section, body in sections.items()
    }
    assert set(linked["overige"]) == {i.id for i in kb.interventions if not i.c1_groepen}
    assert {i for ids in linked.values() for i in ids} == set(kb.interventions.ids)
    assert "Overige aanpakken en instrumenten" in _text(per_group)


def test_an_editors_addition_says_so_on_its_page_and_its_card(tmp_path: Path) -> None:
    root = project_copy(tmp_path)
    path = root / "data" / "interventions.yaml"
    text = path.read_text(encoding="utf-8")
    item = load().interventions["top600"]
    assert f"  bron: {item.bron}\n" in text
    path.write_text(
        text.replace(f"  bron: {item.bron}\n", "  bron: aanvulling redactie, 2026-11-28\n"), encoding="utf-8"
    )
    result = run_cli("build", "--site-dir", str(root / "site"), cwd=root)
    assert result.returncode == 0, result.stderr[-3000:]
    page = (root / "site" / "praktijkvoorbeelden" / "top600" / "index.html").read_text(encoding="utf-8")
    label = re.search(r'<span class="hr-code" title="([^"]*)">([^<]*)</span>', page)
    assert label and label.groups() == (
        "Toegevoegd door de redactie, niet uit de handreiking",
        "Aanvulling redactie, 28 november 2026",
    )
    assert "Bron Aanvulling redactie, 28 november 2026 (niet uit de handreiking)" in _text(page)
    assert "Bron in de handreiking" not in page
    assert "Tekst uit de handreiking van" not in page  # the page-meta line for the guide's text
    overview = (root / "site" / "praktijkvoorbeelden" / "index.html").read_text(encoding="utf-8")
    card = re.search(
        r'<li class="hr-card" data-intervention="top600".*?</li>\s*(?=<li class="hr-card"|</ul>)', overview, re.S
    )
    assert card and '<time datetime="2026-11-28">Aanvulling redactie, 28 november 2026</time>' in card.group(0)
    assert overview.count("Aanvulling redactie") == 1  # the other cards stay as they were
    other = (root / "site" / "praktijkvoorbeelden" / "buurtbemiddeling" / "index.html").read_text(encoding="utf-8")
    assert "Bron in de handreiking" in other and "Tekst uit de handreiking van" in other


# --------------------------------------------------------------------------- one word per idea
# The guide's own words: the A1 schema has six "stadia" (Relatieve rust ... Terugkeer naar relatieve
# rust), each with one of the six "handelingen" (Proactie ... Nazorg); the introduction's "fasering"
# has five "fasen" (Rust ... Terugkeer naar rust). The guide's own questions ("Hoe herken ik de fase
# ...?") stay as the guide wrote them.


def test_the_model_names_a_stage_stadium_and_a_phase_fase() -> None:
    for model in (Stage, Trigger):
        for name, field in model.model_fields.items():
            assert "fase" not in (field.description or "").lower(), (model.__name__, name)
    assert "stadia" in (Phases.model_fields["stadia"].description or "")
    for name, field in Term.model_fields.items():  # the phases of the golf are Terms
        assert "stadi" not in (field.description or "").lower(), name
    assert "fasen" in (Phases.model_fields["golf"].description or "")


def test_the_site_labels_say_stadium_and_handeling(site_dir: Path) -> None:
    overview = (site_dir / "praktijkvoorbeelden" / "index.html").read_text(encoding="utf-8")
    legends = re.findall(r'<legend class="hr-facet__legend">([^<]*)</legend>', overview)
    assert legends[0] == "Handeling"
    stages = (site_dir / "aanpak" / "fasewijzer" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<title>Aanpak per stadium - ", stages)
    table = re.search(r'<th scope="col">([^<]*)</th>', stages)
    assert table and table.group(1) == "Stadium"
    for page in site_dir.rglob("*.html"):
        text = _text(page.read_text(encoding="utf-8"))
        assert "Fasewijzer" not in text and "Handeling (fase)" not in text, page


def test_phases_file_comment_uses_the_same_words() -> None:
    head = (DATA_DIR / "phases.yaml").read_text(encoding="utf-8").splitlines()[1:3]
    assert "zes stadia" in head[0] and "vijf fasen" in head[1]
