"""The site's settings as the core needs them, read from ``mkdocs.yml`` as plain YAML.

Every engine of the MkDocs family (MkDocs, ProperDocs, Zensical) reads that file, so the steps
before and after the engine read it too, without importing an engine: the navigation (the
reading order of the print-all page), the site's name and address, and ``extra``. ``!ENV`` tags are read as MkDocs reads them (pyyaml-env-tag, MkDocs' own reader of them).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict
from yaml_env_tag import construct_env_tag

from .paths import PROJECT_ROOT

CONFIG_FILE = PROJECT_ROOT / "mkdocs.yml"


class _Loader(yaml.SafeLoader):
    """Safe YAML with ``!ENV``; other tags of MkDocs' config (``!relative``, Python names) as nothing."""


_Loader.add_constructor("!ENV", construct_env_tag)
_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


class SiteConfig(BaseModel):
    """The settings of ``mkdocs.yml`` the core uses; the rest is the engine's business."""

    model_config = ConfigDict(extra="ignore")

    site_name: str
    site_url: str | None = None
    docs_dir: str = "docs"
    nav: list[Any] | None = None
    extra: dict[str, Any] = {}
    markdown_extensions: list[Any] = []
    not_in_nav: str | None = None  # pages that may be missing from the nav (gitignore-like lines)
    path: Path = CONFIG_FILE  # the file it was read from

    @property
    def docs(self) -> Path:
        return (self.path.parent / self.docs_dir).resolve()

    def nav_pages(self) -> list[str]:
        """The pages of the navigation (paths under docs/) in reading order, as the engine lists
        them; without a ``nav:`` every page under docs/, sorted."""
        if self.nav is None:
            return sorted(p.relative_to(self.docs).as_posix() for p in self.docs.rglob("*.md"))
        return list(_pages(self.nav))


def _pages(items: list[Any]) -> list[str]:
    out: list[str] = []
    for item in items:
        values = item.values() if isinstance(item, dict) else [item]
        for value in values:
            if isinstance(value, list):
                out += _pages(value)
            elif isinstance(value, str) and "://" not in value:  # a link to elsewhere is not a page
                out.append(value)
    return out


def read(config_file: Path = CONFIG_FILE) -> dict[str, Any]:
    """The whole file as data, ``!ENV`` values filled in."""
    return yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader) or {}


def load(config_file: Path = CONFIG_FILE) -> SiteConfig:
    return SiteConfig.model_validate({**read(config_file), "path": config_file.resolve()})
