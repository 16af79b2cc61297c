"""What ``make build`` and ``make serve`` print: only Dutch lines that help an editor.

MkDocs' own terminal output is English and busy (``INFO - [macros] - Functions found: …``,
``Cleaning site directory``, ``WARNING - …``, ``Aborted with 1 warnings in strict mode!``). This
handler replaces it for the engine's loggers (``mkdocs`` and everything under it, mkdocs-macros
included):

- warnings and errors print as their message alone: the editors' mistakes are already Dutch
  ``file:line: …`` lines (our plugin's errors, :mod:`macros.buildmessages` for MkDocs' link
  warnings); a line we have no Dutch for is shown as it is, marked as MkDocs' own English
  (:func:`editor_lines`);
- of the information lines, only the few the live preview needs, in Dutch (:data:`DUTCH_INFO`), and
  our own (the ``mkdocs.plugins.handreiking`` loggers), which are Dutch;
- everything else (the macros plugin's inventory, timings, "Building documentation …") is left out.
  ``--verbose`` on the engine is the developers' way to see it.
"""

from __future__ import annotations

import logging
import re
import sys
from typing import TextIO

OURS = "mkdocs.plugins.handreiking"
# MkDocs' information lines an editor needs while previewing, in Dutch (by their English start).
DUTCH_INFO = {
    "Serving on ": "De voorbeeldversie staat klaar op {url} (stoppen: Ctrl+C).",
    "Detected file changes": "Wijziging gezien; de site wordt opnieuw gebouwd …",
    "Reloading browsers": "Klaar: de browser laadt de pagina opnieuw.",
}
UNTRANSLATED = "Melding van MkDocs (niet vertaald): "  # before a line we have no Dutch for
# An editor's message from our checks: "docs/x.md:12: …", "data/x.yaml:3: …", "mkdocs.yml:40: …".
_PLACED = re.compile(r"^(?:docs|data)/\S+?(?::\d+)?: |^mkdocs\.yml(?::\d+)?: |^Fout bij het |^\d+ fout")


def editor_lines(record: logging.LogRecord, message: str | None = None) -> list[str]:
    """The lines of a warning or error as an editor sees them: ours and the editors' placed
    messages as they are; any other line (MkDocs' own English) as it is, marked as not translated."""
    lines = [line for line in (message or record.getMessage()).splitlines() if line.strip()]
    if record.name.startswith(OURS) or getattr(record, "dutch", False):  # Dutch (macros/buildmessages.py)
        return lines
    return [line if _PLACED.match(line) else f"{UNTRANSLATED}{line}" for line in lines]


def dutch_info(message: str) -> str | None:
    message = re.sub(r"^\[\d\d:\d\d:\d\d\] ", "", message)  # the live-reload server's time stamp
    for english, dutch in DUTCH_INFO.items():
        if message.startswith(english):
            url = message.removeprefix(english).split(" ", 1)[0]
            return dutch.format(url=url)
    return None


class EditorsTerminal(logging.Handler):
    """Writes the lines described above to ``stream`` (standard error)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        super().__init__(logging.DEBUG)
        self.stream = stream
        self.lines: list[str] = []  # every warning and error line printed (for annotations)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:  # a message that cannot be formatted is no reason to stop a build
            return
        if record.levelno >= logging.WARNING:
            lines = editor_lines(record, message)
            self.lines += lines
            if record.exc_info:  # a bug, not an editor's mistake: the developer needs the traceback
                lines = [*lines, logging.Formatter().formatException(record.exc_info)]
            self._write(lines)
        elif record.name.startswith(OURS) and record.levelno >= logging.INFO:
            self._write([message])
        elif record.levelno >= logging.INFO and (dutch := dutch_info(message)):
            self._write([dutch])

    def _write(self, lines: list[str]) -> None:
        stream = self.stream or sys.stderr
        for line in lines:
            stream.write(line + "\n")
        stream.flush()


def install(level: int = logging.INFO) -> EditorsTerminal:
    """Puts :class:`EditorsTerminal` on MkDocs' logger instead of its own handlers."""
    logger = logging.getLogger("mkdocs")
    for old in list(logger.handlers):
        logger.removeHandler(old)
    handler = EditorsTerminal()
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False
    return handler
