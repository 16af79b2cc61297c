"""WCAG 2.2 target size (2.5.8, AA) measured, not assumed: every built page opened in Chromium at
390 x 844 (a phone, touch), every visible control measured with getBoundingClientRect, and each
one that is smaller than 24 x 24 CSS px checked against the criterion's exceptions. Also the
states a page reaches by a tap: the search dialog with results, the filter groups opened, the
risk-factor selector with a choice, the navigation drawer.

axe-core's target-size rule checks only some of this; this test checks every control.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.test_quality import browsable, route_published_prefix, wait_for_search_results

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}

# Measures the controls inside `scope` (a selector; the whole document when null) and returns
# {count, failing}: one line per control that fails, naming it, its size and what it is too near.
#
# What counts (WCAG 2.5.8 and its exceptions, applied as the Understanding document words them):
# - a control is a, button, input, select, textarea, summary, label[for], [role=button] or an
#   element with a tabindex; it is measured if it is displayed (not display:none, visibility:hidden,
#   inside a closed <details>, clipped away like the closed navigation drawer, or under another part
#   of its own layer). Controls made invisible with opacity still count: a finger can hit them.
# - the target is what a finger hits: a checkbox inside its <label> is the label's box; a link that
#   wraps over lines is the boxes of its lines.
# - Inline: a link in running text (its block has other words than the links) is excepted.
# - Equivalent: a control whose <label for> is itself big enough is excepted (a tap on the label
#   does the same).
# - Spacing: a control smaller than 24 x 24 passes if a 24 px circle on its centre touches no other
#   target and no such circle of another small control.
TARGETS_JS = """(scope) => {
  const SELECTOR = 'a[href], button, input:not([type=hidden]), select, textarea, summary, label[for], ' +
                   '[role=button], [tabindex]:not([tabindex="-1"])';
  const MIN = 24;
  const root = scope ? document.querySelector(scope) : document;
  const width = document.documentElement.clientWidth;
  function describe(el) {
    const cls = typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\\s+/).join(".") : "";
    const text = (el.getAttribute("aria-label") || el.textContent || el.value || "").trim().replace(/\\s+/g, " ").slice(0, 50);
    return `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${cls}${text ? ` "${text}"` : ""}`;
  }
  function targetOf(el) {
    const wrapping = el.labels ? [...el.labels].find((label) => label.contains(el)) : null;
    return wrapping || el;
  }
  function shown(el) {
    if (!el.checkVisibility({visibilityProperty: true, contentVisibilityAuto: true})) return false;
    if (getComputedStyle(el).pointerEvents === "none") return false;
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return false;
    let [left, top, right, bottom] = [r.left, r.top, r.right, r.bottom];
    for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX === "visible" && s.overflowY === "visible") continue;
      const c = a.getBoundingClientRect();
      left = Math.max(left, c.left); right = Math.min(right, c.right);
      top = Math.max(top, c.top); bottom = Math.min(bottom, c.bottom);
      if (right - left < 1 || bottom - top < 1) return false;
    }
    return right > 0 && left < width && !covered(el, r);
  }
  // Under another part of its own layer (the navigation drawer's main panel under the open
  // section's panel): not a target there. A sticky bar or the header over it does not count:
  // scrolling brings it out. Only what is on the screen can be hit-tested.
  function layer(node) {
    for (let a = node; a; a = a.parentElement) {
      if (["fixed", "sticky"].includes(getComputedStyle(a).position)) return a;
    }
    return null;
  }
  function covered(el, r) {
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false;
    const hit = document.elementFromPoint(x, y);
    if (!hit || el === hit || el.contains(hit) || hit.contains(el)) return false;
    if (el.labels && [...el.labels].some((label) => label.contains(hit))) return false;  // its own label
    return layer(hit) === layer(el);
  }
  function inRunningText(el) {
    if (el.tagName !== "A" || getComputedStyle(el).display !== "inline") return false;
    let block = el.parentElement;
    while (block && getComputedStyle(block).display.startsWith("inline")) block = block.parentElement;
    if (!block) return false;
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let text = "";
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const owner = node.parentElement.closest(SELECTOR);
      if (!owner || !block.contains(owner)) text += node.textContent;
    }
    return /[\\p{L}\\p{N}]/u.test(text);
  }
  const big = (r) => r.width >= MIN - 0.5 && r.height >= MIN - 0.5;
  const seen = new Set(), targets = [];
  for (const el of root.querySelectorAll(SELECTOR)) {
    if (el.matches("label[for]") && el.control && el.contains(el.control)) continue;
    let t = targetOf(el);
    // a label without a box of its own (Material's task lists draw the box beside it): the control
    if (t !== el && t.getBoundingClientRect().width * t.getBoundingClientRect().height < 1) t = el;
    if (seen.has(t) || !shown(t)) continue;
    seen.add(t);
    const r = t.getBoundingClientRect();
    const parts = [...t.getClientRects()].filter((b) => b.width >= 1 && b.height >= 1);
    const equivalent = t === el && el.labels && [...el.labels].some((l) => shown(l) && big(l.getBoundingClientRect()));
    targets.push({el: t, r, parts: parts.length ? parts : [r], what: describe(t),
                  excepted: inRunningText(t) || equivalent});
  }
  const small = targets.filter((t) => !t.excepted && !big(t.r));
  const centre = (r) => [r.left + r.width / 2, r.top + r.height / 2];
  const distance = ([x, y], r) => Math.hypot(Math.max(r.left - x, 0, x - r.right), Math.max(r.top - y, 0, y - r.bottom));
  const failing = [];
  for (const t of small) {
    const c = centre(t.r);
    const near = targets.find((o) => o !== t && !o.el.contains(t.el) && !t.el.contains(o.el) &&
      (o.parts.some((b) => distance(c, b) < MIN / 2 - 0.01) ||
       (small.includes(o) && Math.hypot(c[0] - centre(o.r)[0], c[1] - centre(o.r)[1]) < MIN - 0.01)));
    if (near) failing.push(`${t.what}: ${Math.round(t.r.width)} x ${Math.round(t.r.height)} px, ` +
                           `its 24 px circle touches ${near.what}`);
  }
  return {count: targets.length, failing};
}"""


def measure(page, scope: str | None = None) -> dict:  # type: ignore[no-untyped-def]
    return page.evaluate(TARGETS_JS, scope)


@pytest.fixture(scope="module")
def phone_targets(browser, site_dir: Path, base_url: str) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    """Every page opened once at 390 x 844 (touch): page -> what TARGETS_JS measured."""
    context = browser.new_context(locale="nl-NL", **PHONE)
    route_published_prefix(context, site_dir, base_url)
    page = context.new_page()
    results = {}
    for built in browsable(site_dir):
        page.goto(base_url + built.path, wait_until="load")
        results[built.path] = measure(page)
    context.close()
    return results


# A small page that has each case of the criterion once: what the measurement must find and pass.
SAMPLE = """<!doctype html><html lang="nl"><body style="margin:0;font:16px/1.5 sans-serif">
<p style="margin:0 0 40px">Lees <a href="#a" id="inline">de tekst</a> in een zin.</p>
<div style="margin-bottom:40px"><button id="tiny" style="width:12px;height:12px;padding:0;border:0"></button><button
  id="neighbour" style="width:40px;height:40px">B</button></div>
<div style="margin-bottom:40px"><button id="spaced" style="width:12px;height:12px;padding:0;border:0"></button></div>
<p style="margin-bottom:40px"><label style="display:inline-flex;align-items:center;min-height:44px"><input type="checkbox"
  id="wrapped" style="width:13px;height:13px;margin:0"> Preventie</label></p>
<p style="margin-bottom:40px"><input type="checkbox" id="labelled" style="width:13px;height:13px;margin:0"><label
  for="labelled" style="display:inline-block;padding:10px">Repressie</label></p>
<p><a href="#b" id="alone">x</a> · <a href="#c" id="other">y</a></p>
<details><summary>Dicht</summary><button id="closed" style="width:5px;height:5px"></button></details>
</body></html>"""


def test_the_measurement_fails_small_controls_and_applies_the_exceptions(browser) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.set_content(SAMPLE)
    result = measure(page)
    failed = {re.match(r"^\w+#([\w-]+)", line).group(1) for line in result["failing"]}  # type: ignore[union-attr]
    # the 12 px button touches its neighbour; "x · y" are two small links side by side. Passing: the
    # link in a sentence, the small button with room around it, a small checkbox in a big label, a
    # small checkbox with a big <label for>, the big neighbour, a button in a closed <details>.
    assert failed == {"tiny", "alone", "other"}, result["failing"]
    assert any(line.startswith("button#tiny: 12 x 12 px") for line in result["failing"])
    # measured: the links #inline, #alone, #other; the buttons #tiny, #neighbour, #spaced; the label
    # around #wrapped (not the box itself); #labelled and its <label for>; the summary. Not #closed.
    assert result["count"] == 10
    context.close()


def test_every_control_on_every_page_is_big_enough_at_phone_width(phone_targets: dict[str, dict]) -> None:
    assert len(phone_targets) >= 20 and "" in phone_targets and "praktijkvoorbeelden/" in phone_targets
    assert sum(r["count"] for r in phone_targets.values()) > 20 * len(phone_targets)  # it did measure
    report = [f"/{path}: {line}" for path, result in phone_targets.items() for line in result["failing"]]
    assert not report, f"{len(report)} controls smaller than 24 x 24 CSS px without an exception:\n" + "\n".join(report)


@pytest.fixture()
def phone(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="nl-NL", **PHONE)
    yield context.new_page()
    context.close()


def test_search_dialog_controls_are_big_enough(phone, base_url: str) -> None:  # type: ignore[no-untyped-def]
    phone.goto(base_url + "samos/", wait_until="load")
    phone.locator("[data-hr-search]").click()
    dialog = phone.locator("dialog.hr-search[open]")
    dialog.get_by_label("Zoek in de handreiking").fill("kernteam")
    # Pagefind's ranked results (with their sections' links), not the titles shown while it loads
    wait_for_search_results(phone, "kernteam")
    expect(dialog.locator(".hr-result").first).to_be_visible()
    result = measure(phone, "dialog.hr-search[open]")
    assert result["count"] >= 5, result
    assert result["failing"] == [], "\n".join(result["failing"])
    close = dialog.get_by_role("button", name="Sluiten").bounding_box()
    assert close and close["width"] >= 24 and close["height"] >= 24, close


def test_opened_filters_and_the_navigation_drawer_are_big_enough(phone, base_url: str) -> None:  # type: ignore[no-untyped-def]
    phone.goto(base_url + "praktijkvoorbeelden/", wait_until="load")
    for summary in phone.locator("[data-hr-facet] > summary").all():
        summary.click()
    expect(phone.locator("[data-hr-facet]:not([open])")).to_have_count(0)
    result = measure(phone, "[data-hr-filter]")
    assert result["count"] > 50, result  # every option of every group was measured
    assert result["failing"] == [], "\n".join(result["failing"])

    phone.goto(base_url + "risicofactoren/?rf=B1.4", wait_until="load")
    expect(phone.locator('[data-hr-rf-explanation="B1.4"]')).to_be_visible()
    result = measure(phone, "[data-hr-rf-selector]")
    assert result["count"] > 10 and result["failing"] == [], "\n".join(result["failing"])

    phone.goto(base_url + "samos/kernteam/", wait_until="load")
    phone.get_by_role("button", name="Menu", exact=True).click()  # the menu button (menu.js, issue 23)
    drawer = phone.locator(".md-sidebar--primary")
    phone.wait_for_function("() => document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0")
    expect(drawer.get_by_role("link").first).to_be_visible()
    result = measure(phone, ".md-sidebar--primary")
    assert result["count"] > 10 and result["failing"] == [], "\n".join(result["failing"])
