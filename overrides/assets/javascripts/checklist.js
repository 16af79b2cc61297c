// Makes the checklists on a page (Markdown task lists: `- [ ] item`) tickable, keeps the
// "Vergadering" block (datum, aanleiding, aanwezigen, besluiten) filled in, and prints the whole
// checklist or one part of it (front matter `afdrukdelen`). Everything is kept in
// this browser only (localStorage, one entry per page), never sent anywhere; buttons clear it.
// Loaded only on pages with a checklist (overrides/main.html); the toolbar, the Vergadering block
// and each box's stable id (data-hr-punt) are in the page already (handreiking/checklists.py), so
// nothing moves when this runs.
//
// Storage: "handreiking-checklist:<path>" holds {"punten": [ids of ticked items], "vergadering":
// {datum, aanleiding, aanwezigen, besluiten}}. Ticks are kept by item id, not by position, so an
// item added to a checklist does not move them. The first version kept an array of positions
// ([0, 3, 7]); such an entry is moved over to the ids once, the first time the page opens.

import { announce } from "./announce.js";

const key = `handreiking-checklist:${location.pathname}`;
const boxes = Array.from(document.querySelectorAll(".md-content .task-list-item > .task-list-control > input[type=checkbox]"));
const bar = document.querySelector(".hr-checklist-bar");
const status = bar ? bar.querySelector(".hr-checklist-status") : document.createElement("p");
const meeting = document.querySelector("[data-hr-vergadering]");
const fields = meeting ? Array.from(meeting.querySelectorAll("input[name], textarea[name]")) : [];

function write(state) {
  const empty = !state.punten.length && !Object.values(state.vergadering).some((value) => value);
  try {
    if (empty) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(state));
  } catch {
    // storage unavailable (private mode): ticks and meeting details simply are not kept
  }
}

function read() {
  let stored = null;
  try {
    stored = JSON.parse(localStorage.getItem(key) || "null");
  } catch {
    stored = null;
  }
  if (Array.isArray(stored)) {
    // the first version's positions: move them over to the items' ids, once
    const punten = stored.filter(Number.isInteger).map((i) => boxes[i] && boxes[i].dataset.hrPunt).filter(Boolean);
    const state = { punten, vergadering: {} };
    write(state);
    return state;
  }
  const state = { punten: [], vergadering: {} };
  if (stored && typeof stored === "object") {
    if (Array.isArray(stored.punten)) state.punten = stored.punten.filter((id) => typeof id === "string");
    if (stored.vergadering && typeof stored.vergadering === "object") {
      for (const field of fields) {
        const value = stored.vergadering[field.name];
        if (typeof value === "string") state.vergadering[field.name] = value;
      }
    }
  }
  return state;
}

function current() {
  const vergadering = {};
  for (const field of fields) if (field.value) vergadering[field.name] = field.value;
  return { punten: boxes.filter((box) => box.checked).map((box) => box.dataset.hrPunt), vergadering };
}

// The count of ticked items in the status line (a live region); `said`: after a tick, announced
// (also the last box unticked: "Geen punten afgevinkt").
function showCount(said = false) {
  const ticked = boxes.filter((box) => box.checked).length;
  if (said) announce(status, ticked ? `${ticked} van ${boxes.length} punten afgevinkt` : "Geen punten afgevinkt");
  else status.textContent = ticked ? `${ticked} van ${boxes.length} punten afgevinkt` : "";
}

// What a field holds, as printed: a date in words ("28 november 2026"), text as typed.
const longDate = new Intl.DateTimeFormat("nl-NL", { day: "numeric", month: "long", year: "numeric" });
function printed(field) {
  const mirror = meeting.querySelector(`[data-hr-afdruk="${field.name}"]`);
  if (!mirror) return;
  let text = field.value;
  if (field.type === "date" && /^\d{4}-\d\d-\d\d$/.test(text)) {
    const [y, m, d] = text.split("-").map(Number);
    text = longDate.format(new Date(y, m - 1, d));
  }
  mirror.textContent = text;
}

if (boxes.length && bar) {
  const state = read();
  const ticked = new Set(state.punten);
  boxes.forEach((box) => {
    box.disabled = false;
    box.checked = ticked.has(box.dataset.hrPunt);
    box.addEventListener("change", () => {
      write(current());
      showCount(true);
    });
  });
  for (const field of fields) {
    field.value = state.vergadering[field.name] || "";
    printed(field);
    field.addEventListener("input", () => {
      printed(field);
      write(current());
    });
  }
  bar.querySelector("[data-checklist=wissen]").addEventListener("click", () => {
    boxes.forEach((box) => { box.checked = false; });
    write(current());
    announce(status, "Alle vinkjes zijn gewist");
  });
  bar.querySelector("[data-checklist=afdrukken]").addEventListener("click", () => window.print());
  // What to print: the whole checklist, or one part (a meeting). The other parts get a class that
  // the print style leaves out; the screen shows everything.
  const part = bar.querySelector("[data-checklist=deel]");
  if (part) {
    part.addEventListener("change", () => {
      for (const el of document.querySelectorAll(".hr-deel[data-hr-deel]")) {
        el.classList.toggle("hr-deel--niet-afdrukken", Boolean(part.value) && el.dataset.hrDeel !== part.value);
      }
    });
  }
  const clearMeeting = meeting && meeting.querySelector("[data-checklist=vergadering-wissen]");
  if (clearMeeting) {
    clearMeeting.addEventListener("click", () => {
      for (const field of fields) {
        field.value = "";
        printed(field);
      }
      write(current());
      announce(status, "De gegevens van de vergadering zijn gewist");
    });
  }
  showCount();
}
