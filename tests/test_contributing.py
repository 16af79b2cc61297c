"""What the editors' guide (CONTRIBUTING.md) and the dev container promise holds: its links and
anchors resolve, the files it names exist, the checks it names are the jobs GitHub shows, who it
says reviews a file is who CODEOWNERS asks; the dev container installs and serves through make
targets that exist, on the port `make serve` listens on; installing prints no deprecation warnings."""

from __future__ import annotations

import json
import os
import re
import subprocess
from typing import Any

import pytest
import yaml

from tests.conftest import PROJECT_ROOT

CONTRIBUTING = PROJECT_ROOT / "CONTRIBUTING.md"
DEVCONTAINER = PROJECT_ROOT / ".devcontainer" / "devcontainer.json"
WORKFLOWS = PROJECT_ROOT / ".github" / "workflows"
CODEOWNERS = PROJECT_ROOT / ".github" / "CODEOWNERS"
EDITORS, DEVELOPERS = "@verwey-jonker/redactie", "@verwey-jonker/ontwikkeling"

# --------------------------------------------------------------------------- helpers

# A JSON string (kept), a comment or a trailing comma (dropped): JSON with comments, as VS Code
# reads devcontainer.json.
_JSONC = re.compile(r'"(?:\\.|[^"\\])*"|//[^\n]*|/\*.*?\*/|,(?=\s*[}\]])', re.S)


def read_jsonc(text: str) -> Any:
    return json.loads(_JSONC.sub(lambda m: m.group(0) if m.group(0).startswith('"') else "", text))


def make_targets() -> set[str]:
    text = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z][\w.-]*)\s*:(?!=)", text, re.M))


def guide() -> str:
    return CONTRIBUTING.read_text(encoding="utf-8")


def prose(markdown: str) -> str:
    """The Markdown without its fenced code blocks."""
    return re.sub(r"^```.*?^```", "", markdown, flags=re.M | re.S)


def github_anchors(markdown: str) -> set[str]:
    """The anchors GitHub gives the headings: lower case, punctuation dropped, spaces as hyphens;
    a repeated heading gets -1, -2 ..."""
    seen: dict[str, int] = {}
    anchors = set()
    for heading in re.findall(r"^#{1,6} +(.+?) *#*$", prose(markdown), re.M):
        text = re.sub(r"`([^`]*)`", r"\1", heading).strip().lower()
        slug = re.sub(r"[^\w\- ]", "", text).replace(" ", "-")
        anchors.add(f"{slug}-{seen[slug]}" if slug in seen else slug)
        seen[slug] = seen.get(slug, 0) + 1
    return anchors


def owners(path: str) -> list[str]:
    """Who CODEOWNERS asks to review ``path`` (the last matching line wins)."""
    found: list[str] = []
    for line in CODEOWNERS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, *who = line.split()
        anchored = pattern.startswith("/")
        pattern = pattern.lstrip("/")
        if pattern.endswith("/"):
            hit = path.startswith(pattern) if anchored else f"/{pattern}" in f"/{path}"
        else:
            hit = path == pattern if anchored else path.rsplit("/", 1)[-1] == pattern
        if hit:
            found = who
    return found


def pull_request_jobs() -> dict[str, str]:
    """Each check a pull request shows, as GitHub names it ("<workflow> / <job>") -> its file."""
    checks = {}
    for path in sorted(WORKFLOWS.glob("*.yml")):
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true
        if "pull_request" not in (triggers if isinstance(triggers, (dict, list)) else [triggers]):
            continue
        for job_id, job in workflow["jobs"].items():
            if "!= 'pull_request'" in str(job.get("if", "")):
                continue  # never runs for a pull request
            checks[f"{workflow.get('name', path.stem)} / {job.get('name', job_id)}"] = path.name
    return checks


# --------------------------------------------------------------------------- CONTRIBUTING.md


def test_links_and_anchors_in_the_guide_resolve() -> None:
    text = re.sub(r"`[^`\n]*`", "", prose(guide()))  # examples in code are no links
    anchors = github_anchors(guide())
    links = re.findall(r"\]\(([^)\s]+)\)", text)
    assert len(links) >= 8, links
    broken = []
    for target in links:
        if re.match(r"[a-z]+:", target):
            continue  # https:, mailto:
        path, _, anchor = target.partition("#")
        if path and not (PROJECT_ROOT / path).exists():
            broken.append(target)
            continue
        if not path:
            known: set[str] | None = anchors
        elif path.endswith(".md"):
            known = github_anchors((PROJECT_ROOT / path).read_text(encoding="utf-8"))
        else:
            known = None  # no anchors to check in other files
        if anchor and known is not None and anchor not in known:
            broken.append(target)
    assert not broken, f"links in CONTRIBUTING.md that lead nowhere: {broken}; anchors: {sorted(anchors)}"


def test_github_anchors_as_github_makes_them() -> None:
    """The anchor rule above, on headings of the guide's kind (the test of the test)."""
    assert github_anchors(
        "## 6. Hulp van de editor (schema's)\n## 5.1 `make serve` thuis\n## 5.1 make serve thuis"
    ) == {
        "6-hulp-van-de-editor-schemas",
        "51-make-serve-thuis",
        "51-make-serve-thuis-1",
    }


def test_files_the_guide_names_exist() -> None:
    """Every repository path in backticks (without placeholders such as <id> or …) exists."""
    top = {p.name for p in PROJECT_ROOT.iterdir()}
    named = [
        token
        for token in re.findall(r"`([^`\n]+)`", prose(guide()))
        if token.split("/", 1)[0] in top and not re.search(r"[<>…*\s:]", token)
    ]
    assert "data/doorverwijzingen.yaml" in named and ".devcontainer/devcontainer.json" in named
    missing = [token for token in named if not (PROJECT_ROOT / token).exists()]
    assert not missing, missing


def test_every_copy_me_template_is_in_the_guide() -> None:
    templates = sorted((PROJECT_ROOT / "data" / "sjablonen").glob("*.yaml"))
    assert templates
    for template in templates:
        assert f"`data/sjablonen/{template.name}`" in guide(), template.name


def test_the_make_targets_the_guide_names_exist() -> None:
    named = set(re.findall(r"`make (\w+)", guide()))
    assert {"serve", "check", "build"} <= named
    assert named <= make_targets(), named - make_targets()


def test_the_guide_names_every_check_of_a_pull_request_as_github_shows_it() -> None:
    checks = pull_request_jobs()
    assert "Pull request / Gegevens en bouw" in checks and "Pull request / Tests" in checks
    text = guide()
    missing = [name for name in checks if f"**{name}**" not in text]
    assert not missing, f"checks of a pull request that CONTRIBUTING.md (chapter 7) does not name: {missing}"
    table = text.split("### Bij een pull request", 1)[1].split("\n### ", 1)[0]
    named = re.findall(r"^\| \*\*(.+?)\*\* \|", table, re.M)
    assert sorted(named) == sorted(checks), "the table of checks names a job no workflow has"


def test_who_reviews_a_file_is_who_codeowners_asks() -> None:
    """Chapter 1 says where each thing lives; a row that says a developer reviews it must be the
    developers' in CODEOWNERS, every other row the editors'."""
    table = guide().split("## 1. Wat staat waar?", 1)[1].split("\n\n", 2)[1]
    rows = [row.split(" | ") for row in table.splitlines()[2:]]
    assert len(rows) >= 10
    for what, where, _ in rows:
        expected = DEVELOPERS if "ontwikkelaar" in what else EDITORS
        for path in re.findall(r"`([^`]+)`", where):
            if path.endswith(":"):
                continue  # a key inside the file (`nav:`)
            path = re.split(r"[…*<]", path, maxsplit=1)[0]
            assert owners(path) == [expected], (what, path, owners(path))
    # and the guide's own statement of who reviews what (chapter 8)
    for path in ("docs/index.md", "data/doorverwijzingen.yaml", "data/sjablonen/fase.yaml", "CONTRIBUTING.md"):
        assert owners(path) == [EDITORS], path
    for path in ("mkdocs.yml", "handreiking/loader.py", ".devcontainer/devcontainer.json", ".github/CODEOWNERS"):
        assert owners(path) == [DEVELOPERS], path


def test_the_guide_asks_for_what_editors_need_and_nothing_more() -> None:
    """Python (the version pyproject.toml requires) and make; not Node (the developers' browser tests)."""
    minimum = re.search(
        r'requires-python = ">=(\d+\.\d+)"', (PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8")
    )
    assert minimum
    text = guide()
    assert f"**Python {minimum.group(1)} of nieuwer** en **make**" in text
    assert "Node.js heeft u niet\nnodig" in text
    assert "redirect_maps" not in text  # the redirects are data/doorverwijzingen.yaml


# --------------------------------------------------------------------------- dev container


def devcontainer() -> dict[str, Any]:
    return read_jsonc(DEVCONTAINER.read_text(encoding="utf-8"))


def lifecycle_commands(config: dict[str, Any]) -> list[str]:
    """Every command the container runs (a string, a list of arguments, or named ones in parallel)."""
    out: list[str] = []
    for key in (
        "initializeCommand",
        "onCreateCommand",
        "updateContentCommand",
        "postCreateCommand",
        "postStartCommand",
        "postAttachCommand",
    ):
        value = config.get(key)
        for command in value.values() if isinstance(value, dict) else [value]:
            if command:
                out.append(" ".join(command) if isinstance(command, list) else command)
    return out


def test_jsonc_reader_keeps_strings_and_drops_comments() -> None:
    assert read_jsonc('{\n  // comment\n  "url": "https://x.test//a", /* more */ "list": [1, 2,],\n}') == {
        "url": "https://x.test//a",
        "list": [1, 2],
    }


def test_devcontainer_installs_and_serves_through_make_targets_that_exist() -> None:
    config = devcontainer()
    commands = lifecycle_commands(config)
    assert config["postCreateCommand"] == "make install"
    assert config["postAttachCommand"] == "make serve"
    for command in commands:
        targets = re.findall(r"\bmake\s+([\w-]+)", command)
        assert targets, f"{command!r}: editors' tasks go through make"
        assert set(targets) <= make_targets(), command
        # nothing for the browser tests: editors need neither Node nor Chromium
        assert not re.search(r"npm|node|chromium|playwright|make (test|browser|bench)\b", command), command
    assert not any("node" in feature for feature in config.get("features", {}))


def test_devcontainer_forwards_the_port_make_serve_listens_on() -> None:
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    dry = subprocess.run(["make", "-n", "serve"], cwd=PROJECT_ROOT, capture_output=True, text=True, env=env)
    assert dry.returncode == 0, dry.stderr
    address = re.search(r"--host (\S+) --port (\d+)", dry.stdout)
    assert address, dry.stdout
    # the default stays local: VS Code and Codespaces forward from inside the container
    assert address.group(1) == "127.0.0.1"
    port = int(address.group(2))
    config = devcontainer()
    assert port in config["forwardPorts"]
    attributes = config["portsAttributes"][str(port)]
    assert attributes["label"] == "Voorbeeld van de site"  # the name CONTRIBUTING.md (5.2) uses
    assert "**Voorbeeld van de site**" in guide()
    assert attributes["onAutoForward"] in ("openPreview", "openBrowser")


def test_devcontainer_python_satisfies_the_project() -> None:
    config = devcontainer()
    image = re.fullmatch(r"mcr\.microsoft\.com/devcontainers/python:\d+-(\d+)\.(\d+)-\w+", config["image"])
    assert image, config["image"]
    minimum = re.search(
        r'requires-python = ">=(\d+)\.(\d+)"', (PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8")
    )
    assert minimum
    assert (int(image.group(1)), int(image.group(2))) >= (int(minimum.group(1)), int(minimum.group(2)))
    assert "redhat.vscode-yaml" in config["customizations"]["vscode"]["extensions"]


# --------------------------------------------------------------------------- installing


def test_package_metadata_uses_an_spdx_license() -> None:
    """A license table (``{ text = ... }``) makes setuptools print deprecation warnings on every
    install; an SPDX expression needs setuptools 77 or newer to build (PEP 639)."""
    tomllib = pytest.importorskip("tomllib")
    meta = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert meta["project"]["license"] == "EUPL-1.2"
    requires = [r for r in meta["build-system"]["requires"] if r.startswith("setuptools")]
    assert requires, meta["build-system"]
    floor = re.search(r">=\s*(\d+)", requires[0])
    assert floor and int(floor.group(1)) >= 77, requires
