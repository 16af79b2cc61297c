// Search UI over the Pagefind index (plain JavaScript, no library). Loaded on demand by the
// header trigger (partials/search-trigger.html) and by the search page (docs/zoeken.md).
// A modal <dialog> gives the focus trap and Escape-to-close; results are announced through a
// polite live region. How a typed question becomes Pagefind searches: search-query.js.

const trigger = document.querySelector("[data-hr-search]");
const pagefindDir = new URL(trigger ? trigger.dataset.hrPagefind : "pagefind/", document.baseURI);
const siteRoot = new URL("..", pagefindDir).pathname;
const PAGE_SIZE = 10;

// The query help loads with Pagefind, not with this file: the search page builds its form at once
// (before the first paint: nothing shifts), the rest comes when it is needed.
let queryPromise;
function queryHelp() {
  if (!queryPromise) queryPromise = import("./search-query.js");
  return queryPromise;
}

let pagefindPromise;
function pagefind() {
  if (!pagefindPromise) {
    const loading = [import(new URL("pagefind.js", pagefindDir).href), queryHelp()];
    pagefindPromise = Promise.all(loading).then(async ([pf, { RANKING }]) => {
      await pf.options({ baseUrl: siteRoot, excerptLength: 24, ranking: RANKING });
      await pf.init();
      return pf;
    });
  }
  return pagefindPromise;
}

// The index's words (macros/searchwords.py); without them search still works, only less forgiving.
let vocabularyPromise;
function vocabulary() {
  if (!vocabularyPromise) {
    const loading = [fetch(new URL("hr-woorden.json", pagefindDir)), queryHelp()];
    vocabularyPromise = Promise.all(loading).then(async ([response, { Vocabulary }]) => {
      if (!response.ok) throw new Error(response.statusText);
      return new Vocabulary(await response.json());
    }).catch(() => null);
  }
  return vocabularyPromise;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value == null) continue;
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

// Pagefind's excerpt is HTML: the page's text (with < and > escaped) and <mark> around matches.
// It is parsed as a whole in an inert document, and only its text and marks are copied over, so
// the visitor sees exactly Pagefind's text. (Parsing each piece between marks on its own lost
// the space after every mark: a document's leading whitespace is dropped by the HTML parser.)
function excerptNode(html) {
  const p = el("p", { class: "hr-result__excerpt" });
  const body = new DOMParser().parseFromString(`<!doctype html><body>${html}`, "text/html").body;
  for (const node of body.childNodes) {
    if (node.nodeName === "MARK") p.append(el("mark", { text: node.textContent }));
    else p.append(document.createTextNode(node.textContent));
  }
  return p;
}

// The title without the section code it may start with ("B1.9 Armoede" with code "B1.9"):
// the code is shown as a label in front of it.
function titleText(title, code) {
  if (code && title.startsWith(code + " ")) return title.slice(code.length + 1);
  return title;
}

let counter = 0;

// Builds one search UI (form, filters, status, results, "Meer resultaten") inside `container`.
// `onQuery` hears the query and filters of every search (the search page puts them in the address).
function buildUI(container, { onNavigate, onQuery } = {}) {
  const id = `hr-search-${++counter}`;
  const input = el("input", { id: `${id}-q`, type: "search", name: "q", autocomplete: "off",
    spellcheck: "false", enterkeyhint: "search", placeholder: "Typ een vraag of trefwoord" });
  const kind = el("select", { id: `${id}-soort`, name: "soort" }, el("option", { value: "", text: "Alle soorten" }));
  const handeling = el("select", { id: `${id}-handeling`, name: "handeling" },
    el("option", { value: "", text: "Alle handelingen" }));
  const status = el("p", { class: "hr-search__status", role: "status", "aria-live": "polite", id: `${id}-status` });
  const hint = el("p", { class: "hr-search__hint", hidden: true });
  const results = el("ol", { class: "hr-search__results", "aria-labelledby": `${id}-status` });
  const more = el("button", { type: "button", class: "hr-search__more md-button", hidden: true, text: "Meer resultaten" });
  const form = el("form", { class: "hr-search__form", role: "search", "aria-label": "Zoeken in de handreiking" },
    el("label", { for: input.id, class: "hr-search__label", text: "Zoek in de handreiking" }),
    input,
    el("div", { class: "hr-search__filters" },
      el("label", { for: kind.id, text: "Soort" }), kind,
      el("label", { for: handeling.id, text: "Handeling" }), handeling));
  container.append(form, status, hint, results, more);

  const filtersReady = pagefind().then(async (pf) => {
    const filters = await pf.filters();
    for (const [select, key] of [[kind, "soort"], [handeling, "handeling"]]) {
      for (const value of Object.keys(filters[key] || {}).sort((a, b) => a.localeCompare(b, "nl"))) {
        select.append(el("option", { value, text: value }));
      }
    }
  }).catch(() => {
    status.textContent = "Zoeken is niet beschikbaar. Open de site via een webserver (bijvoorbeeld make serve).";
  });

  let current = 0;
  let found = { results: [], search: null };
  let shown = 0;
  let query = "";

  function resultItem(d) {
    const title = el("a", { class: "hr-result__title", href: d.url });
    const code = d.meta && d.meta.code;
    if (code) title.append(el("span", { class: "hr-code", text: code }), " ");
    title.append(d.meta && d.meta.title ? titleText(d.meta.title, code) : d.url);
    title.addEventListener("click", () => onNavigate && onNavigate());
    const item = el("li", { class: "hr-result" }, title, excerptNode(d.excerpt));
    const subs = (d.sub_results || []).filter((s) => s.url !== d.url && s.title !== d.meta.title).slice(0, 2);
    if (subs.length) {
      const list = el("ul", { class: "hr-result__subs" });
      for (const s of subs) {
        const a = el("a", { href: s.url, text: s.title });
        a.addEventListener("click", () => onNavigate && onNavigate());
        list.append(el("li", {}, a));
      }
      item.append(list);
    }
    return item;
  }

  function describe() {
    const total = found.results.length;
    const about = query ? ` voor "${query}"` : "";
    if (total === 0) return `Geen resultaten${about}. Probeer een ander woord of kies andere filters.`;
    const count = `${total} ${total === 1 ? "resultaat" : "resultaten"}${about}`;
    if (shown < total) return `${count}, de eerste ${shown} staan hieronder.`;
    return total > PAGE_SIZE ? `${count}, alle ${total} staan hieronder.` : `${count}.`;
  }

  // Shows the next batch of results; returns the first new item (or null).
  async function showMore(ticket) {
    const batch = found.results.slice(shown, shown + PAGE_SIZE);
    const { resultData } = await queryHelp();
    const data = await Promise.all(batch.map((entry) => resultData(entry, found.search)));
    if (ticket !== current) return null;
    const items = data.map(resultItem);
    results.append(...items);
    shown += items.length;
    more.hidden = shown >= found.results.length;
    return items[0] || null;
  }

  async function run() {
    query = input.value.trim();
    const ticket = ++current;
    const filters = {};
    if (kind.value) filters.soort = kind.value;
    if (handeling.value) filters.handeling = handeling.value;
    if (onQuery) onQuery(query, filters);
    if (!query && !Object.keys(filters).length) {
      results.replaceChildren();
      status.textContent = "";
      hint.hidden = true;
      more.hidden = true;
      return;
    }
    const [pf, words, { plan, rankedSearch }] = await Promise.all([pagefind(), vocabulary(), queryHelp()]);
    let next;
    let searchPlan = null;
    if (query) {
      searchPlan = plan(query, words);
      next = await rankedSearch(pf, searchPlan, filters);
    } else {
      const all = await pf.search(null, { filters });
      next = { results: all.results.map((r) => ({ id: r.id, result: r, query: "" })), search: null };
    }
    if (ticket !== current) return;
    found = next;
    shown = 0;
    results.replaceChildren();
    showHint(searchPlan);
    await showMore(ticket);
    if (ticket !== current) return;
    status.textContent = describe();
  }

  // Says which words were searched instead of what was typed ("kernteem" -> "kernteam").
  function showHint(searchPlan) {
    const changed = (searchPlan ? searchPlan.terms : [])
      .filter((t) => !t.variants.some((v) => v.query === t.word))
      .map((t) => `"${t.word}": gezocht naar ${t.variants.map((v) => `"${v.query}"`).join(" of ")}`);
    hint.textContent = changed.length ? `${changed.join("; ")}.` : "";
    hint.hidden = !changed.length;
  }

  more.addEventListener("click", async () => {
    const ticket = current;
    const first = await showMore(ticket);
    if (!first || ticket !== current) return;
    status.textContent = describe();
    first.querySelector("a").focus();
  });

  let timer;
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 150); });
  kind.addEventListener("change", run);
  handeling.addEventListener("change", run);
  form.addEventListener("submit", (e) => { e.preventDefault(); clearTimeout(timer); run(); });
  return { input, kind, handeling, run, filtersReady };
}

let dialog;

// Opens the search dialog (called by the header trigger).
export function open(returnFocusTo) {
  if (!dialog) {
    dialog = el("dialog", { class: "hr-search", "aria-labelledby": "hr-search-title" });
    const close = el("button", { type: "button", class: "hr-search__close md-button", text: "Sluiten" });
    const header = el("div", { class: "hr-search__header" },
      el("h2", { id: "hr-search-title", class: "hr-search__title", text: "Zoeken" }), close);
    const body = el("div", { class: "hr-search__body" });
    dialog.append(header, body);
    document.body.append(dialog);
    dialog.ui = buildUI(body, { onNavigate: () => dialog.close() });
    close.addEventListener("click", () => dialog.close());
    dialog.addEventListener("click", (e) => { if (e.target === dialog) dialog.close(); });
    // Escape closes the dialog at once (in a search field Chromium would first clear the field).
    dialog.addEventListener("keydown", (e) => {
      if (e.key === "Escape" && !e.isComposing) { e.preventDefault(); dialog.close(); }
    });
    dialog.addEventListener("close", () => { if (returnFocusTo) returnFocusTo.focus(); });
  }
  if (!dialog.open) dialog.showModal();
  dialog.ui.input.focus();
}

// The search page (zoeken/): an inline UI that takes ?q= (and ?soort=, ?handeling=) from the
// address and keeps the address in step with what is typed, so a search can be shared.
const page = document.querySelector("[data-hr-search-page]");
if (page && !page.dataset.ready) {
  page.dataset.ready = "1";
  page.replaceChildren();
  const ui = buildUI(page, {
    onQuery(q, filters) {
      const params = new URLSearchParams();
      if (q) params.set("q", q);
      for (const [key, value] of Object.entries(filters)) params.set(key, value);
      const search = params.toString();
      const url = location.pathname + (search ? `?${search}` : "") + location.hash;
      if (url !== location.pathname + location.search + location.hash) history.replaceState(history.state, "", url);
    },
  });
  const params = new URLSearchParams(location.search);
  const q = params.get("q");
  if (q) ui.input.value = q;
  if (params.get("soort") || params.get("handeling")) {
    ui.filtersReady.then(() => {
      for (const [select, key] of [[ui.kind, "soort"], [ui.handeling, "handeling"]]) {
        const value = params.get(key);
        if (value && [...select.options].some((o) => o.value === value)) select.value = value;
      }
      ui.run();
    });
  } else if (q) {
    ui.run();
  }
  ui.input.focus();
}
