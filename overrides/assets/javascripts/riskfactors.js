// Risk-factor selector (partials/riskfactor-selector.html). Shows the explanation of each chosen
// risk factor and ranks the interventions: first those the guide itself links to a chosen factor,
// then by how many of the chosen factors they address; each names the chosen factors it addresses
// and who made the link (the guide's text or the editors' reading).
// The choice lives in the query string (?rf=B1.1&rf=B1.4): shareable, reloadable, back button.
// The group's name ("rf": the checkboxes' name, the query-string parameter and the items' data
// attribute) comes from the form (risicofactorkeuze in data/vocabularies.yaml).
import { announce } from "./announce.js";
import { PART, estimate, learnHeights, many, split } from "./parts.js";

for (const root of document.querySelectorAll("[data-hr-rf-selector]")) {
  const form = root.querySelector("[data-hr-rf-form]");
  const result = root.querySelector("[data-hr-rf-result]");
  const count = root.querySelector("[data-hr-rf-count]");
  const list = root.querySelector("[data-hr-ranking]");
  const name = form.dataset.hrGroup;
  // Each approach read once: its risk factors and where its score goes. A choice then reads no
  // attribute or layout, and writes only what changes (bench/filters.py).
  const items = Array.from(list.children, (item, order) => ({
    item,
    order,
    factors: (item.dataset[name] || "").split(" ").filter(Boolean),
    // the factors the guide's own text links to this approach; the others are the editors' reading
    guide: new Set((item.dataset[`${name}Handreiking`] || "").split(" ").filter(Boolean)),
    // the text of its score label, one node rewritten in place (cheaper than a new node per choice)
    label: item.querySelector("[data-hr-score]").appendChild(document.createTextNode("")),
    text: "",
    shown: !item.hidden,
  }));
  let ranking = items.filter((entry) => entry.shown); // the shown items, in the list's order
  // Many approaches (a data set far larger than the guide's): the ranking in parts (parts.js),
  // refilled in ranking order after each choice, so part k always holds places k x PART + 1 on
  // (each part numbers its own items, its style containment: its first item has that number as
  // its value, the others count on from it); the items
  // not shown wait in a hidden box at the end, where they need no hidden of their own. A part off
  // screen takes its items' height (as seen on a part the browser rendered).
  let parts = [];
  let waiting = null;
  let itemHeight = 0;
  if (many(items.length)) {
    parts = split(list, items.map((entry) => entry.item), "hr-ranking__part")
      .map((part) => ({ part, entries: [] }));
    waiting = document.createElement("div");
    waiting.hidden = true;
    for (const p of parts) waiting.append(...p.part.children);
    list.append(waiting);
    list.classList.add("hr-ranking--parts");
    for (const p of parts) p.part.hidden = true;
    for (const entry of items) entry.item.hidden = false;
    itemHeight = parseFloat(getComputedStyle(document.documentElement).fontSize) * 3;
    const ofPart = new Map(parts.map((p) => [p.part, p]));
    learnHeights(parts.map((p) => p.part), (part) => ofPart.get(part).entries.length, () => 0, () => itemHeight,
      (height, seen) => {
        itemHeight = height;
        for (const p of parts) if (p.part !== seen) estimate(p.part, p.entries.length, itemHeight);
      });
  }

  // The shown items in `next`'s order, each part holding its PART of them; moved only where a
  // part's items changed.
  function fill(next) {
    const shown = new Set(next);
    const gone = ranking.filter((entry) => !shown.has(entry));
    const changed = [];
    parts.forEach((p, k) => {
      const own = next.slice(k * PART, (k + 1) * PART);
      if (own.length !== p.entries.length || own.some((entry, i) => entry !== p.entries[i])) {
        if (p.entries.length) p.entries[0].item.removeAttribute("value");  // only a first item has one
        p.part.replaceChildren(...own.map((entry) => entry.item));
        p.entries = own;
        changed.push(k);
      }
      estimate(p.part, own.length, itemHeight);
    });
    for (const k of changed) if (parts[k].entries.length) parts[k].entries[0].item.value = k * PART + 1;
    waiting.append(...gone.map((entry) => entry.item));
  }
  const sections = Array.from(root.querySelectorAll("[data-hr-rf-explanation]"));
  const bar = root.querySelector("[data-hr-rf-bar]");
  const summary = root.querySelector("[data-hr-rf-summary]");
  const jump = root.querySelector("[data-hr-rf-jump]");
  form.hidden = false;
  bar.hidden = false;

  // "B1.1, B1.4: lezing van de redactie" or "B1.1: volgens de handreiking; B1.4: lezing van de redactie"
  function origins(matched, guide) {
    const parts = [];
    for (const [says, factors] of [["volgens de handreiking", matched.filter((f) => guide.has(f))],
      ["lezing van de redactie", matched.filter((f) => !guide.has(f))]]) {
      if (factors.length) parts.push(`${factors.join(", ")}: ${says}`);
    }
    return parts.join("; ");
  }

  function chosen() {
    return Array.from(form.querySelectorAll(`input[name="${name}"]:checked`)).map((box) => box.value);
  }

  // `said`: a choice the visitor made, announced (the result bar's summary is the live region)
  function show(selected, said = false) {
    result.hidden = selected.length === 0;
    for (const section of sections) section.hidden = !selected.includes(section.dataset.hrRfExplanation);
    const chosen = new Set(selected);
    const next = [];
    // nothing chosen: the results are hidden whole, so a ranking in parts is left as it stands
    // until the next choice (which moves only what changed)
    const rank = selected.length > 0 || !parts.length;
    for (const entry of rank ? items : []) {
      const matched = entry.factors.filter((f) => chosen.has(f));
      entry.score = matched.length;
      entry.fromGuide = matched.filter((f) => entry.guide.has(f)).length;
      const text = entry.score ? `(${origins(matched, entry.guide)})` : "";
      if (text !== entry.text) entry.label.data = entry.text = text;
      const shown = entry.score > 0;
      if (shown) next.push(entry);
      // in parts, where an item stands says whether it shows (a part, or the hidden box)
      if (!parts.length && entry.shown !== shown) entry.item.hidden = !(entry.shown = shown);
    }
    next.sort((a, b) => b.fromGuide - a.fromGuide || b.score - a.score || a.order - b.order);
    // the shown items go first, best first (the hidden ones may stay where they are); moved only
    // when their order changed
    if (rank && (next.length !== ranking.length || next.some((entry, i) => entry !== ranking[i]))) {
      if (parts.length) fill(next);
      else list.prepend(...next.map((entry) => entry.item));
    }
    if (rank) ranking = next;
    const shown = next.length;
    count.textContent = selected.length === 0 ? "" : shown === 0
      ? "Geen aanpakken gevonden voor deze keuze."
      : `${shown} ${shown === 1 ? "aanpak pakt" : "aanpakken pakken"} een of meer van de gekozen risicofactoren aan, de meest passende eerst.`;
    // the result bar under the form: shown from the start, so its summary is the live region
    // (the count above sits in the results, hidden until the first choice)
    const text = selected.length === 0 ? "Nog geen risicofactor gekozen."
      : `${selected.length} ${selected.length === 1 ? "risicofactor" : "risicofactoren"} gekozen, ` +
        `${shown} ${shown === 1 ? "aanpak" : "aanpakken"}`;
    if (said) announce(summary, text);
    else summary.textContent = text;
    jump.classList.toggle("hr-resultbar__jump--off", selected.length === 0);  // keeps its place
  }

  function update() {
    const selected = chosen();
    const params = new URLSearchParams();
    for (const id of selected) params.append(name, id);
    const query = params.toString();
    history.pushState(null, "", `${location.pathname}${query ? `?${query}` : ""}${location.hash}`);
    show(selected, true);
  }

  function fromAddress() {
    const wanted = new URLSearchParams(location.search).getAll(name);
    for (const box of form.querySelectorAll(`input[name="${name}"]`)) box.checked = wanted.includes(box.value);
    show(chosen());
  }

  form.addEventListener("change", update);
  form.addEventListener("reset", () => setTimeout(update));
  window.addEventListener("popstate", fromAddress);
  fromAddress();
}
