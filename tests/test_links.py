"""The link check (``python -m handreiking.links``) against a fixture web server on 127.0.0.1.

No test reaches the internet: the "external" addresses are served by :class:`FixtureServer` on
random local ports, and the one DNS failure uses the reserved ``.invalid`` domain (RFC 2606),
which no resolver answers. A tiny site links to every fixture case: its pages are rendered from
Markdown with the same link collector the MkDocs hook uses (no MkDocs build), its data is the
small valid data set with links to fixture cases; the check runs as a subprocess, the way
``make links`` runs it.
"""

from __future__ import annotations

import collections
import contextlib
import datetime as dt
import email.utils
import http.server
import json
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import markdown
import pytest

from handreiking.links import check, crawl, found, report, settings, web
from tests.conftest import FIXTURES, PROJECT_ROOT

# --------------------------------------------------------------------------- fixture server


class FixtureServer:
    """Answers every case the link check must classify; counts the requests per path.

    Each case listens on its own port: LinkChecker pauses between requests to one host (and
    blocks its other threads meanwhile), so one port for all cases would make the test slow.
    """

    ROUTES = {
        "/ok": "200 OK",
        "/anchor": "200 with an id, linked with a missing #anchor",
        "/moved": "301 to /ok",
        "/moved-308": "308 to /ok",
        "/chain": "302 to /chain-2, which 307s to /ok",
        "/moved-gone": "301 to /gone",
        "/gone": "404",
        "/deleted": "410",
        "/forbidden": "403",
        "/error": "500, always",
        "/flaky": "503 the first time, then 200",
        "/loop": "302 to /loop-2, which 302s back to /loop",
        "/slow": "answers after 2.5 s (past the 1 s timeout)",
        "/busy-once": "429 with Retry-After: 1 the first time, then 200",
        "/busy": "429 with Retry-After: 1, always",
        "/busy-long": "429 with Retry-After: 3600 (longer than max_wachttijd: waits that long at most)",
        "/busy-date": "429 with Retry-After as an HTTP date 1 s ahead the first time, then 200",
        "/ignored": "200, but on the ignore list: must never be requested",
    }

    def __init__(self) -> None:
        self.hits: collections.Counter[str] = collections.Counter()
        self.lock = threading.Lock()
        fixture = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

            def do_GET(self) -> None:  # noqa: N802
                fixture.answer(self)

        class Server(http.server.ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request: object, client_address: object) -> None:
                pass  # the checker hangs up on /slow: expected

        self.servers = {path: Server(("127.0.0.1", 0), Handler) for path in [*self.ROUTES, "/"]}

    def url(self, path: str) -> str:
        server = self.servers.get(path.split("#", 1)[0], self.servers["/"])
        return f"http://127.0.0.1:{server.server_address[1]}{path}"

    def on(self, case: str, path: str) -> str:
        """``path`` on the port of ``case`` (where a relative redirect of that case leads)."""
        return self.url(case).rsplit(case, 1)[0] + path

    def start(self) -> None:
        for server in self.servers.values():
            threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def stop(self) -> None:
        for server in self.servers.values():
            server.shutdown()
            server.server_close()

    def answer(self, h: http.server.BaseHTTPRequestHandler) -> None:
        path = h.path.split("?", 1)[0]
        with self.lock:
            self.hits[path] += 1
            n = self.hits[path]

        def send(status: int, headers: dict[str, str] | None = None, body: str = "<p>fixture</p>") -> None:
            data = f"<!doctype html><title>{path}</title>{body}".encode()
            h.send_response(status)
            for key, value in (headers or {}).items():
                h.send_header(key, value)
            h.send_header("Content-Type", "text/html; charset=utf-8")
            h.send_header("Content-Length", str(len(data)))
            # Lifts LinkChecker's pause between requests to one host (the fixture is local).
            h.send_header("LinkChecker", "fixture")
            h.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the checker gave up
                h.wfile.write(data)

        if path in ("/ok", "/ignored"):
            send(200)
        elif path == "/anchor":
            send(200, body='<h1 id="present">Er is alleen een anker "present"</h1>')
        elif path == "/moved":
            send(301, {"Location": "/ok"})
        elif path == "/moved-308":
            send(308, {"Location": self.url("/ok")})
        elif path == "/chain":
            send(302, {"Location": "/chain-2"})
        elif path == "/chain-2":
            send(307, {"Location": "/ok"})
        elif path == "/moved-gone":
            send(301, {"Location": "/gone"})
        elif path == "/deleted":
            send(410)
        elif path == "/forbidden":
            send(403)
        elif path == "/error":
            send(500)
        elif path == "/flaky":
            send(503 if n == 1 else 200)
        elif path == "/loop":
            send(302, {"Location": "/loop-2"})
        elif path == "/loop-2":
            send(302, {"Location": "/loop"})
        elif path == "/slow":
            time.sleep(2.5)
            send(200)
        elif path == "/busy-once":
            send(429, {"Retry-After": "1"}) if n == 1 else send(200)
        elif path == "/busy":
            send(429, {"Retry-After": "1"})
        elif path == "/busy-long":
            send(429, {"Retry-After": "3600"})
        elif path == "/busy-date":
            later = email.utils.format_datetime(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1), usegmt=True)
            send(429, {"Retry-After": later}) if n == 1 else send(200)
        else:
            send(404)

    def reset(self) -> None:
        with self.lock:
            self.hits.clear()


@pytest.fixture(scope="module")
def fixture_server() -> Iterator[FixtureServer]:
    server = FixtureServer()
    server.start()
    yield server
    server.stop()


# --------------------------------------------------------------------------- a tiny site

DNS_FAILURE = "http://nowhere.invalid/rapport.pdf"
OWN_SITE = "https://example.org/handreiking/"

TEST_CONFIG = """\
[tijd]
per_verzoek = 1
totaal = 60

[herhalen]
pogingen = 2
wachttijd = 0.2
max_wachttijd = 2

[per_server]
max_gelijktijdig = 2

[verzoek]
user_agent = "HandreikingOnrust-Linkcontrole-test/1.0"
gelijktijdig = 8

[[negeren]]
url = "{ignored}"
reden = "Testadres dat nooit opgevraagd mag worden."
"""

CASES = [
    "/ok",
    "/anchor#missing",
    "/moved",
    "/moved-308",
    "/chain",
    "/moved-gone",
    "/gone",
    "/deleted",
    "/forbidden",
    "/error",
    "/flaky",
    "/loop",
    "/slow",
    "/busy-once",
    "/busy",
    "/busy-long",
    "/busy-date",
    "/ignored",
]


@dataclass
class TinySite:
    root: Path
    site: Path
    docs: Path
    data: Path
    config: Path
    reports: Path
    theme_link: str  # in the HTML around the Markdown only, as the theme's links are


def render(tiny: TinySite, home: str) -> None:
    """What the build does: each page's Markdown to HTML, its links noted by the collector the MkDocs
    hook adds (``found.page_links``), the list written beside the site."""
    collector = found.LinkCollector()
    md = markdown.Markdown(extensions=[collector])
    pages = []
    for path, title, text, file in [
        ("/", "Home", home, None),  # made by a template, like the record pages: no editor's file
        ("/bronnen/", "Bronnen", (tiny.docs / "bronnen.md").read_text(encoding="utf-8"), "docs/bronnen.md"),
    ]:
        body = md.reset().convert(text)
        theme = f'<a href="{tiny.theme_link}">thema</a>' if path == "/" else ""
        canonical = f'<link rel="canonical" href="{OWN_SITE}{path[1:]}">'
        out = tiny.site / path.strip("/") / "index.html"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(
            f"<!doctype html><html lang=nl><head><meta charset=utf-8><title>{title} - Testsite</title>{canonical}"
            f"</head><body><header>{theme}</header>{body}</body></html>\n",
            encoding="utf-8",
        )
        pages.append(found.page_links(path, title, collector.take(), file, text if file else None))
    found.write_record(found.record_file(tiny.site), OWN_SITE, pages)


def make_site(tmp: Path, server: FixtureServer, broken_internal: bool = True, **config: object) -> TinySite:
    """The tiny site; ``config`` overrides test settings: ``tijd__totaal=6`` sets ``totaal`` in ``[tijd]``."""
    u = server.url
    tiny = TinySite(
        tmp, tmp / "site", tmp / "docs", tmp / "data", tmp / "links.toml", tmp / "reports", u("/ok") + "?thema"
    )
    tiny.docs.mkdir()
    (tiny.docs / "bronnen.md").write_text(
        f"# Bronnen\n\nZie [het rapport]({u('/gone')}).\n\n[Home](../) en [ok]({u('/ok')}).\n", encoding="utf-8"
    )
    shutil.copytree(FIXTURES / "valid", tiny.data)
    interventions = tiny.data / "interventions.yaml"
    text = interventions.read_text(encoding="utf-8").replace(
        "    - url: http://www.buurtbemiddeling.org\n      titel: Landelijke website Buurtbemiddeling\n",
        f"    - url: {u('/deleted')}\n      titel: Verwijderd\n    - url: {u('/moved')}\n      titel: Verhuisd\n",
    )
    text = text.replace(
        "    Getrainde vrijwilligers helpen om het onderlinge contact te herstellen.\n",
        "    Getrainde vrijwilligers helpen om het onderlinge contact te herstellen; zie\n"
        f"    [de werkwijze]({u('/forbidden')}).\n",
    )
    interventions.write_text(text, encoding="utf-8")
    internal = ["bronnen/", *(["missing.html"] if broken_internal else []), "bronnen/#geen-anker"]
    home = "# Home\n\n" + "\n".join(
        f"- [{href}]({href})"
        for href in [*internal, "mailto:redactie@example.org", OWN_SITE + "bronnen/", *map(u, CASES), DNS_FAILURE]
    )
    render(tiny, home)
    text = TEST_CONFIG.format(ignored=u("/ignored"))
    for key, value in config.items():
        section, name = key.split("__")
        text = text.replace(f"[{section}]\n", f"[{section}]\n{name} = {value}\n", 1)
        # a later duplicate key would be a TOML error; drop the default line
        lines = text.splitlines()
        first = next(i for i, line in enumerate(lines) if line.startswith(f"{name} = "))
        lines = [line for i, line in enumerate(lines) if i == first or not line.startswith(f"{name} = ")]
        text = "\n".join(lines) + "\n"
    tiny.config.write_text(text, encoding="utf-8")
    return tiny


def data_line(tiny: TinySite, text: str) -> int:
    lines = (tiny.data / "interventions.yaml").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


def run_args(tiny: TinySite) -> list[str]:
    return [
        "--site-dir",
        str(tiny.site),
        "--config",
        str(tiny.config),
        "--reports-dir",
        str(tiny.reports),
        "--docs-dir",
        str(tiny.docs),
        "--data-dir",
        str(tiny.data),
    ]


def run_links(tiny: TinySite, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "handreiking.links", *run_args(tiny), *args],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@dataclass
class Run:
    tiny: TinySite
    result: subprocess.CompletedProcess[str]
    report: dict
    records: dict[str, dict]
    markdown: str
    seconds: float


@pytest.fixture(scope="module")
def full_run(tmp_path_factory: pytest.TempPathFactory, fixture_server: FixtureServer) -> Run:
    fixture_server.reset()
    tiny = make_site(tmp_path_factory.mktemp("links"), fixture_server)
    started = time.monotonic()
    result = run_links(tiny)
    seconds = time.monotonic() - started
    report = json.loads((tiny.reports / "links.json").read_text(encoding="utf-8"))
    return Run(
        tiny,
        result,
        report,
        {r["url"]: r for r in report["links"]},
        (tiny.reports / "links.md").read_text(encoding="utf-8"),
        seconds,
    )


# --------------------------------------------------------------------------- classification


@pytest.mark.parametrize(
    ("path", "result", "status"),
    [
        ("/ok", "ok", 200),
        ("/anchor#missing", "ok", 200),  # anchors of external pages are not checked (MkDocs checks our own)
        ("/chain", "ok", 200),  # temporary redirects are followed
        ("/flaky", "ok", 200),  # 503 once, fine on the retry
        ("/busy-once", "ok", 200),  # 429 once, fine after Retry-After
        ("/busy-date", "ok", 200),  # 429 once, fine after Retry-After as a date
        ("/moved", "redirect", 301),
        ("/moved-308", "redirect", 308),
        ("/gone", "broken", 404),
        ("/deleted", "broken", 410),
        ("/forbidden", "broken", 403),
        ("/moved-gone", "broken", 404),
        ("/loop", "broken", 302),
        ("/error", "tijdelijk", 500),
        ("/slow", "tijdelijk", None),
        ("/busy", "tijdelijk", 429),
        ("/busy-long", "tijdelijk", 429),
        ("/ignored", "ignored", None),
    ],
)
def test_every_fixture_case_is_classified(
    full_run: Run, fixture_server: FixtureServer, path: str, result: str, status: int | None
) -> None:
    record = full_run.records[fixture_server.url(path)]
    assert (record["result"], record["status"]) == (result, status), record


def test_dns_failure_is_broken(full_run: Run) -> None:
    record = full_run.records[DNS_FAILURE]
    assert record["result"] == "broken"
    assert record["message"].startswith("het domein nowhere.invalid bestaat niet (meer)")


def test_messages_and_new_addresses(full_run: Run, fixture_server: FixtureServer) -> None:
    r = {
        path: full_run.records[fixture_server.url(path)]
        for path in (
            "/moved",
            "/moved-308",
            "/chain",
            "/moved-gone",
            "/loop",
            "/slow",
            "/busy",
            "/busy-long",
            "/error",
            "/busy-once",
            "/ignored",
            "/gone",
            "/forbidden",
        )
    }
    ok_via_moved = fixture_server.on("/moved", "/ok")
    assert r["/moved"]["new_url"] == ok_via_moved
    assert r["/moved"]["message"] == (
        f"verhuisd: permanente doorverwijzing (301) naar {ok_via_moved}; vervang het oude adres door het nieuwe"
    )
    assert r["/moved-308"]["new_url"] == fixture_server.url("/ok")
    assert r["/chain"]["new_url"] is None
    assert r["/chain"]["message"] == (
        f"in orde (200) na tijdelijke doorverwijzing naar {fixture_server.on('/chain', '/ok')}"
    )
    assert r["/moved-gone"]["message"] == (
        f"de pagina bestaat niet (meer) (404) (na doorverwijzing naar {fixture_server.on('/moved-gone', '/gone')})"
    )
    assert r["/loop"]["message"].startswith("doorverwijzingslus: de website stuurt steeds door")
    assert r["/gone"]["message"] == "de pagina bestaat niet (meer) (404)"
    assert "negeerlijst in links.toml" in r["/forbidden"]["message"]
    assert r["/slow"]["message"] == "geen antwoord binnen 1 seconden (na 3 pogingen)"
    assert r["/error"]["message"] == "serverfout (500) (na 3 pogingen)"
    assert r["/busy"]["message"] == ("te veel verzoeken (429); de website vraagt 1 seconden te wachten (na 3 pogingen)")
    # Retry-After beyond max_wachttijd: waits max_wachttijd (2 s) instead of an hour (see the time test)
    assert r["/busy-long"]["attempts"] == 3
    assert r["/busy-long"]["message"] == (
        "te veel verzoeken (429); de website vraagt 3600 seconden te wachten (na 3 pogingen)"
    )
    assert r["/busy-once"]["attempts"] == 2
    assert full_run.records[fixture_server.url("/busy-date")]["attempts"] == 2
    assert r["/ignored"]["message"] == "negeerlijst: Testadres dat nooit opgevraagd mag worden."


def test_retries_and_requests(full_run: Run, fixture_server: FixtureServer) -> None:
    hits = fixture_server.hits
    assert hits["/ignored"] == 0
    assert hits["/ok"] >= 1
    # temporary failures: the first attempt plus two retries (pogingen = 2); no retry for 404
    assert hits["/error"] == 3
    assert hits["/busy"] == 3
    assert hits["/busy-once"] == 2
    assert hits["/busy-date"] == 2
    assert hits["/flaky"] == 2
    assert hits["/deleted"] == 1
    assert hits["/busy-long"] == 3


def test_pages_sources_and_scope(full_run: Run, fixture_server: FixtureServer) -> None:
    report, records = full_run.report, full_run.records
    assert records[fixture_server.url("/ok")]["pages"] == ["/", "/bronnen/"]
    assert records[fixture_server.url("/ok")]["message"] == "in orde (200)"
    assert records[fixture_server.url("/gone")]["pages"] == ["/", "/bronnen/"]
    # a theme's link (in the HTML only) is found by the crawl, on the first page LinkChecker met it on
    theme = records[full_run.tiny.theme_link]
    assert (theme["result"], theme["pages"], theme["sources"]) == ("ok", ["/"], [])
    # the published site itself, mailto: and internal anchors are not external addresses
    assert not [url for url in records if url.startswith(OWN_SITE) or url.startswith("mailto:")]
    assert set(report["summary"]) == {"ok", "redirect", "broken", "tijdelijk", "ignored"}
    assert report["summary"]["broken"] == sum(1 for r in report["links"] if r["result"] == "broken")
    for record in report["links"]:
        assert set(record) >= {"url", "result", "status", "message", "pages"}


def test_markdown_link_is_reported_with_docs_file_and_line(full_run: Run, fixture_server: FixtureServer) -> None:
    """The build notes each link of an editor's page with its line (the home page is made by a
    template: no file); the report names that line."""
    gone = full_run.records[fixture_server.url("/gone")]
    assert gone["sources"] == ["docs/bronnen.md:3"]
    section = full_run.markdown.split(f"### `{fixture_server.url('/gone')}`", 1)[1].split("###", 1)[0]
    assert "- **Staat in:** `docs/bronnen.md` regel 3" in section


def test_data_links_are_reported_with_data_file_and_line(full_run: Run, fixture_server: FixtureServer) -> None:
    """An intervention's links[] entry and a link in its Markdown text, each on its own data line;
    only the first can take an archived copy."""
    deleted, forbidden = (full_run.records[fixture_server.url(p)] for p in ("/deleted", "/forbidden"))
    assert deleted["sources"] == [f"data/interventions.yaml:{data_line(full_run.tiny, '/deleted')}"]
    assert forbidden["sources"] == [f"data/interventions.yaml:{data_line(full_run.tiny, '/forbidden')}"]
    assert deleted["pages"] == forbidden["pages"] == ["/"]
    section = full_run.markdown.split(f"### `{fixture_server.url('/forbidden')}`", 1)[1].split("###", 1)[0]
    assert "vervang het adres in `data/interventions.yaml`" in section
    assert "dood: true" not in section


def test_internal_broken_link_is_reported_and_anchor_left_to_mkdocs(full_run: Run) -> None:
    internal = [r for r in full_run.report["links"] if r["internal"]]
    assert [(r["url"], r["result"], r["status"], r["pages"]) for r in internal] == [
        ("/missing.html", "broken", 404, ["/"])
    ]


def test_exit_status_and_time(full_run: Run) -> None:
    assert full_run.result.returncode == 1, full_run.result.stderr  # something is broken
    assert "Traceback" not in full_run.result.stderr
    assert full_run.result.stdout.startswith("Linkcontrole klaar in ")
    assert full_run.seconds < 30


def test_progress_and_summary_are_dutch(full_run: Run) -> None:
    """With a network: a Dutch line per tenth of the addresses, and a Dutch summary."""
    lines = full_run.result.stderr.splitlines()
    assert lines[0] == "Linkcontrole: de site wordt op deze computer doorzocht …"
    progress = [line for line in lines if line.startswith("Externe links: ")]
    last = re.fullmatch(r"Externe links: (\d+) van (\d+) gecontroleerd", progress[-1])
    assert last and last[1] == last[2] and int(last[2]) >= len(CASES), progress
    summary = full_run.result.stdout.splitlines()[0]
    counts = full_run.report["summary"]
    assert summary.endswith(
        f"{counts['broken']} kapot, {counts['redirect']} verhuisd, {counts['tijdelijk']} tijdelijk, "
        f"{counts['ok']} in orde, {counts['ignored']} overgeslagen."
    )
    assert not re.search(r"\b(broken|redirect|ignored)\b", full_run.result.stdout)


def test_without_internet_no_link_is_called_broken(
    tmp_path: Path,
    fixture_server: FixtureServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """No name server and no route (the resolver fails for every host but this computer): the check
    says so at once, requests nothing, calls no external link broken and exits with 3."""
    real = socket.getaddrinfo

    def no_network(host: object, *args: object, **kwargs: object) -> object:
        if host in ("127.0.0.1", "localhost", "::1"):
            return real(host, *args, **kwargs)  # type: ignore[arg-type]
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    fixture_server.reset()
    tiny = make_site(tmp_path, fixture_server, broken_internal=False)
    listed = tmp_path / "urls.txt"
    listed.write_text(
        "https://www.movisie.nl/publicatie/buurtbemiddeling\nhttps://www.politie.nl/onderwerpen/wijkagent.html\n"
        "https://www.kis.nl/handreiking\n",
        encoding="utf-8",
    )
    started = time.monotonic()
    status = check.main([*run_args(tiny), "--only-urls-file", str(listed)])
    seconds = time.monotonic() - started
    out = capsys.readouterr()
    assert status == check.NO_INTERNET_STATUS == 3, out.err
    assert "geen internet: externe links niet gecontroleerd" in out.err.splitlines()[:2]
    assert "0 kapot" in out.out and "kapot:" not in out.out
    report = json.loads((tiny.reports / "links.json").read_text(encoding="utf-8"))
    assert report["offline"] is True and report["external_checked"] is False
    assert [r for r in report["links"] if not r["internal"]] == []
    assert report["summary"]["broken"] == 0
    md = (tiny.reports / "links.md").read_text(encoding="utf-8")
    assert md.startswith("# Linkcontrole: geen internet, externe links niet gecontroleerd\n")
    assert "dood: true" not in md.split("## Wat moet ik doen?")[0]
    assert not fixture_server.hits  # nothing was requested
    assert seconds < 20  # at once, not after every address timed out


def test_network_probe_tells_no_network_from_a_gone_host(
    fixture_server: FixtureServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One host that answers is a network, even when another host is gone."""
    assert web.network_available([DNS_FAILURE, fixture_server.url("/ok")]) is True
    assert web.network_available([]) is True  # nothing to try: nothing says there is no network
    monkeypatch.setattr(
        socket, "getaddrinfo", lambda *a, **k: (_ for _ in ()).throw(socket.gaierror(socket.EAI_AGAIN, "geen DNS"))
    )
    started = time.monotonic()
    assert web.network_available(["https://www.movisie.nl/", "https://www.politie.nl/"]) is False
    assert time.monotonic() - started < web.PROBE_SECONDS + 2


def test_markdown_report(full_run: Run, fixture_server: FixtureServer) -> None:
    md = full_run.markdown
    broken = full_run.report["summary"]["broken"]
    assert md.startswith(f"# Linkcontrole: {broken} kapotte links\n")
    for heading in (
        f"## Kapot ({broken})",
        "## Verhuisd (2)",
        "## Tijdelijk niet bereikbaar (4)",
        "## Per pagina",
        "## Wat moet ik doen?",
        "<summary>Overgeslagen (1)</summary>",
    ):
        assert heading in md
    assert "| Kapot | " + str(broken) + " |" in md
    # the dead link in the data: archive advice with the file; the one in docs/: fix it there
    deleted = md.split(f"### `{fixture_server.url('/deleted')}`", 1)[1].split("###", 1)[0]
    assert f"`data/interventions.yaml` regel {data_line(full_run.tiny, '/deleted')}" in deleted
    assert "`archief: <adres van de kopie>` en `dood: true`" in deleted
    assert "https://web.archive.org/web/*/" + fixture_server.url("/deleted") in deleted
    gone = md.split(f"### `{fixture_server.url('/gone')}`", 1)[1].split("###", 1)[0]
    assert "pas de link aan in `docs/bronnen.md`" in gone
    assert "[Home](https://example.org/handreiking/)" in gone  # pages link to the published site
    assert "[Bronnen](https://example.org/handreiking/bronnen/)" in gone
    assert f"- `{fixture_server.url('/moved')}` → `{fixture_server.on('/moved', '/ok')}` (301)" in md
    assert "### Interne link `/missing.html`" in md
    by_page = md.split("## Per pagina", 1)[1]
    assert f"  - kapot: `{fixture_server.url('/gone')}` (404)" in by_page
    assert "[Bronnen](https://example.org/handreiking/bronnen/)" in by_page


# --------------------------------------------------------------------------- scope, time bounds, errors


def test_only_urls_file(tmp_path: Path, fixture_server: FixtureServer) -> None:
    fixture_server.reset()
    tiny = make_site(tmp_path, fixture_server)
    listed = tmp_path / "urls.txt"
    listed.write_text(f"# nieuwe links\n{fixture_server.url('/gone')}\n{fixture_server.url('/ok')}\n", encoding="utf-8")
    result = run_links(tiny, "--only-urls-file", str(listed))
    assert result.returncode == 1, result.stderr
    report = json.loads((tiny.reports / "links.json").read_text(encoding="utf-8"))
    external = {r["url"]: r["result"] for r in report["links"] if not r["internal"]}
    assert external == {fixture_server.url("/gone"): "broken", fixture_server.url("/ok"): "ok"}
    assert set(fixture_server.hits) <= {"/gone", "/ok"}


def test_changed_from_checks_only_added_links(tmp_path: Path, fixture_server: FixtureServer) -> None:
    fixture_server.reset()
    tiny = make_site(tmp_path, fixture_server, broken_internal=False)

    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
            cwd=tmp_path,
            check=True,
            capture_output=True,
        )

    git("init", "-q")
    git("add", "docs", "data")
    git("commit", "-q", "-m", "start")
    with (tiny.docs / "bronnen.md").open("a", encoding="utf-8") as f:
        f.write(f"\nNieuw: [doorverwijzing]({fixture_server.url('/moved')}).\n")
    (tiny.docs / "nieuw.md").write_text(f"Zie <{fixture_server.url('/ok')}>.\n", encoding="utf-8")  # untracked
    result = run_links(tiny, "--changed-from", "HEAD")
    assert result.returncode == 0, result.stdout + result.stderr  # /gone is old: not checked here
    report = json.loads((tiny.reports / "links.json").read_text(encoding="utf-8"))
    external = {r["url"]: r["result"] for r in report["links"] if not r["internal"]}
    assert external == {fixture_server.url("/moved"): "redirect", fixture_server.url("/ok"): "ok"}
    assert set(fixture_server.hits) <= {"/moved", "/ok"}
    assert report["scope"].startswith("links die nieuw of gewijzigd zijn ten opzichte van HEAD")


def test_total_time_bound(tmp_path: Path, fixture_server: FixtureServer) -> None:
    fixture_server.reset()
    tiny = make_site(
        tmp_path,
        fixture_server,
        broken_internal=False,
        tijd__totaal=4,
        herhalen__pogingen=10,
        herhalen__wachttijd=1,
        herhalen__max_wachttijd=30,
    )
    listed = tmp_path / "urls.txt"
    listed.write_text(f"{fixture_server.url('/slow')}\n{fixture_server.url('/error')}\n", encoding="utf-8")
    started = time.monotonic()
    result = run_links(tiny, "--only-urls-file", str(listed))
    elapsed = time.monotonic() - started
    # Without the budget the ten retries alone would wait over 180 s (1 + 2 + 4 + 8 + 16 + 5 x 30);
    # the bound leaves room for starting Python and LinkChecker on a busy machine.
    assert elapsed < 60, elapsed
    report = json.loads((tiny.reports / "links.json").read_text(encoding="utf-8"))
    records = {r["url"]: r for r in report["links"]}
    for path in ("/slow", "/error"):
        record = records[fixture_server.url(path)]
        assert record["result"] == "tijdelijk"
        assert "niet opnieuw geprobeerd: de tijdslimiet was bereikt" in record["message"]
    assert result.returncode == 0, result.stderr  # temporary failures do not fail the check


CONFIG_ERRORS = [
    ('[herhalen]\npogingen = "drie"\n', "links.toml:2: herhalen.pogingen: moet een geheel getal zijn, niet tekst"),
    ("[herhalen]\npogingen = 1.5\n", "links.toml:2: herhalen.pogingen: moet een geheel getal zijn, niet een getal"),
    ('[tijd]\ntotaal = "lang"\n', "links.toml:2: tijd.totaal: moet een getal zijn, bijvoorbeeld 5 of 0.5"),
    ("[tijd]\nper_verzoek = 0\n", "links.toml:2: tijd.per_verzoek: moet minstens 0.1 zijn, niet 0"),
    (
        "\n[tijd]\ntimeout = 5\n",
        'links.toml:3: tijd.timeout: onbekend veld "timeout"; toegestane velden: per_verzoek, totaal',
    ),
    (
        "[tijden]\n",
        'links.toml:1: tijden: onbekend veld "tijden"; toegestane velden: tijd, herhalen, per_server, verzoek, negeren',
    ),
    (
        '[verzoek]\nssl_controleren = "nee"\n',
        'links.toml:2: verzoek.ssl_controleren: moet true of false zijn, niet "nee"',
    ),
    ('[verzoek]\nuser_agent = " "\n', "links.toml:2: verzoek.user_agent: mag niet leeg zijn"),
    (
        '[[negeren]]\nurl = "https://www.example.org/"\n',
        "links.toml:1: negeren[1]: reden: elk adres op de negeerlijst heeft een reden nodig (waarom wordt het "
        "overgeslagen, en sinds wanneer?)",
    ),
    (
        '[[negeren]]\nreden = "x"\n',
        "links.toml:1: negeren[1]: geef precies één van url (één adres) of patroon (reguliere expressie)",
    ),
    (
        "[[negeren]]\npatroon = '(unclosed'\nreden = \"x\"\n",
        "links.toml:2: negeren[1]: patroon: ongeldige reguliere expressie: missing ), unterminated subpattern at "
        "position 0. Tip: zet het patroon tussen enkele aanhalingstekens ('...')",
    ),
    (
        '[[negeren]]\nurl = "www.example.org"\nreden = "x"\n',
        'links.toml:2: negeren[1]: url: "www.example.org" is geen webadres dat begint met http:// of https://',
    ),
    (
        "[tijd]\nper_verzoek = 1\ntotaal = \n",
        "links.toml:3: de TOML is ongeldig (kolom 10): Invalid value. Controleer aanhalingstekens, = tussen naam en "
        "waarde, en [koppen].",
    ),
]


@pytest.mark.parametrize(("text", "message"), CONFIG_ERRORS)
def test_config_errors_are_dutch_with_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "links.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(settings.LinkCheckError) as info:
        settings.load_settings(path)
    lines = str(info.value).splitlines()
    shown = [line.replace(str(path), "links.toml") for line in lines]
    assert message in shown, shown


def test_config_error_stops_the_command_without_traceback(tmp_path: Path, fixture_server: FixtureServer) -> None:
    tiny = make_site(tmp_path, fixture_server)
    tiny.config.write_text("[herhalen]\npogingen = -1\n", encoding="utf-8")
    result = run_links(tiny)
    assert result.returncode == 2
    assert "herhalen.pogingen: moet minstens 0 zijn, niet -1" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_site_is_a_dutch_message(tmp_path: Path, fixture_server: FixtureServer) -> None:
    tiny = make_site(tmp_path, fixture_server)
    (tiny.site / "index.html").unlink()
    result = run_links(tiny)
    assert result.returncode == 2
    assert "bouw de site eerst met `make build`" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_git_ref_and_bad_url_list_are_dutch_messages(tmp_path: Path, fixture_server: FixtureServer) -> None:
    tiny = make_site(tmp_path, fixture_server)
    result = run_links(tiny, "--changed-from", "geen-versie")
    assert result.returncode == 2
    assert result.stderr.startswith("--changed-from geen-versie: git kan de wijzigingen niet bepalen: ")
    listed = tmp_path / "urls.txt"
    listed.write_text("https://www.example.org/\nwww.example.org/zonder-schema\n", encoding="utf-8")
    result = run_links(tiny, "--only-urls-file", str(listed))
    assert result.returncode == 2
    assert result.stderr == (
        f'{listed}:2: "www.example.org/zonder-schema" is geen webadres dat begint met http:// of https://\n'
    )


def test_project_config_is_valid_and_every_ignore_has_a_reason() -> None:
    cfg = settings.load_settings()
    assert cfg.negeren and all(entry.reden for entry in cfg.negeren)
    assert cfg.ignored("https://github.com/verwey-jonker/handreiking-onrust/edit/main/docs/index.md")
    assert cfg.tijd.per_verzoek <= 60 and cfg.tijd.totaal <= 3600


def test_invalid_data_is_a_dutch_message(tmp_path: Path, fixture_server: FixtureServer) -> None:
    """The data's links come from the one loader: its problems stop the check with its messages."""
    tiny = make_site(tmp_path, fixture_server)
    interventions = tiny.data / "interventions.yaml"
    interventions.write_text(
        interventions.read_text(encoding="utf-8").replace("handelingen: [preventie]", "handelingen: [preventei]"),
        encoding="utf-8",
    )
    result = run_links(tiny)
    assert result.returncode == 2
    assert 'buurtbemiddeling: handelingen: onbekende handeling "preventei"' in result.stderr
    assert "Traceback" not in result.stderr


def test_internal_error_is_an_error_not_a_temporary_failure(
    tmp_path: Path, fixture_server: FixtureServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bug in our own code (here: a ValueError while classifying an answer) is no "tijdelijk"
    address: the check stops with exit status 2 and says so, and writes no report."""

    def broken(*args: object, **kwargs: object) -> report.Record:
        raise ValueError("a bug of ours")

    monkeypatch.setattr(web, "classify", broken)
    cfg = settings.Settings()
    with pytest.raises(ValueError, match="a bug of ours"):
        web.check([fixture_server.url("/ok")], cfg, time.monotonic() + 30)
    tiny = make_site(tmp_path, fixture_server)
    listed = tmp_path / "urls.txt"
    listed.write_text(fixture_server.url("/ok") + "\n", encoding="utf-8")
    status = check.main([*run_args(tiny), "--only-urls-file", str(listed)])
    err = capsys.readouterr().err
    assert status == 2
    assert "Interne fout in de linkcontrole" in err and "ValueError: a bug of ours" in err
    assert not (tiny.reports / "links.json").exists()


# --------------------------------------------------------------------------- units


@pytest.mark.parametrize(
    ("status", "hops", "result"),
    [
        (200, [], "ok"),
        (200, [(302, "https://b/"), (301, "https://c/")], "ok"),
        (200, [(301, "https://b/"), (302, "https://c/")], "redirect"),
        (404, [(301, "https://b/")], "broken"),
        (410, [], "broken"),
        (403, [], "broken"),
        (503, [], "tijdelijk"),
        (429, [], "tijdelijk"),
    ],
)
def test_classify(status: int, hops: list[tuple[int, str]], result: str) -> None:
    assert web.classify("https://a/", status, hops).result == result


def test_permanent_redirect_reports_the_address_after_the_permanent_hops() -> None:
    hops = [(301, "https://a/"), (308, "https://b/"), (302, "https://b/login")]
    assert web.classify("https://a/", 200, hops).new_url == "https://b/"


@pytest.mark.parametrize(
    ("address", "result", "message"),
    [
        # a closed port: nothing listens (retried, then temporary)
        ("http://127.0.0.1:{closed}/", "tijdelijk", "geen verbinding met de website"),
        # https to a plain HTTP server: the secure connection fails (broken)
        ("https://127.0.0.1:{port}/ok", "broken", "de beveiligde verbinding (https-certificaat) klopt niet"),
        ("http://nowhere.invalid/", "broken", "het domein nowhere.invalid bestaat niet (meer)"),
    ],
)
def test_network_failures(fixture_server: FixtureServer, address: str, result: str, message: str) -> None:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        closed = free.getsockname()[1]
    port = fixture_server.url("/ok").split(":")[2].split("/")[0]
    url = address.format(closed=closed, port=port)
    cfg = settings.Settings.model_validate({"tijd": {"per_verzoek": 1}, "herhalen": {"pogingen": 1, "wachttijd": 0}})
    [verdict] = web.check([url], cfg, time.monotonic() + 30)
    assert (verdict.result, verdict.message.startswith(message)) == (result, True), verdict


def test_linkchecker_output_is_parsed_even_when_cut_short() -> None:
    base = "http://127.0.0.1:8000/"
    xml = (
        b'<?xml version="1.0" encoding="utf-8"?>\n<linkchecker>\n<urldata><url>https://a/</url>'
        b'<parent line="3" column="1">http://127.0.0.1:8000/x/</parent><extern>1</extern>'
        b'<valid result="filtered">1</valid></urldata>\n<urldata><url>../weg.html</url>'
        b"<parent>http://127.0.0.1:8000/x/</parent><realurl>http://127.0.0.1:8000/weg.html</realurl>"
        b'<extern>0</extern><valid result="404 Not Found">0</valid></urldata>\n<urldata><url>https://c/</url>'
    )
    site = crawl.read_xml(xml, base)
    assert site.external == {"https://a/": "/x/"}
    assert site.broken == {
        "/weg.html": report.Record("/weg.html", "broken", 404, "interne link werkt niet (404)", ["/x/"], internal=True)
    }


def test_github_annotations_point_at_the_source_line() -> None:
    records = [
        report.Record(
            "https://a.example/",
            "broken",
            404,
            "de pagina bestaat niet (meer) (404)",
            ["/x/"],
            found=[
                found.Found("https://a.example/", None, "data/interventions.yaml", 42),
                found.Found("https://a.example/", "/x/", "docs/b.md", 7),
            ],
        ),
        report.Record("https://b.example/", "redirect", 301, "verhuisd", ["/x/"], new_url="https://c.example/"),
        report.Record(
            "https://d.example/",
            "tijdelijk",
            503,
            "serverfout (503)",
            ["/x/"],
            found=[found.Found("https://d.example/", "/x/", "docs/b.md", 8)],
        ),
    ]
    assert report.Report(records, dt.datetime.now(dt.UTC)).github_annotations() == [
        "::error file=data/interventions.yaml,line=42,title=Kapotte link::https://a.example/: de pagina bestaat niet "
        "(meer) (404)",
        "::error file=docs/b.md,line=7,title=Kapotte link::https://a.example/: de pagina bestaat niet (meer) (404)",
        "::warning title=Verhuisde link::https://b.example/: verhuisd",
    ]


# --------------------------------------------------------------------------- the real site


def test_real_site_internal_links(site_dir: Path, tmp_path: Path) -> None:
    """The real built site: LinkChecker finds no broken internal link (no network: external links
    are left out, anchors are MkDocs' job)."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "handreiking.links",
            "--site-dir",
            str(site_dir),
            "--internal-only",
            "--reports-dir",
            str(tmp_path),
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = json.loads((tmp_path / "links.json").read_text(encoding="utf-8"))
    broken = [f"{r['url']} ({r['message']}) op {', '.join(r['pages'][:3])}" for r in report["links"]]
    assert result.returncode == 0 and not broken, "\n".join(broken) or result.stderr
    assert report["pages_checked"] > 50


def test_the_build_notes_every_page_s_links_beside_the_site(site_dir: Path) -> None:
    """The MkDocs plugin (macros/plugin.py) notes each page's links while MkDocs renders it: an
    editor's page with the line in its file, a record page made from the data without one; the
    list lies beside the site, not in it (the site does not change)."""
    site_url, titles, links_ = found.written(site_dir, PROJECT_ROOT / "data")
    assert found.record_file(site_dir).parent == site_dir.parent
    assert not list(site_dir.rglob("*links.json"))
    lines = (PROJECT_ROOT / "docs" / "toegankelijkheid.md").read_text(encoding="utf-8").splitlines()
    axe = next(n for n, line in enumerate(lines, 1) if "https://github.com/dequelabs/axe-core" in line)
    assert (
        found.Found("https://github.com/dequelabs/axe-core", "/toegankelijkheid/", "docs/toegankelijkheid.md", axe)
        in links_
    )
    assert titles["/toegankelijkheid/"] == "Toegankelijkheidsverklaring"
    record_page = [f for f in links_ if f.page == "/praktijkvoorbeelden/buurtbemiddeling/"]
    assert record_page and all(f.file is None and f.line is None for f in record_page)
