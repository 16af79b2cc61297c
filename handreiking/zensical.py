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

When Zensical itself stops (its own error, which it prints as a Python traceback: a setting it
rejects, its search index's limit), the editor sees one Dutch line with Zensical's own message
(:func:`handreiking.enginefailure.stopped`); its whole output goes into a log file, named on the
next line.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from . import enginefailure, partials, places, postbuild, prebuild, safety, siteconfig
from .history import last_changed
from .loader import read_front_matter
from .model import KnowledgeBase
from .paths import OVERRIDES_DIR, PROJECT_ROOT
from .urls import page_url

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
    config["theme"]["variant"] = "classic"  # the look of mkdocs-material, which site.css builds on
    config.setdefault("extra", {})["soorten"] = {t.id: t.naam for t in kb.soorten}
    config["extra"][partials.NOT_FOUND_BLOCK] = str(partials.not_found_block(kb, site))
    # Zensical's own search is on unless switched off (MkDocs: no search plugin in mkdocs.yml);
    # Pagefind searches, and Zensical's index stops the build on a long page (the fasewijzer with
    # thousands of practice examples: "exceeds the search index limit").
    config["plugins"] = [*(config.get("plugins") or []), {"search": {"enabled": False}}]
    out = work / CONFIG
    out.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out


def unsafe_pages(kb: KnowledgeBase, site_dir: Path, docs: Path, original: Path) -> list[str]:
    """What the MkDocs hook stops the build for on a page (:func:`handreiking.safety.check_page_html`
    over the HTML its Markdown made): a script, an embedded object, an event handler or a script
    address, one Dutch line per finding, where the editor wrote it (``original``: docs/ itself)."""
    sources = {page_url(p.relative_to(docs).as_posix()): p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    out = []
    for url, src_uri in sorted(sources.items()):
        page = site_dir / url / "index.html"
        html = page.read_text(encoding="utf-8") if page.is_file() else ""
        span = postbuild.content_span(html)
        if span:
            found = safety.check_page_html(html[span[0] : span[1]])
            source = original / src_uri if (original / src_uri).is_file() else docs / src_uri  # an editor's, or made
            out += [f"{_place(kb, source, src_uri, f.needle)}: {f.message}" for f in found]
    return list(dict.fromkeys(out))


def _place(kb: KnowledgeBase, source: Path, src_uri: str, needle: str) -> str:
    """Where an editor wrote ``needle`` (:mod:`handreiking.places`, as the MkDocs messages say it):
    the record's field and line in its data file for a page made from the data; else the first line
    of the page's text (after its front matter) with it, in any case."""
    text = source.read_text(encoding="utf-8")
    meta = read_front_matter(text)
    record = places.record_of(kb, meta.get("record"), meta.get("record_id"))
    if record is not None:
        return places.record_place(record, src_uri, needle, places.contains)
    lines = places.page_lines(text, needle, places.contains)
    return f"docs/{src_uri}:{lines[0]}" if lines else f"docs/{src_uri}"


def build(kb: KnowledgeBase, config_file: Path, site_dir: Path, work: Path, log: Path) -> bool:
    """The whole site into the empty folder ``site_dir``; False when it failed (its messages
    were printed). Zensical's own output is printed when it built, and kept in ``log`` when it
    stopped (:func:`handreiking.enginefailure.stopped`)."""
    staged = stage(kb, config_file, work)
    env = {**os.environ, "NO_COLOR": "1"}
    cmd = [sys.executable, "-m", "zensical", "build", "--clean", "--config-file", str(staged)]
    result = subprocess.run(cmd, cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        print(enginefailure.stopped("Zensical", result.stdout, log), file=sys.stderr)
        return False
    if not (work / "site" / "index.html").exists():
        print(result.stdout, end="")
        print("Zensical bouwde geen startpagina (index.html); zie de uitvoer hierboven.", file=sys.stderr)
        return False
    print(result.stdout, end="")
    for part in (work / "site").iterdir():
        shutil.move(part, site_dir / part.name)
    for name in NOT_SITE:
        path = site_dir / name
        shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)
    for source_map in site_dir.glob("assets/**/*.map"):
        source_map.unlink()
    sitemap = site_dir / "sitemap.xml"
    if sitemap.is_file():  # as MkDocs writes it (search engines), dated by the build's date
        epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or 0) or None
        with gzip.GzipFile(site_dir / "sitemap.xml.gz", "wb", mtime=epoch) as out:
            out.write(sitemap.read_bytes())
    problems = unsafe_pages(kb, site_dir, work / "docs", siteconfig.load(config_file).docs)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return False
    try:
        postbuild.run(site_dir, kb, config_file)
    except postbuild.PostBuildError as exc:
        print(exc, file=sys.stderr)
        return False
    return True
