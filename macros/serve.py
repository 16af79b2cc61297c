"""``make serve``: MkDocs' own live-reload server and build, with one difference for editors: when a
build fails, the browser shows why (in Dutch, with the same ``file:line`` messages as the terminal)
instead of waiting.

Why not plain ``mkdocs serve`` (MkDocs 1.6, ``mkdocs/livereload/__init__.py``): after a failed
rebuild it logs "The server will appear stuck until build errors are resolved" and every request
waits for the next successful build (no page, no message); a failed first build ends the command.

Here the builder never fails: it catches the build's error, empties the served folder and writes
the error page's assets and the number of the build into ``_fout/``. The server then moves on as
after a good build: open pages reload (MkDocs' live-reload script) and every page is missing, so the
server's error handler answers with the error page (``overrides/serve/fout.html``), which asks every
half second for the build number (``overrides/serve/fout.js``) and reloads once another build is
done: the real page when the mistake is fixed, the new messages when it is not. Normal edits reload
as before (the same build, the same live-reload script).

Run it through ``python -m handreiking.cli serve`` (``make serve``).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import itertools
import logging
import re
import shutil
import signal
import socket
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.livereload import LiveReloadServer

from handreiking.paths import OVERRIDES_DIR, PROJECT_ROOT
from macros import terminal

log = logging.getLogger("mkdocs.plugins.handreiking.serve")

ERROR_PAGE = OVERRIDES_DIR / "serve"  # fout.html (the page), fout.css and fout.js (its assets)
ASSETS = "_fout"  # the error page's folder in the served site; also holds the build number
# Besides docs/ and mkdocs.yml (always watched): the data, the core, the macros and the theme overrides.
WATCH = ("data", "handreiking", "macros", "overrides")
POLL_S = 0.2  # seconds between looks for saved files (MkDocs: 0.5)
# The loader's first line ("3 fouten in de gegevens:"): the page counts the messages itself.
_REPORT_HEAD = re.compile(r"^\d+ fout(?:en)? in de (?:gegevens|pagina's|gegevens en de pagina's):$")
_PLACE = re.compile(r"^(?P<place>[^\s:]+:\d+): (?P<rest>.*)$")


@dataclass
class Failure:
    """What the error page shows: the build it belongs to and its messages."""

    build: int
    messages: list[str] = field(default_factory=list)
    unexpected: bool = False


class _Collect(logging.Handler):
    """Every warning and error MkDocs and our plugin log during one build (strict mode fails on them)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not record.name.startswith("mkdocs.livereload"):  # the server's own request log
            self.messages.append(record.getMessage())


@contextlib.contextmanager
def _collected() -> Iterator[_Collect]:
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def messages_of(logged: list[str], error: BaseException) -> list[str]:
    """One line per message, in order, each once; the error itself when nothing was logged."""
    lines = [line for text in logged for line in text.splitlines() if line.strip()]
    lines = [line for line in lines if not _REPORT_HEAD.match(line.strip())]
    return list(dict.fromkeys(lines)) or [str(error) or type(error).__name__]


def render_error_page(failure: Failure) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ERROR_PAGE), autoescape=True)
    rows = [(m["place"], m["rest"]) if (m := _PLACE.match(line)) else ("", line) for line in failure.messages]
    return env.get_template("fout.html").render(
        build=failure.build, messages=rows, unexpected=failure.unexpected, assets=f"/{ASSETS}/"
    )


def _check_port(host: str, port: int) -> None:
    """Raises :class:`PortInUse` at once, before the first build, when the port is taken (the
    server itself binds only after that build, and then ends in a traceback)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server binds
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise PortInUse(port) from None
            raise


def serve(config_file: Path, host: str, port: int) -> None:
    _check_port(host, port)
    site_dir = Path(tempfile.mkdtemp(prefix="handreiking-serve-"))
    serve_url = f"http://{host}:{port}/"
    builds = itertools.count(1)
    failed: list[Failure] = []  # the last build's failure, if it failed
    started: list[MkDocsConfig] = []  # the first config that loaded (its plugins know we serve)

    def get_config() -> MkDocsConfig:
        config = load_config(
            config_file=str(config_file), site_dir=str(site_dir), strict=True, dev_addr=f"{host}:{port}"
        )
        config.site_url = serve_url  # pages, sitemap and search under this server's address
        if not started:
            config.plugins.on_startup(command="serve", dirty=False)
            started.append(config)
        return config

    def builder(config: MkDocsConfig | None = None) -> None:
        number = next(builds)
        failure = None
        with _collected() as collected:
            try:
                build(config or get_config(), serve_url=serve_url)
            except MkDocsException as exc:  # an editor's mistake: MkDocs and our plugin said what it is
                failure = Failure(number, messages_of(collected.messages, exc))
            except Exception as exc:  # a bug: the server goes on; the page says so, the terminal has it all
                log.exception("De site kon niet worden gebouwd")
                failure = Failure(number, messages_of([], exc), unexpected=True)
        failed[:] = [failure] if failure else []
        if failure:
            shutil.rmtree(site_dir, ignore_errors=True)  # no page of an older or half-built site
            shutil.copytree(ERROR_PAGE, site_dir / ASSETS, ignore=shutil.ignore_patterns("*.html"))
            log.error("De site kon niet worden gebouwd; de browser toont de meldingen op %s", serve_url)
        (site_dir / ASSETS).mkdir(parents=True, exist_ok=True)
        (site_dir / ASSETS / "stand.txt").write_text(str(number), encoding="utf-8")

    def error_handler(code: int) -> bytes | None:
        if failed:
            return render_error_page(failed[0]).encode("utf-8")
        page = site_dir / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    # MkDocs looks for changed files every half second (a polling observer); every fifth of a
    # second takes a quarter of a second off the wait for a saved change, at a few hundred stats.
    server = LiveReloadServer(builder=builder, host=host, port=port, root=str(site_dir), polling_interval=POLL_S)
    server.error_handler = error_handler
    try:
        log.info("De site wordt gebouwd …")
        builder()  # the first build; a failure shows in the browser too
        first = started[0] if started else None  # None: mkdocs.yml itself is wrong
        server.watch(str(Path(first.docs_dir) if first else PROJECT_ROOT / "docs"))
        server.watch(str(config_file))
        for path in WATCH:
            server.watch(str(PROJECT_ROOT / path))
        if first:
            server = first.plugins.on_serve(server, config=first, builder=builder)
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Gestopt.")
        finally:
            server.shutdown()
    finally:
        if started:
            started[0].plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


class PortInUse(Exception):
    """Another program (often a ``make serve`` that still runs) listens on the port."""

    def __init__(self, port: int) -> None:
        super().__init__(
            f"Poort {port} is al in gebruik: draait `make serve` al in een ander venster? Open dan "
            f"http://127.0.0.1:{port}/ of stop dat venster met Ctrl+C. Een andere poort kiezen kan ook: "
            f"make serve POORT={port + 1}"
        )


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.serve", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--config-file", type=Path, default=PROJECT_ROOT / "mkdocs.yml")
    args = parser.parse_args(argv)
    terminal.install()  # Dutch lines only (macros/terminal.py)
    signal.signal(signal.SIGTERM, _stop)  # stopped by a process manager or a test: clean up as for Ctrl+C
    try:
        serve(args.config_file.resolve(), args.host, args.port)
    except PortInUse as exc:
        print(str(exc), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
