"""The link report: ``reports/links.json`` (one record per address), ``reports/links.md`` (Dutch, from
``handreiking/templates/links.md.jinja``, also the body of the GitHub issue) and GitHub annotations."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import jinja2

from ..history import dutch_date
from .found import Found

RESULTS = ("broken", "redirect", "tijdelijk", "ok", "ignored")
MAX_REPORT_CHARS = 60000  # GitHub refuses issue bodies over 65536 characters
TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("handreiking"),  # handreiking/templates/
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
)
TEMPLATES.filters["md"] = lambda text: re.sub(r"([\[\]|*_`<>])", r"\\\1", str(text))


@dataclass
class Record:
    url: str
    result: str
    status: int | None
    message: str
    pages: list[str] = field(default_factory=list)
    new_url: str | None = None
    attempts: int = 0
    found: list[Found] = field(default_factory=list)  # where an editor wrote it
    internal: bool = False
    archief: str | None = None  # a broken data link's archived copy (:mod:`.archive`)

    @property
    def sources(self) -> list[tuple[str, int]]:
        """Where an editor wrote the address: (file, line), each once."""
        return list(dict.fromkeys((f.file, f.line) for f in self.found if f.file and f.line))

    def files(self, kind: str) -> list[str]:
        """The files with this address: ``archive`` (an intervention's links[]), ``docs``, ``data`` (data text)."""
        kinds = [("archive" if f.archivable else f.file.split("/")[0], f.file) for f in self.found if f.file]
        return list(dict.fromkeys(file for k, file in kinds if k == kind))

    def as_json(self) -> dict[str, Any]:
        keys = ("url", "result", "status", "message", "pages", "new_url", "attempts", "internal", "archief")
        return {key: getattr(self, key) for key in keys} | {"sources": [f"{file}:{n}" for file, n in self.sources]}


@dataclass
class Report:
    MANY_PAGES: ClassVar[int] = 10  # a link on this many pages comes from the theme: listed once

    records: list[Record]
    generated: dt.datetime
    site_url: str = ""
    titles: dict[str, str] = field(default_factory=dict)
    page_count: int = 0
    scope: str = ""  # "" (everything), or a Dutch description of the restriction
    external_checked: bool = True
    duration: float = 0.0
    offline: bool = False  # no internet: the external addresses were not requested

    def count(self, result: str) -> int:
        return sum(1 for r in self.records if r.result == result)

    def of(self, *results: str) -> list[Record]:
        return [r for r in self.records if r.result in results]

    def by_page(self) -> tuple[dict[str, list[Record]], list[Record], list[Record]]:
        """The problems per page; those on many pages at once (the theme); those on no page."""
        problems = self.of("broken", "redirect", "tijdelijk")
        per_page: dict[str, list[Record]] = {}
        for r in problems:
            for page in r.pages if len(r.pages) < self.MANY_PAGES else []:
                per_page.setdefault(page, []).append(r)
        everywhere = [r for r in problems if len(r.pages) >= self.MANY_PAGES]
        return dict(sorted(per_page.items())), everywhere, [r for r in problems if not r.pages]

    def as_json(self) -> dict[str, Any]:
        return {
            "generated": self.generated.isoformat(timespec="seconds"),
            "site_url": self.site_url or None,
            "pages_checked": self.page_count,
            "scope": self.scope or ("alle links" if self.external_checked else "alleen interne links"),
            "external_checked": self.external_checked,
            "offline": self.offline,
            "duration_seconds": round(self.duration, 1),
            "summary": {result: self.count(result) for result in RESULTS},
            "links": [r.as_json() for r in self.records],
        }

    def write(self, out_dir: Path) -> tuple[Path, Path]:
        """``links.json`` and ``links.md`` (cut short for GitHub when very long) in ``out_dir``."""
        when = self.generated.astimezone(dt.UTC)
        text = TEMPLATES.get_template("links.md.jinja").render(report=self, day=dutch_date(when.date()), when=when)
        if len(text) > MAX_REPORT_CHARS:
            text = text[:MAX_REPORT_CHARS].rsplit("\n", 1)[0]
            text += "\n\n… (ingekort; de volledige lijst staat in `reports/links.json`)\n"
        out_dir.mkdir(parents=True, exist_ok=True)
        json_path, md_path = out_dir / "links.json", out_dir / "links.md"
        json_path.write_text(json.dumps(self.as_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        md_path.write_text(text, encoding="utf-8")
        return json_path, md_path

    def github_annotations(self) -> list[str]:
        """Broken links and redirects as annotations on the line where they are written."""
        lines = []
        for r in self.of("broken", "redirect"):
            level, title = ("error", "Kapotte link") if r.result == "broken" else ("warning", "Verhuisde link")
            text = f"{r.url}: {r.message}".replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            for where in [f"file={file},line={n}," for file, n in r.sources] or [""]:
                lines.append(f"::{level} {where}title={title}::{text}")
        return lines
