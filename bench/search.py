"""Benchmark: the first search with Pagefind (this site) against mkdocs-material's built-in
search on the same content, measured side by side in one run.

Prints, for each: bytes over the wire (compressed sizes as sent by a gzip-capable server) on the
page view before searching, the extra bytes until the first results show, the index size on disk,
and the time from typing to the first results (median of several runs); then the ratios.

Run: `.venv/bin/python bench/search.py` (needs the project installed and Chromium; `make bench`).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from handreiking.localserver import serve  # noqa: E402
from tests.browser import launch  # noqa: E402

QUERY = "kernteam"
RUNS = 5


def build_sites(work: Path) -> tuple[Path, Path]:
    ours = work / "pagefind-site"
    subprocess.run(
        [sys.executable, "-m", "handreiking.cli", "build", "--site-dir", str(ours)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    # The same project with mkdocs-material's own search plugin and its own header.
    copy = work / "builtin"
    for part in ["docs", "data", "handreiking", "macros", "overrides", "mkdocs.yml"]:
        src = ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, copy / part)
    (copy / "overrides" / "partials" / "header.html").unlink()
    config = (copy / "mkdocs.yml").read_text(encoding="utf-8").replace("plugins:\n", "plugins:\n  - search\n", 1)
    (copy / "mkdocs.yml").write_text(config, encoding="utf-8")
    builtin = work / "builtin-site"
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(builtin)],
        cwd=copy,
        check=True,
        capture_output=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"},
    )
    return ours, builtin


def dir_size(path: Path, pattern: str = "*") -> int:
    return sum(p.stat().st_size for p in path.rglob(pattern) if p.is_file())


def measure(browser, url: str, kind: str) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Bytes over the wire (headers and compressed bodies) of every request, the search worker's
    included, on the page view and then until the first results show."""
    context = browser.new_context()
    page = context.new_page()
    sizes: list[int] = []

    def finished(request) -> None:  # type: ignore[no-untyped-def]
        s = request.sizes()
        sizes.append(s["responseBodySize"] + s["responseHeadersSize"])

    context.on("requestfinished", finished)
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(500)
    before = sum(sizes)
    start = time.perf_counter()
    if kind == "pagefind":
        page.keyboard.press("/")
        page.get_by_label("Zoek in de handreiking").type(QUERY)
        page.locator(".hr-result").first.wait_for()
    else:
        page.locator("input.md-search__input").click()
        page.locator("input.md-search__input").type(QUERY)
        page.locator(".md-search-result__item").first.wait_for()
    elapsed = (time.perf_counter() - start) * 1000
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    after = sum(sizes)
    context.close()
    return {"page_view": before, "search": after - before, "total": after, "ms": elapsed}


def main() -> int:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        ours, builtin = build_sites(Path(tmp))
        index = {
            "pagefind": dir_size(ours / "pagefind"),
            "builtin": (builtin / "search" / "search_index.json").stat().st_size,
        }
        results: dict[str, list[dict[str, float]]] = {"pagefind": [], "builtin": []}
        # gzip-compressed on the fly when the browser accepts it, as a real host would
        with serve(ours, gzip=True) as pagefind, serve(builtin, gzip=True) as other, sync_playwright() as p:
            urls = {"pagefind": pagefind, "builtin": other}
            browser = launch(p)
            for _ in range(RUNS):  # interleaved, so both see the same machine load
                for kind in ("pagefind", "builtin"):
                    results[kind].append(measure(browser, urls[kind], kind))
            browser.close()

    med = {k: {m: statistics.median(r[m] for r in v) for m in v[0]} for k, v in results.items()}
    print(f"First search for {QUERY!r} on the home page, {RUNS} interleaved runs (median), gzip on the wire")
    print(f"{'':24}{'Pagefind':>14}{'built-in':>14}{'ratio':>10}")
    rows = [
        ("bytes on page view", "page_view"),
        ("bytes for the search", "search"),
        ("bytes total", "total"),
        ("ms to first results", "ms"),
    ]
    for label, key in rows:
        a, b = med["pagefind"][key], med["builtin"][key]
        ratio = f"{a / b:.2f}" if b else "-"
        print(f"{label:24}{a:>14,.0f}{b:>14,.0f}{ratio:>10}")
    print(
        f"{'index size on disk':24}{index['pagefind']:>14,}{index['builtin']:>14,}"
        f"{index['pagefind'] / index['builtin']:>10.2f}"
    )
    print("(Pagefind's index is split in fragments: a search downloads only the ones it needs.)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
