"""The overview's filters with many more cards than the guide has: filter.js changes the cards in
batches over several frames (the first frame holds what the screen shows), and ends with exactly
the cards that match, as with the guide's own few dozen. How fast: bench/filters.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import run_axe

pytestmark = pytest.mark.browser

COPIES = 20  # the guide's cards, 20 times over: several batches of filter.js
CARD = re.compile(r'<li class="hr-card".*?</ul>.*?</li>', re.S)  # a card holds one list, its labels, then its own end


def repeated(html: str, item: re.Pattern[str]) -> str:
    """The page with its run of ``item`` (the cards, the ranking's items) repeated COPIES times,
    the ids made unique."""
    items = item.findall(html)
    assert items, f"no {item.pattern} found in the page"
    copies = [
        one.replace('data-intervention="', f'data-intervention="k{k}-', 1) for k in range(COPIES) for one in items
    ]
    start, end = html.index(items[0]), html.index(items[-1]) + len(items[-1])
    return html[:start] + "\n".join(copies) + html[end:]


def many_cards(html: str) -> tuple[str, dict[str, set[str]]]:
    """The overview page with every card repeated COPIES times (ids made unique), and each card's
    handelingen by id."""
    page = repeated(html, CARD)
    handelingen = {
        m.group(1): set(m.group(2).split())
        for m in re.finditer(r'data-intervention="([^"]+)"\s+data-handeling="([^"]*)"', page)
    }
    return page, handelingen


def visible(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.evaluate(
        "() => [...document.querySelectorAll('[data-intervention]')]"
        ".filter((e) => !e.hidden && getComputedStyle(e).display !== 'none').map((e) => e.dataset.intervention)"
    )


def test_a_toggle_over_many_cards_ends_with_exactly_the_matching_ones(browser, base_url: str, site_dir: Path) -> None:
    html, handelingen = many_cards((site_dir / "praktijkvoorbeelden" / "index.html").read_text(encoding="utf-8"))
    total = len(handelingen)
    assert total > 400  # more than two of filter.js's batches
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    url = base_url + "praktijkvoorbeelden/"
    page.route(url, lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8"))
    page.goto(url, wait_until="networkidle")
    cards = page.locator(".hr-cards")
    count = page.locator("[data-hr-count]")
    # filter.js has taken the page (it writes the count of every card, 620, where the page says 31)
    expect(count).to_have_text(f"{total} praktijkvoorbeelden en instrumenten")
    expect(cards).not_to_have_attribute("aria-busy", "true")
    assert len(visible(page)) == total

    page.locator("fieldset", has_text="Handeling").get_by_label("Preventie").check()
    expected = sorted(i for i, h in handelingen.items() if "preventie" in h)
    assert 0 < len(expected) < total
    expect(count).to_have_text(re.compile(f"^{len(expected)} van {total} "))
    expect(cards).not_to_have_attribute("aria-busy", "true")
    assert sorted(visible(page)) == expected

    page.locator("fieldset", has_text="Handeling").get_by_label("Preventie").uncheck()
    expect(count).to_have_text(f"{total} praktijkvoorbeelden en instrumenten")
    expect(cards).not_to_have_attribute("aria-busy", "true")
    assert len(visible(page)) == total
    context.close()


def test_many_cards_in_parts_stay_one_list_in_page_order_with_whole_rows(
    browser, base_url: str, site_dir: Path
) -> None:
    """With many cards filter.js shows them in parts the browser can skip off screen; choosing a
    filter shows exactly the matching cards, off screen too, in page order, every part but the last
    filling whole rows of the grid (no gap), a part with nothing to show taking no room, the count
    said in the live region, and axe finds the list well formed (role="list" and "listitem" around
    the parts)."""
    html, handelingen = many_cards((site_dir / "praktijkvoorbeelden" / "index.html").read_text(encoding="utf-8"))
    order = list(handelingen)
    total = len(order)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    url = base_url + "praktijkvoorbeelden/"
    page.route(url, lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8"))
    page.goto(url, wait_until="networkidle")
    expect(page.locator(".hr-cards__part").first).to_be_attached()
    count = page.locator("[data-hr-count]")
    expect(count).to_have_text(f"{total} praktijkvoorbeelden en instrumenten")

    def check(expected: list[str]) -> None:
        expect(page.locator(".hr-cards")).not_to_have_attribute("aria-busy", "true")
        shown = visible(page)
        assert shown == expected  # exactly these, in page order (also the cards far off screen)
        columns, parts = page.evaluate(
            """() => [getComputedStyle(document.querySelector('.hr-cards__part')).gridTemplateColumns.split(' ').length,
                      [...document.querySelectorAll('.hr-cards__part:not([hidden])')].map(
                        (p) => p.querySelectorAll('.hr-card:not([hidden])').length)]"""
        )
        assert columns == 2
        assert all(n % columns == 0 for n in parts[:-1]), parts  # whole rows: no gap where a part ends
        assert 0 not in parts  # a part with nothing to show takes no room
        # the cards stand where one grid's would: flush with the list (no list item's indent), seen
        # once the first card is on screen and rendered (a skipped part lays out nothing)
        lefts = page.evaluate(
            """async () => {
                const card = document.querySelector('.hr-cards__part:not([hidden]) > .hr-card:not([hidden])');
                card.scrollIntoView();
                await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
                return [card, document.querySelector('.hr-cards')].map((e) => Math.round(e.getBoundingClientRect().left));
            }"""
        )
        assert lefts[0] == lefts[1], lefts
        # the list's structure (parts between the list and its items), as axe checks it
        structure = {"list", "listitem", "aria-required-parent", "aria-required-children"}
        assert [v["id"] for v in run_axe(page, ".hr-results") if v["id"] in structure] == []

    check(order)
    assert page.locator(".hr-cards__part").count() > 2
    page.locator("fieldset", has_text="Handeling").get_by_label("Preventie").check()
    expected = [i for i in order if "preventie" in handelingen[i]]
    assert 0 < len(expected) < total
    expect(count).to_have_text(re.compile(f"^{len(expected)} van {total} "))
    check(expected)
    page.locator("fieldset", has_text="Handeling").get_by_label("Repressie").check()
    either = [i for i in order if handelingen[i] & {"preventie", "repressie"}]
    expect(count).to_have_text(re.compile(f"^{len(either)} van {total} "))
    check(either)
    page.go_back()  # the address holds the filters: back to Preventie alone
    expect(count).to_have_text(re.compile(f"^{len(expected)} van {total} "))
    check(expected)
    context.close()


RANKED = re.compile(r"<li data-intervention=.*?</li>", re.S)  # an item of the risk-factor ranking


def test_many_approaches_in_parts_rank_exactly_and_number_on(browser, base_url: str, site_dir: Path) -> None:
    """With many approaches riskfactors.js keeps its ranking in parts the browser can skip: a choice
    shows exactly the approaches that address a chosen factor, in the ranking's order (the guide's
    own links first, then by how many chosen factors, then the page's order), also far off screen;
    the numbers run on from part to part, the list stays one list for axe, and the back button
    restores the choice before."""
    page_html = repeated((site_dir / "risicofactoren" / "index.html").read_text(encoding="utf-8"), RANKED)
    data = [
        (m.group(1), set(m.group(2).split()), set(m.group(3).split()))
        for m in re.finditer(r'data-intervention="([^"]+)" data-rf="([^"]*)" data-rf-handreiking="([^"]*)"', page_html)
    ]
    assert len(data) > 400

    def expected(chosen: set[str]) -> list[str]:
        keyed = [
            (-len(guide & chosen), -len(rf & chosen), n, i) for n, (i, rf, guide) in enumerate(data) if rf & chosen
        ]
        return [i for *_, i in sorted(keyed)]

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    url = base_url + "risicofactoren/"
    page.route(url, lambda route: route.fulfill(body=page_html, content_type="text/html; charset=utf-8"))
    page.goto(url, wait_until="networkidle")
    expect(page.locator(".hr-ranking__part").first).to_be_attached()  # riskfactors.js has taken the page
    summary = page.locator("[data-hr-rf-summary]")
    shown_js = """() => [...document.querySelectorAll('[data-hr-ranking] [data-intervention]')]
        .filter((e) => e.checkVisibility()).map((e) => e.dataset.intervention)"""

    def check(chosen: set[str]) -> None:
        want = expected(chosen)
        expect(summary).to_contain_text(f", {len(want)} aanpakken")
        assert page.evaluate(shown_js) == want  # exactly these, in ranking order, also far off screen
        # the number each item shows: a part's first item carries its place, the others count on
        values = page.evaluate(
            """() => [...document.querySelectorAll('.hr-ranking__part:not([hidden])')].map((p) =>
                [...p.children].map((li) => li.getAttribute('value')))"""
        )
        assert all(v[0] == str(48 * k + 1) and not any(v[1:]) for k, v in enumerate(values)), values
        structure = {"list", "listitem", "aria-required-parent", "aria-required-children"}
        assert [v["id"] for v in run_axe(page, "[data-hr-ranking]") if v["id"] in structure] == []

    form = page.locator("[data-hr-rf-form]")
    form.locator('input[value="B1.1"]').check()
    check({"B1.1"})
    form.locator('input[value="B1.4"]').check()
    check({"B1.1", "B1.4"})
    form.locator('input[value="B1.5"]').check()
    check({"B1.1", "B1.4", "B1.5"})
    # the 49th item, on screen, is numbered 49 (the accessibility tree holds what the screen shows)
    item = page.locator(f'[data-hr-ranking] [data-intervention="{page.evaluate(shown_js)[48]}"]')
    item.scroll_into_view_if_needed()
    expect(item).to_be_in_viewport()
    cdp = context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send(
        "DOM.querySelector",
        {"nodeId": root, "selector": f'[data-intervention="{item.get_attribute("data-intervention")}"]'},
    )
    page.wait_for_function("() => new Promise((r) => requestAnimationFrame(() => r(true)))")
    tree = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node["nodeId"], "fetchRelatives": True})["nodes"]
    markers = [n["name"]["value"] for n in tree if n.get("role", {}).get("value") == "ListMarker"]
    assert markers and markers[0].startswith("49"), markers
    page.go_back()  # the address holds the choice: back to B1.1 and B1.4
    check({"B1.1", "B1.4"})
    form.locator('input[value="B1.1"]').uncheck()
    form.locator('input[value="B1.4"]').uncheck()
    expect(summary).to_have_text("Nog geen risicofactor gekozen.")
    assert page.evaluate(shown_js) == []
    context.close()
