"""Build time against size: the real site, and the site with its interventions cloned to 200,
1,000 and 5,000 records, each next to a plain mkdocs-material build (navigation.prune, no
plugins, no hooks) of the same pages plus a Pagefind index.

Targets: ours at most 0.5 x the plain build with 1,000 interventions (issue 24) and 1.5 x at the
other sizes; the cost grows no worse than linearly (each 5 x more pages costs at most about 5 x
the time, and the time per extra page does not rise); 5,000 interventions build in under a minute
on the 2-core machine. Under `make serve`, saving a change shows it in the browser within 2 s,
for a docs page and for a data record.

- "ours" is `python -m handreiking.cli build` (validation, strict MkDocs build with macros, hooks and
  generated pages, Pagefind), with HANDREIKING_DATA_DIR pointing at a data folder whose
  interventions.yaml holds the clones (unique ids and names; everything else as in data/).
- "plain" gets the same pages as static Markdown: the docs/ folder plus every generated record
  page and open-data file written out beforehand (not timed), then `mkdocs build` and Pagefind.
- Each size is built ``--runs`` times (default 3), ours and plain alternating, and the median of
  each is reported, with the ratio of the medians: on a shared machine one build can take a
  quarter longer than the next, and alternating spreads that over both.
- Save -> shown (``--serve-runs``, default 3): `make serve` on a copy of the project and plain
  `mkdocs serve` of the plain pages run side by side; a Chromium page of each shows the page; one
  sentence is added to ``docs/samos/kernteam.md`` (plain: the same file), or to the description of
  risk factor B1.1 in ``data/riskfactors.yaml`` (plain: its generated page's Markdown), and the time
  from the save until the open page's text has the sentence (live reload) is taken, alternating.

    python bench/build_scaling.py                 # real site, 200, 1000, 5000
    python bench/build_scaling.py 200 1000        # chosen sizes only
    python bench/build_scaling.py --runs 1 5000   # one build each (default: median of 3)
    python bench/build_scaling.py --profile 5000  # where our build spends its time (pyinstrument)
    python bench/build_scaling.py --serve-runs 0 1000  # builds only, no make serve
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml
from common import OUT_DIR, PROJECT_ROOT, load_mkdocs_yml, machine, table

from handreiking.urls import page_url

DATA_DIR = PROJECT_ROOT / "data"
TARGET_RATIO = 1.5
TARGET_RATIO_1000 = 0.5  # issue 24: the lead at scale, with 1,000 practice examples


def budget(count: int) -> float:
    return TARGET_RATIO_1000 if count == 1000 else TARGET_RATIO


TARGET_5000_S = 60.0
ENV = {**os.environ, "DISABLE_MKDOCS_2_WARNING": "true"}


def cloned_data(target: Path, count: int) -> Path:
    """A copy of data/ with the interventions cloned (cycling through the real ones) to ``count``."""
    shutil.copytree(DATA_DIR, target, ignore=shutil.ignore_patterns("sjablonen"))
    path = target / "interventions.yaml"
    records: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    clones = list(records[:count])
    for k in range(len(records), count):
        base = records[k % len(records)]
        clones.append({**base, "id": f"{base['id']}-kloon-{k}", "naam": f"{base['naam']} (kloon {k})"})
    path.write_text(yaml.safe_dump(clones, allow_unicode=True, sort_keys=False, width=110), encoding="utf-8")
    return target


def pages_of(site: Path) -> int:
    return sum(1 for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "pagefind")


def _children_cpu() -> float:
    """CPU seconds (user + system) of the finished child processes so far (and of theirs)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_ours(data_dir: Path | None, out: Path, engine: str = "mkdocs") -> tuple[float, float]:
    env = dict(ENV)
    if data_dir:
        env["HANDREIKING_DATA_DIR"] = str(data_dir)
    start, cpu_start = time.perf_counter(), _children_cpu()
    result = subprocess.run(
        [sys.executable, "-m", "handreiking.cli", "build", "--engine", engine, "--site-dir", str(out)],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed, cpu = time.perf_counter() - start, _children_cpu() - cpu_start
    if result.returncode != 0:
        sys.exit(f"our build failed:\n{result.stdout[-2000:]}{result.stderr[-3000:]}")
    return elapsed, cpu


def plain_project(work: Path, data_dir: Path | None) -> Path:
    """docs/ plus every generated page and file written out (the core's pre-build step), and a plain mkdocs.yml."""
    env_before = os.environ.get("HANDREIKING_DATA_DIR")
    if data_dir:
        os.environ["HANDREIKING_DATA_DIR"] = str(data_dir)
    try:
        from handreiking import prebuild
        from handreiking.loader import load

        kb = load(data_dir=data_dir)
        docs = work / "docs"
        shutil.copytree(PROJECT_ROOT / "docs", docs)
        prebuild.write(kb, docs)
    finally:
        if env_before is None:
            os.environ.pop("HANDREIKING_DATA_DIR", None)
        else:
            os.environ["HANDREIKING_DATA_DIR"] = env_before
    ours = load_mkdocs_yml()
    plain = {
        "site_name": ours["site_name"],
        "site_url": ours.get("site_url"),
        "docs_dir": str(docs),
        "theme": {"name": "material", "language": "nl", "features": ["navigation.prune"]},
        "plugins": [],  # no search plugin: Pagefind indexes the site, as in ours
        "markdown_extensions": ours.get("markdown_extensions", []),
        "nav": ours.get("nav"),
        "not_in_nav": ours.get("not_in_nav", ""),
        "validation": ours.get("validation", {}),
    }
    config_file = work / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(plain, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config_file


def time_plain(config_file: Path, out: Path) -> tuple[float, float]:
    start, cpu_start = time.perf_counter(), _children_cpu()
    for cmd in (
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(config_file), "--site-dir", str(out)],
        [sys.executable, "-m", "pagefind_bin", "--site", str(out), "--force-language", "nl", "--silent"],
    ):
        result = subprocess.run(cmd, cwd=config_file.parent, env=ENV, capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"plain build failed: {' '.join(cmd)}\n{result.stderr[-3000:]}")
    return time.perf_counter() - start, _children_cpu() - cpu_start


# --------------------------------------------------------------------------- make serve: save -> shown

SERVE_BUDGET_S = 2.0
PROJECT_PARTS = ["docs", "data", "handreiking", "macros", "overrides", "mkdocs.yml"]
DOCS_PAGE = "samos/kernteam.md"  # one sentence added at its end
RISKFACTOR = "B1.1"  # one sentence added to its beschrijving (data/riskfactors.yaml)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def _serving(cmd: list[str], cwd: Path, url: str, log: Path) -> Iterator[None]:
    """A preview server until the block ends, once its first build answers."""
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 600
            while True:
                try:
                    with urllib.request.urlopen(url, timeout=5):
                        break
                except urllib.error.HTTPError:
                    break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        sys.exit(f"preview server did not start:\n{log.read_text(encoding='utf-8')[-3000:]}")
                    time.sleep(0.2)  # polling for the first build (not a measurement)
            yield
        finally:
            server.terminate()
            server.wait(timeout=60)


def _save_to_shown(page: Any, url: str, path: Path, edit: Callable[[str, str], str], label: str) -> float:
    """Seconds from saving ``path`` (changed by ``edit`` with a new sentence) until the open page at
    ``url`` shows that sentence (MkDocs' live reload reloads it after the rebuild)."""
    page.goto(url)
    sentence = f"Meetzin {label} {time.time_ns()}"
    text = edit(path.read_text(encoding="utf-8"), sentence)
    start = time.perf_counter()
    path.write_text(text, encoding="utf-8")
    page.wait_for_function("s => document.body && document.body.innerText.includes(s)", arg=sentence, timeout=120_000)
    return time.perf_counter() - start


def _add_to_docs_page(text: str, sentence: str) -> str:
    return text.rstrip("\n") + f"\n\n{sentence}.\n"


def _add_to_riskfactor(text: str, sentence: str) -> str:
    """The sentence after the first line of the risk factor's beschrijving (a literal block)."""
    start = text.index(f"- id: {RISKFACTOR}\n")
    at = text.index("\n", text.index("  beschrijving: |\n", start) + len("  beschrijving: |\n")) + 1
    return text[:at] + f"    {sentence}.\n" + text[at:]


def time_serve(work: Path, runs: int) -> dict[str, tuple[list[float], list[float]]]:
    """Save -> shown under `make serve` (ours, on a copy of the project) and plain `mkdocs serve`
    (the same pages as static Markdown), for a docs page and a data record; alternating."""
    from playwright.sync_api import sync_playwright

    from handreiking.loader import load

    work = work.resolve()
    ours = work / "serve-ours"
    for part in PROJECT_PARTS:
        src = PROJECT_ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, ours / part)
    plain_config = plain_project(work / "serve-plain", None)
    settings = yaml.safe_load(plain_config.read_text(encoding="utf-8"))
    settings["site_url"] = None  # `mkdocs serve` at /, as ours
    plain_config.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    record = next(r for r in load().riskfactors if r.id == RISKFACTOR)
    cases = {
        "docs page": (
            DOCS_PAGE,
            ours / "docs" / DOCS_PAGE,
            _add_to_docs_page,
            plain_config.parent / "docs" / DOCS_PAGE,
        ),
        "data record": (
            record.src_uri,
            ours / "data" / "riskfactors.yaml",
            _add_to_riskfactor,
            plain_config.parent / "docs" / record.src_uri,
        ),
    }
    results: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in cases}
    port_ours, port_plain = _free_port(), _free_port()
    url_ours, url_plain = f"http://127.0.0.1:{port_ours}/", f"http://127.0.0.1:{port_plain}/"
    ours_cmd = [sys.executable, "-m", "handreiking.cli", "serve", "--port", str(port_ours)]
    plain_cmd = [sys.executable, "-m", "mkdocs", "serve", "-f", str(plain_config), "-a", f"127.0.0.1:{port_plain}"]
    from tests.browser import LAUNCH_ARGS, find_chromium

    with (
        _serving(ours_cmd, ours, url_ours, work / "serve-ours.log"),
        _serving(plain_cmd, plain_config.parent, url_plain, work / "serve-plain.log"),
        sync_playwright() as pw,
    ):
        browser = pw.chromium.launch(headless=True, executable_path=find_chromium(), args=LAUNCH_ARGS)
        try:
            page = browser.new_page()
            for run in range(runs):
                for name, (src_uri, our_file, edit, plain_file) in cases.items():
                    print(f"  make serve: {name}, run {run + 1} of {runs} ...", flush=True)
                    address = page_url(src_uri)
                    results[name][0].append(_save_to_shown(page, url_ours + address, our_file, edit, "ours"))
                    results[name][1].append(
                        _save_to_shown(page, url_plain + address, plain_file, _add_to_docs_page, "plain")
                    )
        finally:
            browser.close()
    return results


def profile(count: int, work: Path) -> None:
    try:
        import pyinstrument  # noqa: F401
    except ImportError:
        sys.exit(
            "pyinstrument is not installed; e.g. `python -m pip install --target /tmp/pyinstrument pyinstrument` "
            "and run with PYTHONPATH=/tmp/pyinstrument"
        )
    data = cloned_data(work / "data", count)
    env = {**ENV, "HANDREIKING_DATA_DIR": str(data)}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pyinstrument",
            "-r",
            "text",
            "-o",
            str(work / "profile.txt"),
            "-m",
            "mkdocs",
            "build",
            "--quiet",
            "--config-file",
            str(PROJECT_ROOT / "mkdocs.yml"),
            "--site-dir",
            str(work / "site"),
        ],
        cwd=PROJECT_ROOT,
        env=env,
        check=True,
    )
    text = (work / "profile.txt").read_text(encoding="utf-8")
    print(text[:12000])
    print(f"(full profile: {work / 'profile.txt'})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[200, 1000, 5000])
    parser.add_argument("--runs", type=int, default=3, help="builds per size, ours and plain alternating (median)")
    parser.add_argument("--profile", type=int, metavar="N", help="profile our build with N interventions")
    parser.add_argument(
        "--serve-runs", type=int, default=3, help="saves per case under make serve and mkdocs serve (0: none)"
    )
    args = parser.parse_args()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="scaling-", dir=OUT_DIR))
    try:
        if args.profile:
            profile(args.profile, work)
            return 0
        serve = time_serve(work, args.serve_runs) if args.serve_runs else {}
        rows: list[dict[str, Any]] = []
        real = len(yaml.safe_load((DATA_DIR / "interventions.yaml").read_text(encoding="utf-8")))
        for count in [None, *args.sizes]:
            label = f"real site ({real})" if count is None else str(count)
            case = work / (label.split()[0] if count is None else str(count))
            data = None if count is None else cloned_data(case / "data", count)
            plain_config = plain_project(case / "plain", data)
            ours_runs: list[float] = []
            plain_runs: list[float] = []
            zensical_runs: list[float] = []  # the whole site on Zensical (make build ENGINE=zensical)
            ours_cpu: list[float] = []
            plain_cpu: list[float] = []
            for run in range(args.runs):
                print(f"  building {label}, run {run + 1} of {args.runs} ...", flush=True)
                for runs, cpus, (wall, cpu) in (
                    (ours_runs, ours_cpu, time_ours(data, case / "ours")),
                    (plain_runs, plain_cpu, time_plain(plain_config, case / "plain-site")),
                ):
                    runs.append(wall)
                    cpus.append(cpu)
                zensical_runs.append(time_ours(data, case / "zensical", engine="zensical")[0])
            rows.append(
                {
                    "label": label,
                    "count": count or real,
                    "pages": pages_of(case / "ours"),
                    "plain_pages": pages_of(case / "plain-site"),
                    "ours": statistics.median(ours_runs),
                    "plain": statistics.median(plain_runs),
                    "zensical": statistics.median(zensical_runs),
                    "ours_cpu": statistics.median(ours_cpu),
                    "plain_cpu": statistics.median(plain_cpu),
                    "ours_range": f"{min(ours_runs):.1f}-{max(ours_runs):.1f}",
                    "plain_range": f"{min(plain_runs):.1f}-{max(plain_runs):.1f}",
                }
            )
            shutil.rmtree(case, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    out = []
    for i, r in enumerate(rows):
        growth = marginal = ""
        if i > 1:  # against the previous clone size (5 x more interventions)
            prev = rows[i - 1]
            growth = f"{r['ours'] / prev['ours']:.2f} ({r['plain'] / prev['plain']:.2f})"
            marginal = (
                f"{(r['ours'] - prev['ours']) / (r['pages'] - prev['pages']) * 1000:.1f} "
                f"({(r['plain'] - prev['plain']) / (r['plain_pages'] - prev['plain_pages']) * 1000:.1f})"
            )
        out.append(
            [
                r["label"],
                r["pages"],
                r["plain_pages"],
                f"{r['ours']:.1f}",
                r["ours_range"],
                f"{r['plain']:.1f}",
                r["plain_range"],
                f"{r['ours'] / r['plain']:.2f}",
                f"{r['zensical']:.1f}",
                f"{r['zensical'] / r['plain']:.2f}",
                growth,
                marginal,
                f"{r['ours_cpu']:.1f}",
                f"{r['plain_cpu']:.1f}",
                f"{r['ours_cpu'] / r['plain_cpu']:.2f}",
            ]
        )
    print()
    print(f"Build time (wall clock, seconds; median of {args.runs}, ours and plain alternating) -- {machine()}")
    print(
        table(
            out,
            [
                "interventions",
                "pages",
                "plain pages",
                "ours s",
                "range",
                "plain s",
                "range",
                "ours/plain",
                "zensical s",
                "zensical/plain",
                "growth vs previous ours (plain)",
                "ms per extra page ours (plain)",
                "ours CPU s",
                "plain CPU s",
                "CPU ours/plain",
            ],
        )
    )
    problems = [
        f"{r['label']}: ours/plain {r['ours'] / r['plain']:.2f} > {budget(r['count'])}"
        for r in rows
        if r["ours"] / r["plain"] > budget(r["count"])
    ]
    problems += [
        f"5000: {r['ours']:.1f} s >= {TARGET_5000_S:.0f} s"
        for r in rows
        if r["count"] == 5000 and r["ours"] >= TARGET_5000_S
    ]
    problems += [
        f"5000 on Zensical: {r['zensical']:.1f} s >= {TARGET_5000_S:.0f} s"
        for r in rows
        if r["count"] == 5000 and r["zensical"] >= TARGET_5000_S
    ]
    clones = rows[1:]
    marginals = [
        (b, (b["ours"] - a["ours"]) / (b["pages"] - a["pages"])) for a, b in zip(clones, clones[1:], strict=False)
    ]
    for (_, before), (r, after) in zip(marginals, marginals[1:], strict=False):
        if after > 1.5 * before:  # an extra page costs more the more pages there are: super-linear
            problems.append(
                f"up to {r['label']}: super-linear ({after * 1000:.1f} ms per extra page, "
                f"{before * 1000:.1f} ms before)"
            )
    if serve:
        print()
        print(
            f"make serve: save -> the page shows the change (seconds; median of {args.serve_runs}, ours and plain "
            "`mkdocs serve` of the same pages alternating)"
        )
        serve_rows = []
        for name, (ours_s, plain_s) in serve.items():
            mine, theirs = statistics.median(ours_s), statistics.median(plain_s)
            serve_rows.append(
                [
                    name,
                    f"{mine:.2f}",
                    f"{min(ours_s):.2f}-{max(ours_s):.2f}",
                    f"{theirs:.2f}",
                    f"{min(plain_s):.2f}-{max(plain_s):.2f}",
                    f"{mine / theirs:.2f}",
                ]
            )
            if mine > SERVE_BUDGET_S:
                problems.append(f"make serve, {name}: {mine:.2f} s > {SERVE_BUDGET_S:.0f} s")
        print(table(serve_rows, ["saved", "ours s", "range", "plain s", "range", "ours/plain"]))
    print(
        f"Budgets (ours <= {TARGET_RATIO_1000} x plain at 1000 interventions and <= {TARGET_RATIO} x at the other "
        f"sizes, linear growth, 5000 interventions < {TARGET_5000_S:.0f} s, make serve save -> shown <= "
        f"{SERVE_BUDGET_S:.0f} s): " + ("met" if not problems else "MISSED: " + "; ".join(problems))
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
