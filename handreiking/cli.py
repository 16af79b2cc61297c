"""Command line: ``python -m handreiking.cli check`` validates the data; ``build`` validates, builds
the site strictly (with the Pagefind index) into a temporary folder and only then replaces
``site/``, so a failed build leaves the previous site untouched; ``schemas`` writes the data files'
JSON Schemas into ``schemas/`` (:mod:`handreiking.schemas`); ``serve`` runs the live-reload preview
(``macros/serve.py``, MkDocs' server that shows a failed build's messages in the browser).

Editors' errors are printed in Dutch, one line each; never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import edition, enginefailure, schemas, zensical
from .check import check_all, report
from .links import found
from .loader import KnowledgeBaseError, Problem, load
from .paths import DATA_DIR, DOCS_DIR, PROJECT_ROOT

# The engines that build the site: MkDocs (the default) and its successor Zensical (handreiking/zensical.py).
ENGINES = ("mkdocs", "zensical")


def summary(heading: str, lines: list[str]) -> None:
    """A section of the pull request check's summary (``$GITHUB_STEP_SUMMARY``), when there is one."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(f"### {heading}\n\n" + ("```\n" + "\n".join(lines) + "\n```\n\n" if lines else ""))


def check(github: bool = False, data_dir: Path | None = None) -> int:
    """The data, the old addresses and the pages, every problem at once (:func:`handreiking.check.check_all`)."""
    own = Path(os.environ.get("HANDREIKING_DATA_DIR") or DATA_DIR)
    kb, problems = check_all(Path(data_dir or own), DOCS_DIR, pages=data_dir is None)
    if problems:
        text = report(problems)
        print(text, file=sys.stderr)
        if github:
            for problem in problems:
                print(problem.github())
            summary(f"Controle: {text.splitlines()[0].rstrip(':')}", text.splitlines()[1:])
        return 1
    assert kb is not None
    print(
        f"Gegevens en pagina's in orde: {len(kb.interventions)} interventies, {len(kb.riskfactors)} risicofactoren, "
        f"{len(kb.partners)} partners, {len(kb.stadia)} stadia."
    )
    if github:
        summary("Controle: geen fouten in de gegevens en de pagina's", [])
    # A new value in a vocabulary (a partner, an example's id): the editors' schemas follow at once
    # (the national data's; an edition's examples are not part of them). They describe the
    # project's own data/: a data folder from elsewhere (a benchmark's clones, --data-dir) leaves
    # them alone.
    ours = Path(data_dir or own).resolve() == DATA_DIR.resolve() and schemas.SCHEMA_DIR.is_dir()
    changed = schemas.write(kb) if ours and edition.find() is None else []
    if changed:
        print(
            f"Bijgewerkt: {', '.join(f'schemas/{name}' for name in changed)} (de hulp in de editor kent nu de "
            "nieuwe waarden); deze bestanden horen bij uw wijziging."
        )
    return 0


def write_schemas() -> int:
    """Regenerates ``schemas/`` from the model and the vocabularies (after a new partner, handeling ...)."""
    try:
        kb = load(DATA_DIR, DOCS_DIR)
    except KnowledgeBaseError as exc:
        print(exc.report(), file=sys.stderr)
        print("Schema's niet bijgewerkt: los eerst de fouten op.", file=sys.stderr)
        return 1
    changed = schemas.write(kb)
    print(
        f"Bijgewerkt: {', '.join(f'schemas/{name}' for name in changed)}" if changed else "Schema's waren al actueel."
    )
    return 0


def source_date_epoch() -> str | None:
    """The build's date for MkDocs (the sitemap's ``lastmod``, the gzip header of sitemap.xml.gz):
    ``$SOURCE_DATE_EPOCH`` if set, else the time of the last commit, so that two builds of one
    commit are byte-identical whatever day they run (https://reproducible-builds.org/)."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=PROJECT_ROOT, capture_output=True, text=True)
    except OSError:  # no git: the build date is today's
        return None
    stamp = result.stdout.strip()
    return stamp if result.returncode == 0 and stamp.isdigit() else None


def engine_build(config: Path, site_dir: Path, log: Path, github: bool = False) -> bool:
    """The strict build as its own process (the engine is a command this package calls, not a
    library it imports): ``macros/build.py``, MkDocs' build with the editors' terminal (Dutch lines
    only). With ``github`` every message with a place also becomes an annotation on its line, and
    the build's messages go into the check's summary. An unexpected error of MkDocs' own is one
    Dutch line, its traceback kept in ``log``. False when the build failed."""
    cmd = [sys.executable, "-m", "macros.build", "--config-file", str(config), "--site-dir", str(site_dir)]
    cmd += ["--log", str(log)]
    with subprocess.Popen(cmd, cwd=config.parent, stderr=subprocess.PIPE, text=True, encoding="utf-8") as run:
        assert run.stderr is not None
        lines = []
        for line in run.stderr:
            print(line, end="", file=sys.stderr, flush=True)
            lines.append(line.rstrip("\n"))
    if github:
        for line in lines:
            problem = Problem.parse(line)
            if problem is not None:
                print(problem.github())
        if run.returncode != 0:
            summary("Bouwen: mislukt", lines)
    return run.returncode == 0


def serve(config: Path, host: str, port: int, engine: str = "mkdocs") -> int:
    """The preview with live reload: this process becomes the engine's dev server (``macros/serve.py``;
    like the build, the engine is a command), so Ctrl+C and signals reach it directly. With
    Zensical: the site built once into ``site/`` and served as it is (no live reload yet)."""
    if engine == "zensical":
        if build(PROJECT_ROOT / "site", config, engine=engine) != 0:
            return 1
        print(
            f"Gebouwd met Zensical (ververst niet vanzelf: make serve opnieuw na een wijziging): http://{host}:{port}/"
        )
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(PROJECT_ROOT / "site"))
        with contextlib.suppress(KeyboardInterrupt), http.server.ThreadingHTTPServer((host, port), handler) as server:
            server.serve_forever()
        return 0
    os.environ.update({"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"})
    cmd = [sys.executable, "-m", "macros.serve", "--config-file", str(config), "--host", host, "--port", str(port)]
    os.chdir(PROJECT_ROOT)
    os.execv(sys.executable, cmd)
    return 1  # not reached


def build(site_dir: Path, config: Path, github: bool = False, engine: str = "mkdocs") -> int:
    if check(github) != 0:
        print("Niet gebouwd: verbeter eerst de fouten hierboven; de vorige site is niet aangeraakt.", file=sys.stderr)
        return 1
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-", dir=site_dir.parent))
    try:
        # Quiet the theme's and plugins' end-of-life banners in every build log (see README).
        os.environ.update({"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"})
        epoch = source_date_epoch()
        if epoch:
            os.environ["SOURCE_DATE_EPOCH"] = epoch
        os.environ[found.RECORD_ENV] = str(found.record_file(tmp))  # the pages' links, for the link check
        log = enginefailure.log_file(site_dir, engine)  # the engine's output when it stops on its own error
        if engine == "zensical":
            with tempfile.TemporaryDirectory(prefix=".zensical-", dir=site_dir.parent) as work:
                ok = zensical.build(load(), config, tmp, Path(work), log)
        else:
            ok = engine_build(config, tmp, log, github)
        if not ok or not (tmp / "index.html").exists() or not (tmp / "pagefind" / "pagefind.js").exists():
            print("Bouwen mislukt: verbeter de fouten hierboven; de vorige site is niet aangeraakt.", file=sys.stderr)
            return 1
        old = site_dir.with_name(f".{site_dir.name}-old")
        if old.exists():
            shutil.rmtree(old)
        if site_dir.exists():
            site_dir.rename(old)
        tmp.rename(site_dir)
        if found.record_file(tmp).exists():  # the MkDocs hook's list of links (handreiking/links)
            found.record_file(tmp).replace(found.record_file(site_dir))
        shutil.rmtree(old, ignore_errors=True)
        log.unlink(missing_ok=True)  # an earlier failure's
        print(f"Site gebouwd in {site_dir}")
        if github:
            summary("Bouwen: gelukt", [])
        return 0
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
        found.record_file(tmp).unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m handreiking.cli", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p_check = sub.add_parser("check", help="valideer de gegevens in data/")
    p_check.add_argument("--github", action="store_true", help="meld fouten ook als GitHub-annotaties")
    p_check.add_argument(
        "--data-dir", type=Path, default=None, help="controleer deze map met gegevens op zichzelf (zonder de pagina's)"
    )
    p_build = sub.add_parser("build", help="valideer en bouw de site (met zoekindex)")
    p_build.add_argument("--site-dir", type=Path, default=PROJECT_ROOT / "site")
    p_build.add_argument("--config-file", type=Path, default=PROJECT_ROOT / "mkdocs.yml")
    p_build.add_argument(
        "--github", action="store_true", help="meld fouten ook als GitHub-annotaties en in de samenvatting"
    )
    sub.add_parser("schemas", help="schrijf de JSON Schema's van de gegevensbestanden in schemas/")
    p_serve = sub.add_parser("serve", help="bekijk de site met verversen bij elke wijziging; fouten in de browser")
    p_serve.add_argument("--host", default="127.0.0.1")
    p_serve.add_argument("--port", type=int, default=8000)
    p_serve.add_argument("--config-file", type=Path, default=PROJECT_ROOT / "mkdocs.yml")
    for command in (p_check, p_build, p_serve):
        command.add_argument(
            "--editie",
            default=None,
            help="een editie van een gemeente (map onder edities/ of een pad), over de landelijke",
        )
    for p in (p_build, p_serve):
        p.add_argument(
            "--engine",
            choices=ENGINES,
            default=os.environ.get("ENGINE") or ENGINES[0],
            help="bouw met MkDocs (standaard) of met Zensical, de opvolger (ook: ENGINE=zensical)",
        )
    args = parser.parse_args(argv)
    if getattr(args, "editie", None):  # the hooks, the macros and the check read it (handreiking/edition.py)
        os.environ[edition.ENV] = args.editie
    if args.command == "check":
        return check(args.github, args.data_dir)
    if args.command == "schemas":
        return write_schemas()
    if args.command == "serve":
        return serve(args.config_file.resolve(), args.host, args.port, args.engine)
    return build(args.site_dir, args.config_file.resolve(), args.github, args.engine)


if __name__ == "__main__":
    sys.exit(main())
