// The service worker: the whole guide without a network after the first visit (plain JavaScript,
// no library). Registered by assets/javascripts/offline.js once the first page is idle.
//
// What it keeps: every file of MANIFEST, which the build writes into this file
// (handreiking/offline.py): address under the site -> the start of the SHA-256 of its content.
// Each file is cached under its address plus that hash, so the worker of a new build fetches only
// the files whose content changed (checking each against its hash), and on activation removes
// the ones its build no longer has. Until every file is in, the new worker does not install.
//
// How it answers: a file of the manifest from the cache first, pages included. The cache holds
// one whole build, pages, scripts and the search index that belong together, and a page opens at
// once on a congested network. The browser checks this file for a new build on every visit; the
// new worker installs beside the old one and then waits, and the page offers "Nieuwe versie —
// vernieuwen" (offline.js). Anything else goes to the network; a page that cannot be reached
// offline gets the site's page-not-found page.

const MANIFEST = "__HR_OFFLINE_MANIFEST__";
// Without a manifest (the live preview of `mkdocs serve`) the worker keeps nothing.
const FILES = typeof MANIFEST === "object" ? MANIFEST.files : {};
const ROOT = new URL("./", self.location.href);
const CACHE = "hr-offline:" + ROOT.pathname; // one per site, also when sites share a host
const PARALLEL = 4;

// The cache key of a file: its address with the hash of its content.
function cacheKey(path, hash) {
  const url = new URL(path, ROOT);
  url.searchParams.set("hr-rev", hash);
  return url.href;
}

// The manifest's address for a request: relative to the site, a folder's index page by the folder.
function addressOf(url) {
  if (url.origin !== ROOT.origin || !url.pathname.startsWith(ROOT.pathname)) return null;
  let path;
  try {
    path = decodeURIComponent(url.pathname.slice(ROOT.pathname.length));
  } catch {
    return null;
  }
  if (path === "index.html" || path.endsWith("/index.html")) path = path.slice(0, -"index.html".length);
  return path;
}

async function sha256(buffer) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

// Fetches one file and caches it, if its content is the build's. A host may still serve an older
// copy for a while after a deploy (its cache, a CDN): asked again past the browser's cache, and if
// it stays different the install fails; the browser tries again on a later visit.
async function store(cache, path, hash, signal) {
  for (const mode of ["no-cache", "reload"]) {
    const response = await fetch(new URL(path, ROOT), { cache: mode, signal });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    const body = await response.arrayBuffer();
    if ((await sha256(body)).startsWith(hash)) {
      const type = response.headers.get("Content-Type") || "application/octet-stream";
      await cache.put(cacheKey(path, hash), new Response(body, { headers: { "Content-Type": type } }));
      return;
    }
  }
  throw new Error(`${path}: the host serves other content than this build's`);
}

async function missing(cache) {
  const have = new Set((await cache.keys()).map((request) => request.url));
  return Object.entries(FILES).filter(([path, hash]) => !have.has(cacheKey(path, hash)));
}

// While a page loads its search (the trigger says "hold" on the first sign of intent, search.js
// "release" once the first search is shown), the download for offline use waits and the files
// it was fetching are asked for again later: on a slow connection they would share the line, and
// the visitor's first search would wait for files of the offline copy. It goes on by itself
// after HOLD_MS at most.
const HOLD_MS = 10000;
let hold = null; // { done: a promise, resolved on release; timer }
const running = new Set(); // the AbortControllers of the downloads under way

function release() {
  if (!hold) return;
  clearTimeout(hold.timer);
  hold.resolve();
  hold = null;
}

function holdDownloads() {
  if (!hold) {
    hold = {};
    hold.done = new Promise((resolve) => (hold.resolve = resolve));
  }
  clearTimeout(hold.timer);
  hold.timer = setTimeout(release, HOLD_MS);
  for (const controller of running) controller.abort();
}

async function precache() {
  const cache = await caches.open(CACHE);
  const todo = await missing(cache);
  async function fetcher() {
    while (todo.length) {
      if (hold) await hold.done;
      const [path, hash] = todo.shift();
      const controller = new AbortController();
      running.add(controller);
      try {
        await store(cache, path, hash, controller.signal);
      } catch (error) {
        if (!controller.signal.aborted) throw error;
        todo.push([path, hash]); // held: fetched again after the search
      } finally {
        running.delete(controller);
      }
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, fetcher));
}

async function removeOld() {
  const cache = await caches.open(CACHE);
  const wanted = new Set(Object.entries(FILES).map(([path, hash]) => cacheKey(path, hash)));
  for (const request of await cache.keys()) {
    if (!wanted.has(request.url)) await cache.delete(request);
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache());
});

self.addEventListener("activate", (event) => {
  // The page that registered the worker uses it at once (search there works offline too).
  event.waitUntil(removeOld().then(() => self.clients.claim()));
});

async function fromCache(request, path) {
  const cached = await caches.match(cacheKey(path, FILES[path]), { cacheName: CACHE });
  return cached || fetch(request);
}

async function fromNetwork(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const notFound = FILES["404.html"] && (await caches.match(cacheKey("404.html", FILES["404.html"]), { cacheName: CACHE }));
    if (!notFound) throw error;
    return new Response(notFound.body, { status: 404, headers: notFound.headers });
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || typeof MANIFEST !== "object") return;
  const url = new URL(request.url);
  const path = addressOf(url);
  if (path === null) return; // another host, or outside the site: not ours
  // The query string is ignored: a static host serves the same file for it (zoeken/?q=...,
  // Pagefind's pagefind-entry.json?ts=...).
  if (path in FILES) event.respondWith(fromCache(request, path));
  else if (request.mode === "navigate" && (path + "/") in FILES) {
    event.respondWith(Response.redirect(new URL(path + "/" + url.search, ROOT).href, 301));
  } else if (request.mode === "navigate") event.respondWith(fromNetwork(request));
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
  else if (event.data === "hold") holdDownloads();
  else if (event.data === "release") release();
  else if (event.data === "status" && event.ports[0]) {
    // Whether every file is in the cache: offline.js says "Beschikbaar zonder internet" only then.
    const port = event.ports[0];
    event.waitUntil(
      caches
        .open(CACHE)
        .then(missing)
        .then((todo) => port.postMessage({ files: Object.keys(FILES).length, missing: todo.length })),
    );
  }
});
