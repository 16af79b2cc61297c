"""Diagrams and filters for a thumb (issue 14), driven in Chromium at 390 x 844 (a phone, touch)
and at 1366 x 900: the A1 wave and the B3 escalation model readable (every text 12 CSS px or more)
with stages that are big, tappable targets; the overview's filter groups closed on a phone and open
on a desktop, with the count on screen after every tick; the same for the risk-factor selector."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from handreiking.loader import load
from tests.conftest import format_violations, run_axe

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1366, "height": 900}}
DIAGRAMS = {
    "aanpak/fasewijzer/": ".hr-wave",
    "aanpak/van-proactief-tot-repressie/": ".hr-wave",
    "rellen/escalatiemodel/": ".hr-escalation-diagram",
}

# Every visible text in `selector`: its size on the screen in CSS px. In an SVG that is the font
# size times the scale the SVG is drawn at (its screen transformation matrix); in HTML the font size.
TEXT_SIZES_JS = """(selector) => {
  const figure = document.querySelector(selector), sizes = [];
  const walker = document.createTreeWalker(figure, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el.checkVisibility({visibilityProperty: true})) continue;
    if (el.closest("title, desc")) continue;  // not drawn: the SVG's name and description
    const box = el.getBoundingClientRect();
    if (box.width < 1 || box.height < 1) continue;
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement) {
      const m = el.getScreenCTM();
      size *= Math.hypot(m.a, m.b);
    }
    sizes.push({text: node.textContent.trim().slice(0, 40), size: Math.round(size * 10) / 10,
                height: Math.round(box.height)});
  }
  return sizes;
}"""

# The stage targets of a diagram, with the size of what a reader sees as the button.
STAGES_JS = """(selector) => [...document.querySelectorAll(selector + ' a')]
  .filter((a) => a.checkVisibility({visibilityProperty: true}) && a.getBoundingClientRect().width > 0)
  .map((a) => { const shape = a.querySelector('rect') || a; const b = shape.getBoundingClientRect();
                const spoken = [...a.childNodes].filter((n) => !(n.nodeType === 1 && n.getAttribute('aria-hidden')))
                  .map((n) => n.textContent).join('');
                return {name: a.getAttribute('aria-label') || spoken.trim().replace(/\\s+/g, ' '),
                        href: a.getAttribute('href'), width: Math.round(b.width), height: Math.round(b.height)}; })"""


@pytest.fixture(params=["phone", "desktop"])
def screen(request, browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="nl-NL", **(PHONE if request.param == "phone" else DESKTOP))
    page = context.new_page()
    page.hr_screen = request.param
    yield page
    context.close()


@pytest.fixture()
def phone(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="nl-NL", **PHONE)
    yield context.new_page()
    context.close()


# --------------------------------------------------------------------------- diagrams


@pytest.mark.parametrize("path", list(DIAGRAMS))
def test_diagram_text_is_at_least_12_px_and_stages_are_44_px_targets(screen, base_url: str, path: str) -> None:
    kb = load()
    selector = DIAGRAMS[path]
    screen.goto(base_url + path, wait_until="load")
    sizes = screen.evaluate(TEXT_SIZES_JS, selector)
    assert len(sizes) >= 10, sizes
    small = [s for s in sizes if s["size"] < 12]
    assert not small, f"text under 12 CSS px at {screen.hr_screen} width: {small}"
    stages = screen.evaluate(STAGES_JS, selector)
    expected = len(kb.stadia) if selector == ".hr-wave" else len(kb.voorwaarden)
    assert len(stages) == expected, stages  # one target per stage: the other layout is not displayed
    tiny = [s for s in stages if s["width"] < 44 or s["height"] < 44]
    assert not tiny, f"stage targets under 44 x 44 CSS px at {screen.hr_screen} width: {tiny}"
    if selector == ".hr-wave":
        for number, (stage, target) in enumerate(zip(kb.stadia, stages, strict=True), start=1):
            assert target["name"] == f"Stadium {number}: {stage.naam} – {kb.handelingen[stage.handeling].naam}"
            assert target["href"].endswith(f"#{stage.handeling}")
    violations = run_axe(screen)
    assert violations == [], format_violations(violations)


def test_tapping_a_stage_of_the_wave_lands_on_its_section(phone, base_url: str) -> None:  # type: ignore[no-untyped-def]
    phone.goto(base_url + "aanpak/fasewijzer/", wait_until="load")
    phone.get_by_role("link", name="Stadium 3: Opbouw onrust – Preventie").tap()
    expect(phone).to_have_url(re.compile(r"/aanpak/fasewijzer/#preventie$"))
    expect(phone.locator("#preventie")).to_be_in_viewport()
    # from the other page with the wave, to the fasewijzer
    phone.goto(base_url + "aanpak/van-proactief-tot-repressie/", wait_until="load")
    phone.get_by_role("link", name="Stadium 5: Escalatie – Repressie").tap()
    expect(phone).to_have_url(re.compile(r"/aanpak/fasewijzer/#repressie$"))
    expect(phone.locator("#repressie")).to_be_in_viewport()


def test_tapping_a_condition_of_the_escalation_model_lands_on_its_text(screen, base_url: str) -> None:  # type: ignore[no-untyped-def]
    screen.goto(base_url + "rellen/escalatiemodel/", wait_until="load")
    link = screen.get_by_role("link", name="Voorwaarde 2: Verontwaardigend incident")
    link.tap() if screen.hr_screen == "phone" else link.click()
    expect(screen).to_have_url(re.compile(r"#voorwaarde-incident$"))
    expect(screen.locator("#voorwaarde-incident")).to_be_in_viewport()


def test_stage_links_look_like_buttons_and_show_focus(phone, base_url: str) -> None:  # type: ignore[no-untyped-def]
    phone.goto(base_url + "aanpak/fasewijzer/", wait_until="load")
    link = phone.locator(".hr-wave a").filter(visible=True).first
    style = link.evaluate(
        "(a) => { const s = getComputedStyle(a); return [s.borderTopStyle, s.borderTopWidth, s.textDecorationLine]; }"
    )
    assert style == ["solid", "2px", "none"], style  # a bordered box, not an underlined word
    before = link.evaluate("(a) => getComputedStyle(a).outlineStyle")
    phone.keyboard.press("Tab")  # keyboard modality, then focus the stage
    link.focus()
    outline = link.evaluate("(a) => [getComputedStyle(a).outlineStyle, getComputedStyle(a).outlineWidth]")
    assert before == "none" and outline == ["solid", "3px"], (before, outline)


def test_the_wave_carries_the_trigger_before_escalation(screen, base_url: str) -> None:  # type: ignore[no-untyped-def]
    kb = load()
    trigger = kb.phases.trigger
    assert trigger and trigger.naam == "Incident / Gebeurtenis (trigger)" and trigger.voor == "escalatie"
    screen.goto(base_url + "aanpak/fasewijzer/", wait_until="load")
    marker = screen.locator(".hr-wave").get_by_text(trigger.naam).filter(visible=True)
    expect(marker).to_be_visible()
    stages = screen.locator(".hr-wave a").filter(visible=True)
    before, after = stages.nth(3).bounding_box(), stages.nth(4).bounding_box()  # Spanningen, Escalatie
    box = marker.bounding_box()
    assert before and after and box
    if screen.hr_screen == "phone":  # the stages top to bottom: the marker between 4 and 5
        assert before["y"] + before["height"] <= box["y"] and box["y"] + box["height"] <= after["y"]
    else:  # the stages left to right: the dashed line between the points of 4 and 5
        line = screen.locator(".hr-wave__trigger line").bounding_box()
        assert line and before["x"] + before["width"] / 2 < line["x"] < after["x"] + after["width"] / 2


# --------------------------------------------------------------------------- filters


def in_viewport(locator) -> bool:  # type: ignore[no-untyped-def]
    """Wholly inside the viewport and not covered: what is at its centre is itself."""
    return locator.evaluate("""(el) => { const b = el.getBoundingClientRect();
      if (b.top < 0 || b.left < 0 || b.bottom > innerHeight || b.right > innerWidth) return false;
      const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
      return !!hit && (hit === el || el.contains(hit)); }""")


def test_filter_groups_are_closed_on_a_phone_and_open_on_a_desktop(screen, base_url: str) -> None:  # type: ignore[no-untyped-def]
    screen.goto(base_url + "praktijkvoorbeelden/", wait_until="load")
    groups = screen.locator("[data-hr-facet]")
    assert groups.count() == len(load().filter_groups)
    if screen.hr_screen == "phone":
        expect(screen.locator("[data-hr-facet][open]")).to_have_count(0)
        expect(screen.locator("[data-hr-filter-form] input[type=checkbox]:visible")).to_have_count(0)
        form = screen.locator("[data-hr-filter-form]").bounding_box()
        assert form and form["height"] < 600, form  # was 1,725 px with every option shown
        for summary in groups.locator("summary").all():
            box = summary.bounding_box()
            assert box and box["height"] >= 44, box
    else:
        expect(screen.locator("[data-hr-facet]:not([open])")).to_have_count(0)
        expect(screen.get_by_role("checkbox", name="Preventie", exact=True)).to_be_visible()


def test_after_a_tick_the_count_is_on_screen_with_a_jump_to_the_results(phone, base_url: str) -> None:  # type: ignore[no-untyped-def]
    kb = load()
    expected = kb.interventions_for_handeling("preventie")
    phone.goto(base_url + "praktijkvoorbeelden/", wait_until="load")
    summary = phone.locator("summary", has_text="Handeling")
    summary.tap()
    box = phone.get_by_role("checkbox", name="Preventie", exact=True)
    box.tap()
    expect(box).to_be_checked()
    count = phone.locator("[data-hr-count]")
    expect(count).to_have_text(re.compile(f"^{len(expected)} van {len(kb.interventions)} "))
    assert in_viewport(count), count.bounding_box()
    expect(summary).to_contain_text("(1 gekozen)")
    expect(phone).to_have_url(re.compile(r"\?handeling=preventie$"))
    # after ticking the last group too (further down the form), the count is still on screen
    phone.locator("summary", has_text="Betrokken partij").tap()
    phone.locator("input[name=betrokkene]").last.tap()
    phone.wait_for_function("() => /van/.test(document.querySelector('[data-hr-count]').textContent)")
    assert in_viewport(count), count.bounding_box()
    phone.locator("input[name=betrokkene]").last.tap()  # untick: back to Preventie alone
    expect(count).to_have_text(re.compile(f"^{len(expected)} van "))
    jump = phone.get_by_role("link", name="Naar de resultaten")
    assert in_viewport(jump)
    jump.tap()
    first = phone.locator("[data-intervention]:visible").first
    expect(first).to_be_in_viewport()
    assert first.get_attribute("data-intervention") in {i.id for i in expected}
    violations = run_axe(phone)
    assert violations == [], format_violations(violations)


def test_filters_on_a_phone_work_by_keyboard(phone, base_url: str) -> None:  # type: ignore[no-untyped-def]
    phone.goto(base_url + "praktijkvoorbeelden/", wait_until="load")
    phone.locator("#hr-q").focus()
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.tagName") == "SUMMARY"
    phone.keyboard.press("Enter")  # opens the group
    expect(phone.locator("[data-hr-facet]").first).to_have_attribute("open", "")
    phone.keyboard.press("Tab")
    assert phone.evaluate("[document.activeElement.name, document.activeElement.value]") == ["handeling", "proactie"]
    phone.keyboard.press("Space")
    expect(phone.locator("[data-hr-count]")).to_have_text(re.compile(r"^\d+ van \d+ "))
    expect(phone).to_have_url(re.compile(r"\?handeling=proactie$"))
    assert in_viewport(phone.locator("[data-hr-count]"))


# Whether the focused control is on screen and not under anything (the sticky result bar): what is
# at its centre is itself, or its label.
FOCUS_SEEN_JS = """() => { const el = document.activeElement, b = el.getBoundingClientRect();
  const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
  const seen = !!hit && (hit === el || el.contains(hit) || [...(el.labels || [])].some((l) => l.contains(hit)));
  return {inForm: !!el.closest("form"), seen, what: `${el.tagName} ${el.name || el.textContent.trim().slice(0, 30)}`}; }"""


@pytest.mark.parametrize("path", ["praktijkvoorbeelden/", "risicofactoren/"])
def test_focus_in_the_form_is_never_hidden_under_the_result_bar(phone, base_url: str, path: str) -> None:  # type: ignore[no-untyped-def]
    """WCAG 2.4.11: tabbing through every control of the form (all groups open), each one that gets
    focus is on screen, not under the sticky bar."""
    phone.goto(base_url + path, wait_until="load")
    phone.evaluate("() => document.querySelectorAll('[data-hr-facet]').forEach((d) => { d.open = true; })")
    phone.locator("form.hr-filters :is(input, summary)").first.focus()
    stops, hidden = 0, []
    for _ in range(120):
        phone.keyboard.press("Tab")
        stop = phone.evaluate(FOCUS_SEEN_JS)
        if not stop["inForm"]:
            break
        stops += 1
        if not stop["seen"]:
            hidden.append(stop["what"])
    assert stops >= 10 and not hidden, (stops, hidden)


def test_risk_factor_choice_shows_a_count_on_screen_with_a_jump(phone, base_url: str) -> None:  # type: ignore[no-untyped-def]
    kb = load()
    fitting = [i for i in kb.interventions if "B1.4" in i.risicofactoren]
    phone.goto(base_url + "risicofactoren/", wait_until="load")
    bar = phone.locator("[data-hr-rf-summary]")
    expect(bar).to_have_text("Nog geen risicofactor gekozen.")
    jump = phone.get_by_role("link", name="Naar de uitleg en aanpakken")
    expect(jump).to_be_hidden()
    phone.locator('[data-hr-rf-form] input[value="B1.4"]').tap()
    expect(bar).to_have_text(f"1 risicofactor gekozen, {len(fitting)} aanpakken")
    assert in_viewport(bar)
    expect(phone).to_have_url(re.compile(r"\?rf=B1\.4$"))
    jump.tap()
    expect(phone.locator("#gekozen-risicofactoren")).to_be_in_viewport()


def test_without_javascript_nothing_sticks_and_no_dead_jump(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    kb = load()
    context = browser.new_context(java_script_enabled=False, **PHONE)
    try:
        page = context.new_page()
        page.goto(base_url + "praktijkvoorbeelden/")
        expect(page.locator("[data-hr-count]")).to_have_text(
            f"{len(kb.interventions)} praktijkvoorbeelden en instrumenten"
        )
        expect(page.get_by_role("link", name="Naar de resultaten")).to_be_hidden()
        assert page.locator(".hr-resultbar").evaluate("(e) => getComputedStyle(e).position") == "static"
        page.goto(base_url + "risicofactoren/")
        expect(page.locator("[data-hr-rf-bar]")).to_be_hidden()
        # the diagrams are links without scripts too
        page.goto(base_url + "aanpak/fasewijzer/")
        expect(page.get_by_role("link", name="Stadium 1: Relatieve rust – Proactie")).to_be_visible()
    finally:
        context.close()
