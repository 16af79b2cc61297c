"""Layer 3: the built site served on 127.0.0.1 and opened in a real Chromium."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# axe-core and requests to other hosts on every page: tests/test_quality.py (its crawl opens all pages).


def test_home_page_opens_with_faq(page, base_url: str) -> None:
    page.goto(base_url)
    assert page.title().startswith("Veel gestelde vragen")
    faq = page.locator("article a[href*='#']")
    assert faq.count() >= 45
    page.get_by_role("link", name="Wat is het urgentiedilemma?").click()
    page.wait_for_load_state()
    assert page.url.endswith("samos/urgentiedilemma/#urgentiedilemma")
    assert page.locator("#urgentiedilemma").is_visible()
