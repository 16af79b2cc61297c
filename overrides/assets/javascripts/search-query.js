// Query help for the search (plain JavaScript, no library; used by search.js).
//
// Pagefind finds a page only when every word of the query starts a word on that page. People
// who need an answer quickly type a question ("hoe roep ik het kernteam bijeen"), make typos
// ("kernteem") and write compounds together that the guide writes apart ("calamiteitenplan" for
// "Calamiteiten Plan"). So this module
//   1. leaves out Dutch stop words ("hoe", "ik", "het") unless nothing else is left;
//   2. looks each remaining word up in the index's own words (pagefind/hr-woorden.json, written
//      by macros/searchwords.py): a word that starts no indexed word is replaced by the stem of
//      its verb form, by the nearest indexed words (one or two letters different), by its parts
//      when it is a compound of indexed words, or by its longest known beginning; two words the
//      guide writes as one are searched both ways;
//   3. searches each word (with those alternatives) separately with Pagefind and merges the
//      results: a page's score is the sum of Pagefind's scores for the words it matches, times
//      the share of the query's words it matches (weighted by how rare each word is), plus a
//      bonus when two words of the query stand next to each other on the page.
// The numbers in WEIGHTS and RANKING were tuned on the questions in tests/search_questions.tsv.

import { Vocabulary, WEIGHTS, fold, plan, queryWords, searchWords } from "./words.js";

// The word matching (stop words, typos, the word list) is words.js's, shared with the overview.
export { Vocabulary, WEIGHTS, fold, plan, queryWords, searchWords };

// Pagefind's ranking options (https://pagefind.app/docs/ranking/).
// Lower termFrequency and pageLength than Pagefind's defaults (1.0, 0.75): the guide's answers
// are often on its long pages, which the defaults push below short pages that mention a word once.
export const RANKING = {
  termFrequency: 0.25,
  pageLength: 0.25,
  termSaturation: 1.4,
  termSimilarity: 1.0,
};


// The pages whose title or section code has words that start with the query's words, most
// matched words first, then the shortest title. `titles` are the pages of pagefind/hr-titels.json
// ([address, title, code] each, handreiking/searchwords.py): a few kilobytes that arrive long
// before Pagefind, so these are the first answers while Pagefind loads.
const titleWords = new WeakMap();
export function titleHits(query, titles, max = 5) {
  const words = searchWords(query);
  const hits = [];
  titles.forEach((page, order) => {
    const [url, title, code = ""] = page;
    if (!titleWords.has(page)) titleWords.set(page, queryWords(`${code} ${title}`));
    const own = titleWords.get(page);
    const matched = words.filter((w) => own.some((o) => o.startsWith(w))).length;
    if (matched) hits.push({ url, title, code, matched, order });
  });
  hits.sort((a, b) => b.matched - a.matched || a.title.length - b.title.length || a.order - b.order);
  return { words, hits: hits.slice(0, max) };
}

// Runs the plan with `pagefind.search` and merges the results, best first. Each entry has the
// page's Pagefind result, its score, and the query that matches all its words (for the excerpt).
// The site's own pages (toegankelijkheid, contact) rank below the guidance: their score is
// multiplied by this. `below`: the ids of those pages (Pagefind's filter "soort").
export const OWN_PAGE = 0.2;
// The route "Er is iets gebeurd" (pages with `zoekroute: true`, Pagefind's filter "route") arranges
// the guide's answer for an incident. A word the word list maps to the guide's words
// (data/zoekwoorden.yaml: "vechtpartij" to "incident") is how a worker names what just happened,
// so a route page matched through such a word has its score multiplied by this: one general rule,
// instead of tuning per query, that puts the route above youth programmes that only share "jongeren".
export const ROUTE = 5;

// A term with the longer title words its words begin as variants too: Pagefind ranks a page low
// when the query is only the beginning of its words ("escalatie" of "Escalatiemodel").
function withTitleWords(term, titles) {
  const variants = [...term.variants];
  for (const title of titles) {
    for (const w of queryWords(title)) {
      if (w.length < 4 || variants.some((v) => v.query === w)) continue;
      // a longer word, not a compound of its own ("straat" is not "straatportiers")
      if (!term.variants.some((v) => w.startsWith(v.query) && w.length - v.query.length <= 5)) continue;
      const from = term.variants.find((v) => !v.query.includes(" ") && w.startsWith(v.query));
      if (from) variants.push({ query: w, weight: from.weight * WEIGHTS.part });
    }
  }
  return { ...term, variants };
}

// `titles`: the values of Pagefind's filter "titel" (the words of the pages' titles, main.html): a
// page whose title has a word that a query word begins ("escalatie": "Escalatiemodel") ranks higher.
export async function rankedSearch(pagefind, searchPlan, filters = {}, { below = new Set(), route = new Set(), titles = [] } = {}) {
  const cache = new Map();
  const search = (q) => {
    if (!cache.has(q)) cache.set(q, pagefind.search(q, { filters }));
    return cache.get(q);
  };
  const terms = searchPlan.terms.map((term) => withTitleWords(term, titles));
  const perTerm = await Promise.all(terms.map(async (term) => {
    const best = new Map();
    const found = await Promise.all(term.variants.map((v) => search(v.query)));
    term.variants.forEach((variant, i) => {
      for (const result of found[i].results) {
        const score = result.score * variant.weight;
        const seen = best.get(result.id);
        if (!seen || score > seen.score) best.set(result.id, { score, variant, result });
      }
    });
    return best;
  }));
  // per term, the pages whose title has a word that one of its words begins
  const inTitle = await Promise.all(terms.map((term) => {
    const starts = term.variants.filter((v) => !v.query.includes(" ")).map((v) => v.query);
    const values = titles.filter((t) => queryWords(t).some((w) => starts.some((s) => w.startsWith(s))));
    if (!values.length) return new Set();
    return pagefind.search(null, { filters: { ...filters, titel: { any: values } } })
      .then((s) => new Set(s.results.map((r) => r.id)), () => new Set());
  }));
  // pairs of neighbouring query words that stand together on a page
  const pairs = await Promise.all(terms.slice(1).map((term, i) =>
    search(`"${terms[i].word} ${term.word}"`).then((s) => new Set(s.results.map((r) => r.id)), () => new Set())));

  const totalWeight = terms.reduce((sum, t) => sum + t.weight, 0) || 1;
  const pages = new Map();
  perTerm.forEach((best, t) => {
    for (const [id, hit] of best) {
      let page = pages.get(id);
      if (!page) pages.set(id, page = { id, result: hit.result, sum: 0, covered: 0, variants: [] });
      page.sum += hit.score * terms[t].weight;
      page.covered += terms[t].weight;
      page.variants.push(hit.variant.query);
      if (terms[t].also && terms[t].also.includes(hit.variant.query)) page.worded = true;
      if (hit.score > (page.top || 0)) { page.top = hit.score; page.result = hit.result; }
    }
  });
  const ranked = [...pages.values()].map((page) => {
    let score = page.sum * (page.covered / totalWeight) ** WEIGHTS.coverage;
    for (const ids of pairs) if (ids.has(page.id)) score *= 1 + WEIGHTS.phrase;
    for (const ids of inTitle) if (ids.has(page.id)) score *= 1 + WEIGHTS.title;
    if (below.has(page.id)) score *= OWN_PAGE;
    if (page.worded && route.has(page.id)) score *= ROUTE;
    return { id: page.id, score, result: page.result, query: page.variants.join(" ") };
  });
  ranked.sort((a, b) => b.score - a.score);
  return { results: ranked, search };
}

// The page's data (title, excerpt, sub-results) as Pagefind returns it for the query that matches
// all the words the page matched, so the excerpt marks every one of them.
export async function resultData(entry, search) {
  if (entry.query && entry.query.includes(" ")) {
    try {
      const all = await search(entry.query);
      const same = all.results.find((r) => r.id === entry.id);
      if (same) return same.data();
    } catch (e) {
      // fall back to the data of the single word
    }
  }
  return entry.result.data();
}
