// The search's word work, in a worker of its own (a module worker started by search.js): the
// index's words (pagefind/hr-woorden.json, about 100 KB) are read and sorted here, and each query
// is planned here (stop words, typo repair, the word list: words.js), which can take a few
// hundred milliseconds on a slow phone. The page meanwhile answers every key.
//
// Asked {id, url, query}: answers {id, plan} (the plan of words.js; query null: only loads the
// words). Without the words (their fetch failed) the plan is made without them, as search.js
// does in the page, and the next question fetches them again.

import { Vocabulary, plan } from "./words.js";

let vocabulary = null;
let loading = null;

function load(url) {
  if (vocabulary) return Promise.resolve(vocabulary);
  if (!loading) {
    loading = fetch(url)
      .then((response) => {
        if (!response.ok) throw new Error(response.statusText);
        return response.json();
      })
      .then((words) => (vocabulary = new Vocabulary(words)))
      .finally(() => {
        loading = null;
      });
  }
  return loading;
}

self.addEventListener("message", async ({ data: { id, url, query } }) => {
  const words = await load(url).catch(() => null);
  self.postMessage({ id, plan: query == null ? null : plan(query, words) });
});
