// What a visitor can do with the examples a filter shows (partials/selection-actions.html), on the
// overview (filter.js) and the risk-factor selector (riskfactors.js); this script only reads what
// those show, so a filter toggle costs nothing here beyond one line of text.
// - "Download deze selectie": the spreadsheet CSV of the shown examples, in the order shown. It is
//   the built open-data file (handreiking/opendata.py writes it, one physical line per record, the
//   record's id first): this script keeps its header and the lines of the shown ids, so there is
//   one CSV writer, and the service worker's copy makes it work offline.
// - "Print deze selectie" prints the page; while a filter is chosen, site.css prints only the
//   selection, headed by the chosen filters this script writes (data-hr-chosen-filters). The
//   page-wide mark data-hr-selected on <html> tells site.css a filter is chosen.
// - The comparison is a plain form whose boxes sit on the cards (works by address alone).
// - Why a card matched: the chosen "group:value" pairs go into the scope's data-hr-match, which
//   the generated stylesheet filter-matches.css turns into ticked labels on the cards.

function chosenFilters(scope) {
  // "Handeling: Preventie, Interventie; Schaal: Wijk; zoekwoord "buurt"", from the form itself
  const groups = new Map();
  for (const box of scope.querySelectorAll("form input[type=checkbox]:checked:not([form])")) {
    // the group's name: the fieldset's short name for print (data-hr-filter-name), else its legend
    const fieldset = box.closest("fieldset");
    const legend = fieldset?.dataset.hrFilterName || fieldset?.querySelector("legend")?.textContent.trim() || "";
    const label = box.closest("label")?.textContent.replace(/\s+/g, " ").trim() || box.value;
    if (!groups.has(legend)) groups.set(legend, []);
    groups.get(legend).push(label);
  }
  const parts = [...groups].map(([legend, labels]) => `${legend}: ${labels.join(", ")}`);
  const words = scope.querySelector("form input[type=search]")?.value.trim();
  if (words) parts.push(`zoekwoord "${words}"`);
  return parts;
}

function shownIds(scope) {
  return Array.from(scope.querySelectorAll("[data-intervention]"))
    .filter((item) => !item.hidden && !item.closest("[hidden]"))
    .map((item) => item.dataset.intervention);
}

async function download(bar, scope) {
  const response = await fetch(bar.dataset.hrCsv);
  const lines = (await response.text()).split("\r\n");  // text() drops the byte-order mark
  const byId = new Map(lines.slice(1).map((line) => [line.slice(0, line.indexOf(";")), line]));
  const rows = shownIds(scope).filter((id) => byId.has(id)).map((id) => byId.get(id));
  const csv = `\ufeff${[lines[0], ...rows].join("\r\n")}\r\n`;
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = "praktijkvoorbeelden-selectie.csv";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function setup(bar) {
  const scope = bar.closest("[data-hr-selection-scope]");
  const filters = bar.querySelector("[data-hr-chosen-filters]");
  // The "Vergelijk" boxes are not the browser's to save and restore: a history entry keeps the
  // state of every form control it may restore, and with 2,000 cards saving it made each
  // filter click's new address cost 10-30 ms (bench/README.md, "Filters at scale"). Set here,
  // not in the markup: the HTML standard has no autocomplete on a checkbox.
  for (const box of scope.querySelectorAll("input[type=checkbox][form]")) box.autocomplete = "off";

  function describe() {
    const parts = chosenFilters(scope);
    filters.textContent = parts.length ? `Gekozen: ${parts.join("; ")}.` : "";
    document.documentElement.toggleAttribute("data-hr-selected", parts.length > 0);
    // "group:value" of each chosen box: the generated filter-matches.css marks those values on
    // the cards (why a card matched) with this one attribute, no card touched
    scope.dataset.hrMatch = Array.from(scope.querySelectorAll("form input[type=checkbox]:checked:not([form])"),
      (box) => `${box.name}:${box.value}`).join(" ");
  }

  bar.querySelector("[data-hr-download]").addEventListener("click", () => download(bar, scope));
  bar.querySelector("[data-hr-print]").addEventListener("click", () => window.print());
  // after the page's own script has applied the change (its listeners were added first)
  scope.addEventListener("change", describe);
  // the word box as it is typed (a box's tick comes as a change too: described once)
  scope.addEventListener("input", (e) => { if (e.target.type !== "checkbox") describe(); });
  scope.addEventListener("reset", () => setTimeout(describe));
  window.addEventListener("popstate", describe);
  describe();
}

for (const bar of document.querySelectorAll("[data-hr-selection]")) setup(bar);
