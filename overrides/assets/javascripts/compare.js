// The comparison page (partials/intervention-compare.html): two to four practice examples side by
// side, their fields in rows, from the address (?id=a&id=b, shareable). The records come from the
// open data (interventies.json, cached by the service worker for offline use); codes get their
// names from each row's data-hr-names. Every value is set as text (textContent) into cells made
// with createElement: no data is ever parsed as HTML.

const MAX = 4;

function paragraphs(cell, text) {
  // a text field is Markdown: its paragraphs (blank lines) become paragraphs, its line breaks spaces
  for (const part of String(text).split(/\n\s*\n/)) {
    if (!part.trim()) continue;
    const p = document.createElement("p");
    p.textContent = part.replace(/\s+/g, " ").trim();
    cell.append(p);
  }
}

async function setup(root) {
  const status = root.querySelector("[data-hr-compare-status]");
  const scroll = root.querySelector("[data-hr-compare-scroll]");
  const fallback = root.querySelectorAll("[data-hr-compare-fallback]");
  // each example's page, from the list of every example (the address is the model's, built once)
  const pages = new Map(Array.from(root.querySelectorAll(".hr-compare__all [data-intervention]"),
    (li) => [li.dataset.intervention, li.querySelector("a")]));
  const wanted = [...new Set(new URLSearchParams(location.search).getAll("id"))].filter((id) => pages.has(id));
  if (wanted.length < 2) return;  // the explanation and the list of every example stay
  let records;
  try {
    const response = await fetch(root.dataset.hrData);
    records = new Map((await response.json()).map((r) => [r.id, r]));
  } catch {
    return;  // offline before the data was kept: the list of pages stays
  }
  const chosen = wanted.filter((id) => records.has(id)).slice(0, MAX);
  if (chosen.length < 2) return;
  for (const row of root.querySelectorAll("[data-hr-compare-row]")) {
    const field = row.dataset.hrCompareRow;
    const names = row.dataset.hrNames ? JSON.parse(row.dataset.hrNames) : null;
    for (const id of chosen) {
      const record = records.get(id);
      if (field === "naam") {
        const head = document.createElement("th");
        head.scope = "col";
        const link = head.appendChild(document.createElement("a"));
        link.href = pages.get(id).href;
        link.textContent = record.naam;
        row.append(head);
        continue;
      }
      const cell = document.createElement("td");
      const value = record[field];
      if (Array.isArray(value)) {
        cell.textContent = value.length ? value.map((v) => (names && names[v]) || v).join(", ") : "—";
      } else if (["doel", "werkwijze"].includes(field)) {
        paragraphs(cell, value || "");
      } else {
        cell.textContent = value || "—";
      }
      row.append(cell);
    }
  }
  status.textContent = wanted.length > MAX
    ? `${chosen.length} voorbeelden naast elkaar (hooguit ${MAX}; de andere gekozen voorbeelden staan hier niet).`
    : `${chosen.length} voorbeelden naast elkaar.`;
  scroll.hidden = false;
  for (const element of fallback) element.hidden = true;
}

for (const root of document.querySelectorAll("[data-hr-compare]")) setup(root);
