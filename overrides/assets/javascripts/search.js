// Search UI over the Pagefind index (plain JavaScript, no library). Loaded on demand by the
// header trigger (partials/search-trigger.html) and by the search page (docs/zoeken.md).
// A modal <dialog> gives the focus trap and Escape-to-close; results are announced through a
// polite live region.

const trigger = document.querySelector("[data-hr-search]");
const pagefindDir = new URL(trigger ? trigger.dataset.hrPagefind : "pagefind/", document.baseURI);
const siteRoot = new URL("..", pagefindDir).pathname;
const MAX_RESULTS = 10;

let pagefindPromise;
function pagefind() {
  if (!pagefindPromise) {
    pagefindPromise = import(new URL("pagefind.js", pagefindDir).href).then(async (pf) => {
      await pf.options({ baseUrl: siteRoot, excerptLength: 24 });
      await pf.init();
      return pf;
    });
  }
  return pagefindPromise;
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

// Pagefind excerpts are HTML-escaped text with <mark> around matches: keep only those marks.
function excerptNode(html) {
  const p = el("p", { class: "hr-result__excerpt" });
  const parts = String(html).split(/(<mark>|<\/mark>)/);
  let marked = false;
  for (const part of parts) {
    if (part === "<mark>") { marked = true; continue; }
    if (part === "</mark>") { marked = false; continue; }
    const text = new DOMParser().parseFromString(part, "text/html").documentElement.textContent;
    p.append(marked ? el("mark", { text }) : document.createTextNode(text));
  }
  return p;
}

let counter = 0;

// Builds one search UI (form, filters, status, results) inside `container`.
function buildUI(container, { onNavigate } = {}) {
  const id = `hr-search-${++counter}`;
  const input = el("input", { id: `${id}-q`, type: "search", name: "q", autocomplete: "off",
    spellcheck: "false", placeholder: "Bijvoorbeeld: buurtbemiddeling, kernteam, nazorg" });
  const kind = el("select", { id: `${id}-soort`, name: "soort" }, el("option", { value: "", text: "Alle soorten" }));
  const handeling = el("select", { id: `${id}-handeling`, name: "handeling" },
    el("option", { value: "", text: "Alle handelingen" }));
  const status = el("p", { class: "hr-search__status", role: "status", "aria-live": "polite", id: `${id}-status` });
  const results = el("ol", { class: "hr-search__results", "aria-labelledby": `${id}-status` });
  const form = el("form", { class: "hr-search__form", role: "search", "aria-label": "Zoeken in de handreiking" },
    el("label", { for: input.id, class: "hr-search__label", text: "Zoek in de handreiking" }),
    input,
    el("div", { class: "hr-search__filters" },
      el("label", { for: kind.id, text: "Soort" }), kind,
      el("label", { for: handeling.id, text: "Handeling" }), handeling));
  container.append(form, status, results);

  pagefind().then(async (pf) => {
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
  async function run() {
    const query = input.value.trim();
    const ticket = ++current;
    const filters = {};
    if (kind.value) filters.soort = kind.value;
    if (handeling.value) filters.handeling = handeling.value;
    if (!query && !Object.keys(filters).length) {
      results.replaceChildren();
      status.textContent = "";
      return;
    }
    const pf = await pagefind();
    const search = await pf.search(query || null, { filters });
    if (ticket !== current) return;
    const data = await Promise.all(search.results.slice(0, MAX_RESULTS).map((r) => r.data()));
    if (ticket !== current) return;
    const total = search.results.length;
    status.textContent = total === 0
      ? `Geen resultaten${query ? ` voor "${query}"` : ""}. Probeer een ander woord of kies andere filters.`
      : `${total} ${total === 1 ? "resultaat" : "resultaten"}${query ? ` voor "${query}"` : ""}` +
        (total > MAX_RESULTS ? `, de eerste ${MAX_RESULTS} staan hieronder` : "") + ".";
    results.replaceChildren(...data.map((d) => {
      const title = el("a", { class: "hr-result__title", href: d.url });
      if (d.meta && d.meta.code) title.append(el("span", { class: "hr-code", text: d.meta.code }), " ");
      title.append(d.meta && d.meta.title ? d.meta.title : d.url);
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
    }));
  }

  let timer;
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 150); });
  kind.addEventListener("change", run);
  handeling.addEventListener("change", run);
  form.addEventListener("submit", (e) => { e.preventDefault(); clearTimeout(timer); run(); });
  return { input, run };
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

// The search page (zoeken/): an inline UI that takes ?q= from the address.
const page = document.querySelector("[data-hr-search-page]");
if (page && !page.dataset.ready) {
  page.dataset.ready = "1";
  page.replaceChildren();
  const ui = buildUI(page);
  const q = new URLSearchParams(location.search).get("q");
  if (q) { ui.input.value = q; ui.run(); }
  ui.input.focus();
}
