"""The GitHub Actions workflows pass zizmor (static analysis of workflows) without a finding of
medium or high severity: actions pinned to a commit, least-privilege permissions, no template
expansion in scripts, no credentials left in checkouts.

zizmor runs offline (no GitHub API, no network) and takes well under a second. A finding it
reports at low or informational level is fine; to accept a medium or high one that cannot be
fixed, put zizmor's inline ignore comment (``# zizmor: ignore[<audit>]``) with the reason on
that line of the workflow.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import PROJECT_ROOT

WORKFLOWS = PROJECT_ROOT / ".github" / "workflows"
BLOCKING = {"high", "medium"}


def zizmor_binary() -> str:
    """zizmor from the test extra: the wheel puts the binary next to this Python."""
    here = Path(sys.executable).parent / "zizmor"
    if here.is_file():
        return str(here)
    found = shutil.which("zizmor")
    assert found, "zizmor is not installed: pip install -e '.[test]' (or make test)"
    return found


def zizmor_findings(target: Path) -> list[dict]:
    """zizmor's findings for a file or folder, as its JSON output lists them."""
    result = subprocess.run(
        # --no-exit-codes: a non-zero status then means zizmor itself failed, not that it found
        # something; --strict-collection: a workflow it cannot parse fails instead of being skipped.
        [zizmor_binary(), "--offline", "--no-exit-codes", "--strict-collection", "--format", "json", str(target)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"zizmor failed ({result.returncode}):\n{result.stderr}"
    findings = json.loads(result.stdout)
    assert isinstance(findings, list), result.stdout[:500]
    return findings


def blocking(findings: list[dict]) -> list[str]:
    """Medium and high findings not ignored inline, each as `audit (severity) file:line: ...`."""
    out = []
    for f in findings:
        severity = f["determinations"]["severity"]
        if severity.lower() not in BLOCKING or f.get("ignored"):
            continue
        primary = [loc for loc in f["locations"] if loc["symbolic"]["kind"] == "Primary"]
        loc = (primary or f["locations"])[0]
        path = loc["symbolic"]["key"].get("Local", {}).get("verbatim_path", "?")
        line = loc["concrete"]["location"]["start_point"]["row"] + 1  # zizmor counts rows from 0
        out.append(
            f"{f['ident']} ({severity}) {path}:{line}: {f['desc']}; {loc['symbolic']['annotation']} ({f['url']})"
        )
    return out


def test_workflows_have_no_medium_or_high_zizmor_finding() -> None:
    assert sorted(WORKFLOWS.glob("*.yml")), f"no workflows in {WORKFLOWS}"
    problems = blocking(zizmor_findings(WORKFLOWS.relative_to(PROJECT_ROOT)))
    assert not problems, "zizmor --offline .github/workflows:\n" + "\n".join(problems)


def test_the_check_catches_an_unpinned_action(tmp_path: Path) -> None:
    """The check above would also pass if it parsed nothing: prove that it sees a finding."""
    workflow = tmp_path / "bad.yml"
    workflow.write_text(
        "name: bad\non: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - uses: actions/setup-python@v5\n",
        encoding="utf-8",
    )
    problems = blocking(zizmor_findings(workflow))
    assert any(
        p.startswith("unpinned-uses (High) ") and p.endswith("(https://docs.zizmor.sh/audits/#unpinned-uses)")
        for p in problems
    ), problems
    assert any(f"{workflow}:8:" in p for p in problems), problems
