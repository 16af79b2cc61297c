"""Where a filter click's time goes, robust on a shared machine: the renderer's main-thread CPU
time (the DevTools trace's thread time, which waiting for a core does not inflate) from the
pointerdown on a checkbox's label to the next frame (requestAnimationFrame, then a task) and to
every card settled (no aria-busy), on a fresh page, for several builds of the site side by side;
and the main phases of the first click (style, layout, pre-paint, ... summed, nested ones too).
A tool for trying changes (bench/README.md, "Filters at scale"), not a budget.

    # each VARIANT a built site in ROOT/VARIANT (copies with one file changed: cp -al, then
    # cp --remove-destination the changed file)
    python bench/filters_trace.py ROOT VARIANT [VARIANT ...] [--reps 2] [--page overview|riskfactors]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
from pathlib import Path

from common import launch_browser, serve_h2
from playwright.sync_api import sync_playwright

PROBE = """
(() => {
  const p = (window.__p = { armed: false, n: 0 });
  const afterFrame = (then) => requestAnimationFrame(() => setTimeout(then, 0));
  addEventListener("pointerdown", () => { if (p.armed) performance.mark("down"); }, true);
  addEventListener("click", (e) => {
    if (!p.armed || !e.target.matches("input[type=checkbox]")) return;
    afterFrame(() => {
      performance.mark("frame");
      const done = () => document.querySelector("[aria-busy=true]") ? afterFrame(done) : (performance.mark("settled"), p.n++);
      done();
    });
  }, true);
})();
"""
CATS = ["devtools.timeline", "blink.user_timing", "toplevel"]
PHASES = (
    "UpdateLayoutTree",
    "Layout",
    "PrePaint",
    "Paint",
    "EventDispatch",
    "FunctionCall",
    "Commit",
    "IntersectionObserverController::computeIntersections",
    "HitTest",
)


def analyse(path):  # type: ignore[no-untyped-def]
    """(CPU ms to the frame, CPU ms to settled, wall ms to the frame, wall ms to settled, phases)."""
    ev = json.loads(Path(path).read_text(encoding="utf-8"))
    ev = ev["traceEvents"] if isinstance(ev, dict) else ev
    marks = {}
    for e in ev:
        if (
            e.get("cat", "").startswith("blink.user_timing")
            and e["name"] in ("down", "frame", "settled")
            and e["name"] not in marks
        ):
            marks[e["name"]] = (e["ts"], e["pid"], e["tid"])
    _, pid, tid = marks["down"]
    tasks = [
        e
        for e in ev
        if e["pid"] == pid
        and e["tid"] == tid
        and e.get("ph") == "X"
        and e["name"] in ("RunTask", "ThreadControllerImpl::RunTask")
    ]
    # top-level only
    tasks.sort(key=lambda e: e["ts"])
    top = []
    end = -1
    for t in tasks:
        if t["ts"] >= end:
            top.append(t)
            end = t["ts"] + t["dur"]

    def cpu(a, b):
        return sum(t.get("tdur", t["dur"]) for t in top if t["ts"] + t["dur"] > a and t["ts"] < b) / 1000

    d, f, s = marks["down"][0], marks["frame"][0], marks["settled"][0]
    # what inside: sum by name between down and frame
    by = {}
    for e in ev:
        if (
            e["pid"] == pid
            and e["tid"] == tid
            and e.get("ph") == "X"
            and d - 50000 < e["ts"] < f
            and e["name"] in PHASES
        ):
            by[e["name"]] = by.get(e["name"], 0) + e.get("tdur", e["dur"]) / 1000
    return cpu(d, f), cpu(d, s), (f - d) / 1000, (s - d) / 1000, by


def measure(browser, url, width, page_kind, tmp):  # type: ignore[no-untyped-def]
    """Two clicks on the label of one box on a fresh page (on, then off), each traced."""
    vp = {"width": width, "height": 844 if width < 900 else 800}
    ctx = browser.new_context(viewport=vp)
    ctx.add_init_script(PROBE)
    page = ctx.new_page()
    page.goto(url, wait_until="load")
    if page_kind == "overview":
        label = page.locator("label.hr-check", has=page.locator('input[name=handeling][value="preventie"]'))
        if width < 900:
            page.locator("details[data-hr-facet]", has=label).locator("summary").click()
    else:
        label = page.locator("label", has=page.locator('input[name=rf][value="B1.1"]'))
    label.scroll_into_view_if_needed()
    label.bounding_box()
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 100)))")
    page.evaluate("() => { window.__p.armed = true; }")
    out = []
    for n in (1, 2):
        browser.start_tracing(page=page, path=tmp, categories=CATS)
        label.click()
        page.wait_for_function("(n) => window.__p.n >= n", arg=n)
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 20)))")
        browser.stop_tracing()
        out.append(analyse(tmp))
        page.evaluate("() => performance.clearMarks()")
    ctx.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("root", type=Path)
    parser.add_argument("variants", nargs="+")
    parser.add_argument("--reps", type=int, default=2)
    parser.add_argument("--page", default="overview", choices=["overview", "riskfactors"])
    parser.add_argument("--widths", default="390,1280")
    args = parser.parse_args()
    path = "praktijkvoorbeelden/" if args.page == "overview" else "risicofactoren/"
    results: dict[tuple[str, int], list] = {}
    fd, tmp = tempfile.mkstemp(suffix=".json")
    os.close(fd)
    try:
        with sync_playwright() as pw, serve_h2(args.root) as (base, spki):
            browser = launch_browser(pw, spki)
            for _ in range(args.reps):
                for width in map(int, args.widths.split(",")):
                    for variant in args.variants:  # side by side
                        url = f"{base}{variant}/{path}"
                        results.setdefault((variant, width), []).append(measure(browser, url, width, args.page, tmp))
            browser.close()
    finally:
        os.unlink(tmp)
    print("variant  width | click 1: CPU to frame, CPU to settled, wall to frame, wall to settled (ms) | click 2: same")
    for (variant, width), runs in results.items():
        cells = [statistics.median(r[click][j] for r in runs) for click in (0, 1) for j in range(4)]
        first = " ".join(f"{c:6.1f}" for c in cells[:4])
        second = " ".join(f"{c:6.1f}" for c in cells[4:])
        print(f"{variant:12} {width:5} | {first} | {second}")
        print("      phases of the last first click:", {k: round(x, 1) for k, x in runs[-1][0][4].items()})


if __name__ == "__main__":
    main()
