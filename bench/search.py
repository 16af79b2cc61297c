"""The first search on a throttled phone: from the tap on the header search to the first result
for "kernteam", typed at 60 ms a key, for this site (Pagefind, loaded on intent) and for the same
guide with mkdocs-material's built-in search (lunr, whose index every page view downloads).

Each run is a cold visit in a fresh browser context at 390 x 844 with touch, under Lighthouse's
mobile throttling applied through the DevTools protocol: 4 x CPU slowdown
(`Emulation.setCPUThrottlingRate`), 1.6 Mbit/s down, 750 kbit/s up and 150 ms latency
(`Network.emulateNetworkConditions`). The page loads, stays idle for a moment (the visitor
reads), then the search button is tapped in one of two ways, both real:
  - touch: touched, 80 ms on the glass, let go (a finger's tap, not Playwright's instant one);
  - click: Playwright's ordinary click (mouse down and up at once), as a desktop visitor clicks;
the keys are typed (`keyboard.type`, 60 ms a key) once the search field has focus.
The page itself notes the time of the tap (its first pointerdown) and of the first frame that
shows a result with "kernteam" marked while the field holds the whole word; for every key, how
long its events (keydown, keypress, input) waited for the page: from the event's `timeStamp`
(when the browser took the key in) to the first handler (a capturing listener the bench adds
before any page script); and INP, the longest interaction (Event Timing, a PerformanceObserver
with `durationThreshold: 16`; the tap and each key are interactions). Ours and the built-in
alternate, both tap styles in every run, median of 5 (`--runs N`).

Also printed: bytes over the wire (compressed, headers included) on the page view and from the
tap until the first result, and the size of each search index on disk.

Budgets (exit status 1 when one is missed): for both tap styles, tap to first result at most
1.0 x the built-in search, and every key handled within 50 ms (the longest wait of a key, median
over the runs).

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
KEY_BUDGET_MS = 50  # a key's longest wait for the page
STYLES = ("touch", "click")
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
  const probe = (window.__searchBench = {
    tap: null, focus: null, keys: [], first: null, full: null, waits: [], events: [],
  });
  // How long each key's events waited for the page: from the event's timeStamp (the browser took
  // the key in) to this listener, the first of all (added before any page script).
  for (const type of ["keydown", "keypress", "input"]) {
    addEventListener(type, (e) => {
      if (probe.tap !== null) probe.waits.push([type, performance.now() - e.timeStamp]);
    }, true);
  }
  // Event Timing: every interaction's events of 16 ms or more (INP is the longest interaction).
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.interactionId) probe.events.push([e.name, e.interactionId, e.duration, e.startTime]);
    }
  }).observe({ type: "event", buffered: true, durationThreshold: 16 });
  // Long tasks on the main thread (for --timeline)
  probe.long = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.long.push([e.startTime, e.duration]);
  }).observe({ type: "longtask", buffered: true });
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


def measure(browser, base_url: str, kind: str, style: str, timeline: bool = False) -> dict[str, float]:  # type: ignore[no-untyped-def]
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
    if style == "touch":
        finger_tap(page, cdp, SITES[kind]["trigger"])
    else:
        page.click(SITES[kind]["trigger"])
    page.wait_for_function(
        "(field) => document.activeElement && document.activeElement.matches(field)", arg=SITES[kind]["field"]
    )
    page.keyboard.type(QUERY, delay=KEY_DELAY_MS)
    page.wait_for_function("() => window.__searchBench.first !== null", timeout=30000)
    if kind == "ours":
        page.wait_for_function("() => window.__searchBench.full !== null", timeout=30000)
    # Event Timing reports an interaction after the frame that follows it: two more frames
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r))))")
    probe = page.evaluate("() => window.__searchBench")
    tap = probe["tap"]
    search_bytes = sum(n for end, n in finished[seen:] if end <= origin + probe["first"])
    interactions: dict[int, float] = {}
    for _name, interaction, duration, _start in probe["events"]:
        interactions[interaction] = max(interactions.get(interaction, 0.0), duration)
    if timeline:
        print(
            f"\n{kind}, {style}: requests after the tap (ms from the tap: start - end, bytes; 0 bytes: from the cache)"
        )
        for start, end, size, url in page.evaluate(RESOURCES, tap):
            print(f"  {start - tap:7.0f} - {end - tap:7.0f}  {size:>7,}  {url.removeprefix(base_url)}")
        print(f"  field focused at {probe['focus'] - tap:.0f}" if probe["focus"] else "  field focus not seen")
        print(f"  keys typed at {', '.join(f'{k - tap:.0f}' for k in probe['keys'])}")
        print(f"  key waits (ms): {', '.join(f'{t} {w:.0f}' for t, w in probe['waits'])}")
        print(f"  interactions of 16 ms or more (ms): {', '.join(f'{d:.0f}' for d in interactions.values())}")
        long = [(t - tap, d) for t, d in probe["long"] if t >= tap]
        print(f"  long tasks after the tap (start +duration, ms): {', '.join(f'{t:.0f} +{d:.0f}' for t, d in long)}")
        print(f"  first result at {probe['first'] - tap:.0f} ms", end="")
        print(f", all results at {probe['full'] - tap:.0f} ms" if probe["full"] else "")
    context.close()
    return {
        "ms": probe["first"] - tap,
        "after_typing": probe["first"] - probe["keys"][-1],
        "typing": probe["keys"][-1] - probe["keys"][0],
        "key_wait": max((w for _, w in probe["waits"]), default=0.0),
        "inp": max(interactions.values(), default=0.0),
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
    results: dict[tuple[str, str], list[dict[str, float]]] = {(k, s): [] for s in STYLES for k in sites}
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
        for run in range(args.runs):  # alternating, so all see the same machine load
            for kind, style in results:
                r = measure(browser, urls[kind], kind, style, timeline=args.timeline and run == 0)
                results[(kind, style)].append(r)
                print(
                    f"  run {run + 1} {kind}, {style}: {r['ms']:.0f} ms, longest key wait {r['key_wait']:.0f} ms, "
                    f"INP {r['inp']:.0f} ms",
                    flush=True,
                )
        browser.close()

    med = {key: {m: statistics.median(r[m] for r in runs) for m in runs[0]} for key, runs in results.items()}
    spread = {
        key: f"{min(r['ms'] for r in runs):.0f}-{max(r['ms'] for r in runs):.0f}" for key, runs in results.items()
    }
    print()
    print(
        f"First search for {QUERY!r} on the home page, 390 x 844, {CPU_SLOWDOWN} x CPU, 1.6 Mbit/s, "
        f"{NETWORK['latency']} ms latency, {KEY_DELAY_MS} ms a key; median of {args.runs}, alternating -- {machine()}"
    )
    missed = []
    for style in STYLES:
        o, b = med[("ours", style)], med[("built-in", style)]
        ratio = o["ms"] / b["ms"]
        rows = [
            ["tap to first result, ms", f"{o['ms']:.0f}", f"{b['ms']:.0f}", f"{ratio:.2f}"],
            ["  range", spread[("ours", style)], spread[("built-in", style)], ""],
            ["  of which after the last key", f"{o['after_typing']:.0f}", f"{b['after_typing']:.0f}", ""],
            [
                f"{len(QUERY)} keys typed in (first to last input), ms",
                f"{o['typing']:.0f}",
                f"{b['typing']:.0f}",
                f"{o['typing'] / b['typing']:.2f}",
            ],
            [
                "longest wait of a key for the page, ms",
                f"{o['key_wait']:.0f}",
                f"{b['key_wait']:.0f}",
                f"{o['key_wait'] / max(b['key_wait'], 1):.2f}",
            ],
            [
                "INP (longest interaction), ms",
                f"{o['inp']:.0f}",
                f"{b['inp']:.0f}",
                f"{o['inp'] / max(b['inp'], 1):.2f}",
            ],
            ["tap to all ranked results (ours), ms", f"{o['full']:.0f}", "", f"{o['full'] / b['ms']:.2f}"],
            [
                "KB on the page view",
                f"{o['page_view'] / 1024:.1f}",
                f"{b['page_view'] / 1024:.1f}",
                f"{o['page_view'] / b['page_view']:.2f}",
            ],
            ["KB from the tap to the first result", f"{o['search'] / 1024:.1f}", f"{b['search'] / 1024:.1f}", ""],
        ]
        print(f"\nTapped by {'a finger (touch, 80 ms on the glass)' if style == 'touch' else 'Playwright click()'}:")
        print(table(rows, ["", "ours (Pagefind)", "built-in (lunr)", "ours / built-in"]))
        if ratio > TARGET:
            missed.append(f"{style}: tap to first result {ratio:.2f} x the built-in (budget {TARGET:.1f} x)")
        if o["key_wait"] > KEY_BUDGET_MS:
            missed.append(f"{style}: a key waited {o['key_wait']:.0f} ms for the page (budget {KEY_BUDGET_MS} ms)")
    print(
        f"\nindex on disk: ours {index_size(sites['ours'], 'ours') / 1024:.0f} KB, "
        f"built-in {index_size(sites['built-in'], 'built-in') / 1024:.0f} KB"
    )
    print(
        f"Budgets, for both tap styles: tap to first result at most {TARGET:.1f} x the built-in search; "
        f"every key handled within {KEY_BUDGET_MS} ms: " + ("met" if not missed else "MISSED")
    )
    for line in missed:
        print(f"  missed: {line}")
    return 0 if not missed else 1


if __name__ == "__main__":
    sys.exit(main())
