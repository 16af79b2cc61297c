// The word matching of the site search (search-query.js) and of the overview's word box
// (filter.js): one rule for both (plain JavaScript, no library).
//   - folding: lower case without accents (handreiking/searchwords.py folds the index's words the
//     same way; tests/test_search.py checks that they agree);
//   - stop words: Dutch function and question words, left out unless nothing else is left;
//   - typo repair from the words of what is searched (the index's words, or the cards'): a word
//     that starts no known word is replaced by the stem of its verb form, by the nearest words,
//     by its parts when it is a compound, or by its longest known beginning; a real word (in the
//     index, in the Dutch word list the build ships or in the word list) is never "corrected";
//   - the word list (data/zoekwoorden.yaml): the words people type ("vechtpartij") also search
//     the guide's words ("incident", "confrontatie").
// `plan` turns a query into terms, each with its alternatives ("variants"); the weights were
// tuned on tests/search_questions.tsv.

export const WEIGHTS = {

  coverage: 2, // exponent of the share of the query's words a page matches
  typo: 0.7, // a word found through a spelling correction
  split: 0.8, // a compound found through its parts ("calamiteiten plan")
  part: 0.5, // a word found inside a longer indexed compound ("roep" in "samenroepen")
  prefix: 0.5, // a word found through its known beginning
  synonym: 1.2, // a guide's word from the word list (data/zoekwoorden.yaml)
  phrase: 0.5, // bonus per pair of query words that stand together on the page, times its score
  title: 0.5, // bonus per query word that begins a word of the page's title, times its score
};

// The shortest part of a compound that is split.
const MIN_PART = 4;

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
  tussen elkaar erbij erover ermee eraan
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
  // `bekend`: Dutch words the index does not hold, which are no typos of its words;
  // `zoekwoorden`: the words people type -> the guide's words (data/zoekwoorden.yaml).
  // Both written by handreiking/searchwords.py.
  constructor({ pages, words, bekend = [], zoekwoorden = {} }) {
    this.pages = pages;
    this.df = new Map(Object.entries(words));
    this.sorted = [...this.df.keys()].sort();
    this.dutch = new Set(bekend);
    this.synonyms = new Map(Object.entries(zoekwoorden));
  }

  // A real word: in the index, in the shipped Dutch word list or in the word list; never "corrected".
  known(word) {
    return this.df.has(word) || this.dutch.has(word) || this.synonyms.has(word);
  }

  // The guide's words for a word people type ("vechtpartij" -> ["incident", "confrontatie"]).
  also(word) {
    return this.synonyms.get(word) || [];
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

  // A compound of two indexed words of at least MIN_PART letters each, as its parts: "calamiteitenplan" -> ["calamiteiten", "plan"].
  split(word) {
    for (let i = word.length - MIN_PART; i >= MIN_PART; i--) {
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


// What to search for: the query's words, each with its alternatives ("variants"). `also` of a
// term: the guide's words from the word list; `missing`: the words nothing known has (left out,
// as they could only hide the other words' results).
export function plan(query, vocabulary) {
  const words = searchWords(query);
  const terms = [];
  const missing = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const variants = [];
    let weight = 1;
    // Two words the guide writes as one ("urgentie dilemma" -> "urgentiedilemma"): one term
    // that either form satisfies.
    const next = words[i + 1];
    const joined = vocabulary && next && [word + next, word + "s" + next].find((w) => vocabulary.has(w));
    if (joined) {
      terms.push({ word: `${word} ${next}`, weight: vocabulary.idf(word) + vocabulary.idf(next), also: [],
        variants: [{ query: joined, weight: 1 }, { query: `${word} ${next}`, weight: 1 }] });
      i++;
      continue;
    }
    const also = !vocabulary ? [] : vocabulary.also(word)
      .filter((w) => w !== word && w.split(" ").every((part) => vocabulary.extensions(part).length));
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
      // a real word is searched as it is, with its forms and the word list's words: no typo repair
      const real = vocabulary.known(word);
      const stem = verbStem(word, vocabulary);
      if (stem) for (const w of vocabulary.common(stem)) variants.push({ query: w, weight: 1 });
      for (const { word: w, distance } of stem || real ? [] : vocabulary.near(word)) {
        variants.push({ query: w, weight: WEIGHTS.typo / Math.ceil(distance) });
      }
      // a real word is not split into others ("vastleggen" is not "vast leggen")
      const parts = !real && word.length >= 7 && vocabulary.split(word);
      if (parts) variants.push({ query: parts.join(" "), weight: WEIGHTS.split });
      if (!variants.length && !real && !also.length) {
        for (let n = word.length - 1; n >= Math.max(4, Math.ceil(word.length * 0.6)); n--) {
          if (vocabulary.extensions(word.slice(0, n)).length) {
            for (const w of vocabulary.common(word.slice(0, n))) variants.push({ query: w, weight: WEIGHTS.prefix });
            break;
          }
        }
      }
    }
    for (const w of also) {
      if (!variants.some((v) => v.query === w)) variants.push({ query: w, weight: WEIGHTS.synonym });
    }
    if (!variants.length) { // nothing has it: it can only hide the other words' results
      missing.push(word);
      continue;
    }
    if (vocabulary && !vocabulary.extensions(word).length) {
      // a variant of two words says as much as the rarer of them
      weight = Math.max(...variants.flatMap((v) => v.query.split(" ").map((w) => vocabulary.idf(w))));
    }
    terms.push({ word, weight, variants, also });
  }
  return { words, terms, missing };
}
