"""An engine that stops on an error of its own (not an editor's mistake it reports in Dutch
itself): what the editors' terminal shows. One Dutch line saying which engine stopped, with the
engine's own message (the last exception it printed: ``RuntimeError: x`` gives ``x``), and one
naming the log file with its whole output; never its traceback. Zensical's failures
(:mod:`handreiking.zensical`) and an unexpected error in MkDocs' build (``macros/build.py``).
"""

from __future__ import annotations

import re
from pathlib import Path

# A line of Python's with an exception's message, unindented: the last line of a traceback
# ("RuntimeError: Search field ..."), or a command-line error as click prints it ("Error: ...").
_EXCEPTION_LINE = re.compile(r"^(?:[A-Za-z_][\w.]*(?:Error|Exception|Exit)|Error): (?P<message>.+)$")


def log_file(site_dir: Path, engine: str) -> Path:
    """Where a build into ``site_dir`` keeps the engine's output when it stopped: beside the site
    (``site-zensical.log``, git-ignored)."""
    return site_dir.with_name(f"{site_dir.name}-{engine}.log")


def message(output: str) -> str:
    """The engine's own message in its output: the text of the last exception Python printed
    (a traceback's chained exceptions end with the one that stopped it; Zensical's Rust core
    prints the exception before the Python traceback inside it), else its last line."""
    lines = [line for line in output.splitlines() if line.strip()]
    found = [m["message"].strip() for line in lines if (m := _EXCEPTION_LINE.match(line))]
    return found[-1] if found else (lines[-1].strip() if lines else "geen melding")


def stopped(engine: str, output: str, log: Path) -> str:
    """What an editor sees when ``engine`` stopped: a Dutch line with its own message, and where
    its whole output is kept (``log``, written here)."""
    log.write_text(output, encoding="utf-8")
    return (
        f"{engine} is gestopt met een eigen fout: {message(output)}\nDe volledige uitvoer van {engine} staat in {log}."
    )
