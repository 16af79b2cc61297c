"""When each source file last changed, from the git history, in Dutch ("3 maart 2026").

One ``git log`` for the whole tree per build; without git (or outside a repository) there are
simply no dates and the build goes on.
"""

from __future__ import annotations

import datetime as dt
import logging
import subprocess
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.handreiking")

MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def dutch_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def last_changed(root: Path) -> dict[str, dt.date]:
    """Path relative to ``root`` (posix) -> date of the last commit that touched it."""
    try:
        out = subprocess.run(
            ["git", "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", "docs", "data"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.info("Geen git-geschiedenis (%s): pagina's krijgen geen datum 'Laatst bijgewerkt'.", exc)
        return {}
    if out.returncode != 0:
        log.info("Geen git-geschiedenis: pagina's krijgen geen datum 'Laatst bijgewerkt'.")
        return {}
    dates: dict[str, dt.date] = {}
    current: dt.date | None = None
    for line in out.stdout.splitlines():
        if line.startswith("\x00"):
            current = dt.date.fromisoformat(line[1:].strip())
        elif line.strip() and current is not None:
            dates.setdefault(line.strip(), current)  # newest first: keep the first date seen
    return dates
