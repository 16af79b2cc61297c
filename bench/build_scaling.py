"""Build time against size: the real site, and the site with its interventions cloned to 200,
1,000 and 5,000 records, each next to a plain mkdocs-material build (navigation.prune, no
plugins, no hooks) of the same pages plus a Pagefind index.

Targets: ours at most 1.5 x the plain build; the cost grows no worse than linearly (each 5 x
more pages costs at most about 5 x the time, and the time per extra page does not rise);
5,000 interventions build in under a minute on the 2-core machine.

- "ours" is `python -m handreiking.cli build` (validation, strict MkDocs build with macros, hooks and
  generated pages, Pagefind), with HANDREIKING_DATA_DIR pointing at a data folder whose
  interventions.yaml holds the clones (unique ids and names; everything else as in data/).
- "plain" gets the same pages as static Markdown: the docs/ folder plus every generated record
  page and open-data file written out beforehand (not timed), then `mkdocs build` and Pagefind.
- Each size is built ``--runs`` times (default 3), ours and plain alternating, and the median of
  each is reported, with the ratio of the medians: on a shared machine one build can take a
  quarter longer than the next, and alternating spreads that over both.

    python bench/build_scaling.py                 # real site, 200, 1000, 5000
    python bench/build_scaling.py 200 1000        # chosen sizes only
    python bench/build_scaling.py --runs 1 5000   # one build each (default: median of 3)
    python bench/build_scaling.py --profile 5000  # where our build spends its time (pyinstrument)
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml
from common import OUT_DIR, PROJECT_ROOT, load_mkdocs_yml, machine, table

DATA_DIR = PROJECT_ROOT / "data"
TARGET_RATIO = 1.5
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


def time_ours(data_dir: Path | None, out: Path) -> float:
    env = dict(ENV)
    if data_dir:
        env["HANDREIKING_DATA_DIR"] = str(data_dir)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "handreiking.cli", "build", "--site-dir", str(out)],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"our build failed:\n{result.stdout[-2000:]}{result.stderr[-3000:]}")
    return elapsed


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


def time_plain(config_file: Path, out: Path) -> float:
    start = time.perf_counter()
    for cmd in (
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(config_file), "--site-dir", str(out)],
        [sys.executable, "-m", "pagefind_bin", "--site", str(out), "--force-language", "nl", "--silent"],
    ):
        result = subprocess.run(cmd, cwd=config_file.parent, env=ENV, capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"plain build failed: {' '.join(cmd)}\n{result.stderr[-3000:]}")
    return time.perf_counter() - start


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
    args = parser.parse_args()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="scaling-", dir=OUT_DIR))
    try:
        if args.profile:
            profile(args.profile, work)
            return 0
        rows: list[dict[str, Any]] = []
        real = len(yaml.safe_load((DATA_DIR / "interventions.yaml").read_text(encoding="utf-8")))
        for count in [None, *args.sizes]:
            label = f"real site ({real})" if count is None else str(count)
            case = work / (label.split()[0] if count is None else str(count))
            data = None if count is None else cloned_data(case / "data", count)
            plain_config = plain_project(case / "plain", data)
            ours_runs: list[float] = []
            plain_runs: list[float] = []
            for run in range(args.runs):
                print(f"  building {label}, run {run + 1} of {args.runs} ...", flush=True)
                ours_runs.append(time_ours(data, case / "ours"))
                plain_runs.append(time_plain(plain_config, case / "plain-site"))
            rows.append(
                {
                    "label": label,
                    "count": count or real,
                    "pages": pages_of(case / "ours"),
                    "plain_pages": pages_of(case / "plain-site"),
                    "ours": statistics.median(ours_runs),
                    "plain": statistics.median(plain_runs),
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
                growth,
                marginal,
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
                "growth vs previous ours (plain)",
                "ms per extra page ours (plain)",
            ],
        )
    )
    problems = [
        f"{r['label']}: ours/plain {r['ours'] / r['plain']:.2f} > {TARGET_RATIO}"
        for r in rows
        if r["ours"] / r["plain"] > TARGET_RATIO
    ]
    problems += [
        f"5000: {r['ours']:.1f} s >= {TARGET_5000_S:.0f} s"
        for r in rows
        if r["count"] == 5000 and r["ours"] >= TARGET_5000_S
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
    print(
        "Targets (ours <= 1.5 x plain, linear growth, 5000 interventions < 60 s): "
        + ("met" if not problems else "MISSED: " + "; ".join(problems))
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
