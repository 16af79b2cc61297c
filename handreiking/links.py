"""Link check of the built site: ``python -m handreiking.links`` (``make links``).

How it works:

1. The built site (default ``site/``) is served on 127.0.0.1 by a small threaded ``http.server``;
   under ``file://`` LinkChecker mis-resolves directory links.
2. **Crawl**: LinkChecker crawls the served site and checks every internal link and file. Anchors
   are not checked here: the strict MkDocs build validates them (``validation:`` in mkdocs.yml) in
   no time, LinkChecker's anchor check is slow and only warns. Every other address is only
   syntax-checked in this pass.
3. **External**: the external ``http(s)`` addresses are read from the site's HTML (with the pages
   that use them; LinkChecker logs an address only for the first page it meets it on). Minus the
   ignore list in ``links.toml`` (and, for a pull request, only the addresses it adds), they go to
   LinkChecker as start URLs: one request each, no recursion. Crawl and external check run at
   the same time (one talks only to 127.0.0.1, the other only to other hosts).
4. **Retry**: LinkChecker tries once, treats 429 as a mere warning and exits 1 on any warning, so
   its exit status is not used. Temporary failures (timeouts, 5xx, 429, lost connections) are tried
   again here with exponential back-off, honouring ``Retry-After``, with a per-host limit.
5. Every address is classified (ok, redirect, broken, tijdelijk, ignored) and written to
   ``reports/links.json`` and ``reports/links.md`` (a Dutch summary for editors, usable as the body
   of a GitHub issue).

Exit status: 0 when nothing is broken (temporary failures and redirects do not count), 1 when a
link is broken, 2 when the check could not run (bad ``links.toml``, no built site, unknown git ref).
Editors get Dutch messages, never a traceback.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import datetime as dt
import email.utils
import functools
import html
import http.client
import http.server
import importlib.util
import json
import logging
import math
import os
import re
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urljoin, urlsplit

import tomllib

from .history import dutch_date
from .loader import Problem
from .paths import DATA_DIR, DOCS_DIR, PROJECT_ROOT

log = logging.getLogger("handreiking.links")

CONFIG_FILE = PROJECT_ROOT / "links.toml"
SITE_DIR = PROJECT_ROOT / "site"
REPORTS_DIR = PROJECT_ROOT / "reports"

RESULTS = ("broken", "redirect", "tijdelijk", "ok", "ignored")
PERMANENT = (301, 308)
REDIRECTS = (301, 302, 303, 307, 308)
# A link used on this many pages or more comes from the theme or the footer; the report lists it
# once instead of under every page.
MANY_PAGES = 10
# GitHub refuses issue bodies over 65536 characters.
MAX_REPORT_CHARS = 60000


class LinkCheckError(Exception):
    """The check cannot run; ``str()`` is a Dutch message for editors (one problem a line)."""


# --------------------------------------------------------------------------- configuration


@dataclass(frozen=True)
class Ignore:
    reden: str
    url: str | None = None
    patroon: re.Pattern[str] | None = None

    def matches(self, url: str) -> bool:
        return url == self.url if self.url is not None else bool(self.patroon and self.patroon.search(url))


@dataclass(frozen=True)
class Config:
    per_verzoek: float = 20
    totaal: float = 900
    pogingen: int = 3
    wachttijd: float = 5
    max_wachttijd: float = 120
    max_gelijktijdig: int = 2
    max_per_seconde: float = 2
    user_agent: str = "HandreikingOnrust-Linkcontrole/1.0"
    threads: int = 8
    robots_txt: bool = False
    ssl_controleren: bool = True
    negeren: tuple[Ignore, ...] = ()

    def ignored(self, url: str) -> Ignore | None:
        return next((entry for entry in self.negeren if entry.matches(url)), None)


# section -> key -> (type, minimum); the defaults live on Config.
SETTINGS: dict[str, dict[str, tuple[type, float | None]]] = {
    "tijd": {"per_verzoek": (float, 0.1), "totaal": (float, 1)},
    "herhalen": {"pogingen": (int, 0), "wachttijd": (float, 0), "max_wachttijd": (float, 0)},
    "per_server": {"max_gelijktijdig": (int, 1), "max_per_seconde": (float, 0.01)},
    "verzoek": {"user_agent": (str, None)},
    "linkchecker": {"threads": (int, 1), "robots_txt": (bool, None), "ssl_controleren": (bool, None)},
}
TYPE_NAMES = {int: "een geheel getal", float: "een getal", bool: "true of false", str: "tekst tussen aanhalingstekens"}


def _toml_lines(text: str) -> dict[tuple[Any, ...], int]:
    """Best-effort line numbers of tables and keys (tomllib keeps none): ``("herhalen", "pogingen")``,
    ``("negeren", 0)``, ``("negeren", 0, "reden")``."""
    lines: dict[tuple[Any, ...], int] = {}
    table: tuple[Any, ...] = ()
    counts: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if m := re.match(r"\[\[\s*([\w.-]+)\s*\]\]", line):
            index = counts.get(m[1], 0)
            counts[m[1]] = index + 1
            table = (m[1], index)
            lines.setdefault(table, number)
        elif m := re.match(r"\[\s*([\w.-]+)\s*\]", line):
            table = (m[1],)
            lines.setdefault(table, number)
        elif m := re.match(r"([\w-]+)\s*=", line):
            lines.setdefault((*table, m[1]), number)
    return lines


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return str(path)


def load_config(path: Path = CONFIG_FILE) -> Config:
    """Reads and validates ``links.toml``; raises :class:`LinkCheckError` listing every problem."""
    name = _display(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LinkCheckError(f"{name}: bestand ontbreekt; zet de instellingen voor de linkcontrole in {name}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LinkCheckError(f"{name}: kan het bestand niet lezen ({exc})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        where = f"{name}:{m[1]}" if m else name
        col = f" (kolom {m[2]})" if m else ""
        raise LinkCheckError(
            f"{where}: de TOML is ongeldig{col}: {re.sub(r' [(]at line.*', '', str(exc))}. "
            "Controleer aanhalingstekens, = tussen naam en waarde, en [koppen]."
        ) from None
    lines = _toml_lines(text)
    problems: list[Problem] = []

    def problem(path_: tuple[Any, ...], entry: str, field_: str, message: str) -> None:
        p = path_
        while p and p not in lines:
            p = p[:-1]
        problems.append(Problem(name, lines.get(p, 0), entry, field_, message))

    values: dict[str, Any] = {}
    for section, content in data.items():
        if section == "negeren":
            continue
        if section not in SETTINGS:
            problem(
                (section,),
                "",
                section,
                f"onbekend onderdeel [{section}]; toegestaan: {', '.join(f'[{s}]' for s in SETTINGS)}, [[negeren]]",
            )
            continue
        if not isinstance(content, dict):
            problem((section,), "", section, f"moet een onderdeel [{section}] zijn")
            continue
        for key, value in content.items():
            where = f"{section}.{key}"
            if key not in SETTINGS[section]:
                problem(
                    (section, key),
                    "",
                    where,
                    f"onbekende instelling; toegestaan in [{section}]: {', '.join(SETTINGS[section])}",
                )
                continue
            kind, minimum = SETTINGS[section][key]
            if not _has_type(value, kind):
                problem((section, key), "", where, f"moet {TYPE_NAMES[kind]} zijn, niet {_toml_value(value)}")
                continue
            if minimum is not None and value < minimum:
                problem((section, key), "", where, f"moet minstens {minimum:g} zijn, niet {value}")
                continue
            if kind is str and not value.strip():
                problem((section, key), "", where, "mag niet leeg zijn")
                continue
            values[key] = float(value) if kind is float else value

    ignores: list[Ignore] = []
    raw = data.get("negeren", [])
    if not isinstance(raw, list):
        problem(
            ("negeren",), "", "negeren", "schrijf elk item als een eigen blok [[negeren]] met url of patroon, en reden"
        )
        raw = []
    for index, item in enumerate(raw):
        entry = f"negeren[{index + 1}]"
        base = ("negeren", index)
        if not isinstance(item, dict):
            problem(base, entry, "", "moet een blok [[negeren]] zijn met url of patroon, en reden")
            continue
        for key in item:
            if key not in ("url", "patroon", "reden"):
                problem((*base, key), entry, key, "onbekend veld; toegestaan: url, patroon, reden")
        reden = item.get("reden")
        if not isinstance(reden, str) or not reden.strip():
            problem(
                (*base, "reden"),
                entry,
                "reden",
                "elk adres op de negeerlijst heeft een reden nodig (waarom wordt het overgeslagen, en sinds wanneer?)",
            )
        url, patroon = item.get("url"), item.get("patroon")
        if (url is None) == (patroon is None):
            problem(base, entry, "", "geef precies één van url (één adres) of patroon (reguliere expressie)")
            continue
        if url is not None and (not isinstance(url, str) or not re.match(r"https?://\S+$", url)):
            problem(
                (*base, "url"), entry, "url", f"{_toml_value(url)} is geen webadres dat begint met http:// of https://"
            )
            continue
        compiled = None
        if patroon is not None:
            if not isinstance(patroon, str) or not patroon:
                problem((*base, "patroon"), entry, "patroon", "moet een niet-lege reguliere expressie zijn")
                continue
            try:
                compiled = re.compile(patroon)
            except re.error as exc:
                problem(
                    (*base, "patroon"),
                    entry,
                    "patroon",
                    f"ongeldige reguliere expressie: {exc}. Tip: zet het "
                    "patroon tussen enkele aanhalingstekens ('...')",
                )
                continue
        if isinstance(reden, str) and reden.strip():
            ignores.append(Ignore(reden=reden.strip(), url=url, patroon=compiled))

    if problems:
        n = len(problems)
        head = f"{n} fout{'en' if n != 1 else ''} in de instellingen van de linkcontrole:"
        raise LinkCheckError("\n".join([head, *map(str, sorted(set(problems)))]))
    return Config(**values, negeren=tuple(ignores))


def _has_type(value: Any, kind: type) -> bool:
    if kind is bool or isinstance(value, bool):  # TOML's true/false is no number
        return kind is bool and isinstance(value, bool)
    if kind is float:
        return isinstance(value, (int, float))
    return isinstance(value, kind)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, (list, dict)):
        return "een lijst" if isinstance(value, list) else "een blok"
    return str(value)


# --------------------------------------------------------------------------- the site


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def end_headers(self) -> None:
        # LinkChecker spaces requests to one host unless the server sends this header; our own
        # local server may be crawled at full speed.
        self.send_header("LinkChecker", "local-site")
        super().end_headers()


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        log.debug("local server: error while answering %s", client_address, exc_info=True)


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serves ``directory`` on 127.0.0.1 (a free port); yields the base URL."""
    server = _QuietServer(("127.0.0.1", 0), functools.partial(_SiteHandler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _LinkParser(HTMLParser):
    ATTRS = {
        "a": "href",
        "area": "href",
        "link": "href",
        "img": "src",
        "script": "src",
        "iframe": "src",
        "source": "src",
        "embed": "src",
        "video": "src",
        "audio": "src",
        "track": "src",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.canonical: str | None = None
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "title":
            self._in_title = True
        if tag == "link" and (values.get("rel") or "").lower() == "canonical" and values.get("href"):
            self.canonical = values["href"]
        name = self.ATTRS.get(tag)
        if name and values.get(name):
            self.urls.append(values[name].strip())  # type: ignore[union-attr]

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


@dataclass
class SiteLinks:
    """The external addresses of a built site and the pages (``/path/``) that use them."""

    pages: dict[str, set[str]] = field(default_factory=dict)
    internal: dict[str, set[str]] = field(default_factory=dict)  # site path (unquoted) -> pages linking to it
    titles: dict[str, str] = field(default_factory=dict)
    site_url: str = ""
    page_count: int = 0


def page_path(site_dir: Path, file: Path) -> str:
    rel = file.relative_to(site_dir).as_posix()
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def scan_site(site_dir: Path) -> SiteLinks:
    found = SiteLinks()
    home = site_dir / "index.html"
    for file in sorted(site_dir.rglob("*.html")):
        parser = _LinkParser()
        try:
            parser.feed(file.read_text(encoding="utf-8", errors="replace"))
            parser.close()
        except (OSError, AssertionError) as exc:  # AssertionError: HTMLParser on badly broken markup
            log.warning("Kan %s niet lezen: %s", file, exc)
            continue
        path = page_path(site_dir, file)
        found.page_count += 1
        title = " ".join(parser.title.split())
        found.titles[path] = title.rsplit(" - ", 1)[0] if " - " in title else title
        if file == home and parser.canonical and parser.canonical.startswith(("http://", "https://")):
            found.site_url = parser.canonical if parser.canonical.endswith("/") else parser.canonical + "/"
        for url in parser.urls:
            if url.startswith("//"):
                url = "https:" + url
            if url.lower().startswith(("http://", "https://")):
                found.pages.setdefault(url, set()).add(path)
            elif not re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", url) and not url.startswith("#"):
                target = unquote(urlsplit(urljoin("http://site" + quote(path), url)).path)
                found.internal.setdefault(target, set()).add(path)
    if found.site_url:  # the published site itself is internal, not a source
        for url in [u for u in found.pages if u.startswith(found.site_url) or u == found.site_url.rstrip("/")]:
            del found.pages[url]
    return found


# --------------------------------------------------------------------------- LinkChecker


@dataclass
class LcEntry:
    """One ``<urldata>`` of LinkChecker's XML output."""

    url: str
    parent: str
    realurl: str
    extern: bool
    valid: bool
    result: str
    warnings: list[tuple[str, str]]
    infos: list[str]


def parse_linkchecker_xml(data: bytes) -> list[LcEntry]:
    """Parses LinkChecker's XML log; a log cut short (a killed run) yields what it holds."""
    parser = ET.XMLPullParser(events=("end",))
    entries: list[LcEntry] = []
    try:
        parser.feed(data)
        parser.close()
    except ET.ParseError:
        log.debug("LinkChecker output ends early; using the complete entries")
    with contextlib.suppress(ET.ParseError):
        for _, element in parser.read_events():
            if element.tag != "urldata":
                continue
            valid = element.find("valid")
            entries.append(
                LcEntry(
                    url=(element.findtext("url") or "").strip(),
                    parent=(element.findtext("parent") or "").strip(),
                    realurl=(element.findtext("realurl") or "").strip(),
                    extern=(element.findtext("extern") or "0").strip() == "1",
                    valid=valid is not None and (valid.text or "").strip() == "1",
                    result=valid.get("result", "") if valid is not None else "",
                    warnings=[(w.get("tag", ""), w.text or "") for w in element.iterfind("warnings/warning")],
                    infos=[i.text or "" for i in element.iterfind("infos/info")],
                )
            )
    return entries


def _linkchecker_rc(
    cfg: Config, *, timeout: int, maxrunseconds: int, recursion: int, rate: float, ignore: list[str]
) -> str:
    lines = [
        "[checking]",
        f"threads={cfg.threads}",
        f"timeout={timeout}",
        f"aborttimeout={timeout + 5}",
        f"recursionlevel={recursion}",
        f"robotstxt={int(cfg.robots_txt)}",
        f"sslverify={int(cfg.ssl_controleren)}",
        f"maxrunseconds={maxrunseconds}",
        f"maxrequestspersecond={rate}",
        f"useragent={cfg.user_agent}",
        "[filtering]",
        "checkextern=0",
    ]
    if ignore:
        lines += ["ignore=", *(f"  {pattern}" for pattern in ignore)]
    return "\n".join(lines) + "\n"


def run_linkchecker(urls: list[str], rc: str, hard_timeout: float) -> list[LcEntry]:
    """Runs ``python -m linkcheck`` with the given settings and start URLs; returns its XML log.
    LinkChecker's exit status says nothing useful (1 for any warning) and is only logged."""
    if not urls:
        return []
    with tempfile.TemporaryDirectory(prefix="linkcheck-") as tmp:
        rcfile = Path(tmp) / "linkcheckerrc"
        rcfile.write_text(rc, encoding="utf-8")
        # English messages: the redirect and error texts are parsed below.
        env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "LANGUAGE": "en"}
        # The log goes to stdout, not to a file: run as root, LinkChecker switches to the user
        # "nobody" after reading its settings and could not write into our folders.
        cmd = [
            sys.executable,
            "-m",
            "linkcheck",
            "-f",
            str(rcfile),
            "--no-status",
            "--verbose",
            "--output",
            "xml/utf-8",
            *urls,
        ]
        log.debug("running %s", " ".join(cmd[:8]) + f" ... ({len(urls)} URLs)")
        try:
            done = subprocess.run(cmd, capture_output=True, env=env, timeout=max(1.0, hard_timeout))
            stdout, stderr = done.stdout, done.stderr
            log.debug("LinkChecker exit status %s", done.returncode)
        except subprocess.TimeoutExpired as exc:
            log.warning(
                "LinkChecker na %.0f s gestopt (tijdslimiet); de rest controleert de herhaalronde.", hard_timeout
            )
            stdout, stderr = exc.stdout or b"", exc.stderr or b""
    for line in stderr.decode("utf-8", "replace").splitlines():
        if line.strip() and "dropping privileges" not in line and "Checking intern URLs only" not in line:
            log.debug("LinkChecker: %s", line)
    return parse_linkchecker_xml(stdout)


# --------------------------------------------------------------------------- one attempt


@dataclass
class Attempt:
    """What one request for an address gave: a final HTTP status, or an error kind
    (``dns``, ``dns-tijdelijk``, ``loop``, ``ssl``, ``timeout``, ``connection``, ``robots``, ``other``)."""

    status: int | None = None
    hops: list[tuple[int, str]] = field(default_factory=list)  # (status, new address) per redirect
    error: str | None = None
    detail: str = ""
    retry_after: float | None = None


_HOP = re.compile(r"Redirected to `(?P<url>.*)' status: (?P<code>\d{3})")
_RETRY_AFTER = re.compile(r"Retry-After: ([^)]*)\)")


def _error_kind(text: str) -> str:
    if "Temporary failure in name resolution" in text or "[Errno -3]" in text:
        return "dns-tijdelijk"
    if any(
        s in text
        for s in (
            "NameResolutionError",
            "Failed to resolve",
            "Name or service not known",
            "nodename nor servname",
            "No address associated",
            "getaddrinfo failed",
        )
    ):
        return "dns"
    if "TooManyRedirects" in text or "redirect loop" in text.lower():
        return "loop"
    if "SSLError" in text or "CERTIFICATE_VERIFY_FAILED" in text or "SSL:" in text:
        return "ssl"
    if "Timeout" in text or "timed out" in text:
        return "timeout"
    if any(
        s in text
        for s in (
            "ConnectionError",
            "Connection refused",
            "Connection reset",
            "RemoteDisconnected",
            "ChunkedEncodingError",
            "Connection aborted",
            "ProtocolError",
        )
    ):
        return "connection"
    return "other"


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds from a ``Retry-After`` header (seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if re.fullmatch(r"\d+(\.\d+)?", value):
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


def attempt_from_linkchecker(entry: LcEntry) -> Attempt:
    hops = [
        (int(m["code"]), m["url"])
        for tag, text in entry.warnings
        if tag == "http-redirected" and (m := _HOP.search(text))
    ]
    retry_after = None
    for tag, text in entry.warnings:
        if tag == "http-rate-limited" and (m := _RETRY_AFTER.search(text)):
            retry_after = parse_retry_after(m[1])
    if m := re.match(r"(\d{3})\b", entry.result):
        return Attempt(status=int(m[1]), hops=hops, retry_after=retry_after, detail=entry.result)
    if any("robots.txt" in info for info in entry.infos):
        return Attempt(error="robots", detail="robots.txt")
    return Attempt(hops=hops, error=_error_kind(entry.result), detail=entry.result)


def fetch(url: str, cfg: Config, deadline: float | None = None) -> Attempt:
    """One GET of ``url`` (headers only), following redirects by hand so every hop is known; no
    request waits longer than ``per_verzoek`` or past ``deadline`` (``time.monotonic()``)."""
    hops: list[tuple[int, str]] = []
    seen = {url}
    current = url
    context = ssl.create_default_context()
    if not cfg.ssl_controleren:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    for _ in range(11):
        parts = urlsplit(current)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return Attempt(hops=hops, error="other", detail=f"geen http(s)-adres: {current}")
        target = quote(parts.path or "/", safe="/%:@!$&'()*+,;=~-._") + (
            "?" + quote(parts.query, safe="/%:@!$&'()*+,;=~-._?") if parts.query else ""
        )
        try:
            port = parts.port
        except ValueError:
            return Attempt(hops=hops, error="other", detail=f"ongeldige poort in {current}")
        timeout = cfg.per_verzoek if deadline is None else min(cfg.per_verzoek, deadline - time.monotonic())
        if timeout <= 0:
            return Attempt(hops=hops, error="timeout", detail="time limit")
        conn: http.client.HTTPConnection
        if parts.scheme == "https":
            conn = http.client.HTTPSConnection(parts.hostname, port, timeout=timeout, context=context)
        else:
            conn = http.client.HTTPConnection(parts.hostname, port, timeout=timeout)
        try:
            conn.request(
                "GET",
                target,
                headers={
                    "User-Agent": cfg.user_agent,
                    "Accept": "*/*",
                    "Accept-Language": "nl,en;q=0.8",
                    "Connection": "close",
                },
            )
            response = conn.getresponse()
            status, location = response.status, response.getheader("Location")
            retry_after = parse_retry_after(response.getheader("Retry-After"))
        except socket.gaierror as exc:
            kind = "dns-tijdelijk" if exc.errno == socket.EAI_AGAIN else "dns"
            return Attempt(hops=hops, error=kind, detail=str(exc))
        except TimeoutError as exc:
            return Attempt(hops=hops, error="timeout", detail=str(exc) or "timed out")
        except ssl.SSLError as exc:
            return Attempt(hops=hops, error="ssl", detail=str(exc))
        except (OSError, http.client.HTTPException, UnicodeError, ValueError) as exc:
            return Attempt(hops=hops, error="connection", detail=f"{type(exc).__name__}: {exc}")
        finally:
            conn.close()
        if status in REDIRECTS and location:
            new = urljoin(current, location.strip())
            hops.append((status, new))
            if new in seen:
                return Attempt(hops=hops, error="loop", detail="redirect loop")
            seen.add(new)
            current = new
            continue
        return Attempt(status=status, hops=hops, retry_after=retry_after, detail=str(status))
    return Attempt(hops=hops, error="loop", detail="TooManyRedirects")


# --------------------------------------------------------------------------- classification


@dataclass
class Verdict:
    result: str
    status: int | None
    message: str
    new_url: str | None = None

    @property
    def temporary(self) -> bool:
        return self.result == "tijdelijk"


def classify(url: str, attempt: Attempt, cfg: Config) -> Verdict:
    host = urlsplit(url).hostname or url
    hops = attempt.hops
    via = f" (na doorverwijzing naar {hops[-1][1]})" if hops else ""
    error = attempt.error
    if error == "dns":
        return Verdict(
            "broken",
            None,
            f"het domein {urlsplit(hops[-1][1]).hostname if hops else host} bestaat niet "
            f"(meer): de naam is onvindbaar (DNS){via}",
        )
    if error == "loop":
        return Verdict(
            "broken",
            hops[0][0] if hops else None,
            f"doorverwijzingslus: de website stuurt steeds door ({len(hops)} keer) zonder bij een pagina aan te komen",
        )
    if error == "ssl":
        return Verdict("broken", None, f"de beveiligde verbinding (https-certificaat) klopt niet{via}")
    if error == "robots":
        return Verdict(
            "ignored",
            None,
            "niet gecontroleerd: robots.txt van deze website verbiedt het (zie robots_txt in links.toml)",
        )
    if error == "timeout":
        return Verdict("tijdelijk", None, f"geen antwoord binnen {cfg.per_verzoek:g} seconden{via}")
    if error == "dns-tijdelijk":
        return Verdict("tijdelijk", None, "de naamserver (DNS) gaf tijdelijk geen antwoord")
    if error == "connection":
        return Verdict("tijdelijk", None, f"geen verbinding met de website (verbinding geweigerd of verbroken){via}")
    if error is not None or attempt.status is None:
        detail = attempt.detail.strip()
        return Verdict("tijdelijk", None, f"onbekende fout{': ' + detail[:200] if detail else ''}")
    status = attempt.status
    if status == 429:
        wait = f"; de website vraagt {attempt.retry_after:g} seconden te wachten" if attempt.retry_after else ""
        return Verdict("tijdelijk", status, f"te veel verzoeken (429){wait}{via}")
    if status >= 500:
        return Verdict("tijdelijk", status, f"serverfout ({status}){via}")
    if status == 404:
        return Verdict("broken", status, f"de pagina bestaat niet (meer) (404){via}")
    if status == 410:
        return Verdict("broken", status, f"de pagina is verwijderd (410){via}")
    if status >= 400:
        return Verdict(
            "broken",
            status,
            f"de website weigert de pagina ({status}){via}. Werkt de link wel in een "
            "browser, zet hem dan met een reden op de negeerlijst in links.toml",
        )
    permanent: list[tuple[int, str]] = []
    for hop in hops:
        if hop[0] not in PERMANENT:
            break
        permanent.append(hop)
    if permanent:
        new = permanent[-1][1]
        return Verdict(
            "redirect",
            permanent[0][0],
            f"verhuisd: permanente doorverwijzing ({permanent[0][0]}) naar "
            f"{new}; vervang het oude adres door het nieuwe",
            new_url=new,
        )
    if hops:
        return Verdict("ok", status, f"in orde ({status}) na tijdelijke doorverwijzing naar {hops[-1][1]}")
    return Verdict("ok", status, f"in orde ({status})")


# --------------------------------------------------------------------------- checking external addresses


class _HostLimiter:
    """At most ``concurrent`` requests at a time and ``per_second`` request starts per host."""

    def __init__(self, concurrent: int, per_second: float) -> None:
        self.concurrent, self.gap = concurrent, 1.0 / per_second
        self.lock = threading.Lock()
        self.slots: dict[str, threading.Semaphore] = {}
        self.next_start: dict[str, float] = {}

    @contextlib.contextmanager
    def slot(self, host: str) -> Iterator[None]:
        with self.lock:
            sem = self.slots.setdefault(host, threading.Semaphore(self.concurrent))
        with sem:
            with self.lock:
                now = time.monotonic()
                start = max(now, self.next_start.get(host, now))
                self.next_start[host] = start + self.gap
            time.sleep(max(0.0, start - time.monotonic()))
            yield


@dataclass
class Checked:
    verdict: Verdict
    attempts: int


def check_external(urls: list[str], cfg: Config, deadline: float) -> dict[str, Checked]:
    """LinkChecker's one attempt per address, then our retry pass for temporary failures."""
    checked: dict[str, Checked] = {}
    pending: dict[str, tuple[Attempt | None, int]] = {}
    remaining = deadline - time.monotonic()
    if urls:
        timeout = max(1, math.ceil(cfg.per_verzoek))
        # LinkChecker stops taking new addresses after maxrunseconds; keep a share of the time for
        # the retry pass, and kill it if it overruns.
        budget = max(1, int(remaining * 0.6))
        rc = _linkchecker_rc(
            cfg, timeout=timeout, maxrunseconds=budget, recursion=0, rate=cfg.max_per_seconde, ignore=[]
        )
        log.info("LinkChecker controleert %d externe adressen ...", len(urls))
        started = time.monotonic()
        entries = {e.url: e for e in run_linkchecker(urls, rc, hard_timeout=min(remaining, budget + timeout + 15))}
        log.info("LinkChecker klaar in %.1f s.", time.monotonic() - started)
        for url in urls:
            entry = entries.get(url)
            if entry is None:
                pending[url] = (None, 0)  # not reached in time: the retry pass makes the first attempt
                continue
            attempt = attempt_from_linkchecker(entry)
            if attempt.error != "loop" and url.split("#", 1)[0] in {t.split("#", 1)[0] for _, t in attempt.hops}:
                # LinkChecker caches a redirect's result under its target too and logs that copy,
                # redirects included, for the target address: check the target ourselves.
                log.debug("%s: LinkChecker logged the result of an address that redirects here", url)
                pending[url] = (None, 0)
                continue
            verdict = classify(url, attempt, cfg)
            if verdict.temporary:
                pending[url] = (attempt, 1)
            else:
                checked[url] = Checked(verdict, 1)
    if pending:
        log.info(
            "%d adressen gaven een tijdelijke fout of zijn nog niet gecontroleerd; opnieuw proberen ...", len(pending)
        )
        limiter = _HostLimiter(cfg.max_gelijktijdig, cfg.max_per_seconde)
        with concurrent.futures.ThreadPoolExecutor(
            max_workers=min(16, len(pending)), thread_name_prefix="retry"
        ) as pool:
            futures = {
                pool.submit(_retry, url, first, done, cfg, limiter, deadline): url
                for url, (first, done) in pending.items()
            }
            for future in concurrent.futures.as_completed(futures):
                checked[futures[future]] = future.result()
    return checked


def _retry(url: str, last: Attempt | None, done: int, cfg: Config, limiter: _HostLimiter, deadline: float) -> Checked:
    host = (urlsplit(url).hostname or "").lower()
    attempts = done
    retries = 0
    while True:
        if last is not None:
            verdict = classify(url, last, cfg)
            if not verdict.temporary or retries >= cfg.pogingen:
                break
            wait = min(cfg.wachttijd * (2**retries), cfg.max_wachttijd)
            if last.retry_after is not None:
                if last.retry_after > cfg.max_wachttijd:
                    verdict.message += f"; niet opnieuw geprobeerd: langer dan max_wachttijd ({cfg.max_wachttijd:g} s)"
                    break
                wait = max(wait, last.retry_after)
        else:
            wait = 0.0
        if time.monotonic() + wait + cfg.per_verzoek > deadline:
            if last is None:
                return Checked(
                    Verdict(
                        "tijdelijk", None, "niet gecontroleerd: de tijdslimiet (tijd.totaal in links.toml) was bereikt"
                    ),
                    0,
                )
            verdict.message += "; niet opnieuw geprobeerd: de tijdslimiet was bereikt"
            break
        time.sleep(wait)
        if last is not None:
            retries += 1
        with limiter.slot(host):
            last = fetch(url, cfg, deadline)
        attempts += 1
        log.debug("retry %s: %s", url, last)
    if attempts > 1:
        verdict.message += f" (na {attempts} pogingen)"
    return Checked(verdict, attempts)


# --------------------------------------------------------------------------- the crawl


@dataclass
class InternalFailure:
    url: str
    status: int | None
    message: str
    pages: set[str]


def crawl(base: str, site: SiteLinks, cfg: Config, deadline: float) -> list[InternalFailure]:
    """LinkChecker over the served site: every internal link and file (no anchors, no external)."""
    remaining = max(1.0, deadline - time.monotonic())
    rc = _linkchecker_rc(
        cfg,
        timeout=max(1, math.ceil(cfg.per_verzoek)),
        maxrunseconds=max(1, int(remaining)),
        recursion=-1,
        rate=1000,
        ignore=[f"!^{re.escape(base)}"],
    )
    log.info("LinkChecker doorzoekt de site (interne links) ...")
    started = time.monotonic()
    entries = run_linkchecker([base], rc, hard_timeout=remaining)
    log.info("Interne links gecontroleerd in %.1f s (%d adressen).", time.monotonic() - started, len(entries))
    if not entries:
        raise LinkCheckError(
            "LinkChecker gaf geen resultaat voor de site; draai `python -m handreiking.links -v` voor details."
        )
    failures: dict[str, InternalFailure] = {}
    for entry in entries:
        if entry.extern or entry.valid:
            continue
        path = "/" + entry.realurl[len(base) :] if entry.realurl.startswith(base) else entry.realurl or entry.url
        m = re.match(r"(\d{3})\b", entry.result)
        status = int(m[1]) if m else None
        message = f"interne link werkt niet ({status})" if status else f"interne link werkt niet: {entry.result[:200]}"
        item = failures.setdefault(path, InternalFailure(path, status, message, set()))
        if entry.parent.startswith(base):
            item.pages.add("/" + entry.parent[len(base) :])
        # LinkChecker names only the first page with the link; the HTML scan knows the others.
        item.pages |= site.internal.get(unquote(urlsplit(path).path), set())
    return sorted(failures.values(), key=lambda f: f.url)


# --------------------------------------------------------------------------- scope and sources


def urls_from_file(path: Path) -> list[str]:
    """One address a line; empty lines and lines starting with # are skipped."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LinkCheckError(f"{path}: kan de lijst met adressen niet lezen ({exc})") from None
    urls, problems = [], []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if re.match(r"https?://\S+$", line):
            urls.append(line)
        else:
            problems.append(f'{path}:{number}: "{line}" is geen webadres dat begint met http:// of https://')
    if problems:
        raise LinkCheckError("\n".join(problems))
    return list(dict.fromkeys(urls))


def changed_text(ref: str, dirs: list[Path]) -> str:
    """The lines added since ``ref`` (committed or not) in ``dirs``, plus new untracked files."""
    cwd = dirs[0] if dirs[0].is_dir() else PROJECT_ROOT
    specs = [str(d.resolve()) for d in dirs if d.exists()]
    if not specs:
        return ""

    def git(*args: str) -> str:
        try:
            out = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise LinkCheckError(f"git is niet beschikbaar ({exc}); --changed-from heeft git nodig") from None
        if out.returncode != 0:
            first = (out.stderr.strip().splitlines() or ["onbekende fout"])[0]
            raise LinkCheckError(f"--changed-from {ref}: git kan de wijzigingen niet bepalen: {first}")
        return out.stdout

    diff = git("diff", "--no-color", "--no-ext-diff", "--unified=0", ref, "--", *specs)
    added = [line[1:] for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    top = Path(git("rev-parse", "--show-toplevel").strip())
    for name in git("ls-files", "--others", "--exclude-standard", "--full-name", "--", *specs).splitlines():
        with contextlib.suppress(OSError, UnicodeDecodeError):
            added.append((top / name).read_text(encoding="utf-8"))
    return "\n".join(added)


def find_sources(urls: Iterable[str], dirs: list[Path]) -> dict[str, list[str]]:
    """Where each address is written: ``docs/…md:12`` or ``data/…yaml:42``."""
    wanted = set(urls)
    found: dict[str, list[str]] = {url: [] for url in wanted}
    if not wanted:
        return found
    for root in dirs:
        if not root.is_dir():
            continue
        files = sorted([*root.rglob("*.md"), *root.rglob("*.yaml"), *root.rglob("*.yml")])
        for file in files:
            if "sjablonen" in file.relative_to(root).parts:
                continue
            try:
                lines = file.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                continue
            name = (
                _display(file)
                if file.resolve().is_relative_to(PROJECT_ROOT)
                else file.relative_to(root.parent).as_posix()
            )
            for number, line in enumerate(lines, 1):
                if "http" not in line:
                    continue
                for url in wanted:
                    if url in line or html.escape(url, quote=False) in line:
                        found[url].append(f"{name}:{number}")
    return found


# --------------------------------------------------------------------------- reports


@dataclass
class Record:
    url: str
    result: str
    status: int | None
    message: str
    pages: list[str]
    new_url: str | None = None
    sources: list[str] = field(default_factory=list)
    attempts: int = 0
    internal: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "result": self.result,
            "status": self.status,
            "message": self.message,
            "pages": self.pages,
            "new_url": self.new_url,
            "sources": self.sources,
            "attempts": self.attempts,
            "internal": self.internal,
        }


LABELS = {
    "broken": "Kapot",
    "redirect": "Verhuisd (permanente doorverwijzing)",
    "tijdelijk": "Tijdelijk niet bereikbaar",
    "ok": "In orde",
    "ignored": "Overgeslagen",
}
SHORT = {
    "broken": "kapot",
    "redirect": "verhuisd",
    "tijdelijk": "tijdelijk",
    "ok": "in orde",
    "ignored": "overgeslagen",
}


@dataclass
class Report:
    records: list[Record]
    generated: dt.datetime
    site: SiteLinks
    scope: str  # "" (everything), or a Dutch description of the restriction
    external_checked: bool
    duration: float

    def count(self, result: str) -> int:
        return sum(1 for r in self.records if r.result == result)

    def as_json(self) -> dict[str, Any]:
        return {
            "generated": self.generated.isoformat(timespec="seconds"),
            "site_url": self.site.site_url or None,
            "pages_checked": self.site.page_count,
            "scope": self.scope or ("alle links" if self.external_checked else "alleen interne links"),
            "external_checked": self.external_checked,
            "duration_seconds": round(self.duration, 1),
            "summary": {result: self.count(result) for result in RESULTS},
            "links": [r.as_json() for r in self.records],
        }


def _n(count: int, one: str, many: str) -> str:
    """``1 extern adres``, ``3 externe adressen``; ``het adres`` / ``de 3 adressen`` without a number for one."""
    if one.startswith("het ") or one.startswith("de "):
        return one if count == 1 else f"{many.split(' ', 1)[0]} {count} {many.split(' ', 1)[1]}"
    return f"{count} {one if count == 1 else many}"


def _page_link(report: Report, page: str) -> str:
    title = report.site.titles.get(page) or page
    if report.site.site_url:
        return f"[{_md(title)}]({report.site.site_url}{page.lstrip('/')})"
    return f"{_md(title)} (`{page}`)"


def _md(text: str) -> str:
    return re.sub(r"([\[\]|*_`<>])", r"\\\1", text)


def _where(report: Report, record: Record, limit: int = 5) -> str:
    pages = record.pages
    shown = ", ".join(_page_link(report, p) for p in pages[:limit])
    if len(pages) > limit:
        shown += f" en {len(pages) - limit} andere pagina's"
    return shown or "(geen pagina gevonden)"


def _sources_text(record: Record) -> str:
    return ", ".join(f"`{s.rsplit(':', 1)[0]}` regel {s.rsplit(':', 1)[1]}" for s in record.sources)


def _files(sources: list[str]) -> str:
    names = dict.fromkeys(s.rsplit(":", 1)[0] for s in sources)
    return ", ".join(f"`{name}`" for name in names)


def _advice(record: Record) -> str:
    in_data = [s for s in record.sources if s.startswith("data/interventions.yaml")]
    in_other_data = [s for s in record.sources if s.startswith("data/") and s not in in_data]
    in_docs = [s for s in record.sources if s.startswith("docs/")]
    archive = f"[Internet Archive](https://web.archive.org/web/*/{record.url})"
    if record.internal:
        return (
            "deze link wijst naar een pagina of bestand op de eigen site dat niet bestaat. Pas de link aan in de "
            "pagina (docs/) of de gegevens (data/); komt hij uit het thema (overrides/), vraag dan een "
            "ontwikkelaar."
        )
    if record.result == "broken":
        steps = []
        if in_data:
            steps.append(
                f"zoek een gearchiveerde kopie ({archive}) en zet bij deze link in `data/interventions.yaml` "
                "`archief: <adres van de kopie>` en `dood: true`; de site toont dan de archiefkopie en "
                "zegt dat erbij"
            )
        if in_docs:
            steps.append(
                f"pas de link aan in {_files(in_docs)}: een nieuw adres van hetzelfde document, of een "
                f"gearchiveerde kopie ({archive})"
            )
        if in_other_data:
            steps.append(
                f"vervang het adres in {_files(in_other_data)} door een nieuw adres of een gearchiveerde "
                f"kopie ({archive})"
            )
        if not steps:
            steps.append(
                "het adres staat niet in docs/ of data/; het komt waarschijnlijk uit het thema (overrides/) "
                "of mkdocs.yml: vraag een ontwikkelaar"
            )
        if record.status and 400 <= record.status < 500 and record.status not in (404, 410):
            steps.append("werkt de link wel in uw browser, zet hem dan met een reden op de negeerlijst in `links.toml`")
        return "; ".join(steps) + "."
    if record.result == "redirect":
        where = _files(record.sources) or "de bron (docs/ of data/)"
        return (
            f"vervang in {where} het oude adres door `{record.new_url}` (controleer eerst of het dezelfde inhoud is)."
        )
    return ""


def write_markdown(report: Report) -> str:
    broken = [r for r in report.records if r.result == "broken"]
    redirects = [r for r in report.records if r.result == "redirect"]
    temporary = [r for r in report.records if r.result == "tijdelijk"]
    ok = [r for r in report.records if r.result == "ok"]
    ignored = [r for r in report.records if r.result == "ignored"]
    when = report.generated.astimezone(dt.timezone.utc)
    out: list[str] = []
    if broken:
        out.append(f"# Linkcontrole: {len(broken)} kapotte link{'s' if len(broken) != 1 else ''}")
    else:
        out.append("# Linkcontrole: geen kapotte links")
    scope = f" Alleen gecontroleerd: {report.scope}." if report.scope else ""
    external = len([r for r in report.records if not r.internal])
    pages = _n(report.site.page_count, "pagina", "pagina's")
    what = (
        f"{_n(external, 'extern adres', 'externe adressen')} op {pages}"
        if report.external_checked
        else f"de interne links van {pages} (externe links zijn deze keer niet gecontroleerd)"
    )
    out.append(
        f"\nGecontroleerd op {dutch_date(when.date())} om {when:%H:%M} (UTC), in {report.duration:.0f} "
        f"seconden: {what}.{scope}"
    )
    out.append("\n| Resultaat | Aantal |\n| --- | ---: |")
    for result in RESULTS:
        out.append(f"| {LABELS[result]} | {report.count(result)} |")
    out.append("""
## Wat moet ik doen?

- **Kapot**: de link werkt niet meer (pagina weg, domein bestaat niet, doorverwijzingslus). Staat de
  link in `data/interventions.yaml`, zet er dan een gearchiveerde kopie bij (`archief:`) en markeer
  hem als dood (`dood: true`); de site toont dan de kopie. Staat hij in een pagina in `docs/`, pas
  de link daar aan. Per link staat hieronder waar hij staat.
- **Verhuisd**: de website stuurt blijvend door naar een nieuw adres. Vervang het oude adres door
  het nieuwe (controleer eerst of het om hetzelfde document gaat).
- **Tijdelijk niet bereikbaar**: geen antwoord, een serverfout of "te veel verzoeken", ook na
  opnieuw proberen. U hoeft niets te doen; staat dezelfde link hier weken achter elkaar, open hem
  dan zelf in een browser.
- **Ten onrechte kapot?** Werkt een link in de browser wel, zet hem dan met een reden op de
  negeerlijst in `links.toml`.""")

    if broken:
        out.append(f"\n## Kapot ({len(broken)})")
        for r in broken:
            out.append(f"\n### {'Interne link ' if r.internal else ''}`{r.url}`\n")
            out.append(f"- **Melding:** {r.message}")
            out.append(f"- **Gebruikt op:** {_where(report, r)}")
            if r.sources:
                out.append(f"- **Staat in:** {_sources_text(r)}")
            out.append(f"- **Wat te doen:** {_advice(r)}")
    if redirects:
        out.append(f"\n## Verhuisd ({len(redirects)})\n")
        for r in redirects:
            line = f"- `{r.url}` → `{r.new_url}` ({r.status}); gebruikt op {_where(report, r, 3)}"
            if r.sources:
                line += f"; staat in {_sources_text(r)}"
            out.append(line)
    if temporary:
        out.append(f"\n## Tijdelijk niet bereikbaar ({len(temporary)})\n")
        out.append("Geen actie nodig, tenzij dezelfde link hier weken achter elkaar staat.\n")
        for r in temporary:
            out.append(f"- `{r.url}`: {r.message}; gebruikt op {_where(report, r, 3)}")

    problems = [r for r in report.records if r.result in ("broken", "redirect", "tijdelijk")]
    if problems:
        out.append("\n## Per pagina\n")
        everywhere = [r for r in problems if len(r.pages) >= MANY_PAGES]
        by_page: dict[str, list[Record]] = {}
        for r in problems:
            if len(r.pages) < MANY_PAGES:
                for page in r.pages:
                    by_page.setdefault(page, []).append(r)
        for page in sorted(by_page):
            out.append(f"- {_page_link(report, page)}")
            for r in by_page[page]:
                out.append(f"  - {SHORT[r.result]}: `{r.url}`" + (f" ({r.status})" if r.status else ""))
        if everywhere:
            out.append(f"- Op {MANY_PAGES} of meer pagina's tegelijk (meestal uit het thema of de voettekst):")
            for r in everywhere:
                out.append(f"  - {SHORT[r.result]}: `{r.url}` ({len(r.pages)} pagina's)")
        orphans = [r for r in problems if not r.pages]
        for r in orphans:
            out.append(f"- (niet op de site gevonden): {SHORT[r.result]}: `{r.url}`")

    if ignored:
        out.append(f"\n<details><summary>Overgeslagen ({len(ignored)})</summary>\n")
        by_reason: dict[str, list[Record]] = {}
        for r in ignored:
            by_reason.setdefault(r.message, []).append(r)
        for reason, group in by_reason.items():
            if len(group) == 1:
                out.append(f"- `{group[0].url}`: {reason}")
            else:
                examples = ", ".join(f"`{r.url}`" for r in group[:2])
                out.append(f"- {len(group)} adressen, zoals {examples}: {reason}")
        out.append("\n</details>")
    if ok:
        out.append(f"\n<details><summary>In orde ({len(ok)})</summary>\n")
        for r in ok:
            out.append(f"- `{r.url}`" + (f": {r.message}" if "doorverwijzing" in r.message else ""))
        out.append("\n</details>")
    out.append("\nDe volledige gegevens staan in `reports/links.json`. Instellingen en negeerlijst: `links.toml`.")
    text = "\n".join(out) + "\n"
    if len(text) > MAX_REPORT_CHARS:
        cut = text[:MAX_REPORT_CHARS].rsplit("\n", 1)[0]
        text = cut + "\n\n… (ingekort; de volledige lijst staat in `reports/links.json`)\n"
    return text


def write_reports(report: Report, out_dir: Path) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path, md_path = out_dir / "links.json", out_dir / "links.md"
    json_path.write_text(json.dumps(report.as_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    md_path.write_text(write_markdown(report), encoding="utf-8")
    return json_path, md_path


def github_annotations(report: Report) -> list[str]:
    """Broken links and redirects as annotations on the line where they are written."""
    lines = []
    for r in report.records:
        if r.result not in ("broken", "redirect"):
            continue
        level, title = ("error", "Kapotte link") if r.result == "broken" else ("warning", "Verhuisde link")
        text = f"{r.url}: {r.message}".replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        for source in r.sources or [""]:
            where = ""
            if source:
                name, line = source.rsplit(":", 1)
                where = f"file={name},line={line},"
            lines.append(f"::{level} {where}title={title}::{text}")
    return lines


# --------------------------------------------------------------------------- main


@dataclass
class Options:
    site_dir: Path = SITE_DIR
    config: Path = CONFIG_FILE
    reports_dir: Path = REPORTS_DIR
    docs_dir: Path = DOCS_DIR
    data_dir: Path = DATA_DIR
    changed_from: str | None = None
    only_urls_file: Path | None = None
    internal_only: bool = False
    github: bool = False


def run(opts: Options) -> int:
    started = time.monotonic()
    cfg = load_config(opts.config)
    deadline = started + cfg.totaal
    site_dir = opts.site_dir.resolve()
    if not (site_dir / "index.html").is_file():
        raise LinkCheckError(
            f"Geen gebouwde site in {_display(site_dir)} (index.html ontbreekt); bouw de site eerst met `make build`."
        )
    if importlib.util.find_spec("linkcheck") is None:
        raise LinkCheckError("LinkChecker is niet geïnstalleerd; voer `make install` uit.")

    site = scan_site(site_dir)
    all_urls = sorted(site.pages)
    scope = ""
    if opts.only_urls_file:
        listed = urls_from_file(opts.only_urls_file)
        selected = listed
        scope = f"{_n(len(listed), 'het adres', 'de adressen')} uit {opts.only_urls_file.name}"
    elif opts.changed_from:
        text = changed_text(opts.changed_from, [opts.docs_dir, opts.data_dir])
        selected = [u for u in all_urls if u in text or html.escape(u, quote=False) in text]
        scope = f"links die nieuw of gewijzigd zijn ten opzichte van {opts.changed_from} ({len(selected)})"
    else:
        selected = all_urls
    if opts.internal_only:
        selected = []

    records: list[Record] = []
    to_check: list[str] = []
    for url in selected:
        entry = cfg.ignored(url)
        if entry:
            records.append(Record(url, "ignored", None, f"negeerlijst: {entry.reden}", sorted(site.pages.get(url, ()))))
        else:
            to_check.append(url)

    # The crawl only talks to the local server, the external check only to other hosts: run both at once.
    with serve(site_dir) as base, concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="crawl") as pool:
        crawling = pool.submit(crawl, base, site, cfg, deadline)
        checked = {} if opts.internal_only else check_external(to_check, cfg, deadline)
        failures = crawling.result()
    for failure in failures:
        records.append(
            Record(failure.url, "broken", failure.status, failure.message, sorted(failure.pages), internal=True)
        )

    if not opts.internal_only:
        for url in to_check:
            item = checked[url]
            v = item.verdict
            records.append(
                Record(
                    url,
                    v.result,
                    v.status,
                    v.message,
                    sorted(site.pages.get(url, ())),
                    new_url=v.new_url,
                    attempts=item.attempts,
                )
            )

    sources = find_sources([r.url for r in records if not r.internal], [opts.docs_dir, opts.data_dir])
    for r in records:
        r.sources = sources.get(r.url, []) if not r.internal else []
    order = {result: i for i, result in enumerate(RESULTS)}
    records.sort(key=lambda r: (order[r.result], not r.internal, r.url))
    report = Report(
        records, dt.datetime.now(dt.timezone.utc), site, scope, not opts.internal_only, time.monotonic() - started
    )
    json_path, md_path = write_reports(report, opts.reports_dir)
    if opts.github:
        for line in github_annotations(report):
            print(line)
    summary = ", ".join(f"{report.count(r)} {SHORT[r]}" for r in RESULTS)
    print(f"Linkcontrole klaar in {report.duration:.0f} s: {summary}.")
    print(f"Rapport: {_display(md_path)} en {_display(json_path)}")
    for r in records:
        if r.result == "broken":
            print(f"  kapot: {r.url}: {r.message}")
    return 1 if report.count("broken") else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m handreiking.links", description="Controleer de links van de gebouwde site (intern en extern)."
    )
    parser.add_argument("--site-dir", type=Path, default=SITE_DIR, help="de gebouwde site (standaard: site/)")
    parser.add_argument("--config", type=Path, default=CONFIG_FILE, help="instellingen (standaard: links.toml)")
    parser.add_argument(
        "--reports-dir", type=Path, default=REPORTS_DIR, help="waar de rapporten komen (standaard: reports/)"
    )
    parser.add_argument("--docs-dir", type=Path, default=DOCS_DIR, help=argparse.SUPPRESS)
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=Path(os.environ.get("HANDREIKING_DATA_DIR") or DATA_DIR),
        help=argparse.SUPPRESS,
    )
    scope = parser.add_mutually_exclusive_group()
    scope.add_argument(
        "--changed-from",
        metavar="GIT-REF",
        help="controleer alleen externe links die sinds deze versie in docs/ of data/ zijn toegevoegd "
        "of gewijzigd (voor pull requests, bijvoorbeeld origin/main)",
    )
    scope.add_argument(
        "--only-urls-file",
        type=Path,
        metavar="BESTAND",
        help="controleer alleen de externe adressen in dit bestand (één per regel)",
    )
    scope.add_argument("--internal-only", action="store_true", help="controleer alleen de interne links (geen netwerk)")
    parser.add_argument("--github", action="store_true", help="meld kapotte links ook als GitHub-annotaties")
    parser.add_argument("-v", "--verbose", action="store_true", help="meer details over de controle")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO, format="%(message)s", stream=sys.stderr)
    opts = Options(
        site_dir=args.site_dir,
        config=args.config,
        reports_dir=args.reports_dir,
        docs_dir=args.docs_dir,
        data_dir=args.data_dir,
        changed_from=args.changed_from,
        only_urls_file=args.only_urls_file,
        internal_only=args.internal_only,
        github=args.github,
    )
    try:
        return run(opts)
    except LinkCheckError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Linkcontrole afgebroken.", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
