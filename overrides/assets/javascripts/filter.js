// Filters the practice-example cards rendered by partials/intervention-overview.html.
// Plain JavaScript, loaded only on pages that ask for it (front matter `scripts: [filter.js]`).
// Without JavaScript the form stays hidden and every card shows. The filter state lives in the
// query string (?handeling=preventie&schaal=wijk&q=...), so a filtered view can be shared,
// reloaded and navigated with the back button. The facet groups (<details>) start closed on a
// phone and open on a wider screen; each group's summary says how many of its options are chosen.

// Below this width (Material's tablet breakpoint, as in site.css) the facet groups start closed.
const NARROW = "(max-width: 59.984375em)";

function normalise(text) {
  return text.toLocaleLowerCase("nl").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

function setup(root) {
  const form = root.querySelector("[data-hr-filter-form]");
  // The filter groups (filtergroepen in data/vocabularies.yaml): each name is the checkboxes' name, the
  // query-string parameter and the cards' data attribute (data-handeling="preventie interventie").
  const GROUPS = form.dataset.hrGroups.split(" ");
  const list = root.querySelector(".hr-cards");
  const cards = Array.from(list.querySelectorAll("[data-intervention]"));
  const count = root.querySelector("[data-hr-count]");
  const empty = root.querySelector("[data-hr-empty]");
  const text = form.querySelector("input[name=q]");
  // What each card is, read once: its text and, per group, its values (a toggle then reads no
  // attribute or layout, and writes only the cards whose visibility changes).
  const entries = cards.map((card) => ({
    card,
    text: normalise(card.textContent),
    values: Object.fromEntries(GROUPS.map((name) => [name, new Set((card.dataset[name] || "").split(" "))])),
    shown: !card.hidden,
  }));
  const facets = Array.from(form.querySelectorAll("[data-hr-facet]"));
  const narrow = window.matchMedia(NARROW).matches;
  for (const facet of facets) facet.open = !narrow;
  form.dataset.hrReady = "";  // site.css stops showing the closed groups of a wide screen
  form.hidden = false;

  function showChosen() {
    for (const facet of facets) {
      const chosen = facet.querySelectorAll("input:checked").length;
      facet.querySelector("[data-hr-chosen]").textContent = chosen ? `(${chosen} gekozen)` : "";
    }
  }

  function stateFromForm() {
    const params = new URLSearchParams();
    for (const name of GROUPS) {
      for (const box of form.querySelectorAll(`input[name="${name}"]:checked`)) params.append(name, box.value);
    }
    if (text.value.trim()) params.set("q", text.value.trim());
    return params;
  }

  function formFromState(params) {
    for (const name of GROUPS) {
      const wanted = new Set(params.getAll(name));
      for (const box of form.querySelectorAll(`input[name="${name}"]`)) box.checked = wanted.has(box.value);
    }
    text.value = params.get("q") || "";
  }

  // The cards change in batches, in page order: the first frame gets at least BATCH cards and
  // as many as it takes to show FIRST_SHOWN of them (more than a screen holds, so what the visitor
  // sees is right at once), each following frame the next BATCH changed cards. A toggle over
  // thousands of cards then paints in one frame (bench/filters.py); the guide's few dozen cards
  // all change in the first. The list is aria-busy until all cards are done. The first view (from
  // the address) is done whole, before anything shows.
  const FIRST_SHOWN = 24;
  const BATCH = 200;
  let generation = 0;

  function render(from, run, whole) {
    let changed = 0;
    let shown = 0;
    let i = from;
    for (; i < entries.length; i++) {
      const enough = from ? changed >= BATCH : shown >= FIRST_SHOWN && i >= BATCH;
      if (enough && !whole) break;
      const entry = entries[i];
      if (entry.match !== entry.shown) {
        entry.card.hidden = !entry.match;
        entry.shown = entry.match;
        changed += 1;
      }
      if (entry.match) shown += 1;
    }
    if (i < entries.length) {
      list.setAttribute("aria-busy", "true");
      requestAnimationFrame(() => setTimeout(() => { if (run === generation) render(i, run, false); }));
    } else {
      list.removeAttribute("aria-busy");
    }
  }

  function apply(params, whole = false) {
    const query = normalise(params.get("q") || "");
    const wanted = GROUPS
      .map((name) => [name, params.getAll(name)])
      .filter(([, values]) => values.length);
    let shown = 0;
    for (const entry of entries) {
      entry.match = (!query || entry.text.includes(query))
        && wanted.every(([name, values]) => values.some((w) => entry.values[name].has(w)));
      if (entry.match) shown += 1;
    }
    render(0, ++generation, whole);
    const filtered = [...params.keys()].length > 0;
    count.textContent = filtered
      ? `${shown} van ${cards.length} praktijkvoorbeelden en instrumenten getoond`
      : `${cards.length} praktijkvoorbeelden en instrumenten`;
    empty.hidden = shown !== 0;
    showChosen();
  }

  function update(push) {
    const params = stateFromForm();
    const query = params.toString();
    const url = `${location.pathname}${query ? `?${query}` : ""}${location.hash}`;
    if (url !== `${location.pathname}${location.search}${location.hash}`) {
      history[push ? "pushState" : "replaceState"](null, "", url);
    }
    apply(params);
  }

  form.addEventListener("change", (e) => { if (e.target !== text) update(true); });
  let timer;
  text.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => update(false), 200); });
  form.addEventListener("submit", (e) => { e.preventDefault(); update(true); });
  form.addEventListener("reset", () => setTimeout(() => update(true)));
  root.querySelector("[data-hr-clear]").addEventListener("click", () => {
    form.reset();
    text.focus();
  });
  window.addEventListener("popstate", () => {
    const params = new URLSearchParams(location.search);
    formFromState(params);
    apply(params);
  });

  const initial = new URLSearchParams(location.search);
  formFromState(initial);
  apply(initial, true);
}

for (const root of document.querySelectorAll("[data-hr-filter]")) setup(root);
