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

// Pagefind's ranking options (https://pagefind.app/docs/ranking/).
// Lower termFrequency and pageLength than Pagefind's defaults (1.0, 0.75): the guide's answers
// are often on its long pages, which the defaults push below short pages that mention a word once.
export const RANKING = {
  termFrequency: 0.25,
  pageLength: 0.25,
  termSaturation: 1.4,
  termSimilarity: 1.0,
};

export const WEIGHTS = {
  coverage: 2, // exponent of the share of the query's words a page matches
  typo: 0.7, // a word found through a spelling correction
  split: 0.8, // a compound found through its parts ("calamiteiten plan")
  part: 0.5, // a word found inside a longer indexed compound ("roep" in "samenroepen")
  prefix: 0.5, // a word found through its known beginning
  phrase: 0.5, // bonus per pair of query words that stand together on the page, times its score
};

// Dutch function words, question words and light verbs: they say nothing about the subject.
export const STOP_WORDS = new Set(`
  aan al alle alles als altijd ander andere anders ben bij daar dan dat de der deze die dit doch doe
  doen doet door dus een eens en er ga gaan gaat ge geen geweest had heb hebben heeft hem het hier
  hij hoe hun iemand iets ik in is ja je jij jou jouw jullie kan kon kun kunnen kunt maar me meer men
  met mij mijn moet moeten mogelijk mag mogen na naar niet niets nog nu of om omdat onder ons onze ook
  op over reeds te tegen toch toen tot u uit uw van veel voor waar waarom wanneer want waren was wat
  we wel welk welke werd wezen wie wij wil willen word worden wordt zal ze zelf zich zij zijn zo zoals
  zonder zou zouden zullen zit zitten staat staan kom komen komt krijg krijgen krijgt maak maken
  maakt moeten hoeveel waarmee waarover waarvoor wanneer precies eigenlijk even graag nou
`.trim().split(/\s+/));

// Lower case without accents: "Interveniëren" and "intervenieren" are the same word here.
export function fold(text) {
  return String(text).normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

// The words of a query, folded; section codes ("B1.9", "A2.1") stay whole, as Pagefind indexes them.
export function queryWords(query) {
  return fold(query).match(/[\p{L}\p{N}]+(?:\.\p{N}+)*/gu) || [];
}

// Optimal string alignment distance of `a` to `b` and to the closest beginning of `b`
// (so "buurtbemidel" is one letter from the beginning of "buurtbemiddeling"); Infinity past `max`.
export function distances(a, b, max) {
  const n = a.length;
  const m = b.length;
  if (m < n - max) return [Infinity, Infinity];
  let before = null;
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, before[j - 2] + 1);
      }
      cur.push(d);
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return [Infinity, Infinity];
    before = prev;
    prev = cur;
  }
  const full = prev[m] <= max ? prev[m] : Infinity;
  let prefix = Infinity;
  for (let j = Math.max(1, n - max); j <= m; j++) prefix = Math.min(prefix, prev[j]);
  return [full, prefix <= max ? prefix : Infinity];
}

// The words of the index (folded) and on how many pages each is.
export class Vocabulary {
  constructor({ pages, words }) {
    this.pages = pages;
    this.df = new Map(Object.entries(words));
    this.sorted = [...this.df.keys()].sort();
  }

  has(word) {
    return this.df.has(word);
  }

  // The indexed words that start with `prefix` (what Pagefind matches for it).
  extensions(prefix) {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    const found = [];
    for (let i = lo; i < this.sorted.length && this.sorted[i].startsWith(prefix); i++) found.push(this.sorted[i]);
    return found;
  }

  // The `n` most common indexed words that start with `prefix`. Pagefind stems what it is asked,
  // and a bare beginning ("oplop") may stem differently from the words it begins; a real word
  // ("oplopende") always finds itself.
  common(prefix, n = 2) {
    return this.extensions(prefix).sort((a, b) => this.df.get(b) - this.df.get(a)).slice(0, n);
  }

  // About how many pages have a word that starts with `prefix`.
  pagesWith(prefix) {
    let sum = 0;
    for (const w of this.extensions(prefix)) sum += this.df.get(w);
    return Math.min(this.pages, sum);
  }

  // How much a word says: rare words more than common ones.
  idf(prefix) {
    return Math.log(1 + this.pages / (1 + this.pagesWith(prefix)));
  }

  // Indexed words one letter (two from ten letters on) from `word`, closest and most common first.
  near(word) {
    if (word.length < 4 || /\d/.test(word)) return [];
    const max = word.length >= 10 ? 2 : 1;
    const found = [];
    for (const w of this.sorted) {
      if (STOP_WORDS.has(w) || w.length < 3) continue;
      const [full, prefix] = distances(word, w, max);
      // a whole-word match is better than matching the beginning of a longer word
      const d = Math.min(full, prefix + 0.5);
      if (d <= max) found.push({ word: w, distance: d });
    }
    found.sort((a, b) => a.distance - b.distance || this.df.get(b.word) - this.df.get(a.word));
    return found.filter((f) => f.distance === found[0].distance).slice(0, 3);
  }

  // A compound of two indexed words, as its parts: "calamiteitenplan" -> ["calamiteiten", "plan"].
  split(word) {
    for (let i = word.length - 3; i >= 3; i--) {
      const right = word.slice(i);
      let left = word.slice(0, i);
      if (!this.has(left) && left.endsWith("s") && this.has(left.slice(0, -1))) left = left.slice(0, -1);
      if (!this.has(left) || STOP_WORDS.has(left) || STOP_WORDS.has(right)) continue;
      if (this.extensions(right).length) return [left, right];
    }
    return null;
  }

  // Longer indexed compounds that end in `word`: "roep" -> "samenroepen".
  compoundsWith(word) {
    if (word.length < 4) return [];
    const found = [];
    for (const w of this.sorted) {
      const at = w.indexOf(word, 3);
      if (at < 3) continue;
      let head = w.slice(0, at);
      if (!this.has(head) && head.endsWith("s")) head = head.slice(0, -1);
      if (this.has(head) && !STOP_WORDS.has(head)) found.push(w);
    }
    return found.sort((a, b) => this.df.get(b) - this.df.get(a)).slice(0, 3);
  }
}

// A verb form the index does not hold, reduced to the beginning its other forms share (Dutch
// spelling doubles a vowel in a closed syllable): "getreiterd" -> "treiter" ("treiterijen"),
// "oploopt" -> "oplop" ("oplopende"), "escaleert" -> "escaler" ("escaleren").
function verbStem(word, vocabulary) {
  if (word.length < 5 || /\d/.test(word)) return null;
  const bases = [];
  if (word.startsWith("ge") && word.length >= 7) bases.push(word.slice(2).replace(/[dt]$/, ""));
  bases.push(word.replace(/(de|te|d|t)$/, ""));
  const candidates = bases.flatMap((b) => [b, b.replace(/([aeou])\1([^aeiou])$/, "$1$2")]);
  return candidates.find((c) => c !== word && c.length >= 4 && vocabulary.extensions(c).length) || null;
}

// The words of a query that say something: without stop words and single letters, unless
// nothing else is left.
export function searchWords(query) {
  const all = [...new Set(queryWords(query))];
  const words = all.filter((w) => !STOP_WORDS.has(w) && (w.length > 1 || /\d/.test(w)));
  return words.length ? words : all;
}

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

// What to search for: the query's words, each with its alternatives ("variants").
export function plan(query, vocabulary) {
  const words = searchWords(query);
  const terms = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const variants = [];
    let weight = 1;
    // Two words the guide writes as one ("urgentie dilemma" -> "urgentiedilemma"): one term
    // that either form satisfies.
    const next = words[i + 1];
    const joined = vocabulary && next && [word + next, word + "s" + next].find((w) => vocabulary.has(w));
    if (joined) {
      terms.push({ word: `${word} ${next}`, weight: vocabulary.idf(word) + vocabulary.idf(next),
        variants: [{ query: joined, weight: 1 }, { query: `${word} ${next}`, weight: 1 }] });
      i++;
      continue;
    }
    if (!vocabulary) {
      variants.push({ query: word, weight: 1 });
    } else if (vocabulary.extensions(word).length) {
      variants.push({ query: word, weight: 1 });
      weight = vocabulary.idf(word);
      if (vocabulary.pagesWith(word) < 3) {
        const parts = word.length >= 7 && vocabulary.split(word);
        if (parts) variants.push({ query: parts.join(" "), weight: WEIGHTS.split });
        for (const w of vocabulary.compoundsWith(word)) variants.push({ query: w, weight: WEIGHTS.part });
      }
    } else {
      const stem = verbStem(word, vocabulary);
      if (stem) for (const w of vocabulary.common(stem)) variants.push({ query: w, weight: 1 });
      for (const { word: w, distance } of stem ? [] : vocabulary.near(word)) {
        variants.push({ query: w, weight: WEIGHTS.typo / Math.ceil(distance) });
      }
      const parts = word.length >= 7 && vocabulary.split(word);
      if (parts) variants.push({ query: parts.join(" "), weight: WEIGHTS.split });
      if (!variants.length) {
        for (let n = word.length - 1; n >= Math.max(4, Math.ceil(word.length * 0.6)); n--) {
          if (vocabulary.extensions(word.slice(0, n)).length) {
            for (const w of vocabulary.common(word.slice(0, n))) variants.push({ query: w, weight: WEIGHTS.prefix });
            break;
          }
        }
      }
      if (!variants.length) continue; // no page has it: it can only hide the other words' pages
      weight = Math.max(...variants.map((v) => vocabulary.idf(v.query.split(" ")[0])));
    }
    terms.push({ word, weight, variants });
  }
  return { words, terms };
}

// Runs the plan with `pagefind.search` and merges the results, best first. Each entry has the
// page's Pagefind result, its score, and the query that matches all its words (for the excerpt).
export async function rankedSearch(pagefind, searchPlan, filters = {}) {
  const cache = new Map();
  const search = (q) => {
    if (!cache.has(q)) cache.set(q, pagefind.search(q, { filters }));
    return cache.get(q);
  };
  const { terms } = searchPlan;
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
  // pairs of neighbouring query words that stand together on a page
  const pairs = await Promise.all(terms.slice(1).map((term, i) =>
    search(`"${terms[i].word} ${term.word}"`).then((s) => new Set(s.results.map((r) => r.id)), () => new Set())));

  const totalWeight = terms.reduce((sum, t) => sum + t.weight, 0) || 1;
  const pages = new Map();
  perTerm.forEach((best, t) => {
    for (const [id, hit] of best) {
      let page = pages.get(id);
      if (!page) pages.set(id, page = { id, result: hit.result, sum: 0, covered: 0, variants: [] });
      page.sum += hit.score;
      page.covered += terms[t].weight;
      page.variants.push(hit.variant.query);
      if (hit.score > (page.top || 0)) { page.top = hit.score; page.result = hit.result; }
    }
  });
  const ranked = [...pages.values()].map((page) => {
    let score = page.sum * (page.covered / totalWeight) ** WEIGHTS.coverage;
    for (const ids of pairs) if (ids.has(page.id)) score *= 1 + WEIGHTS.phrase;
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
