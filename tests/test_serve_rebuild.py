"""`make serve` rebuilds the whole site on every save, and takes what a page needs after the
engine from the last build when the engine wrote that page as before (handreiking/postbuild.py,
the preview's pass memo). What it shows after a save must be exactly what a first build of the
changed project shows: the changed page, the pages that show the changed record, the print-all
page, and every other page unchanged."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import project_copy

# Two preview builds in one process (as `make serve` does), with ``edits`` applied between them;
# without edits, one build. Each edit: [file, text in it, text that replaces it].
SCRIPT = """
import json, logging, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
from handreiking import postbuild

logging.basicConfig(level=logging.WARNING)
site, edits = sys.argv[1], json.loads(sys.argv[2])
started = []

def preview_build():
    config = load_config(config_file="mkdocs.yml", site_dir=site, strict=True, dev_addr="127.0.0.1:8765")
    config.site_url = "http://127.0.0.1:8765/"
    if not started:
        config.plugins.on_startup(command="serve", dirty=False)
        started.append(config)
    build(config, serve_url=config.site_url)
    postbuild.wait()

preview_build()
if edits:
    for name, old, new in edits:
        path = Path(name)
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    preview_build()
"""

PAGE_SENTENCE = "Een zin die de redactie net toevoegde aan het kernteam."
RECORD_SENTENCE = "Een zin die de redactie net toevoegde aan deze risicofactor."


def _preview(root: Path, site: Path, edits: list[list[str]]) -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(site), json.dumps(edits)],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _pages(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in site.rglob("*")
        if p.is_file() and p.suffix in (".html", ".json") and "pagefind" not in p.relative_to(site).parts
    }


def test_a_rebuild_after_a_save_shows_what_a_first_build_shows(tmp_path: Path) -> None:
    root = project_copy(tmp_path, previous_site=False)
    kernteam = (root / "docs" / "samos" / "kernteam.md").read_text(encoding="utf-8")
    paragraph = next(p for p in kernteam.split("\n\n") if p[:1].isalpha() and len(p) > 80)
    risks = (root / "data" / "riskfactors.yaml").read_text(encoding="utf-8")
    lines = risks.splitlines()
    description = lines[lines.index("  beschrijving: |") + 1]  # the first line of the first risk factor's text
    edits = [
        ["docs/samos/kernteam.md", paragraph, paragraph + " " + PAGE_SENTENCE],
        ["data/riskfactors.yaml", description, description.rstrip() + " " + RECORD_SENTENCE],
    ]

    again = tmp_path / "again"  # a preview build, then the edits, then the next preview build
    _preview(root, again, edits)
    first = tmp_path / "first"  # a first preview build of the edited project (nothing from before)
    _preview(root, first, [])

    rebuilt, fresh = _pages(again), _pages(first)
    assert sorted(rebuilt) == sorted(fresh)
    differ = [name for name in fresh if rebuilt[name] != fresh[name]]
    assert differ == []
    shown = {name for name, data in rebuilt.items() if PAGE_SENTENCE.encode() in data}
    assert {"samos/kernteam/index.html", "afdrukken/index.html"} <= shown
    assert any(RECORD_SENTENCE.encode() in data for name, data in rebuilt.items() if name.startswith("risicofactoren/"))
