"""Layer 3: the built site served on 127.0.0.1 and opened in a real Chromium."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tests.conftest import format_violations, run_axe

pytestmark = pytest.mark.browser

PAGES = [
    "",
    "samos/urgentiedilemma/",
    "praktijkvoorbeelden/",
    "praktijkvoorbeelden/buurtbemiddeling/",
    "risicofactoren/b1-4/",
    "aanpak/fasewijzer/",
]


def test_home_page_opens_with_faq(page, base_url: str) -> None:
    page.goto(base_url)
    assert page.title().startswith("Veel gestelde vragen")
    faq = page.locator("article a[href*='#']")
    assert faq.count() >= 45
    page.get_by_role("link", name="Wat is het urgentiedilemma?").click()
    page.wait_for_load_state()
    assert page.url.endswith("samos/urgentiedilemma/#urgentiedilemma")
    assert page.locator("#urgentiedilemma").is_visible()


@pytest.mark.parametrize("path", PAGES)
def test_no_request_leaves_the_site(page, base_url: str, path: str) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base_url + path, wait_until="networkidle")
    host = urlparse(base_url).netloc
    foreign = [u for u in requests if urlparse(u).scheme in ("http", "https") and urlparse(u).netloc != host]
    assert foreign == []
    assert len(requests) >= 2  # the page and at least its stylesheet were seen


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violations(page, base_url: str, path: str) -> None:
    page.goto(base_url + path, wait_until="networkidle")
    violations = run_axe(page)
    assert violations == [], format_violations(violations)
