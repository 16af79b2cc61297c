"""The first search on a throttled phone: from the tap on the header search to the first result
for "kernteam", typed at 60 ms a key, for this site (Pagefind, loaded on intent) and for the same
guide with mkdocs-material's built-in search (lunr, whose index every page view downloads).

Each run is a cold visit in a fresh browser context at 390 x 844 with touch, under Lighthouse's
mobile throttling applied through the DevTools protocol: 4 x CPU slowdown
(`Emulation.setCPUThrottlingRate`), 1.6 Mbit/s down, 750 kbit/s up and 150 ms latency
(`Network.emulateNetworkConditions`). The page loads, stays idle for a moment (the visitor
reads), then the search button is tapped (touched, 80 ms on the glass, let go: a finger's tap, not
Playwright's instant one); the keys are typed once the search field has focus.
The page itself notes the time of the tap (its first pointerdown) and of the first frame that
shows a result with "kernteam" marked while the field holds the whole word. Ours and the built-in
alternate, median of 5 (`--runs N`).

Also printed: bytes over the wire (compressed, headers included) on the page view and from the
tap until the first result, and the size of each search index on disk.

Target: ours at most 1.0 x the built-in search (exit status 1 when missed).

    python bench/search.py               # or: make bench
    python bench/search.py --timeline    # also: every request after the tap, for one run of ours
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

from common import OUT_DIR, build_default_site, launch_browser, machine, our_site, serve_h2, table
from playwright.sync_api import Error as PlaywrightError

QUERY = "kernteam"
KEY_DELAY_MS = 60
TAP_MS = 80  # a finger on the glass: from touching the button to letting go
TARGET = 1.0
# Lighthouse's mobile profile (slow 4G, mid-range phone), as DevTools throttling.
NETWORK = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6 * 1024 * 1024 / 8,
    "uploadThroughput": 750 * 1024 / 8,
}
CPU_SLOWDOWN = 4
READING_MS = 1500  # idle time on the page before the tap

SITES = {
    "ours": {"trigger": "[data-hr-search]", "field": "input[type=search]"},
    "built-in": {"trigger": "label.md-header__button[for=__search]", "field": "input.md-search__input"},
}

# Runs in the page: the time of the tap and of the first frame that shows a result with the whole
# query marked while the field holds the whole query (ours: .hr-result; built-in: .md-search-result).
PROBE = """
(() => {
  const q = QUERY;
  const probe = (window.__searchBench = { tap: null, focus: null, keys: [], first: null, full: null });
  addEventListener("focusin", (e) => {
    if (probe.tap !== null && probe.focus === null && e.target.type === "search" || /md-search__input/.test(e.target.className)) {
      probe.focus = performance.now();
    }
  }, true);
  addEventListener("pointerdown", () => { if (probe.tap === null) probe.tap = performance.now(); }, true);
  addEventListener("input", (e) => {
    if (probe.tap !== null && e.target.type !== "checkbox") probe.keys.push(performance.now());
  }, true);
  const frame = (key) => requestAnimationFrame(() => { probe[key] = performance.now(); });
  function check() {
    if (probe.tap === null) return;
    const field = document.activeElement;
    if (!field || !("value" in field) || field.value.trim().toLowerCase() !== q) return;
    const marks = document.querySelectorAll(".hr-result mark, .md-search-result mark");
    if (!probe.pendingFirst && [...marks].some((m) => m.textContent.toLowerCase().startsWith(q))) {
      probe.pendingFirst = true;
      frame("first");
    }
    const status = document.querySelector(".hr-search__status");  // ours: all results are in
    if (!probe.pendingFull && status && status.textContent.includes(`"${q}"`)) {
      probe.pendingFull = true;
      frame("full");
    }
  }
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
  addEventListener("input", check, true);
})();
""".replace("QUERY", json.dumps(QUERY))


def index_size(site: Path, kind: str) -> int:
    if kind == "ours":
        return sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
    return (site / "search" / "search_index.json").stat().st_size


RESOURCES = """(since) => performance.getEntriesByType("resource").filter((e) => e.startTime >= since)
  .map((e) => [e.startTime, e.responseEnd, e.transferSize, e.name])"""


def finger_tap(page, cdp, selector: str) -> None:  # type: ignore[no-untyped-def]
    """A tap as a finger makes it: touch, TAP_MS on the glass, let go (the browser then clicks).
    Playwright's own tap lets go at once, which no finger does."""
    box = page.locator(selector).bounding_box()
    point = {"x": box["x"] + box["width"] / 2, "y": box["y"] + box["height"] / 2}
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [point]})
    page.wait_for_timeout(TAP_MS)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def measure(browser, base_url: str, kind: str, timeline: bool = False) -> dict[str, float]:  # type: ignore[no-untyped-def]
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=3, is_mobile=True, has_touch=True
    )
    context.route(  # no other hosts (the default theme asks Google Fonts): fail at once
        "**/*", lambda r: r.continue_() if r.request.url.startswith(base_url) else r.abort()
    )
    context.add_init_script(PROBE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", NETWORK)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    # bytes of every request, the search workers' included (Playwright's events see those too),
    # with the time it ended (ms since the epoch)
    finished: list[tuple[float, int]] = []

    def done(request) -> None:  # type: ignore[no-untyped-def]
        try:
            sizes = request.sizes()
        except PlaywrightError:  # ended while the context closed
            return
        end = request.timing["startTime"] + max(request.timing["responseEnd"], 0)
        finished.append((end, sizes["responseBodySize"] + sizes["responseHeadersSize"]))

    context.on("requestfinished", done)
    page.goto(base_url, wait_until="networkidle")
    if kind == "built-in":  # its index is in and its worker ready (it says so in the results box)
        page.wait_for_function(
            "() => !/initialiseren/.test(document.querySelector('.md-search-result__meta').textContent)"
        )
    page.wait_for_timeout(READING_MS)  # the visitor reads
    page_view = sum(n for _, n in finished)
    seen = len(finished)
    origin = page.evaluate("() => performance.timeOrigin")
    finger_tap(page, cdp, SITES[kind]["trigger"])
    page.wait_for_function(
        "(field) => document.activeElement && document.activeElement.matches(field)", arg=SITES[kind]["field"]
    )
    page.keyboard.type(QUERY, delay=KEY_DELAY_MS)
    page.wait_for_function("() => window.__searchBench.first !== null", timeout=30000)
    if kind == "ours":
        page.wait_for_function("() => window.__searchBench.full !== null", timeout=30000)
    probe = page.evaluate("() => window.__searchBench")
    tap = probe["tap"]
    search_bytes = sum(n for end, n in finished[seen:] if end <= origin + probe["first"])
    if timeline:
        print(f"\n{kind}: requests after the tap (ms from the tap: start - end, bytes; 0 bytes: from the cache)")
        for start, end, size, url in page.evaluate(RESOURCES, tap):
            print(f"  {start - tap:7.0f} - {end - tap:7.0f}  {size:>7,}  {url.removeprefix(base_url)}")
        print(f"  field focused at {probe['focus'] - tap:.0f}" if probe["focus"] else "  field focus not seen")
        print(f"  keys typed at {', '.join(f'{k - tap:.0f}' for k in probe['keys'])}")
        print(f"  first result at {probe['first'] - tap:.0f} ms", end="")
        print(f", all results at {probe['full'] - tap:.0f} ms" if probe["full"] else "")
    context.close()
    return {
        "ms": probe["first"] - tap,
        "after_typing": probe["first"] - probe["keys"][-1],
        "full": (probe["full"] - tap) if probe["full"] else 0.0,
        "page_view": page_view,
        "search": search_bytes,
    }


def main() -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--timeline", action="store_true", help="print the requests after the tap (first run)")
    parser.add_argument("--site", type=Path, help="our built site (default: site/, built when missing)")
    args = parser.parse_args()

    sites = {"ours": args.site or our_site()}
    print("Building the same guide with a default mkdocs-material configuration ...", flush=True)
    sites["built-in"] = build_default_site(OUT_DIR / "default-site")
    results: dict[str, list[dict[str, float]]] = {kind: [] for kind in sites}
    with (
        sync_playwright() as p,
        serve_h2(sites["ours"]) as (ours_url, spki),
        serve_h2(sites["built-in"]) as (
            builtin_url,
            _,
        ),
    ):
        urls = {"ours": ours_url, "built-in": builtin_url}
        browser = launch_browser(p, spki)
        for run in range(args.runs):  # alternating, so both see the same machine load
            for kind in sites:
                results[kind].append(measure(browser, urls[kind], kind, timeline=args.timeline and run == 0))
                print(f"  run {run + 1} {kind}: {results[kind][-1]['ms']:.0f} ms", flush=True)
        browser.close()

    med = {kind: {key: statistics.median(r[key] for r in runs) for key in runs[0]} for kind, runs in results.items()}
    spread = {
        kind: f"{min(r['ms'] for r in runs):.0f}-{max(r['ms'] for r in runs):.0f}" for kind, runs in results.items()
    }
    ratio = med["ours"]["ms"] / med["built-in"]["ms"]
    o, b = med["ours"], med["built-in"]
    rows = [
        ["tap to first result, ms", f"{o['ms']:.0f}", f"{b['ms']:.0f}", f"{ratio:.2f}"],
        ["  range", spread["ours"], spread["built-in"], ""],
        ["  of which after the last key", f"{o['after_typing']:.0f}", f"{b['after_typing']:.0f}", ""],
        ["tap to all ranked results (ours), ms", f"{o['full']:.0f}", "", f"{o['full'] / b['ms']:.2f}"],
        [
            "KB on the page view",
            f"{o['page_view'] / 1024:.1f}",
            f"{b['page_view'] / 1024:.1f}",
            f"{o['page_view'] / b['page_view']:.2f}",
        ],
        ["KB from the tap to the first result", f"{o['search'] / 1024:.1f}", f"{b['search'] / 1024:.1f}", ""],
        [
            "index on disk, KB",
            f"{index_size(sites['ours'], 'ours') / 1024:.0f}",
            f"{index_size(sites['built-in'], 'built-in') / 1024:.0f}",
            "",
        ],
    ]
    print()
    print(
        f"First search for {QUERY!r} on the home page, 390 x 844, {CPU_SLOWDOWN} x CPU, 1.6 Mbit/s, "
        f"{NETWORK['latency']} ms latency, {KEY_DELAY_MS} ms a key; median of {args.runs}, alternating -- {machine()}"
    )
    print(table(rows, ["", "ours (Pagefind)", "built-in (lunr)", "ours / built-in"]))
    met = ratio <= TARGET
    print(f"Target: ours at most {TARGET:.1f} x the built-in search: " + ("met" if met else "MISSED"))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
