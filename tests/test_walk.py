"""The editors' walk (issue "every mistake found in one round"): the mistakes a new editor made,
replayed on a copy of the project through the commands an editor runs (``make check`` and ``make
build``: ``python -m handreiking.cli``), each asserted with its exact Dutch message on its line, in
one round, as a pull-request annotation, and with nothing English or noisy around it. The same
messages in the browser under ``make serve``: tests/test_serve.py."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from handreiking.loader import load
from tests.conftest import PROJECT_ROOT, project_copy, run_cli

HANDELINGEN = "proactie, signalering, preventie, interventie, repressie, nazorg"
RISKFACTORS_WITHOUT_10 = ", ".join(f"B1.{i}" for i in range(1, 10))
ANCHOR_HINT = "(klik in de site op # naast de kop: het anker staat dan in het adres, na #)"


def edit(root: Path, rel: str, old: str, new: str, count: int = 1) -> int:
    """Replaces ``old`` (it must be there) and returns the line (1-based) where ``new`` starts."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    at = text.index(old)
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return text.count("\n", 0, at) + 1


def append(root: Path, rel: str, text: str) -> int:
    """Adds ``text`` (one line) after an empty line at the end of a page; returns its line."""
    with (root / rel).open("a", encoding="utf-8") as f:
        f.write(f"\n{text}\n")
    return len((root / rel).read_text(encoding="utf-8").splitlines())


def line_of(root: Path, rel: str, needle: str) -> int:
    lines = (root / rel).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


def check(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = run_cli("check", *args, cwd=root)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def problems(result: subprocess.CompletedProcess[str]) -> list[str]:
    """The message lines of a failed check (without the count on the first line)."""
    lines = result.stderr.splitlines()
    assert re.fullmatch(r"\d+ fout(en)? in de (gegevens|pagina's|gegevens en de pagina's):", lines[0]), lines
    assert int(lines[0].split()[0]) == len(lines) - 1
    return lines[1:]


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    return project_copy(tmp_path, previous_site=False)


# --------------------------------------------------------------------------- the mistakes


def test_a_deleted_risk_factor_gives_its_data_and_page_errors_in_one_round(root: Path) -> None:
    rf = root / "data" / "riskfactors.yaml"
    text = rf.read_text(encoding="utf-8")
    rf.write_text(text[: text.index("- id: B1.10")], encoding="utf-8")
    result = check(root)
    assert result.returncode == 1
    iv = "data/interventions.yaml"
    page = "docs/achtergronden/oorzaken.md"
    assert result.stderr.splitlines()[0] == "3 fouten in de gegevens en de pagina's:"
    assert problems(result) == [
        f"{iv}:{line_of(root, iv, 'B1.4, B1.6, B1.7, B1.10')}: buurtbemiddeling: risicofactoren: "
        f'onbekende risicofactor "B1.10"; kies uit: {RISKFACTORS_WITHOUT_10}',
        f"{iv}:{line_of(root, iv, '[B1.6, B1.10]')}: beterburen: risicofactoren: "
        f'onbekende risicofactor "B1.10"; kies uit: {RISKFACTORS_WITHOUT_10}',
        f'{page}:{line_of(root, page, "b1-10.md")}: link naar "../risicofactoren/b1-10.md": die pagina bestaat '
        "niet; geef het pad van een pagina onder docs/, gezien vanaf deze pagina, bijvoorbeeld ../samos/index.md",
    ]


def test_a_wrong_scale_does_not_hide_a_wrong_handeling_in_the_same_record(root: Path) -> None:
    iv = "data/interventions.yaml"
    scale = edit(root, iv, "  schaal: [directe-leefomgeving]\n", "  schaal: [Wijk]\n")
    handeling = edit(
        root, iv, "  handelingen: [preventie]\n  schaal: [Wijk]", "  handelingen: [preventief]\n  schaal: [Wijk]"
    )
    assert handeling == scale - 1
    assert problems(check(root)) == [
        f'{iv}:{handeling}: portiekgesprekken: handelingen: onbekende handeling "preventief"; kies uit: '
        f'{HANDELINGEN}; bedoelt u "preventie"?',
        f'{iv}:{scale}: portiekgesprekken: schaal: onbekende schaal "Wijk"; kies uit: directe-leefomgeving, '
        'wijk, gemeente; bedoelt u "wijk"?',
    ]


def test_a_heading_that_skips_levels_is_an_error_on_its_line(root: Path) -> None:
    page = "docs/samos/structuur.md"
    line = edit(root, page, "## Hoe bouw ik een netwerk op?", "#### Hoe bouw ik een netwerk op?")
    assert problems(check(root)) == [
        f'{page}:{line}: de kop "Hoe bouw ik een netwerk op?" heeft niveau 4 (####) na een kop van niveau 1 '
        "(#); sla geen niveau over: schrijf ## (niveau 2)"
    ]


def test_a_missing_image_is_called_an_image_and_says_where_images_go(root: Path) -> None:
    page = "docs/samos/kernteam.md"
    line = append(root, page, "![Schema van het kernteam](kernteam-schema.png)")
    assert problems(check(root)) == [
        f'{page}:{line}: afbeelding "kernteam-schema.png" bestaat niet; zet het bestand in docs/afbeeldingen/ '
        "(of in de map van de pagina) en schrijf het pad gezien vanaf de pagina, bijvoorbeeld "
        "../afbeeldingen/kernteam-schema.png"
    ]
    # in the folder for images, under another name: what was meant
    (root / "docs" / "afbeeldingen").mkdir(exist_ok=True)
    (root / "docs" / "afbeeldingen" / "kernteam-schema.png").write_bytes(b"\x89PNG\r\n")
    edit(root, page, "](kernteam-schema.png)", "](../afbeeldingen/kernteam-schemma.png)")
    assert problems(check(root)) == [
        f'{page}:{line}: afbeelding "../afbeeldingen/kernteam-schemma.png" bestaat niet; bedoelt u '
        '"../afbeeldingen/kernteam-schema.png"?; zet het bestand in docs/afbeeldingen/ (of in de map van de '
        "pagina) en schrijf het pad gezien vanaf de pagina, bijvoorbeeld ../afbeeldingen/kernteam-schemma.png"
    ]


def test_a_link_with_wrong_capitals_gets_what_was_meant(root: Path) -> None:
    page = "docs/achtergronden/oorzaken.md"
    line = append(root, page, "Zie ook [SAMOS](../Samos/index.md).")
    assert problems(check(root)) == [
        f'{page}:{line}: link naar "../Samos/index.md": die pagina bestaat niet; bedoelt u "../samos/index.md"?'
    ]


def test_a_new_example_from_the_template_passes_and_the_schemas_follow_by_themselves(root: Path) -> None:
    """After an ordinary example, make check must not ask for make schemas: the new id is a value of
    phases.yaml's instruments (interventie), so the check writes the schemas itself."""
    import shutil

    shutil.copytree(PROJECT_ROOT / "schemas", root / "schemas")
    template = (root / "data" / "sjablonen" / "interventie.yaml").read_text(encoding="utf-8")
    example = template.replace("voorbeeld-aanpak", "burenhulp-test").replace(
        "https://www.example.org/voorbeeld", "https://www.example.org/burenhulp"
    )
    with (root / "data" / "interventions.yaml").open("a", encoding="utf-8") as f:
        f.write("\n" + example)
    result = check(root)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no "Let op", no request to run make schemas
    assert "make schemas" not in result.stdout
    assert result.stdout.splitlines() == [
        "Gegevens en pagina's in orde: 32 interventies, 10 risicofactoren, 20 partners, 6 stadia.",
        "Bijgewerkt: schemas/phases.schema.json (de hulp in de editor kent nu de nieuwe waarden); deze bestanden "
        "horen bij uw wijziging.",
    ]
    phases = json.loads((root / "schemas" / "phases.schema.json").read_text(encoding="utf-8"))
    assert "burenhulp-test" in json.dumps(phases)
    assert check(root).stdout.splitlines()[1:] == []  # the next check finds them current


def test_a_data_folder_from_elsewhere_leaves_the_schemas_alone(root: Path, tmp_path: Path) -> None:
    """The schemas describe the project's own data/: a check or build of another data folder (the
    benchmarks' 2,000 cloned examples, HANDREIKING_DATA_DIR) must not write its ids into them."""
    import shutil

    shutil.copytree(PROJECT_ROOT / "schemas", root / "schemas")
    before = {p.name: p.read_bytes() for p in (root / "schemas").iterdir()}
    elsewhere = tmp_path / "elders" / "data"
    shutil.copytree(root / "data", elsewhere)
    template = (elsewhere / "sjablonen" / "interventie.yaml").read_text(encoding="utf-8")
    with (elsewhere / "interventions.yaml").open("a", encoding="utf-8") as f:
        f.write("\n" + template.replace("voorbeeld-aanpak", "kloon-elders"))
    result = subprocess.run(
        [sys.executable, "-m", "handreiking.cli", "check"],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "HANDREIKING_DATA_DIR": str(elsewhere)},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Gegevens en pagina's in orde: 32 interventies, 10 risicofactoren, 20 partners, 6 stadia."
    ]
    assert {p.name: p.read_bytes() for p in (root / "schemas").iterdir()} == before
    # the project's own data with the same example: its schemas follow (the rule above still holds)
    shutil.copy2(elsewhere / "interventions.yaml", root / "data" / "interventions.yaml")
    assert "Bijgewerkt: schemas/phases.schema.json" in check(root).stdout


def test_page_errors_are_pull_request_annotations_and_in_the_summary(root: Path, tmp_path: Path) -> None:
    page = "docs/samos/structuur.md"
    line = edit(root, page, "## Hoe bouw ik een netwerk op?", "#### Hoe bouw ik een netwerk op?")
    iv = "data/interventions.yaml"
    scale = edit(root, iv, "  schaal: [directe-leefomgeving]\n", "  schaal: [Wijk]\n")
    summary = tmp_path / "summary.md"
    result = subprocess.run(
        [sys.executable, "-m", "handreiking.cli", "build", "--github"],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "GITHUB_STEP_SUMMARY": str(summary)},
    )
    assert result.returncode == 1
    annotations = result.stdout.splitlines()
    assert annotations == [
        f"::error file={iv},line={scale},title=Fout in de gegevens::{iv}:{scale}: portiekgesprekken: schaal: "
        'onbekende schaal "Wijk"; kies uit: directe-leefomgeving, wijk, gemeente; bedoelt u "wijk"?',
        f'::error file={page},line={line},title=Fout in een pagina::{page}:{line}: de kop "Hoe bouw ik een '
        'netwerk op?" heeft niveau 4 (####) na een kop van niveau 1 (#); sla geen niveau over: schrijf ## '
        "(niveau 2)",
    ]
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("### Controle: 2 fouten in de gegevens en de pagina's\n")
    assert "in orde" not in text and "geen fouten" not in text
    assert f"{page}:{line}: de kop" in text and f"{iv}:{scale}: portiekgesprekken" in text


def test_a_second_make_serve_says_the_port_is_taken_without_a_traceback(root: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "handreiking.cli", "serve", "--port", str(port)],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"Poort {port} is al in gebruik: draait `make serve` al in een ander venster? Open dan "
        f"http://127.0.0.1:{port}/ of stop dat venster met Ctrl+C. Een andere poort kiezen kan ook: "
        f"make serve POORT={port + 1}"
    ]


# --------------------------------------------------------------------------- more mistakes


def test_more_page_mistakes_each_on_its_line_with_what_was_meant(root: Path) -> None:
    index = "docs/samos/index.md"
    anchor = edit(root, index, "(kernteam.md)", "(kernteam.md#spin-in-het-webb)")
    wrong_page = edit(root, index, "(werkprotocol-kernteam.md)", "(werkprotocol-kerntem.md)")
    kind = edit(root, "docs/samos/werkprotocol-kernteam.md", "soort: checklist", "soort: Checklist")
    (root / "docs" / "samos" / "nieuw.md").write_text(
        "---\ntitle: Nieuw\ndescription: Een nieuwe pagina.\n---\n\nTekst.\n"
    )
    redirect = "data/doorverwijzingen.yaml"
    with (root / redirect).open("a", encoding="utf-8") as f:
        f.write("- oud: samos/oud-kernteam.md\n  nieuw: samos/Kernteam.md\n")
    new = len((root / redirect).read_text(encoding="utf-8").splitlines())
    assert problems(check(root)) == [
        f'{redirect}:{new}: samos/oud-kernteam.md: nieuw: pagina "samos/Kernteam.md" bestaat niet; geef een pad '
        'onder docs/; bedoelt u "samos/kernteam.md"?',
        f'{index}:{anchor}: link naar "kernteam.md#spin-in-het-webb": het anker "#spin-in-het-webb" bestaat niet '
        'op pagina samos/kernteam.md; bedoelt u "#spin-in-het-web"?',
        f'{index}:{wrong_page}: link naar "werkprotocol-kerntem.md": die pagina bestaat niet; bedoelt u '
        '"werkprotocol-kernteam.md" (docs/samos/werkprotocol-kernteam.md)?',
        "docs/samos/nieuw.md:1: deze pagina staat niet in het menu; zet onder nav: in mkdocs.yml een regel "
        "- samos/nieuw.md op de plek waar zij in het menu hoort",
        f'docs/samos/werkprotocol-kernteam.md:{kind}: soort: onbekende soort "Checklist"; kies uit: '
        f'{", ".join(load().soorten.ids)}; bedoelt u "checklist"?',
    ]


def test_a_mistake_only_the_render_finds_is_dutch_annotated_and_quiet(root: Path, tmp_path: Path) -> None:
    """A macro mistake (found when the page renders): one Dutch line on its line, an annotation, and
    none of MkDocs' English ("INFO", "[macros]", "WARNING", "Aborted with ...")."""
    page = "docs/aanpak/fasewijzer.md"
    line = append(root, page, "{{ onbekend_ding }}")
    result = subprocess.run(
        [sys.executable, "-m", "handreiking.cli", "build", "--github"],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md")},
    )
    assert result.returncode == 1
    message = (
        f'{page}:{line}: fout in een macro: onbekende naam "onbekend_ding"; controleer de schrijfwijze tussen '
        "{{ en }}"
    )
    assert result.stderr.splitlines() == [
        "Geen git-geschiedenis: pagina's krijgen geen datum 'Laatst bijgewerkt'.",
        f"Fout bij het lezen van pagina {page}:",
        message,
        "Bouwen mislukt: verbeter de fouten hierboven; de vorige site is niet aangeraakt.",
    ]
    assert result.stdout.splitlines() == [
        "Gegevens en pagina's in orde: 31 interventies, 10 risicofactoren, 20 partners, 6 stadia.",
        f"::error file={page},line={line},title=Fout in een pagina::{message}",
    ]
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert summary.startswith("### Controle: geen fouten in de gegevens en de pagina's\n\n### Bouwen: mislukt\n")
    assert message in summary


def test_a_good_build_prints_only_dutch_lines(root: Path) -> None:
    result = run_cli("build", cwd=root)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Gegevens en pagina's in orde: 31 interventies, 10 risicofactoren, 20 partners, 6 stadia.",
        f"Site gebouwd in {(root / 'site').resolve()}",
    ]
    assert result.stderr.splitlines() == ["Geen git-geschiedenis: pagina's krijgen geen datum 'Laatst bijgewerkt'."]


def test_a_link_in_the_data_s_text_is_checked_with_the_pages(root: Path) -> None:
    """A link in a record's Markdown (seen from the record's page) in the same round as the rest."""
    iv = "data/interventions.yaml"
    line = edit(
        root,
        iv,
        "    Het doel van portiekgesprekken",
        "    Zie [SAMOS](../samos/kernteem.md). Het doel van portiekgesprekken",
    )
    assert problems(check(root)) == [
        f'{iv}:{line}: portiekgesprekken: doel: link naar "../samos/kernteem.md": die pagina bestaat niet; bedoelt u '
        '"../samos/kernteam.md"?'
    ]
