"""The built site, served on 127.0.0.1, crawled by LinkChecker: every internal link and file
(anchors are the strict MkDocs build's job). External addresses are only noted, with the first page
LinkChecker met them on: the theme's links are in no Markdown.

LinkChecker's settings are its documented ``linkcheckerrc`` options; its results are read from its
XML output (named fields; its CSV output shifts the columns of a row when the line cell is empty)."""

from __future__ import annotations

import configparser
import math
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from ..localserver import serve
from .report import Record
from .settings import LinkCheckError, Settings


@dataclass
class Crawl:
    broken: dict[str, Record] = field(default_factory=dict)  # site path -> its record
    external: dict[str, str] = field(default_factory=dict)  # address -> first page that links to it


def crawl(site_dir: Path, cfg: Settings, deadline: float) -> Crawl:
    seconds = max(1.0, deadline - time.monotonic())
    rc = configparser.ConfigParser(interpolation=None)
    rc.read_dict(
        {
            "checking": {
                "threads": cfg.verzoek.gelijktijdig,
                "timeout": math.ceil(cfg.tijd.per_verzoek),
                "recursionlevel": -1,
                "maxrunseconds": max(1, int(seconds)),
                "maxrequestspersecond": 1000,  # above 10 only for hosts that send a "LinkChecker" header: ours does
                "useragent": cfg.verzoek.user_agent,
            },
            # Every address (the external ones too) as XML on stdout: run as root, LinkChecker becomes
            # the user "nobody" after reading this file and could not write ours.
            "output": {"log": "xml", "verbose": 1, "status": 0},
            "xml": {"encoding": "utf-8"},
        }
    )
    with (
        serve(site_dir, headers={"LinkChecker": "local-site"}) as base,
        tempfile.NamedTemporaryFile("w", suffix=".ini", encoding="utf-8") as rcfile,
    ):
        rc.write(rcfile)
        rcfile.flush()
        cmd = [sys.executable, "-m", "linkcheck", "--config", rcfile.name, base]
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=seconds + 10)
            out, err = done.stdout, done.stderr
        except subprocess.TimeoutExpired as exc:
            print(f"LinkChecker na {seconds:.0f} s gestopt; de rest van de site is niet doorzocht.", file=sys.stderr)
            out, err = exc.stdout or b"", exc.stderr or b""
    if b"</urldata>" not in out:
        raise LinkCheckError(f"LinkChecker gaf geen resultaat voor de site:\n{err.decode('utf-8', 'replace')[-2000:]}")
    return read_xml(out, base)


def read_xml(data: bytes, base: str) -> Crawl:
    """LinkChecker's XML log; of one cut short (a stopped run) the entries it holds."""
    end = data.rfind(b"</urldata>") + len(b"</urldata>")
    found = Crawl()
    for el in ET.fromstring(data[:end] + b"</linkchecker>").iter("urldata"):
        url, parent = (el.findtext("url") or "").strip(), (el.findtext("parent") or "").strip()
        page = "/" + parent.removeprefix(base) if parent.startswith(base) else parent
        valid = el.find("valid")
        if el.findtext("extern") == "1":
            found.external.setdefault(url, page)
        elif valid is not None and valid.text != "1":
            result = valid.get("result", "")
            path = "/" + (el.findtext("realurl") or url).strip().removeprefix(base)
            status = int(result[:3]) if result[:3].isdigit() else None
            message = f"interne link werkt niet ({status})" if status else f"interne link werkt niet: {result[:200]}"
            record = found.broken.setdefault(path, Record(path, "broken", status, message, internal=True))
            record.pages = sorted({*record.pages, page})
    return found
