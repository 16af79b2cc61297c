"""Page weight: bytes over the wire (compressed, as the browser received them) and the number of
requests for the home page, a long content page and the practice-example overview, for this
site and for the same guide built with a default mkdocs-material configuration, side by side.

Budget: each page weighs at most 45 % of its default-configuration counterpart. Besides the
three pages every benchmark measures (bench/common.py), the two heaviest other pages on a cold
load: the risk-factor selector (its cards and script) and the kernteam checklists (the largest
checklist page).

Each page is loaded cold (new browser context, cache off) from a local host that serves like a
real one (HTTPS, HTTP/2, gzip: bench/h2server.mjs) and measured until the network is idle, so
what a page loads by itself afterwards (the default theme's search index) counts. The default theme asks Google
Fonts for Roboto: there is no internet here, so those requests are blocked and counted
separately (their bytes cannot be measured offline).

    python bench/weight.py          # or: make bench
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlparse

from common import OUT_DIR, PAGES, build_default_site, launch_browser, machine, our_site, serve_h2, table

BUDGET = 0.45
# the heaviest pages on a cold load besides common.PAGES (all pages measured 2026-12-08)
HEAVIEST = {"risk factors": "risicofactoren/", "checklists": "samos/werkprotocol-kernteam/"}
MEASURED = PAGES | HEAVIEST


def measure(browser, base_url: str, path: str) -> dict:  # type: ignore[no-untyped-def]
    """Bytes on the wire (headers and compressed bodies), requests, and blocked foreign requests."""
    host = urlparse(base_url).netloc
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    blocked: list[str] = []

    def route(r):  # type: ignore[no-untyped-def]
        if urlparse(r.request.url).netloc == host:
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    urls: dict[str, str] = {}
    sizes: dict[str, int] = {}
    cdp.on("Network.requestWillBeSent", lambda e: urls.setdefault(e["requestId"], e["request"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])))
    # requests of workers (the default theme's search worker) reach the page's session too, but
    # through Playwright's events only: count them from there when CDP did not see them. Not those
    # of our service worker: once the page is idle it fetches the whole site for offline use in
    # the background (measured on its own by bench/offline.py), which is not the page's weight.
    seen: list[tuple[str, int]] = []
    background: list[str] = []

    def finished(r) -> None:  # type: ignore[no-untyped-def]
        if r.service_worker is not None:
            background.append(r.url)
            return
        try:
            sizes_ = r.sizes()
        except Exception:  # noqa: BLE001 (the context closed before Playwright had the sizes)
            return
        seen.append((r.url, sizes_["responseBodySize"] + sizes_["responseHeadersSize"]))

    context.on("requestfinished", finished)
    page.goto(base_url + path, wait_until="networkidle")
    page.wait_for_timeout(500)
    context.close()
    cdp_urls = {urls[i] for i in sizes if i in urls}
    total = sum(sizes.values()) + sum(n for url, n in seen if url not in cdp_urls)
    count = len(sizes) + sum(1 for url, _ in seen if url not in cdp_urls)
    by_type: dict[str, int] = {}
    each: dict[str, int] = {}
    for request_id, n in sizes.items():
        if urls.get(request_id, "").startswith("data:"):
            continue
        url = urlparse(urls.get(request_id, "")).path
        suffix = Path(url).suffix or ".html"
        by_type[suffix] = by_type.get(suffix, 0) + n
        each[url] = each.get(url, 0) + n
    for url, n in seen:
        if url not in cdp_urls and not url.startswith("data:"):
            each[urlparse(url).path] = each.get(urlparse(url).path, 0) + n
    return {
        "bytes": total,
        "requests": count,
        "blocked": blocked,
        "by_type": by_type,
        "each": each,
        "background": len(background),
    }


def measure_page(browser, base_url: str, path: str) -> dict:  # type: ignore[no-untyped-def]
    """The fuller of two cold loads: on a busy machine a load is now and then cut short (the
    network looked idle before the page had asked for its scripts), which would flatter a page."""
    return max((measure(browser, base_url, path) for _ in range(2)), key=lambda r: (r["requests"], r["bytes"]))


def site_size(site: Path) -> tuple[int, int]:
    files = [p for p in site.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def main() -> int:
    from playwright.sync_api import sync_playwright

    ours = our_site()
    print("Building the same guide with a default mkdocs-material configuration ...", flush=True)
    default = build_default_site(OUT_DIR / "default-site")
    results: dict[str, dict[str, dict]] = {}
    with sync_playwright() as p:
        for name, site in (("ours", ours), ("default", default)):
            with serve_h2(site) as (base_url, spki):
                browser = launch_browser(p, spki)
                results[name] = {label: measure_page(browser, base_url, path) for label, path in MEASURED.items()}
                browser.close()

    rows = []
    missed = []
    for label, path in MEASURED.items():
        o, d = results["ours"][label], results["default"][label]
        ratio = o["bytes"] / d["bytes"]
        if ratio > BUDGET:
            missed.append(f"{label} ({ratio:.2f})")
        rows.append(
            [
                f"{label} (/{path})",
                f"{o['bytes'] / 1024:.1f}",
                o["requests"],
                len(o["blocked"]),
                f"{d['bytes'] / 1024:.1f}",
                d["requests"],
                len(d["blocked"]),
                f"{ratio:.3f}",
                f"{o['requests'] / d['requests']:.2f}",
            ]
        )
    print()
    print(f"Page weight, compressed bytes over the wire (cold cache) -- {machine()}")
    print(
        table(
            rows,
            [
                "page",
                "ours KB",
                "req",
                "blocked",
                "default KB",
                "req",
                "blocked*",
                "bytes ours/default",
                "requests ours/default",
            ],
        )
    )
    print(
        "* requests to other hosts (Google Fonts) that the default configuration makes on every view; blocked here, "
        "their bytes are not counted"
    )
    for name in ("ours", "default"):
        foreign = sorted({urlparse(u).netloc for r in results[name].values() for u in r["blocked"]})
        print(f"  {name}: requests to other hosts: {', '.join(foreign) if foreign else 'none'}")
    for label in MEASURED:
        for name in ("ours", "default"):
            parts = ", ".join(
                f"{k} {v / 1024:.1f}" for k, v in sorted(results[name][label]["by_type"].items(), key=lambda kv: -kv[1])
            )
            print(f"  {label:10} {name:8} KB by type: {parts}")
    print("  ours, KB per request (where the bytes go):")
    for label in MEASURED:
        each = sorted(results["ours"][label]["each"].items(), key=lambda kv: -kv[1])
        print(f"    {label}: " + ", ".join(f"{Path(url).name or url} {n / 1024:.1f}" for url, n in each))
    (of, ob), (df, db) = site_size(ours), site_size(default)
    print(
        f"Site folder: ours {of} files, {ob / 1024 / 1024:.1f} MB; default {df} files, {db / 1024 / 1024:.1f} MB "
        f"(ratio {ob / db:.2f}; Pagefind's index is in both)"
    )
    print(
        f"Budget: every page at most {BUDGET:.0%} of the default: "
        + ("met" if not missed else f"MISSED on {', '.join(missed)}")
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
