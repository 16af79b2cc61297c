"""``mkdocs build --strict`` with the editors' terminal (:mod:`macros.terminal`): the same build as
MkDocs' command line (its ``build_command``: load the config, ``on_startup``, build, ``on_shutdown``),
but only Dutch lines that help an editor, and no "Aborted with 1 warnings in strict mode!": when a
warning or error stops the build, its messages were printed and the exit status says it failed.

``python -m macros.build --config-file mkdocs.yml --site-dir DIR`` (run by ``python -m
handreiking.cli build``). Exit status 0: built; 1: an editor's mistake stopped the build (the
messages say which); 2: the build itself broke: one Dutch line with the error's message, its
traceback for a developer in the log file (``--log``; beside the site: ``site-mkdocs.log``),
as when Zensical stops (:mod:`handreiking.enginefailure`).
"""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from handreiking import enginefailure
from macros import terminal


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.build", description=__doc__)
    parser.add_argument("--config-file", type=Path, required=True)
    parser.add_argument("--site-dir", type=Path, required=True)
    parser.add_argument("--log", type=Path, default=None, help="the traceback of an unexpected error")
    args = parser.parse_args(argv)
    terminal.install()
    try:
        config = load_config(config_file=str(args.config_file), site_dir=str(args.site_dir), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as exc:  # an editor's mistake: its messages were logged (Abort) or are here
        if not isinstance(exc, SystemExit):
            print(str(exc), file=sys.stderr)
        return 1
    except Exception:
        log = args.log or enginefailure.log_file(args.site_dir, "mkdocs")
        print(enginefailure.stopped("MkDocs", traceback.format_exc(), log), file=sys.stderr)
        print("Dit is geen fout van de redactie; meld het aan een ontwikkelaar.", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
