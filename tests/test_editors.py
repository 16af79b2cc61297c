"""Editors' workflow: data-model page, edit and feedback links, last-changed dates, redirects,
open data, the changelog page and the copy-me templates."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from handreiking.history import dutch_date
from handreiking.loader import FILES, KnowledgeBaseError, load, load_redirects, validate
from handreiking.model import ChangeEntry, Intervention, Link, Phases, Stage
from handreiking.paths import DOCS_DIR
from macros.datamodel import describe
from tests.conftest import PROJECT_ROOT, project_copy, run_cli

MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"


def _html(site_dir: Path, url: str) -> str:
    return (site_dir / url / "index.html").read_text(encoding="utf-8")


def test_data_model_page_lists_every_field(site_dir: Path) -> None:
    html = _html(site_dir, "redactie/gegevensmodel").replace("<wbr>", "")  # names may break after "_"
    kb = load()
    for filename, (model, _) in FILES.items():
        assert f"data/{filename}" in html
        for row in describe(model, kb):
            assert f"<code>{row['naam']}</code>" in html, (filename, row["naam"])
    # allowed values come from the vocabulary
    assert "proactie, signalering, preventie, interventie, repressie, nazorg" in html


@pytest.mark.parametrize(
    ("model", "field", "kind"),
    [
        (Intervention, "naam", "tekst"),
        (Link, "archief", "tekst"),  # optional
        (Stage, "intensiteit", "geheel getal"),
        (Link, "dood", "true of false"),
        (ChangeEntry, "datum", "datum (JJJJ-MM-DD)"),
        (Intervention, "handelingen", "lijst"),
        (Phases, "trigger", "blok met velden"),  # optional
    ],
)
def test_data_model_page_names_each_kind_of_value_as_the_messages_do(model: type, field: str, kind: str) -> None:
    """The "Soort waarde" column uses the words of the loader's messages ("moet een geheel getal
    zijn"), without "een"."""
    row = next(r for r in describe(model, load()) if r["naam"] == field)
    assert row["type"] == kind


def test_every_page_has_feedback_and_edit_link(site_dir: Path) -> None:
    pages = [p for p in site_dir.rglob("index.html") if "pagefind" not in p.parts]
    assert len(pages) > 50
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue  # redirect stubs
        assert "Klopt er iets niet op deze pagina?" in html, page
        assert re.search(
            r'href="https://github\.com/[^"]+/(edit/main/docs/[^"]+\.md|blob/main/data/[a-z]+\.yaml#L\d+)"', html
        ), page


def test_record_pages_link_to_their_yaml_entry(site_dir: Path) -> None:
    kb = load()
    item = next(iter(kb.interventions))
    html = _html(site_dir, item.url)
    name, line = kb.source(item)
    assert f"/blob/main/{name}#L{line}" in html
    text = (PROJECT_ROOT / name).read_text(encoding="utf-8").splitlines()
    assert text[line - 1].strip() == f"- id: {item.id}"


def test_last_changed_date_in_dutch(site_dir: Path) -> None:
    html = _html(site_dir, "samos/urgentiedilemma")
    tracked = (
        subprocess.run(
            ["git", "ls-files", "--error-unmatch", "docs/samos/urgentiedilemma.md"],
            cwd=PROJECT_ROOT,
            capture_output=True,
        ).returncode
        == 0
    )
    if tracked:
        found = re.search(
            rf'Laatst bijgewerkt: <time datetime="(\d{{4}}-\d\d-\d\d)">(\d+ ({MONTHS}) \d{{4}})</time>', html
        )
        assert found, "no date on a page tracked by git"
        import datetime as dt

        assert dutch_date(dt.date.fromisoformat(found.group(1))) == found.group(2)
    else:
        assert "Laatst bijgewerkt" not in html


def test_build_without_git_history_still_works(tmp_path: Path) -> None:
    root = project_copy(tmp_path, "nogit", previous_site=False)
    result = subprocess.run(
        [sys.executable, "-m", "handreiking.cli", "build"], cwd=root, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    html = (root / "site" / "samos" / "urgentiedilemma" / "index.html").read_text(encoding="utf-8")
    assert "Laatst bijgewerkt" not in html
    assert "Klopt er iets niet op deze pagina?" in html


def test_every_old_address_still_resolves(site_dir: Path) -> None:
    # data/doorverwijzingen.yaml; handreiking/redirects.py writes a page for each
    maps = {item.oud: item.nieuw for item in load_redirects(load())}
    assert len(maps) >= 10
    for old, new in maps.items():
        stub = site_dir / old.removesuffix(".md") / "index.html"
        assert stub.is_file(), old
        target = new.removesuffix("index.md").removesuffix(".md").rstrip("/")
        assert re.search(
            rf'http-equiv="refresh" content="0; url=[./]*{re.escape(target)}/?"', stub.read_text(encoding="utf-8")
        ), (old, new)
        assert (site_dir / target / "index.html").is_file(), new


def _redirect_problems(data_copy: Path, text: str) -> list[str]:
    (data_copy / "doorverwijzingen.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as exc:
        load_redirects(validate(data_copy, DOCS_DIR))
    return [str(p) for p in exc.value.problems]


def test_redirect_mistakes_are_reported_on_their_line(data_copy: Path) -> None:
    """data/doorverwijzingen.yaml is the editors' file: each mistake gets a Dutch file:line message."""
    problems = _redirect_problems(
        data_copy,
        "- oud: a2.md\n  nieuw: samos/index.md\n"
        "- oud: a2.md\n  nieuw: samos/kernteam.md\n"
        "- oud: samos/index.md\n  nieuw: index.md\n"
        "- oud: oud-adres\n  nieuw: index.md\n"
        "- oud: b9.md\n  nieuw: samos/bestaat-niet.md#kop\n"
        "- oud: c9.md\n  naar: index.md\n",
    )
    assert problems == [
        "data/doorverwijzingen.yaml:3: a2.md: oud: "
        "dit oude adres staat al op regel 1; elk oud adres mag één keer voorkomen",
        "data/doorverwijzingen.yaml:5: samos/index.md: oud: "
        "deze pagina bestaat; een doorverwijzing zou haar overschrijven; haal de regel weg",
        "data/doorverwijzingen.yaml:7: oud-adres: oud: "
        "het oude adres moet een pad onder docs/ zijn dat eindigt op .md, bijvoorbeeld a2.md voor /a2/",
        "data/doorverwijzingen.yaml:10: b9.md: nieuw: "
        'pagina "samos/bestaat-niet.md" bestaat niet; geef een pad onder docs/, bijvoorbeeld samos/index.md',
        "data/doorverwijzingen.yaml:11: item 6: nieuw: verplicht veld ontbreekt",
        'data/doorverwijzingen.yaml:12: item 6: naar: onbekend veld "naar"; toegestane velden: oud, nieuw',
    ]


def test_redirect_to_a_record_page_is_allowed(data_copy: Path) -> None:
    kb = validate(data_copy, DOCS_DIR)
    item = next(iter(kb.interventions))
    (data_copy / "doorverwijzingen.yaml").write_text(
        f"- oud: praktijkvoorbeelden/oude-naam.md\n  nieuw: praktijkvoorbeelden/{item.id}.md\n", encoding="utf-8"
    )
    assert [(r.oud, r.nieuw) for r in load_redirects(kb)] == [
        ("praktijkvoorbeelden/oude-naam.md", f"praktijkvoorbeelden/{item.id}.md")
    ]
    # the record's own address is a page: no redirect may overwrite it
    assert _redirect_problems(data_copy, f"- oud: praktijkvoorbeelden/{item.id}.md\n  nieuw: index.md\n")


def test_make_check_annotates_a_wrong_redirect(data_copy: Path) -> None:
    """The pull request's data check (``check --github``) reads the redirects too."""
    (data_copy / "doorverwijzingen.yaml").write_text("- oud: a2.md\n  nieuw: samos/bestaat-niet.md\n", encoding="utf-8")
    result = run_cli("check", "--data-dir", str(data_copy), "--github")
    assert result.returncode == 1
    assert 'data/doorverwijzingen.yaml:2: a2.md: nieuw: pagina "samos/bestaat-niet.md" bestaat niet' in result.stderr
    assert "::error file=data/doorverwijzingen.yaml,line=2,title=Fout in de gegevens::" in result.stdout


def test_open_data_matches_the_data(site_dir: Path) -> None:
    kb = load()
    data = json.loads((site_dir / "open-data" / "interventies.json").read_text(encoding="utf-8"))
    assert [d["id"] for d in data] == kb.interventions.ids
    assert data[0]["handelingen"] == list(next(iter(kb.interventions)).handelingen)
    rows = list(csv.DictReader(io.StringIO((site_dir / "open-data" / "interventies.csv").read_text(encoding="utf-8"))))
    assert [r["id"] for r in rows] == kb.interventions.ids
    rf = json.loads((site_dir / "open-data" / "risicofactoren.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in rf] == [f"B1.{i}" for i in range(1, 11)]
    for r in rf:
        assert r["interventies"] == [i.id for i in kb.interventions_for_riskfactor(r["id"])]
    phases = json.loads((site_dir / "open-data" / "fasen.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in phases["stadia"]] == kb.stadia.ids
    assert "open-data/interventies.csv" in _html(site_dir, "redactie/open-data")


def test_changelog_page_newest_first(site_dir: Path) -> None:
    kb = load()
    html = _html(site_dir, "redactie/wijzigingen")
    listing = html.split('class="hr-changelog"', 1)[1].split("</ol>", 1)[0]
    dates = re.findall(r'<time datetime="(\d{4}-\d\d-\d\d)">', listing)
    assert dates == sorted(dates, reverse=True)
    assert len(dates) == len(kb.changelog) >= 1


def test_copy_me_templates_are_valid(data_copy: Path) -> None:
    """The commented templates in data/sjablonen/ pass the validator when used as told."""
    templates = PROJECT_ROOT / "data" / "sjablonen"
    iv = yaml.safe_load((templates / "interventie.yaml").read_text(encoding="utf-8"))
    path = data_copy / "interventions.yaml"
    path.write_text(
        path.read_text(encoding="utf-8") + (templates / "interventie.yaml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    rf = yaml.safe_load((templates / "risicofactor.yaml").read_text(encoding="utf-8"))
    rf_path = data_copy / "riskfactors.yaml"
    rf_path.write_text(
        rf_path.read_text(encoding="utf-8") + (templates / "risicofactor.yaml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    ph_path = data_copy / "phases.yaml"
    ph_path.write_text(
        ph_path.read_text(encoding="utf-8") + (templates / "fase.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    kb = validate(data_copy, DOCS_DIR)
    assert iv[0]["id"] in kb.interventions
    assert rf[0]["id"] in kb.riskfactors
    assert "opbouw-onrust" in kb.stadia
