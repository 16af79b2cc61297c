"""The one local web server (handreiking.localserver) the tests, the link check and the benchmarks use."""

from __future__ import annotations

import gzip
import urllib.request
from pathlib import Path

import pytest

from handreiking.localserver import serve


def test_serves_a_folder_on_a_free_port_and_stops(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("<p>hallo</p>", encoding="utf-8")
    with serve(tmp_path, headers={"LinkChecker": "local-site"}) as url:
        assert url.startswith("http://127.0.0.1:") and url.endswith("/")
        with urllib.request.urlopen(url + "a/") as response:
            assert response.read() == b"<p>hallo</p>"
            assert response.headers["LinkChecker"] == "local-site"
            assert response.headers["Content-Encoding"] is None
    with pytest.raises(OSError):  # stopped after the block
        urllib.request.urlopen(url + "a/", timeout=2)


def test_gzip_like_a_real_host_when_the_client_accepts_it(tmp_path: Path) -> None:
    text = "<p>" + "onrust " * 500 + "</p>"
    (tmp_path / "index.html").write_text(text, encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG")
    with serve(tmp_path, gzip=True) as url:
        request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            body = response.read()
            assert len(body) < len(text) and gzip.decompress(body).decode() == text
        with urllib.request.urlopen(urllib.request.Request(url + "logo.png", headers={"Accept-Encoding": "gzip"})) as r:
            assert r.headers["Content-Encoding"] is None  # images are not compressed, as on a real host
        with urllib.request.urlopen(url) as plain:
            assert plain.headers["Content-Encoding"] is None and plain.read().decode() == text
