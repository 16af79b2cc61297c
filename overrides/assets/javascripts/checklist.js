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

const status = document.createElement("p");
status.className = "hr-checklist-status";
status.setAttribute("role", "status");

if (boxes.length) {
  const ticked = new Set(load());
  boxes.forEach((box, i) => {
    box.disabled = false;
    box.checked = ticked.has(i);
    box.addEventListener("change", save);
  });
  const bar = document.createElement("div");
  bar.className = "hr-checklist-bar";
  const reset = document.createElement("button");
  reset.type = "button";
  reset.className = "md-button";
  reset.textContent = "Alle vinkjes wissen";
  reset.addEventListener("click", () => {
    boxes.forEach((box) => { box.checked = false; });
    save();
    status.textContent = "Alle vinkjes zijn gewist";
  });
  const print = document.createElement("button");
  print.type = "button";
  print.className = "md-button";
  print.textContent = "Afdrukken";
  print.addEventListener("click", () => window.print());
  const note = document.createElement("p");
  note.className = "hr-checklist-note";
  note.textContent = "Vink punten af tijdens het overleg. De vinkjes worden alleen in deze browser bewaard.";
  bar.append(note, reset, " ", print, status);
  const h1 = document.querySelector(".md-content h1");
  (h1 || boxes[0].closest("ul")).after(bar);
  save();
}
