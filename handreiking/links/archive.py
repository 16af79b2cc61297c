"""Archived copies of broken links, from the Internet Archive's availability API: for every address
the check found broken that is a data link able to take an archived copy (an intervention's
``links[]`` entry, a publication of ``data/publicaties.yaml``), the closest copy the Wayback Machine
keeps. The report carries it (``archief``); ``--werk-gegevens-bij`` writes it into the data."""

from __future__ import annotations

import time

import requests

from .report import Record
from .settings import Settings

API = "https://archive.org/wayback/available"


def closest_copy(session: requests.Session, url: str, seconds: float) -> str | None:
    """The address of the Wayback Machine's closest archived copy of ``url`` that answered 200, or None
    (none kept, or the archive did not answer: the report then says to look for one by hand)."""
    try:
        response = session.get(API, params={"url": url}, timeout=seconds)
        response.raise_for_status()
        closest = response.json().get("archived_snapshots", {}).get("closest") or {}
    except (requests.RequestException, ValueError, AttributeError):
        return None
    if not closest.get("available") or str(closest.get("status", "200")) != "200" or not closest.get("url"):
        return None
    copy = str(closest["url"])
    return "https://" + copy.removeprefix("http://") if copy.startswith("http://web.archive.org/") else copy


def add_copies(records: list[Record], cfg: Settings, deadline: float) -> None:
    """``archief`` on each broken record that an editor can mark dead in the data, while time is left."""
    wanted = [r for r in records if r.result == "broken" and any(f.archivable for f in r.found)]
    if not wanted:
        return
    with requests.Session() as session:
        session.headers.update({"User-Agent": cfg.verzoek.user_agent})
        for record in wanted:
            if time.monotonic() + cfg.tijd.per_verzoek > deadline:
                return
            record.archief = closest_copy(session, record.url, cfg.tijd.per_verzoek)
