"""Keyboard only, in use (issue 23), the second half of tests/test_keyboard.py (a file of its own
so that the two run side by side in ``make test``): Tab and Shift+Tab at 400 % zoom and in forced
colours through the pages with controls of their own (checklist, filters, risk-factor choice,
phase table), the menu button and the drawer, and the search dialog. The checks at each stop are
those of tests/test_keyboard.py."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.test_keyboard import PHONE, STATE_PAGES, TICKABLE, VIEWPORTS, WIDE, ZOOM_400, check_stop, open_page, walk
from tests.test_quality import wait_for_search_results

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("mode", ["400 % zoom", "forced colours"])
@pytest.mark.parametrize("path", STATE_PAGES)
def test_tab_stops_at_400_percent_zoom_and_in_forced_colours(browser, base_url: str, path: str, mode: str) -> None:  # type: ignore[no-untyped-def]
    options = ZOOM_400 if mode == "400 % zoom" else {**PHONE, "forced_colors": "active"}
    context, page = open_page(browser, base_url, path, **options)
    result = walk(page, f"/{path} at {mode}", forward=24, back=8, skip=True)
    context.close()
    assert len(result.stops) >= 15
    assert result.problems == []
    if path in TICKABLE:
        assert result.ticked >= 1, "the walk ticked no checkbox: it did not reach the page's controls"


@pytest.mark.parametrize("width", ["390 px", "1100 px", "400 % zoom"])
def test_menu_button_opens_the_drawer_and_escape_closes_it(browser, base_url: str, width: str) -> None:  # type: ignore[no-untyped-def]
    options = ZOOM_400 if width == "400 % zoom" else VIEWPORTS[width]
    context, page = open_page(browser, base_url, "samos/kernteam/", **options)
    button = page.get_by_role("button", name="Menu", exact=True)
    sidebar = page.locator(".md-sidebar--primary")
    problems: list[str] = []
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('[data-hr-menu]')"):
            break
    expect(button).to_be_focused()
    expect(button).to_have_attribute("aria-expanded", "false")
    assert sidebar.evaluate("el => el.inert"), "the closed drawer's links take focus"
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    assert page.evaluate("() => !!document.activeElement.closest('.md-sidebar--primary')"), (
        "focus did not move into the menu"
    )
    # the open sub-menu (this page's section) first: its back button, then its pages
    expect(page.get_by_role("button", name="SAMOS: terug naar het vorige menu")).to_be_focused()
    check_stop(page, "menu, first stop", problems)
    names = []
    for i in range(8):
        page.keyboard.press("Tab")
        stop = check_stop(page, f"menu Tab #{i + 1}", problems)
        assert stop and stop["sidebar"], f"Tab left the open menu after {i} stops"
        names.append(stop["what"])
    assert any("Urgentiedilemma" in n for n in names), names
    # back to the main menu: the section's toggle has the focus, named and collapsed
    back = page.get_by_role("button", name="SAMOS: terug naar het vorige menu")
    back.focus()
    page.keyboard.press("Enter")
    toggle = page.get_by_role("button", name="Onderdelen van SAMOS")
    expect(toggle).to_be_focused()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    check_stop(page, "section toggle", problems)
    page.keyboard.press("Space")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(back).to_be_focused()
    page.keyboard.press("Escape")
    expect(button).to_be_focused()
    expect(button).to_have_attribute("aria-expanded", "false")
    assert sidebar.evaluate("el => el.inert")
    assert problems == []
    context.close()


def test_menu_is_a_column_not_a_button_on_a_wide_screen(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    """From 1,220 px the navigation is always shown: not inert, no menu button; crossing the
    breakpoint (a window made narrower) makes the closed drawer inert."""
    context, page = open_page(browser, base_url, "samos/kernteam/", **WIDE)
    expect(page.locator("[data-hr-menu]")).to_be_hidden()
    assert page.locator("[inert]").count() == 0
    page.set_viewport_size(PHONE["viewport"])
    expect(page.locator(".md-sidebar--primary[inert]")).to_have_count(1)
    expect(page.get_by_role("button", name="Menu", exact=True)).to_be_visible()
    context.close()


@pytest.mark.parametrize("width", ["390 px", "400 % zoom"])
def test_search_dialog_by_keyboard(browser, base_url: str, width: str) -> None:  # type: ignore[no-untyped-def]
    options = ZOOM_400 if width == "400 % zoom" else VIEWPORTS[width]
    context, page = open_page(browser, base_url, "samos/", **options)
    problems: list[str] = []
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('[data-hr-search]')"):
            break
    check_stop(page, "search button", problems)
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Zoeken")
    expect(dialog.get_by_label("Zoek in de handreiking")).to_be_focused()
    page.keyboard.type("kernteam")
    # the search has ended: no ranked results replace the titles shown meanwhile under the walk
    wait_for_search_results(page, "kernteam")
    result = walk(page, f"search dialog at {width}", forward=10, back=3, tick=0)
    problems += result.problems
    assert all(s["dialog"] for s in result.stops), "Tab left the open search dialog"
    assert problems == []
    context.close()
