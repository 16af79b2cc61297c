// Search UI over the Pagefind index (plain JavaScript, no library). Loaded on the first sign of
// search intent by the header trigger (partials/search-trigger.html, which also opens the dialog
// and starts Pagefind's files loading) and by the search page (docs/zoeken.md). The form,
// status and result list come from the trigger's template, for the dialog and the page alike.
// A modal <dialog> gives the focus trap and Escape-to-close; results are announced through a
// polite live region. How a typed question becomes Pagefind searches: search-query.js.
//
// The first search has to load Pagefind (its WebAssembly and the part of the index for the typed
// words). Meanwhile the pages whose title matches the typed words show at once (from the small
// pagefind/hr-titels.json), and the index part for each word is fetched while the visitor types
// (pagefind.preload); Pagefind's ranked results replace the titles as soon as they are there,
// shown one by one as each result's text arrives.

const trigger = document.querySelector("[data-hr-search]");
const pagefindDir = new URL(trigger ? trigger.dataset.hrPagefind : "pagefind/", document.baseURI);
const siteRoot = new URL("..", pagefindDir).pathname;
const PAGE_SIZE = 10;

// The query help and Pagefind were preloaded by the trigger (link rel=modulepreload); importing
// them here costs no extra round trip.
let queryPromise;
function queryHelp() {
  if (!queryPromise) queryPromise = import("./search-query.js");
  return queryPromise;
}

function fetchJSON(name) {
  return fetch(new URL(name, pagefindDir)).then((response) => {
    if (!response.ok) throw new Error(response.statusText);
    return response.json();
  });
}

// The pages' titles and the name of Pagefind's metadata (handreiking/searchwords.py). As soon as
// they are in, Pagefind's entry and metadata files start loading, side by side with its script
// and WebAssembly (Pagefind itself would fetch them one after the other once its script runs).
let titlesPromise;
function titles() {
  if (!titlesPromise) {
    titlesPromise = fetchJSON("hr-titels.json").catch(() => ({ pages: [] }));
    titlesPromise.then(({ meta }) => {
      if (!meta) return;
      for (const name of [`pagefind-entry.json?ts=${meta}`, `pagefind.${meta}.pf_meta`]) {
        document.head.append(el("link", { rel: "preload", as: "fetch", crossorigin: "anonymous",
          href: new URL(name, pagefindDir).href }));
      }
    });
  }
  return titlesPromise;
}

// Pagefind in its own web worker (pagefind-worker.js): its WebAssembly is unpacked and compiled
// there, and each part of the index and each page's text is unpacked there as it arrives, so the
// page answers every key while search loads. The trigger preloads the worker's script and its
// WebAssembly with the rest (the worker's own requests get them from the browser's cache).
// Its entry file is asked for with the metadata's name as cache tag (metaCacheTag): the name
// changes whenever the index does, so the preloaded file is always the current one.
let pagefindPromise;
function pagefind() {
  if (!pagefindPromise) {
    const loading = [import(new URL("pagefind.js", pagefindDir).href), queryHelp(), titles()];
    pagefindPromise = Promise.all(loading).then(async ([pf, { RANKING }, { meta }]) => {
      const options = { baseUrl: siteRoot, excerptLength: 24, ranking: RANKING };
      await pf.options(meta ? { ...options, metaCacheTag: meta } : options);
      await pf.init();
      return pf;
    });
  }
  return pagefindPromise;
}

// Pagefind once its WebAssembly and metadata are in (a search for nothing waits for them).
let engine = null;
const ready = pagefind().then(async (pf) => {
  await pf.search("");
  engine = pf;
  return pf;
});

// The index's words (handreiking/searchwords.py); without them search still works, only less
// forgiving. A failed fetch is not kept: the next search asks again.
let vocabularyPromise;
function vocabulary() {
  if (!vocabularyPromise) {
    vocabularyPromise = Promise.all([fetchJSON("hr-woorden.json"), queryHelp()])
      .then(([words, { Vocabulary }]) => new Vocabulary(words));
    vocabularyPromise.catch(() => { vocabularyPromise = null; });
  }
  return vocabularyPromise.catch(() => null);
}

// A query's plan (words.js: stop words, typo repair, the word list), made in a worker of its own
// (search-words-worker.js) with the index's words, so reading, sorting and searching those words
// never keeps a key waiting; made in the page where that worker cannot start (no module workers)
// or fails.
let wordsWorker;
const planned = new Map(); // id -> the resolve of a question to the worker, with its query
let planId = 0;

function planInPage(query) {
  return Promise.all([vocabulary(), queryHelp()]).then(([words, { plan }]) => (query == null ? null : plan(query, words)));
}

function wordsWorkerFailed() {
  if (wordsWorker) wordsWorker.terminate();
  wordsWorker = null;
  for (const [resolve, query] of planned.values()) planInPage(query).then(resolve);
  planned.clear();
}

function startWordsWorker() {
  try {
    const worker = new Worker(new URL("search-words-worker.js", import.meta.url), { type: "module" });
    worker.addEventListener("message", ({ data }) => {
      const question = planned.get(data.id);
      planned.delete(data.id);
      if (question) question[0](data.plan);
    });
    worker.addEventListener("error", wordsWorkerFailed);
    worker.addEventListener("messageerror", wordsWorkerFailed);
    worker.postMessage({ id: 0, url: new URL("hr-woorden.json", pagefindDir).href, query: null }); // the words load now
    return worker;
  } catch {
    return null;
  }
}

function planQuery(query) {
  if (wordsWorker === undefined) wordsWorker = startWordsWorker();
  if (!wordsWorker) return planInPage(query);
  return new Promise((resolve) => {
    const id = ++planId;
    planned.set(id, [resolve, query]);
    wordsWorker.postMessage({ id, url: new URL("hr-woorden.json", pagefindDir).href, query });
  });
}

// The first download for offline use (sw.js) was held on the first sign of search intent (the
// trigger); once the first search is shown it goes on.
function releaseOfflineDownload() {
  const container = navigator.serviceWorker;
  if (!container) return;
  container.getRegistration().then((r) => { if (r && r.installing) r.installing.postMessage("release"); }, () => {});
}

// The ids of the site's own pages (toegankelijkheid, contact: the kind named on the trigger),
// which rank below the guidance.
const ownPages = ready.then(async (pf) => {
  const kind = trigger && trigger.dataset.hrOwnPages;
  if (!kind) return new Set();
  const found = await pf.search(null, { filters: { soort: kind } });
  return new Set(found.results.map((r) => r.id));
}).catch(() => new Set());

// The ids of the route pages (front matter `zoekroute: true`), see ROUTE in search-query.js.
const routePages = ready.then(async (pf) => {
  const found = await pf.search(null, { filters: { route: "ja" } });
  return new Set(found.results.map((r) => r.id));
}).catch(() => new Set());

// Everything the first search needs starts loading as soon as this file runs.
const filtersPromise = ready.then((pf) => pf.filters());
planQuery(null);

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

// `text` with the words that start with one of `words` (folded) marked, as Pagefind marks them.
function marked(text, words, fold) {
  const nodes = [];
  let at = 0;
  for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    if (!words.some((w) => fold(match[0]).startsWith(w))) continue;
    nodes.push(text.slice(at, match.index), el("mark", { text: match[0] }));
    at = match.index + match[0].length;
  }
  nodes.push(text.slice(at));
  return nodes;
}

// Wires the search UI (form, filters, status, results, "Meer resultaten") inside `container`.
// `onQuery` hears the query and filters of every search (the search page puts them in the address).
function buildUI(container, { onNavigate, onQuery } = {}) {
  const form = container.querySelector("form");
  const input = form.querySelector("input[name=q]");
  const kind = form.querySelector("select[name=soort]");
  const handeling = form.querySelector("select[name=handeling]");
  const status = container.querySelector(".hr-search__status");
  const hint = container.querySelector(".hr-search__hint");
  const nothing = container.querySelector(".hr-search__nothing");
  const results = container.querySelector(".hr-search__results");
  const more = container.querySelector(".hr-search__more");

  const filtersReady = filtersPromise.then((filters) => {
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
  let ranked = null; // the query whose Pagefind results are in the list (null: none, or titles only)
  let searched = false; // a search has finished: Pagefind and its index are in

  function link(attrs, ...children) {
    const a = el("a", attrs, ...children);
    a.addEventListener("click", () => onNavigate && onNavigate());
    return a;
  }

  // The section of a page where the query's words are most often (Pagefind's sub-results, each
  // with its anchor), when that is not the page's top: the result opens there.
  function bestSection(d) {
    // the page's top: no anchor, or the anchor of its main heading (h1)
    const isTop = (s) => !s.url.includes("#") || s.url === d.url || (s.anchor && s.anchor.element === "h1");
    const sections = (d.sub_results || []).filter((s) => !isTop(s));
    const top = (d.sub_results || []).find(isTop);
    const count = (s) => (s.locations || []).length;
    const best = sections.reduce((a, s) => (!a || count(s) > count(a) ? s : a), null);
    return best && count(best) > (top ? count(top) : 0) ? best : null;
  }

  function resultItem(d) {
    const code = d.meta && d.meta.code;
    const section = bestSection(d);
    const title = link({ class: "hr-result__title", href: section ? section.url : d.url });
    if (code) title.append(el("span", { class: "hr-code", text: code }), " ");
    title.append(d.meta && d.meta.title ? titleText(d.meta.title, code) : d.url);
    const item = el("li", { class: "hr-result" }, title, excerptNode(d.excerpt));
    const subs = (d.sub_results || []).filter((s) => s.url !== d.url && s.title !== d.meta.title).slice(0, 2);
    if (subs.length) {
      item.append(el("ul", { class: "hr-result__subs" }, ...subs.map((s) => el("li", {}, link({ href: s.url, text: s.title })))));
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

  // Shows the next batch of results, each as soon as its text is in (in order); with `replace`,
  // the first one replaces what the list showed. Returns the first new item (or null).
  async function showMore(ticket, replace = false) {
    const batch = found.results.slice(shown, shown + PAGE_SIZE);
    const { resultData } = await queryHelp();
    const pending = batch.map((entry) => resultData(entry, found.search));
    let first = null;
    // Focus on a result that is replaced (a title while Pagefind loaded) stays in the list, on its
    // first result, or goes back to the field when there is none.
    const focused = () => results.contains(document.activeElement);
    for (const data of pending) {
      const item = resultItem(await data);
      if (ticket !== current) return null;
      if (replace && !first) {
        const hadFocus = focused();
        results.replaceChildren(item);
        if (hadFocus) item.querySelector("a").focus();
      } else results.append(item);
      first = first || item;
      shown += 1;
    }
    if (replace && !first) {
      const hadFocus = focused();
      results.replaceChildren();
      if (hadFocus) input.focus();
    }
    more.hidden = shown >= found.results.length;
    return first;
  }

  // While the first search loads: the pages whose title matches, at once.
  async function showTitles() {
    const q = input.value.trim();
    const [{ pages }, { titleHits, fold }] = await Promise.all([titles(), queryHelp()]);
    if (searched || ranked === q || input.value.trim() !== q || kind.value || handeling.value) return;
    const { words, hits } = q ? titleHits(q, pages) : { words: [], hits: [] };
    if (!hits.length) return;
    results.replaceChildren(...hits.map((hit) => {
      const title = link({ class: "hr-result__title", href: siteRoot + hit.url });
      if (hit.code) title.append(el("span", { class: "hr-code", text: hit.code }), " ");
      title.append(...marked(titleText(hit.title, hit.code), words, fold));
      return el("li", { class: "hr-result" }, title);
    }));
    ranked = null;
    more.hidden = true;
    hint.hidden = true;
    nothing.hidden = true;
    status.textContent = "Pagina's met deze woorden in de titel. De hele tekst wordt nog doorzocht.";
  }

  // Fetches the part of the index for each typed word (Pagefind loads it once), from the moment
  // Pagefind is ready; not before, as the words typed so far may be the beginning of others.
  async function preload() {
    if (!engine) return;
    const { searchWords } = await queryHelp();
    for (const word of searchWords(input.value)) engine.preload(word).catch(() => {});
  }
  ready.then(preload, () => {});

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
      nothing.hidden = true;
      more.hidden = true;
      ranked = null;
      return;
    }
    const [pf, searchPlan, { rankedSearch }, below, route, titleWords] = await Promise.all([
      ready, query ? planQuery(query) : null, queryHelp(), ownPages, routePages,
      filtersPromise.then((f) => Object.keys(f.titel || {}), () => [])]);
    if (ticket !== current) return; // typed on while Pagefind loaded
    let next;
    if (query) {
      next = await rankedSearch(pf, searchPlan, filters, { below, route, titles: titleWords });
    } else {
      const all = await pf.search(null, { filters });
      next = { results: all.results.map((r) => ({ id: r.id, result: r, query: "" })), search: null };
    }
    if (ticket !== current) return;
    found = next;
    shown = 0;
    ranked = query;
    showHint(searchPlan, next.results.length);
    await showMore(ticket, true);
    if (ticket !== current) return;
    if (!searched) releaseOfflineDownload();
    searched = true;
    status.textContent = describe();
  }

  // Says which words were searched instead of what was typed ("kernteem" -> "kernteam"), which
  // were searched too (the word list: "vechtpartij" -> "incident, confrontatie"), and plainly when
  // the guide has nothing for some words, with the route for an incident.
  function showHint(searchPlan, total) {
    const terms = searchPlan ? searchPlan.terms : [];
    const changed = terms
      .filter((t) => !t.variants.some((v) => v.query === t.word) && !t.also.length)
      .map((t) => `"${t.word}": gezocht naar ${t.variants.map((v) => `"${v.query}"`).join(" of ")}`);
    const also = [...new Set(terms.flatMap((t) => t.also))];
    const lines = [];
    if (also.length) lines.push(`Ook gezocht naar: ${also.join(", ")}.`);
    if (changed.length) lines.push(`${changed.join("; ")}.`);
    hint.textContent = lines.join(" ");
    hint.hidden = !lines.length;
    const missing = searchPlan ? searchPlan.missing : [];
    nothing.hidden = !missing.length && total > 0;
    nothing.firstElementChild.textContent = missing.length
      ? `Over ${missing.map((w) => `"${w}"`).join(" en ")} staat niets in de handreiking.`
      : "De handreiking heeft hier niets over.";
  }

  more.addEventListener("click", async () => {
    const ticket = current;
    const first = await showMore(ticket);
    if (!first || ticket !== current) return;
    status.textContent = describe();
    first.querySelector("a").focus();
  });

  let timer;
  function typed() {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
    if (!searched) showTitles();
    preload();
  }
  input.addEventListener("input", typed);
  kind.addEventListener("change", run);
  handeling.addEventListener("change", run);
  form.addEventListener("submit", (e) => { e.preventDefault(); clearTimeout(timer); run(); });
  // What was typed before this file was in (or came with the address): searched at once.
  function start() {
    if (!input.value.trim()) return;
    showTitles();
    preload();
    run();
  }
  return { input, kind, handeling, run, start, filtersReady };
}

// Wires the dialog the header trigger opened from its template (once; called on every opening).
export function attach(dialog, returnFocusTo) {
  if (dialog.ui) return;
  dialog.ui = buildUI(dialog.querySelector("[data-hr-search-ui]"), { onNavigate: () => dialog.close() });
  dialog.ui.start();
  dialog.addEventListener("click", (e) => { if (e.target === dialog) dialog.close(); });
  // Escape closes the dialog at once (in a search field Chromium would first clear the field).
  dialog.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !e.isComposing) { e.preventDefault(); dialog.close(); }
  });
  dialog.addEventListener("close", () => { if (returnFocusTo) returnFocusTo.focus(); });
}

// The search page (zoeken/): the same UI in the page, taking ?q= (and ?soort=, ?handeling=) from
// the address and keeping the address in step with what is typed, so a search can be shared.
const page = document.querySelector("[data-hr-search-page]");
const template = document.getElementById("hr-search-template");
if (page && template && !page.dataset.ready) {
  page.dataset.ready = "1";
  page.replaceChildren(...template.content.querySelector("[data-hr-search-ui]").cloneNode(true).children);
  const params = new URLSearchParams(location.search);
  const q = params.get("q");
  if (q) page.querySelector("input[name=q]").value = q;
  const ui = buildUI(page, {
    onQuery(query, filters) {
      const next = new URLSearchParams();
      if (query) next.set("q", query);
      for (const [key, value] of Object.entries(filters)) next.set(key, value);
      const search = next.toString();
      const url = location.pathname + (search ? `?${search}` : "") + location.hash;
      if (url !== location.pathname + location.search + location.hash) history.replaceState(history.state, "", url);
    },
  });
  if (params.get("soort") || params.get("handeling")) {
    ui.filtersReady.then(() => {
      for (const [select, key] of [[ui.kind, "soort"], [ui.handeling, "handeling"]]) {
        const value = params.get(key);
        if (value && [...select.options].some((o) => o.value === value)) select.value = value;
      }
      ui.run();
    });
  } else {
    ui.start();
  }
  ui.input.focus();
}
