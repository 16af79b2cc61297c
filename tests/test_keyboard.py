"""Keyboard only, as a person meets the site (issue 23): Tab and Shift+Tab through representative
pages at 390, 1,100 and 1,366 px, ticking checkboxes and opening filter groups on the way; and
(tests/test_keyboard_use.py) the same at 400 % zoom and in forced colours (Windows high
contrast), the menu and the search dialog by keyboard.

At every stop the focused element must be
- on screen: part of its first box lies inside the window (and inside every element that clips
  it, such as a table that scrolls sideways);
- not covered (WCAG 2.4.11): the element at the centre of that part is the focused element, or
  inside it, or inside its label (a checklist's box is drawn by its label);
- visibly focused (WCAG 2.4.7): a screenshot of the element and 8 px around it differs with the
  focus on it and with the focus taken away (blur), in each state it has: a checkbox before and
  after it is ticked.

axe-core checks none of this: it happens only in use.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}}
TABLET = {"viewport": {"width": 1100, "height": 800}}  # below Material's 1,220 px: the menu is a drawer
WIDE = {"viewport": {"width": 1366, "height": 900}}
# 400 % zoom of a 1280 x 800 window: 320 x 200 CSS px, four device pixels each.
ZOOM_400 = {"viewport": {"width": 320, "height": 200}, "device_scale_factor": 4}

VIEWPORTS = {"390 px": PHONE, "1100 px": TABLET, "1366 px": WIDE}
PAGES = [
    "",
    "samos/kernteam/",
    "samos/werkprotocol-kernteam/",
    "praktijkvoorbeelden/",
    "risicofactoren/",
    "aanpak/fasewijzer/",
]
# forced colours and 400 % zoom: the pages with the controls that draw their own states
STATE_PAGES = ["samos/werkprotocol-kernteam/", "praktijkvoorbeelden/", "risicofactoren/", "aanpak/fasewijzer/"]
TICKABLE = STATE_PAGES[:3]  # checklist, filters, risk-factor selector

# Resolves once nothing moves any more: every running animation and transition (the drawer
# slides in 250 ms) has finished, and a frame is painted.
SETTLED_JS = """async () => {
  const frame = () => new Promise((done) => requestAnimationFrame(done));
  await frame();  // styles of the last key press applied: its transitions have started
  await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null)));
  await frame();
}"""

# The focused element, where it is shown and what is on top of it (see the module's docstring).
STOP_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  // the next part of the same control (day, month and year of a date field): seen already
  const same = el === window.__hrLast;
  window.__hrLast = el;
  const describe = (e) => e ? `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""}` +
    `${typeof e.className === "string" && e.className.trim() ? "." + e.className.trim().split(/\\s+/).join(".") : ""}` +
    ` "${(e.getAttribute("aria-label") || e.textContent || e.value || "").trim().replace(/\\s+/g, " ").slice(0, 50)}"` : "nothing";
  // an input inside its label: the label is what is seen (and where its focus ring is)
  const label = el.labels ? [...el.labels].find((l) => l.contains(el)) : null;
  const shape = label || el;
  const boxes = [...shape.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
  const first = boxes[0] || shape.getBoundingClientRect();
  let [l, t, r, b] = [first.left, first.top, first.right, first.bottom];
  const clip = (c) => { l = Math.max(l, c.left); t = Math.max(t, c.top); r = Math.min(r, c.right); b = Math.min(b, c.bottom); };
  // clipped by the ancestors whose overflow is not visible, along the chain of containing blocks
  // (a positioned box escapes the overflow of the static boxes around it)
  let position = getComputedStyle(shape).position;
  for (let a = shape.parentElement; a && a !== document.body; a = a.parentElement) {
    const s = getComputedStyle(a);
    const contains = position === "absolute" ? s.position !== "static" || s.transform !== "none"
      : position === "fixed" ? s.transform !== "none" : true;
    if (!contains) continue;
    if (s.overflowX !== "visible" || s.overflowY !== "visible") clip(a.getBoundingClientRect());
    position = s.position;
  }
  clip({left: 0, top: 0, right: innerWidth, bottom: innerHeight});
  const shown = r - l >= 1 && b - t >= 1;
  const mine = (e) => !!e && (e === el || el.contains(e) || (!!label && label.contains(e)));
  let hit = shown ? document.elementFromPoint((l + r) / 2, (t + b) / 2) : null;
  // a link in a diagram (SVG) is its shapes: the middle of its box may lie between them
  for (const part of el instanceof SVGElement && !mine(hit) ? el.querySelectorAll("rect, circle, text") : []) {
    const p = part.getBoundingClientRect();
    const x = Math.min(Math.max((p.left + p.right) / 2, l), r), y = Math.min(Math.max((p.top + p.bottom) / 2, t), b);
    if (mine(document.elementFromPoint(x, y))) { hit = part; break; }
  }
  const own = mine(hit);
  const all = shape.getBoundingClientRect();
  const x = Math.max(0, all.left - 8), y = Math.max(0, all.top - 8);
  return {
    what: describe(el), same, shown, covered: shown && !own, on: describe(hit),
    checkbox: el.matches("input[type=checkbox]"), checked: !!el.checked,
    closed: el.matches("details:not([open]) > summary"),
    sidebar: !!el.closest(".md-sidebar--primary"), dialog: !!el.closest("dialog"),
    clip: {x, y, width: Math.max(1, Math.min(innerWidth, all.right + 8) - x), height: Math.max(1, Math.min(innerHeight, all.bottom + 8) - y)},
  };
}"""


@dataclass
class Walk:
    stops: list[dict]
    problems: list[str]
    ticked: int = 0  # checkboxes ticked on the way


def settle(page) -> None:  # type: ignore[no-untyped-def]
    page.evaluate(SETTLED_JS)


def looks_focused(page, stop: dict) -> bool:  # type: ignore[no-untyped-def]
    """The element's surroundings look different with the focus on it than without."""
    clip = stop["clip"]
    options = {"clip": clip, "caret": "hide", "scale": "css"}
    focused = page.screenshot(**options)
    page.evaluate("() => { window.__hrFocused = document.activeElement; document.activeElement.blur(); }")
    unfocused = page.screenshot(**options)  # a screenshot is of a new frame
    # back where it was: the next Tab goes on from here (the keyboard was used last, so the
    # browser shows this focus as keyboard focus again)
    page.evaluate("() => window.__hrFocused.focus({preventScroll: true})")
    return focused != unfocused


def check_stop(page, label: str, problems: list[str], again: bool = False) -> dict | None:  # type: ignore[no-untyped-def]
    """Checks the focused element (``again``: the same one in a new state, looked at anew)."""
    if again:
        page.evaluate("() => { window.__hrLast = null; }")
    settle(page)
    stop = page.evaluate(STOP_JS)
    if stop is None:  # the focus went to the browser (past the end of the page)
        return None
    if not stop["shown"]:
        problems.append(f"{label}: {stop['what']} is not on screen")
    elif stop["covered"]:
        problems.append(f"{label}: {stop['what']} is covered by {stop['on']}")
    elif not stop["same"] and not looks_focused(page, stop):
        problems.append(f"{label}: {stop['what']} does not look focused")
    return stop


def walk(page, where: str, forward: int, back: int, tick: int = 2, skip: bool = False) -> Walk:  # type: ignore[no-untyped-def]
    """Tab ``forward`` stops, then Shift+Tab ``back``. With ``skip``, the first Tab and Enter
    take the skip link ("Ga naar inhoud") to the content. On the way forward a closed filter
    group is opened with Enter, and the first ``tick`` checkboxes are ticked with Space: each is
    checked again in its new state."""
    result = Walk([], [])
    if skip:
        page.keyboard.press("Tab")
        stop = check_stop(page, f"{where} skip link", result.problems)
        assert stop and "Ga naar inhoud" in stop["what"], stop
        page.keyboard.press("Enter")
    for key, count in (("Tab", forward), ("Shift+Tab", back)):
        for i in range(count):
            page.keyboard.press(key)
            stop = check_stop(page, f"{where} {key} #{i + 1}", result.problems)
            if stop is None:
                continue
            result.stops.append(stop)
            if key != "Tab":
                continue
            if stop["checkbox"] and not stop["checked"] and result.ticked < tick:
                page.keyboard.press("Space")
                page.wait_for_function("() => document.activeElement.checked")
                result.ticked += 1
                check_stop(page, f"{where} {key} #{i + 1} (ticked)", result.problems, again=True)
            elif stop["closed"]:
                page.keyboard.press("Enter")
                page.wait_for_function("() => document.activeElement.parentElement.open")
                check_stop(page, f"{where} {key} #{i + 1} (opened)", result.problems, again=True)
    return result


def open_page(browser, base_url: str, path: str, **options):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="nl-NL", **options)
    page = context.new_page()
    page.goto(base_url + path, wait_until="load")
    return context, page


@pytest.mark.parametrize("width", list(VIEWPORTS))
@pytest.mark.parametrize("path", PAGES)
def test_every_tab_stop_is_on_screen_uncovered_and_visibly_focused(
    browser, base_url: str, path: str, width: str
) -> None:  # type: ignore[no-untyped-def]
    context, page = open_page(browser, base_url, path, **VIEWPORTS[width])
    # the pages with controls of their own: from the skip link on, through those controls
    result = walk(page, f"/{path} at {width}", forward=28, back=10, skip=path in STATE_PAGES)
    context.close()
    assert len(result.stops) >= 20, f"only {len(result.stops)} stops on /{path}"
    assert result.problems == []
    if path in TICKABLE:
        assert result.ticked >= 1, "the walk ticked no checkbox: it did not reach the page's controls"
    if width != "1366 px":  # the menu is a closed drawer: none of its links takes the focus
        assert not any(s["sidebar"] for s in result.stops), [s["what"] for s in result.stops if s["sidebar"]]
    elif path == "samos/kernteam/":  # a column beside the page: its links are Tab stops
        assert any(s["sidebar"] for s in result.stops)
