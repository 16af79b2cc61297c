"""The site built with Zensical, the successor of mkdocs-material (``make build ENGINE=zensical``).

Zensical reads ``mkdocs.yml`` and renders our theme overrides, but runs no MkDocs hooks. So what
the hooks do for MkDocs is done here, around it, by the core:

1. :func:`stage`: a copy of docs/ in a work folder, with the pages and files made from the data
   (:mod:`handreiking.prebuild`) and, in each page's front matter, what the theme shows under it
   (:func:`handreiking.prebuild.theme_meta`); next to it the settings as Zensical reads them: the
   same ``mkdocs.yml`` with the theme overrides by absolute path, the kinds of page for the
   search filters (``extra.soorten``), no hooks;
2. ``python -m zensical build`` over that folder (a command, not a library this package imports);
   the macro pages are rendered by Zensical's mkdocs-macros shim with our ``macros`` module;
3. the same post-build steps as after MkDocs (:func:`handreiking.postbuild.run`).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from . import partials, postbuild, prebuild, siteconfig
from .history import last_changed
from .loader import read_front_matter
from .model import KnowledgeBase
from .paths import OVERRIDES_DIR, PROJECT_ROOT

CONFIG = "mkdocs.yml"
# What Zensical copies or writes that is no part of the site (the MkDocs hook leaves the same out):
# the record templates and make serve's error page (theme files under overrides/), and the
# theme's own search, its index and worker (Pagefind searches).
NOT_SITE = ("records", "serve", "search.json", "assets/javascripts/workers", "assets/javascripts/lunr")


def _with_meta(source: str, extra: dict[str, Any]) -> str:
    """``source`` with ``extra`` added at the end of its front matter (one made when it has none)."""
    lines = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in extra.items())
    if not lines:
        return source
    if source.startswith("---\n"):
        end = source.index("\n---", 3) + 1
        return source[:end] + lines + source[end:]
    return f"---\n{lines}---\n\n{source}"


def stage(kb: KnowledgeBase, config_file: Path, work: Path) -> Path:
    """The project as Zensical reads it, in ``work``; returns its settings file."""
    config = siteconfig.read(config_file)
    site = siteconfig.load(config_file)
    docs = work / "docs"
    shutil.copytree(site.docs, docs)
    prebuild.write(kb, docs)
    own = tuple((site.extra.get("handreiking") or {}).get("eigen_paginas") or ())
    dates = last_changed(PROJECT_ROOT)
    for page in sorted(docs.rglob("*.md")):
        src_uri = page.relative_to(docs).as_posix()
        source = page.read_text(encoding="utf-8-sig")
        meta = read_front_matter(source)
        extra = prebuild.theme_meta(src_uri, meta, own, dates)
        page.write_text(_with_meta(source, extra), encoding="utf-8")
    config.pop("hooks", None)
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    config["theme"]["custom_dir"] = str(OVERRIDES_DIR)
    config.setdefault("extra", {})["soorten"] = {t.id: t.naam for t in kb.soorten}
    config["extra"][partials.NOT_FOUND_BLOCK] = str(partials.not_found_block(kb, site))
    out = work / CONFIG
    out.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out


def build(kb: KnowledgeBase, config_file: Path, site_dir: Path, work: Path) -> bool:
    """The whole site into the empty folder ``site_dir``; False when it failed (its messages
    were printed)."""
    staged = stage(kb, config_file, work)
    env = {**os.environ, "NO_COLOR": "1"}
    cmd = [sys.executable, "-m", "zensical", "build", "--clean", "--config-file", str(staged)]
    result = subprocess.run(cmd, cwd=work, env=env)
    if result.returncode != 0 or not (work / "site" / "index.html").exists():
        return False
    for part in (work / "site").iterdir():
        shutil.move(part, site_dir / part.name)
    for name in NOT_SITE:
        path = site_dir / name
        shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)
    for source_map in site_dir.glob("assets/**/*.map"):
        source_map.unlink()
    try:
        postbuild.run(site_dir, kb, config_file)
    except postbuild.PostBuildError as exc:
        print(exc, file=sys.stderr)
        return False
    return True
