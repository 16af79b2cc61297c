"""mkdocs-macros module of the site. This file only wires things up: it loads the validated
knowledge base once per build and registers one module per data domain."""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

from handreiking import siteconfig

from . import (
    changelog,
    datamodel,
    entrypoints,
    escalation,
    incidentroute,
    interventions,
    phases,
    publications,
    riskfactors,
)
from .buildmessages import load_for_build
from .render import Renderer


def link_base(page: Any) -> str:
    """The address a macro's relative links start from. MkDocs leaves the links in a macro's HTML
    as written: relative to the page's address (``aanpak/fasewijzer/``). Zensical reads every
    relative link of a page as relative to its source file, as both read a Markdown link, and
    rewrites it: there they start from the source file's folder (``aanpak/``)."""
    if page is None:
        return ""
    if hasattr(page, "file"):  # MkDocs' page
        return str(page.url)
    folder = posixpath.dirname(page.path)
    return f"{folder}/" if folder else ""


def define_env(env: Any) -> None:
    """Called by mkdocs-macros (``module_name: macros``)."""
    kb = load_for_build(Path(env.conf["docs_dir"]))
    config_file = env.conf.get("config_file_path")
    site = siteconfig.load(Path(config_file)) if config_file else siteconfig.load()
    render = Renderer(
        site,
        use_directory_urls=env.conf.get("use_directory_urls", True),
        here=lambda: link_base(env.page),
        address=lambda: str(env.page.url) if env.page else "",
    )
    env.variables["kb"] = kb
    for module in (
        interventions,
        riskfactors,
        phases,
        escalation,
        datamodel,
        changelog,
        entrypoints,
        publications,
        incidentroute,
    ):
        module.register(env, kb, render)
