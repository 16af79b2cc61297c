"""Layer 2: the site builds strictly from the data; a failed build leaves the previous site
untouched and speaks Dutch, without a traceback."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from macros.loader import load
from tests.conftest import PROJECT_ROOT, run_cli

COPY_PARTS = ["docs", "data", "macros", "overrides", "mkdocs.yml"]


def test_build_produces_site_and_search_index(site_dir: Path) -> None:
    assert (site_dir / "index.html").is_file()
    assert (site_dir / "pagefind" / "pagefind.js").is_file()
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nl"' in html


def test_every_record_has_its_page(site_dir: Path) -> None:
    kb = load()
    for item in kb.interventions:
        page = site_dir / "praktijkvoorbeelden" / item.id / "index.html"
        assert page.is_file(), item.id
        assert f"<h1 id=" in page.read_text(encoding="utf-8")
    for rf in kb.riskfactors:
        assert (site_dir / "risicofactoren" / rf.slug / "index.html").is_file(), rf.id


def test_nav_does_not_list_every_record(site_dir: Path) -> None:
    """Material writes the whole nav into every page: records stay out of it (no quadratic build)."""
    kb = load()
    html = (site_dir / "samos" / "urgentiedilemma" / "index.html").read_text(encoding="utf-8")
    nav = html.split('<nav class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0] if "md-nav--primary" in html else html
    listed = [i.id for i in kb.interventions if f"praktijkvoorbeelden/{i.id}/" in nav]
    assert listed == []


def test_intervention_page_shows_data(site_dir: Path) -> None:
    kb = load()
    item = next(i for i in kb.interventions if i.links)
    html = (site_dir / "praktijkvoorbeelden" / item.id / "index.html").read_text(encoding="utf-8")
    assert f">{item.naam}</h1>" in html.replace('<a class="headerlink"', "").split("<h1", 1)[1].split(">", 1)[1] \
        or item.naam in html
    assert item.links[0].url in html
    for h in item.handelingen:
        assert kb.handelingen[h].naam in html


def _project_copy(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    for part in COPY_PARTS:
        src = PROJECT_ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, root / part)
    old = root / "site"
    old.mkdir()
    (old / "index.html").write_text("previous site", encoding="utf-8")
    return root


@pytest.mark.parametrize("breakage", ["data", "markdown"])
def test_failed_build_keeps_previous_site(tmp_path: Path, breakage: str) -> None:
    root = _project_copy(tmp_path)
    if breakage == "data":
        path = root / "data" / "interventions.yaml"
        text = path.read_text(encoding="utf-8")
        text, n = re.subn(r"handelingen: \[(\w+)", r"handelingen: [\1x", text, count=1)
        assert n == 1
        path.write_text(text, encoding="utf-8")
    else:
        page = root / "docs" / "contact.md"
        page.write_text(page.read_text(encoding="utf-8") + "\n[kapotte link](bestaat-niet.md)\n", encoding="utf-8")
    result = run_cli("build", cwd=root)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert "de vorige site is niet aangeraakt" in output
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == "previous site"
    assert not list(root.glob(".site-build-*"))
    if breakage == "data":
        assert re.search(r"data/interventions\.yaml:\d+: [a-z0-9-]+: handelingen: onbekende handeling", output)
    else:
        assert "bestaat-niet.md" in output


def test_mkdocs_itself_reports_data_errors_in_dutch(tmp_path: Path) -> None:
    """`mkdocs build`/`serve` validate in the hook too: same messages, no traceback."""
    root = _project_copy(tmp_path)
    (root / "data" / "riskfactors.yaml").write_text("", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "out")],
                            cwd=root, capture_output=True, text=True)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "data/riskfactors.yaml:1: het bestand is leeg" in result.stderr


@pytest.mark.parametrize("front_matter,message", [
    ("---\ntitle: Contact\ndescription: Vragen: mail ons\n---\n",
     "docs/contact.md:3: de kopregels (front matter) zijn geen geldige YAML"),
    ("---\ntitle: Contact\n---\n", "docs/contact.md: description: verplicht veld ontbreekt"),
    ("---\ntitle: Contact\ndescription: Vragen.\nsoort: faq\n---\n",
     'docs/contact.md: soort: onbekende soort "faq"; kies uit: vraag-en-antwoord'),
    ("---\ntitle: Contact\ndescription: Vragen.\nauteur: X\n---\n", 'docs/contact.md: onbekend veld "auteur"'),
])
def test_bad_front_matter_stops_the_build(tmp_path: Path, front_matter: str, message: str) -> None:
    root = _project_copy(tmp_path)
    page = root / "docs" / "contact.md"
    body = page.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    page.write_text(front_matter + body, encoding="utf-8")
    result = run_cli("build", cwd=root)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in output
    assert message in output
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == "previous site"
