// Filters the practice-example cards rendered by partials/intervention-overview.html.
// Plain JavaScript, loaded only on pages that ask for it (front matter `scripts: [filter.js]`).
// Without JavaScript the form stays hidden and every card shows. The filter state lives in the
// query string (?handeling=preventie&schaal=wijk&q=...), so a filtered view can be shared,
// reloaded and navigated with the back button. The facet groups (<details>) start closed on a
// phone and open on a wider screen; each group's summary says how many of its options are chosen.

// The word box matches words as the site search does (words.js: folding, stop words, typos, the
// word list data/zoekwoorden.yaml): "portiekk" finds "portiek", "burenruzie" the cards about
// "conflict". Each card's words are read once; a query is planned once against all cards' words,
// then each card is a few set lookups. When no card has all the query's words, the cards with the
// most of them show (a word no card has does not hide the others).

import { Vocabulary, plan, queryWords } from "./words.js";
import { announce } from "./announce.js";
import { PART, estimate as estimatePart, learnHeights, many, split } from "./parts.js";

// Below this width (Material's tablet breakpoint, as in site.css) the facet groups start closed.
const NARROW = "(max-width: 59.984375em)";

// The search's word list and known Dutch words (pagefind/hr-woorden.json, handreiking/searchwords.py),
// fetched when the visitor first uses the word box; until then (or offline without it) the cards'
// own words still repair typos. A failed fetch (a bad network) is not kept: the next query asks again.
const searchTrigger = document.querySelector("[data-hr-search]");
let wordList;
function loadWordList() {
  if (!wordList) {
    const dir = new URL(searchTrigger ? searchTrigger.dataset.hrPagefind : "pagefind/", document.baseURI);
    wordList = fetch(new URL("hr-woorden.json", dir))
      .then((r) => {
        if (!r.ok) throw new Error(`hr-woorden.json: HTTP ${r.status}`);
        return r.json();
      })
      .then(({ bekend = [], zoekwoorden = {} }) => ({ bekend, zoekwoorden }))
      .catch(() => {
        wordList = undefined;
        return null;
      });
  }
  return wordList;
}

// For each term of `query`, the cards' words that satisfy it (the words some variant begins).
function wanted(query, vocabulary) {
  return plan(query, vocabulary).terms.map((term) => term.variants.map((v) => v.query.split(" ")
    .map((part) => new Set(vocabulary.extensions(part)))));
}

// Whether the two sets share a word (looking up the smaller one's words in the larger).
function meets(a, b) {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const w of small) if (large.has(w)) return true;
  return false;
}

// How many of the terms a card's words satisfy.
function matched(terms, words) {
  let count = 0;
  for (const variants of terms) {
    if (variants.some((parts) => parts.every((set) => meets(set, words)))) count += 1;
  }
  return count;
}

// A card's own words: the text of its content, not of its controls (the "Vergelijk" box of
// partials/compare-box.html is no word of the card, or "vergelijk" would find every card).
const CONTROLS = "label, button, input, select, textarea, [data-hr-page-only]";
function cardText(card) {
  const walker = document.createTreeWalker(card, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, (node) =>
    (node.nodeType === Node.ELEMENT_NODE && node.matches(CONTROLS) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT));
  const parts = [];
  while (walker.nextNode()) if (walker.currentNode.nodeType === Node.TEXT_NODE) parts.push(walker.currentNode.data);
  return parts.join(" ");
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
    words: new Set(queryWords(cardText(card))),
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

  // Many cards (a data set far larger than the guide's) are shown in parts (parts.js), each a grid
  // of its own; the guide's few dozen cards stay one grid. After each change the parts' boundaries
  // move so each part shows a whole number of rows (no gap in the grid where a part ends), and each
  // part off screen takes the height its shown cards will need (rows x the height of a row seen so
  // far), so the scroll bar stays right.
  const parts = [];
  if (many(entries.length)) {
    let k = 0;
    for (const part of split(list, cards, "hr-cards__part")) {
      parts.push({ part, entries: entries.slice(k, k + part.childElementCount) });
      k += part.childElementCount;
    }
    list.classList.add("hr-cards--parts");
  }
  let columns = 1;
  let rowHeight = 0;  // of a row of cards, measured on a part the browser rendered; 0 until then
  let gap = 0;

  function measure() {
    const style = getComputedStyle(parts[0].part);
    columns = style.gridTemplateColumns.split(" ").length;
    gap = parseFloat(style.rowGap) || 0;
    if (!rowHeight) rowHeight = parseFloat(getComputedStyle(document.documentElement).fontSize) * 10;
  }

  function rows(p) {
    return Math.ceil(p.entries.reduce((n, entry) => n + entry.shown, 0) / columns);
  }

  function estimate(p) {
    estimatePart(p.part, rows(p), rowHeight, gap);
  }

  // Moves cards between neighbouring parts (in page order: the first cards of a part go to the end
  // of the one before it, or its last to the start of the next) until every part but the last
  // shows a multiple of `columns` cards.
  function rebalance() {
    for (let k = 0; k < parts.length - 1; k++) {
      const p = parts[k];
      const extra = p.entries.reduce((n, entry) => n + entry.shown, 0) % columns;
      if (!extra) continue;
      if (p.entries.length > PART) {  // give the last `extra` shown cards (and what follows them)
        let i = p.entries.length;
        for (let given = 0; given < extra; ) if (p.entries[--i].shown) given += 1;
        const moved = p.entries.splice(i);
        parts[k + 1].entries.unshift(...moved);
        parts[k + 1].part.prepend(...moved.map((entry) => entry.card));
      } else {  // take the next shown cards (and the hidden ones before them) from the parts after
        let wanted = columns - extra;
        for (let j = k + 1; j < parts.length && wanted; j++) {
          const q = parts[j];
          let i = 0;
          while (i < q.entries.length && wanted) if (q.entries[i++].shown) wanted -= 1;
          const moved = q.entries.splice(0, i);
          p.entries.push(...moved);
          p.part.append(...moved.map((entry) => entry.card));
        }
      }
    }
    for (const p of parts) estimate(p);
  }

  if (parts.length) {
    measure();
    // a part the browser renders tells the height of a row (the cards of a clone set are alike)
    const ofPart = new Map(parts.map((p) => [p.part, p]));
    learnHeights(parts.map((p) => p.part), (part) => rows(ofPart.get(part)), () => gap, () => rowHeight, (row, seen) => {
      rowHeight = row;
      for (const p of parts) if (p.part !== seen) estimate(p);
    });
    new ResizeObserver(() => {
      const before = columns;
      measure();
      if (columns !== before) rebalance();
    }).observe(list);
  }

  // With parts, every card changes at once (a part off screen costs next to nothing). Without
  // them, the cards change in batches, in page order: the first frame gets at least BATCH cards
  // and as many as it takes to show FIRST_SHOWN of them (more than a screen holds, so what the
  // visitor sees is right at once), each following frame the next BATCH changed cards. The list
  // is aria-busy until all cards are done. The first view (from the address) is done whole,
  // before anything shows.
  const FIRST_SHOWN = 24;
  const BATCH = 200;
  let generation = 0;

  function render(from, run, whole) {
    let changed = 0;
    let shown = 0;
    let i = from;
    for (; i < entries.length; i++) {
      const enough = from ? changed >= BATCH : shown >= FIRST_SHOWN && i >= BATCH;
      if (enough && !whole && !parts.length) break;
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
      if (parts.length) rebalance();
    }
  }

  // The cards' words with on how many cards each is, and (once loaded) the search's word list.
  let vocabulary = null;
  let withList = false;
  function cardVocabulary(list = {}) {
    const df = {};
    for (const entry of entries) for (const w of entry.words) df[w] = (df[w] || 0) + 1;
    return new Vocabulary({ pages: entries.length, words: df, ...list });
  }

  // `whole`: the first view, from the address (not announced: nobody changed anything yet);
  // `again`: the same choice once the word list has come (a count it changes is said, the same
  // count is not said twice)
  function apply(params, whole = false, again = false) {
    const query = params.get("q") || "";
    const chosen = GROUPS
      .map((name) => [name, params.getAll(name)])
      .filter(([, values]) => values.length);
    let terms = [];
    if (query.trim()) {
      if (!vocabulary) vocabulary = cardVocabulary();
      if (!withList) {
        withList = true;
        loadWordList().then((list) => {
          if (!list) {
            withList = false;
            return;
          }
          vocabulary = cardVocabulary(list);
          apply(new URLSearchParams(location.search), false, true);
        });
      }
      terms = wanted(query, vocabulary);
    }
    let best = 0;
    for (const entry of entries) {
      entry.facets = chosen.every(([name, values]) => values.some((w) => entry.values[name].has(w)));
      entry.hits = entry.facets && terms.length ? matched(terms, entry.words) : 0;
      if (entry.hits > best) best = entry.hits;
    }
    let shown = 0;
    for (const entry of entries) {
      entry.match = entry.facets && (!query.trim() || (best > 0 && entry.hits === best));
      if (entry.match) shown += 1;
    }
    render(0, ++generation, whole);
    const filtered = [...params.keys()].length > 0;
    const said = filtered
      ? `${shown} van ${cards.length} praktijkvoorbeelden en instrumenten getoond`
      : `${cards.length} praktijkvoorbeelden en instrumenten`;
    if (whole || (again && count.textContent.trim() !== said)) count.textContent = said;
    else if (!again) announce(count, said);
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
