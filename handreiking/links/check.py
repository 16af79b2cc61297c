"""Link check of the built site: ``python -m handreiking.links`` (``make links``), settings in ``links.toml``.

1. Where links are written (:mod:`.found`): every page's Markdown links, noted by the build with
   their line in ``docs/``, and the data's links with their line in ``data/``.
2. LinkChecker crawls the site served on 127.0.0.1 (:mod:`.crawl`): internal links and files, and
   the theme's external addresses, which are in no Markdown.
3. Every external address, minus the ignore list (for a pull request: only those it adds), is
   requested once, with retries for temporary failures (:mod:`.web`), while the crawl runs.
4. ``reports/links.json`` and ``reports/links.md`` (:mod:`.report`).

Without a network (:func:`.web.network_available`: none of a few of the links' hosts can be reached
within seconds) the external addresses are not requested at all: the check says "geen internet:
externe links niet gecontroleerd" at once and calls no address broken; the internal links are
still checked (the site is served on this computer).

Exit status: 0 when nothing is broken (temporary failures and redirects do not count), 1 when a link
is broken, 2 when the check could not run: a Dutch message (bad ``links.toml``, no built site,
invalid data, unknown git ref), or an internal error with its traceback; 3 when there was no
internet, so the external links were not checked (and no internal link is broken).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime as dt
import logging
import os
import subprocess
import sys
import time
import traceback
from pathlib import Path

from ..paths import DATA_DIR, DOCS_DIR, PROJECT_ROOT
from . import archive, datafix, web
from .crawl import crawl
from .found import Found, external, written
from .report import RESULTS, Report
from .settings import CONFIG_FILE, LinkCheckError, load_settings, web_address


def urls_from_file(path: Path) -> list[str]:
    """One address a line; empty lines and lines starting with # are skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise LinkCheckError(f"{path}: kan de lijst met adressen niet lezen ({exc})") from None
    urls, wrong = [], []
    for n, url in enumerate(map(str.strip, lines), 1):
        if not url or url.startswith("#"):
            continue
        try:
            urls.append(web_address(url))
        except ValueError as exc:
            wrong.append(f"{path}:{n}: {exc}")
    if wrong:
        raise LinkCheckError("\n".join(wrong))
    return list(dict.fromkeys(urls))


def changed_text(ref: str, dirs: list[Path]) -> str:
    """The lines added since ``ref`` (committed or not) in ``dirs``, and the text of new untracked files."""

    def git(*args: str) -> str:
        try:
            out = subprocess.run(["git", *args], cwd=dirs[0], capture_output=True, text=True, timeout=60)
        except OSError as exc:
            raise LinkCheckError(f"git is niet beschikbaar ({exc}); --changed-from heeft git nodig") from None
        if out.returncode != 0:
            first = (out.stderr.strip().splitlines() or ["onbekende fout"])[0]
            raise LinkCheckError(f"--changed-from {ref}: git kan de wijzigingen niet bepalen: {first}")
        return out.stdout

    specs = [str(d.resolve()) for d in dirs if d.exists()]
    diff = git("diff", "--no-color", "--no-ext-diff", "--unified=0", ref, "--", *specs)
    added = [line[1:] for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    top = Path(git("rev-parse", "--show-toplevel").strip())
    new = git("ls-files", "--others", "--exclude-standard", "--full-name", "--", *specs).splitlines()
    return "\n".join([*added, *((top / name).read_text("utf-8", errors="replace") for name in new)])


def run(opts: argparse.Namespace) -> int:
    started = time.monotonic()
    cfg = load_settings(opts.config)
    deadline = started + cfg.tijd.totaal
    site_dir = opts.site_dir.resolve()
    if not (site_dir / "index.html").is_file():
        raise LinkCheckError(
            f"Geen gebouwde site in {site_dir} (index.html ontbreekt); bouw de site eerst met `make build`."
        )
    site_url, titles, known = ("", {}, []) if opts.internal_only else written(site_dir, opts.data_dir)
    where: dict[str, list[Found]] = {}
    for f in known:
        if external(f.url, site_url):
            where.setdefault(f.url, []).append(f)

    scope, wanted = "", lambda url: not opts.internal_only
    if opts.only_urls_file:
        listed = urls_from_file(opts.only_urls_file)
        where = {url: where.get(url, []) for url in listed}
        scope, wanted = f"de adressen uit {opts.only_urls_file.name}", set(listed).__contains__
    elif opts.changed_from:
        scope = f"links die nieuw of gewijzigd zijn ten opzichte van {opts.changed_from}"
        wanted = changed_text(opts.changed_from, [opts.docs_dir, opts.data_dir]).__contains__

    print("Linkcontrole: de site wordt op deze computer doorzocht …", file=sys.stderr, flush=True)
    asked = [url for url in where if wanted(url)]
    online = web.network_available([url for url in asked if not cfg.ignored(url)])
    if not online:
        print(NO_INTERNET, file=sys.stderr, flush=True)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        crawling = pool.submit(crawl, site_dir, cfg, deadline)  # talks only to 127.0.0.1: at the same time
        records = web.check(asked, cfg, deadline, Progress("Externe links")) if online else []
        site = crawling.result()
    theme = [url for url in site.external if url not in where and external(url, site_url) and wanted(url)]
    records += web.check(theme, cfg, deadline, Progress("Links uit het thema")) if online else []
    for r in records:
        r.found = where.get(r.url, [])
        first = site.external.get(r.url)  # LinkChecker names the first page it met an address on
        r.pages = sorted({f.page for f in r.found if f.page} | ({first} if first else set()))
    archive.add_copies(records, cfg, deadline)  # before the crawl's records: those are internal
    records += site.broken.values()
    records.sort(key=lambda r: (RESULTS.index(r.result), not r.internal, r.url))

    pages_checked = sum(1 for _ in site_dir.rglob("*.html"))
    now, seconds = dt.datetime.now(dt.UTC), time.monotonic() - started
    checked = online and not opts.internal_only
    report = Report(records, now, site_url, titles, pages_checked, scope, checked, seconds, offline=not online)
    json_path, md_path = report.write(opts.reports_dir)
    for line in report.github_annotations() if opts.github else []:
        print(line)
    summary = ", ".join(f"{report.count(r)} {DUTCH_RESULTS[r]}" for r in RESULTS)
    print(f"Linkcontrole klaar in {seconds:.0f} s: {summary}.\nRapport: {md_path} en {json_path}")
    for r in report.of("broken"):
        print(f"  kapot: {r.url}: {r.message}")
    if not online:
        print(f"{NO_INTERNET}; probeer het opnieuw met een internetverbinding (uitkomst {NO_INTERNET_STATUS}).")
    return 1 if report.count("broken") else (0 if online else NO_INTERNET_STATUS)


NO_INTERNET = "geen internet: externe links niet gecontroleerd"
NO_INTERNET_STATUS = 3
DUTCH_RESULTS = {
    "broken": "kapot",
    "redirect": "verhuisd",
    "tijdelijk": "tijdelijk",
    "ok": "in orde",
    "ignored": "overgeslagen",
}


class Progress:
    """A Dutch line on standard error every tenth of the addresses (and at the end), so a long check
    shows it is working: ``Externe links: 40 van 93 gecontroleerd``."""

    def __init__(self, what: str) -> None:
        self.what = what

    def __call__(self, done: int, total: int) -> None:
        step = max(1, total // 10)
        if done == total or done % step == 0:
            print(f"{self.what}: {done} van {total} gecontroleerd", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m handreiking.links", description="Controleer de links van de gebouwde site (intern en extern)."
    )
    parser.add_argument("--site-dir", type=Path, default=PROJECT_ROOT / "site", help="de site (standaard: site/)")
    parser.add_argument("--config", type=Path, default=CONFIG_FILE, help="instellingen (standaard: links.toml)")
    parser.add_argument("--reports-dir", type=Path, default=PROJECT_ROOT / "reports", help="standaard: reports/")
    parser.add_argument("--docs-dir", type=Path, default=DOCS_DIR, help=argparse.SUPPRESS)
    data = Path(os.environ.get("HANDREIKING_DATA_DIR") or DATA_DIR)
    parser.add_argument("--data-dir", type=Path, default=data, help=argparse.SUPPRESS)
    scope = parser.add_mutually_exclusive_group()
    scope.add_argument(
        "--changed-from",
        metavar="GIT-REF",
        help="controleer alleen externe links die sinds deze versie in docs/ of data/ zijn toegevoegd "
        "of gewijzigd (voor pull requests, bijvoorbeeld origin/main)",
    )
    scope.add_argument("--only-urls-file", type=Path, metavar="BESTAND", help="alleen de adressen in dit bestand")
    scope.add_argument("--internal-only", action="store_true", help="controleer alleen de interne links (geen netwerk)")
    parser.add_argument("--github", action="store_true", help="meld kapotte links ook als GitHub-annotaties")
    parser.add_argument(
        "--werk-gegevens-bij",
        action="store_true",
        help="controleer niets, maar zet de uitkomst van het laatste rapport (reports/links.json) in data/: "
        "dood: true en archief: bij kapotte links waarvan een archiefkopie bestaat",
    )
    opts = parser.parse_args(argv)
    logging.getLogger("urllib3").setLevel(logging.ERROR)  # no "Retrying ..." lines: the report says it
    try:
        if opts.werk_gegevens_bij:
            return datafix.main(opts.reports_dir / "links.json", opts.data_dir.resolve().parent)
        return run(opts)
    except LinkCheckError as exc:
        print(str(exc), file=sys.stderr)
    except KeyboardInterrupt:
        print("Linkcontrole afgebroken.", file=sys.stderr)
    except Exception:  # our own bug, not a broken link: never exit 1 ("kapot"), never "tijdelijk"
        traceback.print_exc()
        print(
            "Interne fout in de linkcontrole (geen probleem met de links); meld dit aan een ontwikkelaar.",
            file=sys.stderr,
        )
    return 2
