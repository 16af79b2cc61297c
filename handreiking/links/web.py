"""External addresses: one GET each through ``requests``, with urllib3's ``Retry`` (back-off,
``Retry-After`` capped, another try after a timeout, 5xx or 429) and a few connections per host at
most; each outcome classified in Dutch as ok, redirect, broken or tijdelijk. Only what another host
does is classified: an exception from our own code goes up and stops the check."""

from __future__ import annotations

import concurrent.futures
import itertools
import math
import socket
import time
from collections.abc import Callable
from urllib.parse import urlsplit

import requests
import urllib3
from urllib3.exceptions import MaxRetryError, NameResolutionError, NewConnectionError

from .report import Record
from .settings import Settings

FAILURES = {  # what went wrong before any answer: (result, message)
    "loop": ("broken", "doorverwijzingslus: de website stuurt steeds door zonder bij een pagina aan te komen"),
    "ssl": ("broken", "de beveiligde verbinding (https-certificaat) klopt niet"),
    "url": ("broken", "geen geldig webadres"),
    "dns": ("broken", "het domein {host} bestaat niet (meer): de naam is onvindbaar (DNS)"),
    "dns-tijdelijk": ("tijdelijk", "de naamserver (DNS) gaf tijdelijk geen antwoord"),
    "timeout": ("tijdelijk", "geen antwoord binnen {seconds:g} seconden"),
    "connection": ("tijdelijk", "geen verbinding met de website (verbinding geweigerd of verbroken)"),
}


class Retry(urllib3.Retry):
    """urllib3's Retry that also gives up when the next attempt would end past ``deadline``
    (``time.monotonic()``), and notes on its final error how many attempts were made."""

    deadline = math.inf

    def new(self, **kw: object) -> Retry:
        retry = super().new(**kw)
        retry.deadline = self.deadline
        return retry

    def is_exhausted(self) -> bool:
        return super().is_exhausted() or time.monotonic() + self.get_backoff_time() > self.deadline

    def increment(self, *args: object, **kwargs: object) -> Retry:
        try:
            return super().increment(*args, **kwargs)  # type: ignore[arg-type]
        except MaxRetryError as exc:
            exc.attempts = len(self.history) + 1  # type: ignore[attr-defined]
            raise


PROBE_HOSTS = 6  # how many of the links' hosts the network probe tries, at the same time
PROBE_SECONDS = 3.0


def _connects(host: str, port: int, seconds: float) -> bool:
    try:
        with socket.create_connection((host, port), timeout=seconds):
            return True
    except OSError:  # no name server, no route, refused, timed out
        return False


def network_available(urls: list[str], seconds: float = PROBE_SECONDS) -> bool:
    """Whether this computer reaches the internet, tried on a few of the links' own hosts at once
    (name lookup and a connection, ``seconds`` at most): one that answers is enough. When none of
    them does, there is no network; that so many different websites are all gone is far less likely.
    No hosts to try (nothing external to check): True."""
    hosts: dict[tuple[str, int], None] = {}
    for url in urls:
        parts = urlsplit(url)
        if parts.hostname:
            try:
                port = parts.port or (443 if parts.scheme == "https" else 80)
            except ValueError:  # a port that is no number: not a host to try
                continue
            hosts.setdefault((parts.hostname, port), None)
        if len(hosts) >= PROBE_HOSTS:
            break
    if not hosts:
        return True
    with concurrent.futures.ThreadPoolExecutor(len(hosts)) as pool:
        tries = [pool.submit(_connects, host, port, seconds) for host, port in hosts]
        return any(done.result() for done in concurrent.futures.as_completed(tries))


def check(
    urls: list[str], cfg: Settings, deadline: float, progress: Callable[[int, int], None] | None = None
) -> list[Record]:
    """Every address not on the ignore list once, ``verzoek.gelijktijdig`` at a time; what the deadline
    leaves is tijdelijk. ``progress(done, total)`` is called as addresses finish."""
    retry = Retry(
        total=cfg.herhalen.pogingen,
        backoff_factor=cfg.herhalen.wachttijd / 2,  # urllib3 waits 0, 2, 4, 8 ... times this
        backoff_max=cfg.herhalen.max_wachttijd,
        status_forcelist=[429, *range(500, 600)],
        retry_after_max=math.ceil(cfg.herhalen.max_wachttijd),
        raise_on_status=False,
    )
    retry.deadline = deadline - cfg.tijd.per_verzoek
    pools = requests.adapters.HTTPAdapter(
        max_retries=retry, pool_maxsize=cfg.per_server.max_gelijktijdig, pool_block=True
    )

    def one(url: str) -> Record:
        if entry := cfg.ignored(url):
            return Record(url, "ignored", None, f"negeerlijst: {entry.reden}")
        if time.monotonic() + cfg.tijd.per_verzoek > deadline:
            late = "niet gecontroleerd: de tijdslimiet (tijd.totaal in links.toml) was bereikt"
            return Record(url, "tijdelijk", None, late)
        record = fetch(session, url, cfg.tijd.per_verzoek)
        if record.result == "tijdelijk" and record.attempts <= cfg.herhalen.pogingen:
            record.message += "; niet opnieuw geprobeerd: de tijdslimiet was bereikt"
        elif record.attempts > 1:
            record.message += f" (na {record.attempts} pogingen)"
        return record

    with requests.Session() as session, concurrent.futures.ThreadPoolExecutor(cfg.verzoek.gelijktijdig) as pool:
        session.mount("http://", pools)
        session.mount("https://", pools)
        session.headers.update({"User-Agent": cfg.verzoek.user_agent, "Accept-Language": "nl,en;q=0.8"})
        session.verify, session.max_redirects = cfg.verzoek.ssl_controleren, 10
        futures = [pool.submit(one, url) for url in urls]
        for done, _ in enumerate(concurrent.futures.as_completed(futures), 1):
            if progress is not None:
                progress(done, len(futures))
        return [future.result() for future in futures]


def fetch(session: requests.Session, url: str, seconds: float) -> Record:
    """One address (its headers), classified; or what went wrong before an answer."""
    try:
        with session.get(url, stream=True, timeout=seconds) as response:
            hops = [(r.status_code, after.url) for r, after in itertools.pairwise([*response.history, response])]
            record = classify(url, response.status_code, hops, response.headers.get("Retry-After"))
            record.attempts = len(response.raw.retries.history) + 1 if response.raw.retries else 1
            return record
    except (requests.RequestException, urllib3.exceptions.HTTPError) as exc:
        error = exc.args[0] if exc.args else exc
        reason = error.reason if isinstance(error, MaxRetryError) else error
        status, kind = None, "connection"
        if isinstance(exc, requests.TooManyRedirects) and exc.response is not None:
            status, kind = (exc.response.history or [exc.response])[0].status_code, "loop"
        elif isinstance(exc, requests.exceptions.SSLError):
            kind = "ssl"
        elif isinstance(exc, (requests.exceptions.InvalidURL, requests.exceptions.InvalidSchema)):
            kind = "url"
        elif isinstance(reason, NameResolutionError):
            kind = "dns-tijdelijk" if getattr(reason.__cause__, "errno", None) == socket.EAI_AGAIN else "dns"
        elif isinstance(exc, requests.Timeout) or (
            isinstance(reason, urllib3.exceptions.TimeoutError) and not isinstance(reason, NewConnectionError)
        ):
            kind = "timeout"
        result, message = FAILURES[kind]
        text = message.format(host=urlsplit(url).hostname, seconds=seconds)
        return Record(url, result, status, text, attempts=getattr(error, "attempts", 1))


def classify(url: str, status: int, hops: list[tuple[int, str]], retry_after: str | None = None) -> Record:
    """The final status of ``url`` and the redirects on the way (status, new address)."""
    via = f" (na doorverwijzing naar {hops[-1][1]})" if hops else ""
    if status == 429:
        wait = f"{retry_after} seconden" if (retry_after or "").isdigit() else f"tot {retry_after}"
        asks = f"; de website vraagt {wait} te wachten" if retry_after else ""
        return Record(url, "tijdelijk", status, f"te veel verzoeken (429){asks}{via}")
    if status >= 500:
        return Record(url, "tijdelijk", status, f"serverfout ({status}){via}")
    if status in (404, 410):
        gone = "bestaat niet (meer)" if status == 404 else "is verwijderd"
        return Record(url, "broken", status, f"de pagina {gone} ({status}){via}")
    if status >= 400:
        refused = f"de website weigert de pagina ({status}){via}. Werkt de link wel in een browser, zet hem dan met "
        return Record(url, "broken", status, refused + "een reden op de negeerlijst in links.toml")
    moved = list(itertools.takewhile(lambda hop: hop[0] in (301, 308), hops))  # permanent redirects first
    if moved:
        new = moved[-1][1]
        text = f"verhuisd: permanente doorverwijzing ({moved[0][0]}) naar {new}; vervang het oude adres door het nieuwe"
        return Record(url, "redirect", moved[0][0], text, new_url=new)
    text = f"in orde ({status})" + (f" na tijdelijke doorverwijzing naar {hops[-1][1]}" if hops else "")
    return Record(url, "ok", status, text)
