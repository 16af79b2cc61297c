// Offline use, on every page (overrides/main.html): registers the service worker (sw.js at the
// site's root) once the page is idle, unless the visitor asked to save data, and keeps the footer
// status up to date (partials/offline-status.html, a polite live region whose room is kept in the
// page, so nothing moves):
// - "Beschikbaar zonder internet" once the worker has every file of the site;
// - a button "Nieuwe versie — vernieuwen" when the worker of a newer build waits: it takes over and
//   the page reloads.
// The worker itself (what it keeps and how it answers) is described in sw.js.

const box = document.querySelector("[data-hr-offline]");
const container = navigator.serviceWorker;
let state = "";
let reloading = false;

function show(next, worker) {
  if (!box || state === next || state === "update") return; // a waiting update stays offered
  state = next;
  if (next === "available") {
    box.textContent = "Beschikbaar zonder internet";
  } else if (next === "update") {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "hr-offline__update";
    button.textContent = "Nieuwe versie — vernieuwen";
    button.addEventListener("click", () => {
      // taken over already (from another tab of the site): the new version is one reload away
      if (worker.state !== "installed") return location.reload();
      reloading = true;
      worker.postMessage("skip-waiting");
    });
    box.replaceChildren(button);
  } else {
    box.textContent = "";
  }
}

// Asks the active worker whether it has every file (it answers through a channel of its own).
function askStatus(worker) {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => resolve(event.data);
    worker.postMessage("status", [channel.port2]);
  });
}

async function checkAvailable(registration) {
  const answer = await askStatus(registration.active);
  show(answer.files > 0 && answer.missing === 0 ? "available" : "");
}

// A newer build's worker that has installed while an older one is active waits: offer it.
function watchUpdates(registration) {
  const offer = () => {
    if (registration.waiting && registration.active) show("update", registration.waiting);
  };
  const follow = (worker) => {
    if (worker) worker.addEventListener("statechange", offer);
  };
  offer();
  follow(registration.installing);
  registration.addEventListener("updatefound", () => follow(registration.installing));
}

async function start() {
  const url = new URL(box.dataset.hrWorker, document.baseURI);
  const registration = await container.register(url.href);
  watchUpdates(registration);
  await checkAvailable(await container.ready);
}

function whenIdle(run) {
  const idle = () => (window.requestIdleCallback ? requestIdleCallback(run, { timeout: 5000 }) : setTimeout(run, 0));
  if (document.readyState === "complete") idle();
  else window.addEventListener("load", idle, { once: true });
}

if (box && container) {
  container.addEventListener("controllerchange", () => {
    if (reloading) location.reload(); // the new version took over after "vernieuwen"
  });
  const saveData = navigator.connection && navigator.connection.saveData;
  // A page the worker served: everything was in the cache when it took over. Said at once, while the
  // page loads (not announced as a change); checked again once idle.
  if (container.controller) show("available");
  if (container.controller || !saveData) whenIdle(() => start().catch(() => show("")));
}
