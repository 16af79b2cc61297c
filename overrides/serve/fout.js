// The page "De site kon niet worden gebouwd" of `make serve` (fout.html, macros/serve.py): every half
// second it asks the server which build it has (stand.txt, next to this script); once that is another
// build than the one this page shows, it loads the page again: the real page if the mistake is fixed,
// else the new messages. While the server is busy or stopped it keeps asking.
const shown = document.documentElement.dataset.build;
const standUrl = new URL("stand.txt", document.currentScript.src);
const stand = document.querySelector("[data-stand]");

async function check() {
  try {
    const response = await fetch(standUrl, { cache: "no-store" });
    const build = response.ok ? (await response.text()).trim() : "";
    if (build && build !== shown) {
      stand.textContent = "De site is opnieuw gebouwd; de pagina wordt geladen …";
      location.reload();
      return;
    }
  } catch {
    // the server is restarting or stopped: ask again
  }
  setTimeout(check, 500);
}

check();
