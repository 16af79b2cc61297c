"""A folder served over HTTP on 127.0.0.1 while a block runs: the link check's crawl, the tests and
the benchmarks all use this one (``with serve(site) as url: ...``)."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import logging
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

log = logging.getLogger("handreiking.localserver")

COMPRESSIBLE = {".html", ".js", ".css", ".json", ".svg", ".xml", ".txt"}


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, quietly; ``gzip``: compressed on the fly when the client accepts it (as a
    real host would); ``headers``: added to every response; ``served``: when a list, the path of
    every request is appended to it, in order."""

    gzip = False
    headers_out: Mapping[str, str] = {}
    served: list[str] | None = None

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def end_headers(self) -> None:
        for name, value in self.headers_out.items():
            self.send_header(name, value)
        super().end_headers()

    def send_head(self) -> io.BytesIO | BinaryIO | None:
        if self.served is not None:
            self.served.append(self.path)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.gzip and accepts and path.suffix in COMPRESSIBLE and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        log.debug("local server: error while answering %s", client_address, exc_info=True)


@contextlib.contextmanager
def serve(
    directory: Path,
    *,
    gzip: bool = False,
    headers: Mapping[str, str] | None = None,
    served: list[str] | None = None,
) -> Iterator[str]:
    """Serves ``directory`` on 127.0.0.1 (a free port) while the block runs; yields its URL (with ``/``).
    With ``served``, the path of every request that reaches the server is appended to it."""
    handler = type("Handler", (_Handler,), {"gzip": gzip, "headers_out": dict(headers or {}), "served": served})
    server = _Server(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, name="local-server", daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
