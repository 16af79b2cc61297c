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
  const cards = Array.from(root.querySelectorAll("[data-intervention]"));
  const count = root.querySelector("[data-hr-count]");
  const empty = root.querySelector("[data-hr-empty]");
  const text = form.querySelector("input[name=q]");
  const texts = new Map(cards.map((card) => [card, normalise(card.textContent)]));
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

  function apply(params) {
    const query = normalise(params.get("q") || "");
    let shown = 0;
    for (const card of cards) {
      let match = !query || texts.get(card).includes(query);
      for (const name of GROUPS) {
        const wanted = params.getAll(name);
        if (!match || !wanted.length) continue;
        const values = (card.dataset[name] || "").split(" ");
        match = wanted.some((w) => values.includes(w));
      }
      card.hidden = !match;
      if (match) shown += 1;
    }
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
  apply(initial);
}

for (const root of document.querySelectorAll("[data-hr-filter]")) setup(root);
