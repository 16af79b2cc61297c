"""The link check (``python -m handreiking.links``) against a fixture web server on 127.0.0.1.

No test reaches the internet: the "external" addresses are served by :class:`FixtureServer` on a
random local ports, and the one DNS failure uses the reserved ``.invalid`` domain (RFC 2606),
which no resolver answers. A tiny static site (plain HTML written here, no MkDocs build) links to
every fixture case; the check runs as a subprocess, the way ``make links`` runs it.
"""

from __future__ import annotations

import collections
import contextlib
import http.server
import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from handreiking import links
from tests.conftest import PROJECT_ROOT

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
        "/busy-long": "429 with Retry-After: 3600",
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
max_per_seconde = 50

[verzoek]
user_agent = "HandreikingOnrust-Linkcontrole-test/1.0"

[linkchecker]
threads = 8
robots_txt = false

[[negeren]]
url = "{ignored}"
reden = "Testadres dat nooit opgevraagd mag worden."
"""


def _page(title: str, links_: list[str], canonical: str = "") -> str:
    anchors = "\n".join(f'<li><a href="{href}">{href}</a></li>' for href in links_)
    head = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return (
        f"<!doctype html><html lang=nl><head><meta charset=utf-8><title>{title} - Testsite</title>{head}"
        f"</head><body><ul>\n{anchors}\n</ul></body></html>\n"
    )


@dataclass
class TinySite:
    root: Path
    site: Path
    docs: Path
    data: Path
    config: Path
    reports: Path


def make_site(tmp: Path, server: FixtureServer, broken_internal: bool = True, **config: object) -> TinySite:
    """The tiny site; ``config`` overrides test settings: ``tijd__totaal=6`` sets ``totaal`` in ``[tijd]``."""
    u = server.url
    site = tmp / "site"
    (site / "bronnen").mkdir(parents=True)
    (site / "index.html").write_text(
        _page(
            "Home",
            [
                "bronnen/",
                *(["missing.html"] if broken_internal else []),
                "bronnen/#geen-anker",
                "mailto:redactie@example.org",
                OWN_SITE + "bronnen/",
                u("/ok"),
                u("/anchor") + "#missing",
                u("/moved"),
                u("/moved-308"),
                u("/chain"),
                u("/moved-gone"),
                u("/gone"),
                u("/deleted"),
                u("/forbidden"),
                u("/error"),
                u("/flaky"),
                u("/loop"),
                u("/slow"),
                u("/busy-once"),
                u("/busy"),
                u("/busy-long"),
                u("/ignored"),
                DNS_FAILURE,
            ],
            canonical=OWN_SITE,
        ),
        encoding="utf-8",
    )
    (site / "bronnen" / "index.html").write_text(_page("Bronnen", ["../", u("/ok"), u("/gone")]), encoding="utf-8")
    docs, data = tmp / "docs", tmp / "data"
    docs.mkdir()
    data.mkdir()
    (docs / "bronnen.md").write_text(f"# Bronnen\n\nZie [het rapport]({u('/gone')}).\n", encoding="utf-8")
    (data / "interventions.yaml").write_text(
        f"- id: voorbeeld\n  links:\n    - url: {u('/deleted')}\n      titel: Verwijderd\n"
        f"    - url: {u('/moved')}\n      titel: Verhuisd\n",
        encoding="utf-8",
    )
    text = TEST_CONFIG.format(ignored=u("/ignored"))
    for key, value in config.items():
        section, name = key.split("__")
        text = text.replace(f"[{section}]\n", f"[{section}]\n{name} = {value}\n", 1)
        # a later duplicate key would be a TOML error; drop the default line
        lines = text.splitlines()
        first = next(i for i, line in enumerate(lines) if line.startswith(f"{name} = "))
        lines = [line for i, line in enumerate(lines) if i == first or not line.startswith(f"{name} = ")]
        text = "\n".join(lines) + "\n"
    (tmp / "links.toml").write_text(text, encoding="utf-8")
    return TinySite(tmp, site, docs, data, tmp / "links.toml", tmp / "reports")


def run_links(tiny: TinySite, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "handreiking.links",
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
            *args,
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@dataclass
class Run:
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
    # Retry-After beyond max_wachttijd: give up at once instead of waiting an hour
    assert r["/busy-long"]["attempts"] == 1
    assert r["/busy-long"]["message"] == (
        "te veel verzoeken (429); de website vraagt 3600 seconden te wachten; "
        "niet opnieuw geprobeerd: langer dan max_wachttijd (2 s)"
    )
    assert r["/busy-once"]["attempts"] == 2
    assert r["/ignored"]["message"] == "negeerlijst: Testadres dat nooit opgevraagd mag worden."


def test_retries_and_requests(full_run: Run, fixture_server: FixtureServer) -> None:
    hits = fixture_server.hits
    assert hits["/ignored"] == 0
    assert hits["/ok"] >= 1
    # temporary failures: LinkChecker's attempt plus two retries (pogingen = 2); no retry for 404
    assert hits["/error"] == 3
    assert hits["/busy"] == 3
    assert hits["/busy-once"] == 2
    assert hits["/flaky"] == 2
    assert hits["/deleted"] == 1
    assert hits["/busy-long"] == 1


def test_pages_sources_and_scope(full_run: Run, fixture_server: FixtureServer) -> None:
    report, records = full_run.report, full_run.records
    assert records[fixture_server.url("/ok")]["pages"] == ["/", "/bronnen/"]
    # /moved and /chain redirect to /ok: LinkChecker's cached copy of their result is not /ok's
    assert records[fixture_server.url("/ok")]["message"] == "in orde (200)"
    assert records[fixture_server.url("/gone")]["pages"] == ["/", "/bronnen/"]
    assert records[fixture_server.url("/gone")]["sources"] == ["docs/bronnen.md:3"]
    assert records[fixture_server.url("/deleted")]["sources"] == ["data/interventions.yaml:3"]
    # the published site itself, mailto: and internal anchors are not external addresses
    assert not [url for url in records if url.startswith(OWN_SITE) or url.startswith("mailto:")]
    assert set(report["summary"]) == {"ok", "redirect", "broken", "tijdelijk", "ignored"}
    assert report["summary"]["broken"] == sum(1 for r in report["links"] if r["result"] == "broken")
    for record in report["links"]:
        assert set(record) >= {"url", "result", "status", "message", "pages"}


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
    assert "`data/interventions.yaml` regel 3" in deleted
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
    assert elapsed < 4 + 4, elapsed  # the budget, plus starting Python and LinkChecker
    report = json.loads((tiny.reports / "links.json").read_text(encoding="utf-8"))
    records = {r["url"]: r for r in report["links"]}
    for path in ("/slow", "/error"):
        record = records[fixture_server.url(path)]
        assert record["result"] == "tijdelijk"
        assert "niet opnieuw geprobeerd: de tijdslimiet was bereikt" in record["message"]
    assert result.returncode == 0, result.stderr  # temporary failures do not fail the check


CONFIG_ERRORS = [
    ('[herhalen]\npogingen = "drie"\n', 'links.toml:2: herhalen.pogingen: moet een geheel getal zijn, niet "drie"'),
    ("[tijd]\nper_verzoek = 0\n", "links.toml:2: tijd.per_verzoek: moet minstens 0.1 zijn, niet 0"),
    (
        "[tijd]\ntimeout = 5\n",
        "links.toml:2: tijd.timeout: onbekende instelling; toegestaan in [tijd]: per_verzoek, totaal",
    ),
    (
        "[tijden]\n",
        "links.toml:1: tijden: onbekend onderdeel [tijden]; toegestaan: [tijd], [herhalen], [per_server], "
        "[verzoek], [linkchecker], [[negeren]]",
    ),
    (
        '[linkchecker]\nrobots_txt = "nee"\n',
        'links.toml:2: linkchecker.robots_txt: moet true of false zijn, niet "nee"',
    ),
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
    with pytest.raises(links.LinkCheckError) as info:
        links.load_config(path)
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
    cfg = links.load_config()
    assert cfg.negeren and all(entry.reden for entry in cfg.negeren)
    assert cfg.ignored("https://github.com/verwey-jonker/handreiking-onrust/edit/main/docs/index.md")
    assert cfg.per_verzoek <= 60 and cfg.totaal <= 3600


# --------------------------------------------------------------------------- units


@pytest.mark.parametrize(
    ("attempt", "result"),
    [
        (links.Attempt(status=200), "ok"),
        (links.Attempt(status=200, hops=[(302, "https://b/"), (301, "https://c/")]), "ok"),
        (links.Attempt(status=200, hops=[(301, "https://b/"), (302, "https://c/")]), "redirect"),
        (links.Attempt(status=404, hops=[(301, "https://b/")]), "broken"),
        (links.Attempt(status=503), "tijdelijk"),
        (links.Attempt(status=429, retry_after=5), "tijdelijk"),
        (links.Attempt(error="dns"), "broken"),
        (links.Attempt(error="dns-tijdelijk"), "tijdelijk"),
        (links.Attempt(error="loop", hops=[(302, "https://a/2"), (302, "https://a/")]), "broken"),
        (links.Attempt(error="ssl"), "broken"),
        (links.Attempt(error="timeout"), "tijdelijk"),
        (links.Attempt(error="connection"), "tijdelijk"),
        (links.Attempt(error="other", detail="???"), "tijdelijk"),
    ],
)
def test_classify(attempt: links.Attempt, result: str) -> None:
    assert links.classify("https://a/", attempt, links.Config()).result == result


def test_permanent_redirect_reports_the_address_after_the_permanent_hops() -> None:
    attempt = links.Attempt(status=200, hops=[(301, "https://a/"), (308, "https://b/"), (302, "https://b/login")])
    assert links.classify("http://a/", attempt, links.Config()).new_url == "https://b/"


def test_retry_after_accepts_seconds_and_dates() -> None:
    assert links.parse_retry_after("120") == 120
    assert links.parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470) == 10
    assert links.parse_retry_after("soon") is None


def test_linkchecker_output_is_parsed_even_when_cut_short() -> None:
    xml = (
        b'<?xml version="1.0" encoding="utf-8"?>\n<linkchecker>\n<urldata><url>https://a/</url>'
        b'<realurl>https://b/</realurl><extern>1</extern><warnings><warning tag="http-redirected">'
        b"Redirected to `https://b/' status: 301 Moved Permanently.</warning></warnings>"
        b'<valid result="200 OK">1</valid></urldata>\n<urldata><url>https://c/</url>'
    )
    [entry] = links.parse_linkchecker_xml(xml)
    attempt = links.attempt_from_linkchecker(entry)
    assert (attempt.status, attempt.hops) == (200, [(301, "https://b/")])


def test_github_annotations_point_at_the_source_line() -> None:
    records = [
        links.Record(
            "https://a.example/",
            "broken",
            404,
            "de pagina bestaat niet (meer) (404)",
            ["/x/"],
            sources=["data/interventions.yaml:42", "docs/b.md:7"],
        ),
        links.Record("https://b.example/", "redirect", 301, "verhuisd", ["/x/"], new_url="https://c.example/"),
        links.Record("https://d.example/", "tijdelijk", 503, "serverfout (503)", ["/x/"], sources=["docs/b.md:8"]),
    ]
    report = links.Report(records, links.dt.datetime.now(links.dt.timezone.utc), links.SiteLinks(), "", True, 1.0)
    assert links.github_annotations(report) == [
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
