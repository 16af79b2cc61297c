// Risk-factor selector (partials/riskfactor-selector.html). Shows the explanation of each chosen
// risk factor and ranks the interventions: first those the guide itself links to a chosen factor,
// then by how many of the chosen factors they address; each names the chosen factors it addresses
// and who made the link (the guide's text or the editors' reading).
// The choice lives in the query string (?rf=B1.1&rf=B1.4): shareable, reloadable, back button.
// The group's name ("rf": the checkboxes' name, the query-string parameter and the items' data
// attribute) comes from the form (risicofactorkeuze in data/vocabularies.yaml).
import { announce } from "./announce.js";

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
    label: item.querySelector("[data-hr-score]"),
    text: "",
    shown: !item.hidden,
  }));
  let ranking = items.filter((entry) => entry.shown); // the shown items, in the list's order
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
    for (const entry of items) {
      const matched = entry.factors.filter((f) => chosen.has(f));
      entry.score = matched.length;
      entry.fromGuide = matched.filter((f) => entry.guide.has(f)).length;
      const text = entry.score ? `(${origins(matched, entry.guide)})` : "";
      if (text !== entry.text) entry.label.textContent = entry.text = text;
      if (entry.shown !== entry.score > 0) entry.item.hidden = !(entry.shown = entry.score > 0);
      if (entry.shown) next.push(entry);
    }
    next.sort((a, b) => b.fromGuide - a.fromGuide || b.score - a.score || a.order - b.order);
    // the shown items go first, best first (the hidden ones may stay where they are); moved only
    // when their order changed
    if (next.length !== ranking.length || next.some((entry, i) => entry !== ranking[i])) {
      list.prepend(...next.map((entry) => entry.item));
    }
    ranking = next;
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
