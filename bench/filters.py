"""Filters at scale: how long a filter toggle takes to reach the screen on the practice-example
overview (filter.js) and the risk-factor selector (riskfactors.js) when the site has 2,000
interventions (the real ones cloned, as in build_scaling.py).

Measured in Chromium, like Interaction to Next Paint: from the click on a checkbox (the event's
own time stamp) to the next frame after the page's handlers ran (a requestAnimationFrame
callback, then a message posted from it, which runs once that frame's style, layout and paint
are done). Each toggle is a real click (Playwright) on a checkbox: a facet value checked and
unchecked again, several of them, at phone width (390 x 844) and desktop width (1280 x 800).
The Event Timing API's figure for the same clicks (duration of the interaction, in steps of
8 ms, only reported from 16 ms on) is printed next to it, and so is the time until every card
is done (filter.js changes the cards off screen in batches over the following frames).

Budget: median at most 16 ms (one frame at 60 Hz) on each page and width.

    python bench/filters.py                  # builds the 2,000-intervention site (about a minute)
    python bench/filters.py --count 5000     # another size
    python bench/filters.py --site DIR       # a site built before with the clones
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

from build_scaling import cloned_data
from common import OUT_DIR, PROJECT_ROOT, launch_browser, machine, our_site, serve_h2, table

BUDGET_MS = 16.0
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
# (page, the checkboxes toggled: each is checked, measured, then unchecked, measured)
PAGES = {
    "overview": (
        "praktijkvoorbeelden/",
        [
            'input[name=handeling][value="preventie"]',
            'input[name=schaal][value="wijk"]',
            'input[name=weerbaarheid][value="collectief"]',
            'input[name=risicofactor][value="B1.1"]',
            'input[name=handeling][value="repressie"]',
        ],
    ),
    "risk factors": (
        "risicofactoren/",
        [
            'input[name=rf][value="B1.1"]',
            'input[name=rf][value="B1.4"]',
            'input[name=rf][value="B1.5"]',
            'input[name=rf][value="B1.9"]',
            'input[name=rf][value="B1.2"]',
        ],
    ),
}
ROUNDS = 3  # each checkbox is toggled on and off this many times

# In the page: the time from each click to the frame after it, and Event Timing's durations.
PROBE = """
(() => {
  const probe = (window.__filterBench = { toggles: [], done: [], events: [] });
  // the frame after the next one's rendering: a message posted from a requestAnimationFrame callback
  const afterFrame = (then) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = then;
    channel.port2.postMessage(null);
  });
  addEventListener("click", (e) => {
    if (!e.target.matches || !e.target.matches("input[type=checkbox]")) return;
    const start = e.timeStamp;
    afterFrame(() => {
      probe.toggles.push(performance.now() - start);
      // and when every card is done (filter.js marks the list aria-busy while it works in batches)
      const done = () => document.querySelector("[aria-busy=true]")
        ? afterFrame(done) : probe.done.push(performance.now() - start);
      done();
    });
  }, true);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.interactionId) probe.events.push([e.interactionId, e.duration]);
  }).observe({ type: "event", durationThreshold: 16, buffered: true });
})();
"""


def build(count: int) -> Path:
    work = OUT_DIR / f"filters-{count}"
    site = work / "site"
    data = cloned_data(work / "data", count) if not (work / "data").exists() else work / "data"
    print(f"Building the site with {count} interventions ...", flush=True)
    result = subprocess.run(
        [sys.executable, "-m", "handreiking.cli", "build", "--site-dir", str(site)],
        cwd=PROJECT_ROOT,
        env={**os.environ, "HANDREIKING_DATA_DIR": str(data), "DISABLE_MKDOCS_2_WARNING": "true"},
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        sys.exit(f"build failed:\n{result.stdout[-2000:]}{result.stderr[-3000:]}")
    return site


def measure(browser, url: str, boxes: list[str], viewport: dict) -> tuple[list[float], list[float], list[float], int]:  # type: ignore[no-untyped-def]
    """(ms from each click to the next frame, ms until every card is done, Event Timing's
    duration per interaction, cards)."""
    context = browser.new_context(viewport=viewport)
    context.add_init_script(PROBE)
    page = context.new_page()
    page.goto(url, wait_until="load")  # the scripts have run (a long page can be network-idle while it parses)
    cards = page.locator("[data-intervention]").count()
    # the facet groups start closed on a phone: open them, as the visitor would
    page.evaluate("() => document.querySelectorAll('details[data-hr-facet]').forEach((d) => { d.open = true; })")
    done = 0
    for _ in range(ROUNDS):
        for box in boxes:
            for _ in range(2):  # on, then off
                page.locator(box).click()
                done += 1
                page.wait_for_function("(n) => window.__filterBench.done.length >= n", arg=done)
    probe = page.evaluate("() => window.__filterBench")
    context.close()
    per_interaction: dict[int, float] = {}
    for interaction, duration in probe["events"]:
        per_interaction[interaction] = max(duration, per_interaction.get(interaction, 0))
    return probe["toggles"], probe["done"], list(per_interaction.values()), cards


def main() -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=2000, help="interventions (cloned)")
    parser.add_argument("--site", type=Path, help="a site built before with the clones")
    parser.add_argument("--real", type=Path, help="the real site (default: site/, built when missing)")
    args = parser.parse_args()
    sites = {"cloned": args.site or build(args.count), "real": args.real or our_site()}

    rows = []
    missed = []
    with sync_playwright() as p:
        for kind, site in sites.items():
            with serve_h2(site) as (base_url, spki):
                browser = launch_browser(p, spki)
                for label, (path, boxes) in PAGES.items():
                    for width, viewport in WIDTHS.items():
                        toggles, done, events, cards = measure(browser, base_url + path, boxes, viewport)
                        median = statistics.median(toggles)
                        if kind == "cloned" and median > BUDGET_MS:
                            missed.append(f"{label} ({width})")
                        rows.append(
                            [
                                f"{label} ({width})",
                                cards,
                                len(toggles),
                                f"{median:.1f}",
                                f"{statistics.quantiles(toggles, n=10)[-1]:.1f}",
                                f"{max(toggles):.1f}",
                                f"{statistics.median(done):.0f}",
                                f"{len(events)} of {len(toggles)}"
                                + (f", median {statistics.median(events):.0f}" if events else ""),
                            ]
                        )
                        print(f"  {label} ({width}), {cards} cards: median {median:.1f} ms", flush=True)
                browser.close()
    print()
    print(f"Filter toggle to next frame, Chromium -- {machine()}")
    print(
        table(
            rows,
            [
                "page",
                "cards",
                "toggles",
                "median ms",
                "p90 ms",
                "max ms",
                "all cards done, median ms",
                "Event Timing >= 16 ms",
            ],
        )
    )
    print(
        "The real site's figures are the floor on this machine: the wait for the next frame and the "
        "browser's own work for one click."
    )
    print(
        f"Budget: median at most {BUDGET_MS:.0f} ms (one frame) with {args.count} cards: "
        + ("met" if not missed else f"MISSED on {', '.join(missed)}")
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
