"""The preview of a pull request: the site served under a sub-path (as GitHub Pages serves
``pr-preview/pr-<n>/`` of the gh-pages branch) works as the published one, search included; and
the workflows keep previews and the published site apart (.github/workflows/pr.yml, publish.yml)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import expect

from tests.conftest import PROJECT_ROOT, serve_directory
from tests.test_landing import DESKTOP, PHONE
from tests.test_search import wait_for_search

WORKFLOWS = PROJECT_ROOT / ".github" / "workflows"
PREVIEW_PATH = "handreiking-onrust/pr-preview/pr-7/"


def workflow(name: str) -> dict[str, Any]:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def steps_using(job: dict[str, Any], action: str) -> list[dict[str, Any]]:
    return [s for s in job["steps"] if str(s.get("uses", "")).startswith(action + "@")]


# --------------------------------------------------------------------------- the workflows


def test_publishing_keeps_the_previews_and_neither_overwrites_the_other() -> None:
    pr, publish = workflow("pr.yml"), workflow("publish.yml")
    deploy = steps_using(publish["jobs"]["deploy"], "JamesIves/github-pages-deploy-action")
    assert len(deploy) == 1
    publish_with = deploy[0]["with"]
    previews = [s["with"] for job in pr["jobs"].values() for s in steps_using(job, "rossjrw/pr-preview-action")]
    assert {p["action"] for p in previews} == {"deploy", "remove"}
    for preview in previews:
        assert preview["preview-branch"] == publish_with["branch"] == "gh-pages"
        # publishing cleans the branch except the folder the previews live in
        assert publish_with["clean-exclude"].strip().rstrip("/") == preview["umbrella-dir"]
        assert preview.get("qr-code") is False  # no address sent to a third-party service
    # both rebase onto what the other pushed meanwhile (the preview action does so itself)
    assert publish_with["force"] is False


def test_previews_only_for_branches_of_this_repository() -> None:
    """A fork's pull request gets a read-only token; the workflow never runs with the base
    repository's rights (pull_request_target) and asks for none at the top."""
    pr = workflow("pr.yml")
    triggers = pr.get("on", pr.get(True))
    assert set(triggers) == {"pull_request"}
    assert pr["permissions"] == {}
    for job_id in ("voorbeeld", "opruimen"):
        job = pr["jobs"][job_id]
        assert "github.event.pull_request.head.repo.full_name == github.repository" in job["if"], job_id
        assert job["permissions"]["contents"] == "write"
    for job_id in ("controle", "tests"):
        assert pr["jobs"][job_id]["permissions"] == {"contents": "read"}, job_id
    # one run per pull request: closing it cancels a preview still on its way
    assert "github.event.pull_request.number" in pr["concurrency"]["group"]
    assert pr["concurrency"]["cancel-in-progress"] is True
    assert "closed" in triggers["pull_request"]["types"]


# --------------------------------------------------------------------------- the site under a sub-path


@pytest.mark.browser
def test_the_site_works_under_a_preview_path(browser, site_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "pages"
    preview = root / PREVIEW_PATH
    preview.parent.mkdir(parents=True)
    preview.symlink_to(site_dir, target_is_directory=True)
    with serve_directory(root) as origin:
        base = origin + PREVIEW_PATH
        context = browser.new_context(locale="nl-NL", **PHONE)
        failed: list[str] = []
        outside: list[str] = []
        context.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        # (a request the next navigation cuts off is aborted, not failed)
        context.on("requestfailed", lambda r: None if r.failure == "net::ERR_ABORTED" else failed.append(r.url))
        context.on("request", lambda r: None if r.url.startswith(base) else outside.append(r.url))
        try:
            page = context.new_page()
            page.goto(base, wait_until="load")
            expect(page.locator("article h1")).to_be_visible()
            # the theme's stylesheet applies (its header is fixed at the top)
            assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in (
                "sticky",
                "fixed",
            )
            # the header search finds pages and its results stay under the preview's path
            page.keyboard.press("/")
            dialog = page.locator("dialog.hr-search[open]")
            dialog.wait_for()
            page.keyboard.type("kernteam")
            # Pagefind's results (its base URL is what a preview's path can break), not the titles
            # shown while it loads
            wait_for_search(page, dialog, "kernteam")
            first = dialog.locator(".hr-result__title").first
            first.wait_for()
            hrefs = [a.get_attribute("href") or "" for a in dialog.locator(".hr-result__title").all()]
            assert hrefs and all(h.startswith("/" + PREVIEW_PATH) for h in hrefs), hrefs
            first.tap()
            expect(page).to_have_url(re.compile(re.escape(base) + r".+"))
            expect(page.locator("article h1")).to_be_visible()
            # the search page, from its address
            page.goto(base + "zoeken/?q=buurtbemiddeling", wait_until="load")
            wait_for_search(page, page, "buurtbemiddeling")
            result = page.locator("article .hr-result__title").first
            result.wait_for()
            assert (result.get_attribute("href") or "").startswith("/" + PREVIEW_PATH)
            # a short address leads to its page inside the preview
            page.goto(base + "a2/", wait_until="load")
            expect(page).to_have_url(base + "samos/")
        finally:
            context.close()
        # at desktop width the menu is visible: its links stay inside the preview too
        context = browser.new_context(locale="nl-NL", **DESKTOP)
        context.on("request", lambda r: None if r.url.startswith(base) else outside.append(r.url))
        try:
            page = context.new_page()
            page.goto(base + "samos/kernteam/", wait_until="load")
            menu = page.locator("nav.md-nav--primary")
            hrefs = [a.get_attribute("href") or "" for a in menu.locator("a[href]").all()]
            assert len(hrefs) > 10, hrefs
            page.locator("nav.md-nav--primary").get_by_role("link", name="Vroegsignalering").first.click()
            expect(page).to_have_url(base + "vroegsignalering/")
            expect(page.locator("article h1")).to_be_visible()
        finally:
            context.close()
    assert not failed, failed
    assert not outside, outside
