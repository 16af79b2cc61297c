"""Offline use: the bytes a reader's browser fetches in the background after the first visit to
keep the whole guide (every file of the service worker's manifest, handreiking/offline.py, and
the worker itself), as a real host serves them: each file requested from the benchmarks' host
(bench/h2server.mjs: gzip for text, Pagefind's own compressed files as they are), body bytes as
sent. The worker fetches exactly these files (tests/test_offline.py checks that in Chromium).

Budget: 3 MB.

With ``--since OLD_SITE`` it also prints what a reader who keeps OLD_SITE's copy fetches for this
build: only the files whose content changed, and the worker.

    python bench/offline.py                       # site/ (built when missing)
    python bench/offline.py --since /tmp/old-site
"""

from __future__ import annotations

import argparse
import ssl
import sys
import urllib.request
from pathlib import Path
from urllib.parse import quote

from common import our_site, serve_h2, table, tls_certificate

from handreiking import offline

BUDGET = 3 * 1024 * 1024
GROUPS = {  # first matching prefix; the rest are pages
    "pagefind/": "search (Pagefind code, index, fragments, words)",
    "assets/": "theme and site styles, scripts, icon",
    "open-data/": "open data (JSON, CSV)",
    offline.WORKER: "the worker with its manifest",
}


def group(name: str) -> str:
    return next((label for prefix, label in GROUPS.items() if name.startswith(prefix)), "pages (HTML)")


def wire_sizes(site: Path, names: list[str]) -> dict[str, tuple[int, int]]:
    """name -> (bytes on disk, body bytes as the host sends them to a browser that accepts gzip)."""
    cert, _, _ = tls_certificate()
    context = ssl.create_default_context(cafile=str(cert))
    sizes: dict[str, tuple[int, int]] = {}
    with serve_h2(site) as (base_url, _):
        for name in names:
            request = urllib.request.Request(base_url + quote(name), headers={"Accept-Encoding": "gzip"})
            with urllib.request.urlopen(request, context=context) as response:  # noqa: S310 (our local host)
                body = response.read()  # not decoded: the bytes on the wire
            path = site / (name + "index.html" if name == "" or name.endswith("/") else name)
            sizes[name] = (path.stat().st_size, len(body))
    return sizes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--since", type=Path, help="an earlier build of the site: also print the update's bytes")
    args = parser.parse_args()
    site = our_site()
    manifest = offline.read_manifest(site)
    names = [*manifest.files, offline.WORKER]
    sizes = wire_sizes(site, names)
    totals: dict[str, list[int]] = {}
    for name, (raw, wire) in sizes.items():
        total = totals.setdefault(group(name), [0, 0, 0])
        total[0] += 1
        total[1] += raw
        total[2] += wire
    rows = [[label, n, f"{raw / 1024:.0f}", f"{wire / 1024:.0f}"] for label, (n, raw, wire) in sorted(totals.items())]
    wire_total = sum(wire for _, wire in sizes.values())
    rows.append(
        ["total", len(sizes), f"{sum(raw for raw, _ in sizes.values()) / 1024:.0f}", f"{wire_total / 1024:.0f}"]
    )
    print(f"Offline copy of {site} (manifest version {manifest.version}): gzip as the host serves it")
    print(table(rows, ["part", "files", "KB on disk", "KB on the wire"]))
    largest = sorted(sizes.items(), key=lambda item: -item[1][1])[:5]
    print(
        "Largest on the wire: " + ", ".join(f"{name or '(home)'} {wire / 1024:.0f} KB" for name, (_, wire) in largest)
    )
    met = wire_total <= BUDGET
    print(
        f"Budget: at most {BUDGET / 1024 / 1024:.0f} MB: {'met' if met else 'MISSED'} ({wire_total / 1024 / 1024:.2f} MB)"
    )
    if args.since:
        old = offline.read_manifest(args.since)
        changed = [name for name, digest in manifest.files.items() if old.files.get(name) != digest]
        update = sum(sizes[name][1] for name in [*changed, offline.WORKER])
        print(
            f"Update from {args.since}: {len(changed)} changed files and the worker, {update / 1024:.1f} KB: "
            + ", ".join(name or "(home)" for name in changed)
        )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
