"""The built site, served on 127.0.0.1, crawled by LinkChecker: every internal link and file
(anchors are the strict MkDocs build's job). External addresses are only noted, with the first page
LinkChecker met them on: the theme's links are in no Markdown.

LinkChecker's settings are its documented ``linkcheckerrc`` options, written by :mod:`configparser`;
its results are read from its XML output (named fields; its CSV output leaves out the line and
column cells when they are empty, which shifts the columns of that row)."""

from __future__ import annotations

import configparser
import contextlib
import logging
import math
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from ..localserver import serve
from .found import external
from .settings import LinkCheckError, Settings

log = logging.getLogger("handreiking.links")


@dataclass
class Crawl:
    broken: list[tuple[str, int | None, str, str]] = field(default_factory=list)  # (path, status, result, page)
    external: dict[str, str] = field(default_factory=dict)  # address -> first page that links to it


def linkcheckerrc(cfg: Settings, seconds: float) -> configparser.ConfigParser:
    rc = configparser.ConfigParser(interpolation=None)
    rc.read_dict(
        {
            "checking": {
                "threads": cfg.verzoek.gelijktijdig,
                "timeout": math.ceil(cfg.tijd.per_verzoek),
                "recursionlevel": -1,
                "maxrunseconds": max(1, int(seconds)),
                # above 10 a second only for hosts that answer with a "LinkChecker" header: ours does
                "maxrequestspersecond": 1000,
                "useragent": cfg.verzoek.user_agent,
            },
            "filtering": {"checkextern": 0},
            # every address in the log (the external ones too), as XML on stdout: run as root,
            # LinkChecker becomes the user "nobody" after reading this and could not write our files
            "output": {"log": "xml", "verbose": 1, "status": 0},
            "xml": {"encoding": "utf-8"},
        }
    )
    return rc


def crawl(site_dir: Path, cfg: Settings, deadline: float) -> Crawl:
    seconds = max(1.0, deadline - time.monotonic())
    with (
        serve(site_dir, headers={"LinkChecker": "local-site"}) as base,
        tempfile.TemporaryDirectory(prefix="linkcheck-") as tmp,
    ):
        rcfile = Path(tmp) / "linkcheckerrc"
        with rcfile.open("w", encoding="utf-8") as f:
            linkcheckerrc(cfg, seconds).write(f)
        cmd = [sys.executable, "-m", "linkcheck", "--config", str(rcfile), base]
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=seconds + 10)
            out, err = done.stdout, done.stderr
        except subprocess.TimeoutExpired as exc:
            log.warning("LinkChecker na %.0f s gestopt (tijdslimiet); de rest van de site is niet doorzocht.", seconds)
            out, err = exc.stdout or b"", exc.stderr or b""
    log.debug("LinkChecker: %s", err.decode("utf-8", "replace"))
    if b"<urldata>" not in out:
        raise LinkCheckError(f"LinkChecker gaf geen resultaat voor de site:\n{err.decode('utf-8', 'replace')[-2000:]}")
    return read_xml(out, base)


def read_xml(data: bytes, base: str) -> Crawl:
    """LinkChecker's XML log; one cut short (a stopped run) gives the entries it holds."""
    parser: ET.XMLPullParser = ET.XMLPullParser(events=("end",))
    entries: list[ET.Element] = []
    with contextlib.suppress(ET.ParseError):  # a log cut short (a stopped run) ends in an error
        parser.feed(data)
        parser.close()
    with contextlib.suppress(ET.ParseError):
        for _event, el in parser.read_events():  # type: ignore[misc]  # ("end", element) for "end" events
            if isinstance(el, ET.Element) and el.tag == "urldata":
                entries.append(el)
    found = Crawl()
    for el in entries:
        url, parent = (el.findtext("url") or "").strip(), (el.findtext("parent") or "").strip()
        page = "/" + parent.removeprefix(base) if parent.startswith(base) else parent
        valid = el.find("valid")
        if el.findtext("extern") == "1":
            if external(url):
                found.external.setdefault(url, page)
        elif valid is not None and valid.text != "1":
            result = valid.get("result", "")
            status = int(result[:3]) if result[:3].isdigit() else None
            real = (el.findtext("realurl") or url).strip()
            found.broken.append(("/" + real.removeprefix(base), status, result, page))
    return found
