// The navigation menu by keyboard (issue 23), loaded on every page (overrides/main.html).
//
// Below 76.25em (Material's breakpoint) the theme shows the site navigation as a drawer, opened
// by a <label> for a hidden checkbox (#__drawer): out of Tab's reach, while the closed drawer's
// links took focus off-screen. Here:
// - the header's menu button (partials/header.html, shown where scripts run instead of the label)
//   opens and closes the drawer, says whether it is open (aria-expanded) and moves the focus into
//   it; Escape closes it and gives the focus back to the button, and so does focus leaving it;
// - a closed drawer, and inside the open drawer each closed sub-menu and each menu a sub-menu
//   covers, is inert: its links take no focus. From 76.25em the sidebar is always shown and
//   nothing is inert (updated when the window crosses the breakpoint);
// - the theme's section toggles (labels for hidden checkboxes, an arrow without a name) and the
//   sub-menus' back titles are buttons with a name and, for the toggles, their state.
// The theme still does the drawing: every change goes through its checkboxes (a click, so its
// own scripts see the change). Without scripts the theme's label and checkboxes work as before.

const NARROW = window.matchMedia("(max-width: 76.234375em)");
const drawer = document.getElementById("__drawer");
const button = document.querySelector("[data-hr-menu]");
const sidebar = document.querySelector(".md-sidebar--primary");
const primary = sidebar && sidebar.querySelector(".md-nav--primary");

// A theme checkbox (section toggle or the page's own table of contents) by the id a label names.
function toggleFor(label) {
  const input = document.getElementById(label.htmlFor);
  return input && input.classList.contains("md-nav__toggle") ? input : null;
}

function text(element) {
  return element.textContent.replace(/\s+/g, " ").trim();
}

function asButton(label, name) {
  label.setAttribute("role", "button");
  label.tabIndex = 0;
  if (name) label.setAttribute("aria-label", name);
}

// From 76.25em a top-level section's toggle is the section's title, not a control (the theme
// shows every section open there): no button then.
function notButton(label) {
  for (const name of ["role", "tabindex", "aria-label", "aria-expanded"]) label.removeAttribute(name);
}

if (drawer && button && primary) {
  // Sub-menus: the element after a toggle checkbox in a menu item (the theme's nested panels).
  const panels = Array.from(primary.querySelectorAll("li > input.md-nav__toggle"))
    .map((input) => ({ input, panel: input.parentElement.querySelector(":scope > .md-nav") }))
    .filter((entry) => entry.panel);
  // The toggles: "Onderdelen van <section>" for an arrow without text, else their own text.
  const toggles = [];
  for (const label of primary.querySelectorAll("label.md-nav__link[for]")) {
    const input = toggleFor(label);
    if (!input) continue;
    const item = input.parentElement;
    const link = item.querySelector(":scope > .md-nav__container > a.md-nav__link");
    const own = text(label);
    let name = "";
    if (!own) name = `Onderdelen van ${link ? text(link) : "dit onderdeel"}`;
    else if (input.id === "__toc") name = `Inhoudsopgave van ${own}`;
    toggles.push({ label, input, name, section: item.classList.contains("md-nav__item--section") });
  }
  // The back title of each sub-menu (shown at the top of an open sub-menu in the drawer).
  const backs = [];
  for (const { input, panel } of panels) {
    const title = panel.querySelector(":scope > label.md-nav__title[for]");
    if (!title || title.htmlFor !== input.id) continue;
    asButton(title, `${text(title)}: terug naar het vorige menu`);
    backs.push({ label: title, input });
  }

  button.hidden = false;
  sidebar.id = sidebar.id || "hr-menu";
  button.setAttribute("aria-controls", sidebar.id);

  let inert = [];
  function update() {
    for (const element of inert) element.inert = false;
    inert = [];
    const set = (element) => {
      if (element) {
        element.inert = true;
        inert.push(element);
      }
    };
    const narrow = NARROW.matches;
    if (narrow && !drawer.checked) set(sidebar);
    if (narrow) {
      for (const { input, panel } of panels) {
        if (!input.checked) {
          set(panel);
          continue;
        }
        // An open sub-menu lies over the menu it belongs to: that menu's own items take no focus.
        const item = input.parentElement;
        const list = item.parentElement;
        const parent = list.parentElement;
        for (const sibling of list.children) if (sibling !== item) set(sibling);
        for (const child of item.children) if (child !== panel && child !== input) set(child);
        set(parent.querySelector(":scope > .md-nav__title"));
      }
    }
    for (const { label, input, name, section } of toggles) {
      if (section && !narrow) {
        notButton(label);
        continue;
      }
      asButton(label, name);
      label.setAttribute("aria-expanded", String(input.checked));
    }
    button.setAttribute("aria-expanded", String(drawer.checked));
  }

  // The first control that can take focus in the visible part of the drawer.
  function firstControl() {
    const controls = sidebar.querySelectorAll("a[href], [role=button][tabindex], button, input:not([type=checkbox])");
    return Array.from(controls).find((element) => !element.closest("[inert]") && element.checkVisibility());
  }

  function close(returnFocus) {
    if (drawer.checked) drawer.click();
    if (returnFocus) button.focus();
  }

  button.addEventListener("click", () => {
    drawer.click();
    if (drawer.checked) firstControl()?.focus();
  });
  drawer.addEventListener("change", () => {
    const focusInside = sidebar.contains(document.activeElement);
    update();
    if (!drawer.checked && focusInside && NARROW.matches) button.focus();
  });
  for (const { input } of panels) input.addEventListener("change", update);
  NARROW.addEventListener("change", update);

  // The toggles and back titles by keyboard: Enter or Space; the focus follows into the sub-menu
  // opened, and back to its toggle when it is closed.
  function onKey(entry, opened) {
    entry.label.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      event.stopPropagation(); // the theme clicks a focused label on Enter as well: not twice
      entry.label.click();
      if (!NARROW.matches) return;
      opened(entry);
    });
  }
  for (const entry of toggles) {
    onKey(entry, ({ input }) => {
      if (!input.checked) return;
      const back = backs.find((b) => b.input === input);
      (back ? back.label : firstControl())?.focus();
    });
  }
  for (const entry of backs) {
    onKey(entry, ({ input }) => toggles.find((t) => t.input === input)?.label.focus());
  }

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && drawer.checked && NARROW.matches) {
      event.preventDefault();
      close(true);
    }
  });
  // Focus that leaves the open drawer (Tab past its end, Shift+Tab before its start) closes it:
  // the page it lay over is shown again.
  sidebar.addEventListener("focusout", (event) => {
    const next = event.relatedTarget;
    if (next && NARROW.matches && drawer.checked && !sidebar.contains(next) && next !== button) close(false);
  });
  update();
}
