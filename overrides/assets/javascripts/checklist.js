// Makes the checklists on a page (Markdown task lists: `- [ ] item`) tickable. Ticks are kept in
// this browser only (localStorage, per page), never sent anywhere; a button clears them.
// Loaded only on pages with a checklist (overrides/main.html).

const key = `handreiking-checklist:${location.pathname}`;
const boxes = Array.from(document.querySelectorAll(".md-content .task-list-item > .task-list-control > input[type=checkbox]"));

function load() {
  try {
    return JSON.parse(localStorage.getItem(key) || "[]");
  } catch {
    return [];
  }
}

function save() {
  const ticked = boxes.map((box, i) => (box.checked ? i : -1)).filter((i) => i >= 0);
  try {
    if (ticked.length) localStorage.setItem(key, JSON.stringify(ticked));
    else localStorage.removeItem(key);
  } catch {
    // storage unavailable (private mode): ticks simply are not kept
  }
  status.textContent = ticked.length ? `${ticked.length} van ${boxes.length} punten afgevinkt` : "";
}

// The toolbar is in the page already (macros/hooks.py), so nothing moves when this runs.
const bar = document.querySelector(".hr-checklist-bar");
const status = bar ? bar.querySelector(".hr-checklist-status") : document.createElement("p");

if (boxes.length && bar) {
  const ticked = new Set(load());
  boxes.forEach((box, i) => {
    box.disabled = false;
    box.checked = ticked.has(i);
    box.addEventListener("change", save);
  });
  bar.querySelector("[data-checklist=wissen]").addEventListener("click", () => {
    boxes.forEach((box) => { box.checked = false; });
    save();
    status.textContent = "Alle vinkjes zijn gewist";
  });
  bar.querySelector("[data-checklist=afdrukken]").addEventListener("click", () => window.print());
  save();
}
