// The page-not-found page (overrides/404.html), served for every address the site does not have
// (by the host, and offline by the service worker). With the site's addresses (adressen.json, the
// build writes it: handreiking/redirects.py):
// - an address that differs from a page or a short address only in its capitals (/A2, /Samos/
//   Kernteam/) goes on to that page at once: a static host matches letter for letter;
// - otherwise the search field gets the words of the address (/kernteam -> "kernteam"), and the
//   closest page is named ("Bedoelde u: Kernteam ...?").
// Words are folded and compared as the site search does (words.js).

import { distances, fold, searchWords } from "./words.js";

const root = new URL("../../", import.meta.url); // this file is assets/javascripts/notfound.js
const input = document.getElementById("hr-notfound-q");
const suggestion = document.querySelector("[data-hr-notfound-suggest]");

// The address typed, under the site's root, without "index.html" and slashes at its ends.
function typedAddress() {
  let path = location.pathname;
  if (path.startsWith(root.pathname)) path = path.slice(root.pathname.length);
  try {
    path = decodeURIComponent(path);
  } catch {
    // a broken %-escape: keep it as it came
  }
  return path.replace(/(^|\/)index\.html?$/i, "").replace(/\.html?$/i, "").replace(/^\/+|\/+$/g, "");
}

// The known address equal to `address` but for capitals: a page's, or where a short address leads.
function sameButCapitals(address, { paginas, doorverwijzingen }) {
  const wanted = address.toLowerCase() + "/";
  const short = doorverwijzingen.find(([old]) => old.toLowerCase() === wanted);
  if (short) return short[1];
  const page = paginas.find(([url]) => url.toLowerCase() === wanted);
  return page ? page[0] : null;
}

// How well a typed word matches a word of a page: 1 the same, 0.8 one starts the other (four
// letters or more), 0.6 a typo away (one letter, two in long words); 0 otherwise.
function wordMatch(word, own) {
  let best = 0;
  for (const other of own) {
    if (other === word) return 1;
    if (word.length >= 4 && other.length >= 4 && (other.startsWith(word) || word.startsWith(other))) best = Math.max(best, 0.8);
    else if (word.length >= 4 && distances(word, other, word.length >= 8 ? 2 : 1)[0] !== Infinity) best = Math.max(best, 0.6);
  }
  return best;
}

// The page closest to the typed words: words in the last part of its address count most, then
// in the rest of its address, then in its title; a page whose last part is all matched wins ties,
// then the shorter address.
function closest(words, paginas) {
  let best = null;
  for (const [url, title] of paginas) {
    const parts = url.split("/").filter(Boolean);
    const last = (parts.at(-1) || "").split("-");
    const path = parts.flatMap((p) => p.split("-"));
    const titleWords = searchWords(title);
    let score = 0;
    for (const word of words) {
      score += Math.max(3 * wordMatch(word, last), 2 * wordMatch(word, path), wordMatch(word, titleWords));
    }
    if (score === 0) continue;
    if (last.every((part) => words.some((word) => wordMatch(word, [part]) >= 0.6))) score += 1;
    if (!best || score > best.score || (score === best.score && url.length < best.url.length)) best = { url, title, score };
  }
  return best;
}

function suggest(page) {
  if (!page) {
    suggestion.textContent = "Geen pagina gevonden die op dit adres lijkt.";
    return;
  }
  const link = document.createElement("a");
  link.href = new URL(page.url, root).href;
  link.textContent = page.title || page.url;
  suggestion.replaceChildren("Bedoelde u: ", link, "?");
}

async function main() {
  const address = typedAddress();
  if (address === "404") return; // the page opened by its own name: no address was typed
  const words = searchWords(address.replace(/[/\-_.+]+/g, " ")).filter((w) => fold(w) !== "html");
  if (input && !input.value) input.value = words.join(" ");
  let addresses;
  try {
    const response = await fetch(new URL("adressen.json", root));
    addresses = await response.json();
  } catch {
    return; // without the list the search field and the entries below still help
  }
  const target = sameButCapitals(address, addresses);
  if (target !== null) {
    const url = new URL(target, root);
    if (location.hash && !url.hash) url.hash = location.hash;
    if (url.pathname !== location.pathname) {
      location.replace(url.href);
      return;
    }
  }
  if (suggestion && words.length) suggest(closest(words, addresses.paginas));
}

main();
