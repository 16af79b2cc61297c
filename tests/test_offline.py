"""The guide without a network after the first visit: the precache manifest the build writes into
the service worker (handreiking/offline.py, overrides/sw.js), and in a real Chromium the whole
path of a reader: first visit, the footer status, pages, search, checklists and open data
offline, and a new build that fetches only what changed."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

from handreiking import csp, offline
from handreiking.paths import OVERRIDES_DIR
from tests.conftest import format_violations, project_copy, run_axe, run_cli, serve_directory
from tests.test_interactive import settle

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
AVAILABLE = "Beschikbaar zonder internet"
UPDATE = "Nieuwe versie — vernieuwen"
CHECKLIST_PAGE = "samos/werkprotocol-kernteam/"
# Ten pages of every kind besides the home page: FAQ answers, a checklist page, the overview with
# its filters, a practice example, a risk factor, the phase guide, the print-all page, the open
# data page, the page-not-found page's neighbour (a short address that redirects) and a section.
OFFLINE_PAGES = [
    ("samos/kernteam/", "Kernteam"),
    (CHECKLIST_PAGE, "Voorbeeld werkprotocol"),
    ("praktijkvoorbeelden/", "Praktijkvoorbeelden en instrumenten"),
    ("praktijkvoorbeelden/buurtbemiddeling/", "Buurtbemiddeling"),
    ("risicofactoren/b1-1/", "Jeugdcriminaliteit"),
    ("aanpak/fasewijzer/", "Aanpak per stadium"),
    ("afdrukken/", "De hele handreiking"),
    ("redactie/open-data/", "Open data"),
    ("a2/", "Naar een gestructureerde aanpak (SAMOS)"),  # the short address of A2: a redirect page
    ("rellen/escalatiemodel/", "Escalatiemodel voor geweld"),
    ("er-is-iets-gebeurd/", "Er is iets gebeurd"),  # the route for an incident (issue 21)
]
# Records each layout shift, from the first paint on (CLS must stay 0 when the status fills).
LAYOUT_SHIFTS = """window.__hrShift = 0;
new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__hrShift += e.value; })
  .observe({ type: "layout-shift", buffered: true });"""
# Records when navigator.serviceWorker.register is called (offline.js calls it once per page).
REGISTER_SPY = """window.__hrRegister = [];
const register = ServiceWorkerContainer.prototype.register;
ServiceWorkerContainer.prototype.register = function (...args) {
  window.__hrRegister.push(performance.now()); return register.apply(this, args); };"""
LOAD_END = "performance.getEntriesByType('navigation')[0].loadEventEnd"
# Records every violation of the page's Content-Security-Policy (the worker registers under it).
VIOLATIONS = """window.__hrViolations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__hrViolations.push(e.effectiveDirective + " " + e.blockedURI));"""
IDLE = "() => new Promise((resolve) => requestIdleCallback(() => requestIdleCallback(resolve)))"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------- the manifest


def test_the_manifest_holds_every_file_a_reader_needs_with_the_hash_of_its_content(site_dir: Path) -> None:
    manifest = offline.read_manifest(site_dir)
    on_disk = {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()}
    listed = {name + "index.html" if name == "" or name.endswith("/") else name for name in manifest.files}
    # every page (the print-all page, the 404 page, redirect pages, the editors' pages), the
    # checklists, assets, Pagefind's code and index, the search words and the open data
    pages = {p.relative_to(site_dir).as_posix() for p in csp.pages(site_dir)}
    assert pages <= listed
    for needed in (
        "afdrukken/index.html",
        "404.html",
        "a2/index.html",
        CHECKLIST_PAGE + "index.html",
        "assets/stylesheets/site.css",
        "assets/javascripts/offline.js",
        "pagefind/pagefind.js",
        "pagefind/pagefind-worker.js",
        "pagefind/pagefind-entry.json",
        "pagefind/wasm.nl.pagefind",
        "pagefind/hr-woorden.json",
        "open-data/interventies.json",
        "open-data/interventies.csv",
    ):
        assert needed in listed, needed
    for folder, suffix in (("pagefind/fragment", ".pf_fragment"), ("pagefind/index", ".pf_index")):
        files = {p for p in on_disk if p.startswith(folder + "/")}
        assert files and all(p.endswith(suffix) for p in files) and files <= listed, folder
    assert any(re.fullmatch(r"pagefind/pagefind\.nl_\w+\.pf_meta", p) for p in listed)
    assert any(p.startswith("pagefind/filter/") for p in listed)
    # what is left out, and only that: the worker itself, the sitemaps, Pagefind's ready-made
    # interfaces and its search code for pages without a language
    assert on_disk - listed == {
        "sw.js",
        "sitemap.xml",
        "sitemap.xml.gz",
        "pagefind/pagefind-ui.js",
        "pagefind/pagefind-ui.css",
        "pagefind/pagefind-modular-ui.js",
        "pagefind/pagefind-modular-ui.css",
        "pagefind/pagefind-component-ui.js",
        "pagefind/pagefind-component-ui.css",
        "pagefind/pagefind-highlight.js",
        "pagefind/wasm.unknown.pagefind",
    }
    assert listed <= on_disk
    # each hash is that of the file as served: written after the policy, Pagefind and the search words
    for name, digest in manifest.files.items():
        path = site_dir / (name + "index.html" if name == "" or name.endswith("/") else name)
        assert sha(path).startswith(digest), name
    assert 'http-equiv="Content-Security-Policy"' in (site_dir / "index.html").read_text(encoding="utf-8")
    assert manifest.version == offline.manifest(site_dir).version


def test_the_version_changes_with_any_file_and_only_then(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "samos").mkdir(parents=True)
    (site / "index.html").write_text("<p>voorpagina</p>", encoding="utf-8")
    (site / "samos" / "index.html").write_text("<p>samos</p>", encoding="utf-8")
    (site / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    worker = (OVERRIDES_DIR / offline.WORKER).read_text(encoding="utf-8")
    (site / "sw.js").write_text(worker, encoding="utf-8")
    first = offline.write_manifest(site)
    assert first is not None and set(first.files) == {"", "samos/"}
    assert offline.read_manifest(site) == first
    (site / "sw.js").write_text(worker, encoding="utf-8")
    (site / "sitemap.xml").write_text("<urlset><url/></urlset>", encoding="utf-8")  # left out: no new version
    assert offline.write_manifest(site) == first
    (site / "sw.js").write_text(worker, encoding="utf-8")
    (site / "samos" / "index.html").write_text("<p>samos, gewijzigd</p>", encoding="utf-8")
    second = offline.write_manifest(site)
    assert second is not None and second.version != first.version
    assert {n for n in first.files if first.files[n] != second.files[n]} == {"samos/"}


def test_the_live_preview_gets_a_worker_that_keeps_nothing(tmp_path: Path) -> None:
    """Under `mkdocs serve` pages change with every save: the worker stays without a manifest."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>voorpagina</p>", encoding="utf-8")
    worker = (OVERRIDES_DIR / offline.WORKER).read_text(encoding="utf-8")
    (site / "sw.js").write_text(worker, encoding="utf-8")
    assert offline.write_manifest(site, live_preview=True) is None
    assert (site / "sw.js").read_text(encoding="utf-8") == worker
    with pytest.raises(ValueError, match="not written"):
        offline.read_manifest(site)
    (site / "sw.js").write_text("// no placeholder", encoding="utf-8")
    with pytest.raises(ValueError, match="placeholder"):
        offline.write_manifest(site)


# --------------------------------------------------------------------------- in the browser


def wait_until_available(page) -> None:  # type: ignore[no-untyped-def]
    expect(page.locator("[data-hr-offline]")).to_have_text(AVAILABLE, timeout=30000)


@pytest.mark.browser
def test_after_the_first_visit_the_whole_guide_works_offline(browser, site_dir: Path) -> None:
    served: list[str] = []
    with serve_directory(site_dir, served=served) as base_url:
        context = browser.new_context(locale="nl-NL", service_workers="allow", **PHONE)
        context.add_init_script(LAYOUT_SHIFTS)
        context.add_init_script(VIOLATIONS)
        try:
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(base_url, wait_until="load")
            wait_until_available(page)
            # the status filled its kept room: nothing moved (a shift is reported after the frame that
            # painted it: two frames on); the policy (worker-src 'self') refused nothing
            settle(page)
            assert page.evaluate("window.__hrShift") == 0
            assert page.evaluate("window.__hrViolations") == []
            violations = run_axe(page, ".md-footer")
            assert violations == [], format_violations(violations)
            # the background fetch got every file of the manifest, each once
            manifest = offline.read_manifest(site_dir)
            fetched = [unquote(urlsplit(p).path).lstrip("/") for p in served]
            assert set(manifest.files) <= set(fetched)
            cache = page.evaluate(
                """async () => { const names = await caches.keys();
                     return [names, (await (await caches.open(names[0])).keys()).map((r) => r.url)]; }"""
            )
            assert cache[0] == ["hr-offline:/"]  # one cache, of this site, holding the manifest's files only
            assert sorted(urlsplit(u).path.lstrip("/") for u in cache[1]) == sorted(manifest.files)

            served.clear()
            context.set_offline(True)
            for path, heading in OFFLINE_PAGES:
                response = page.goto(base_url + path, wait_until="load")
                assert response is not None and response.ok, path
                expect(page.locator("h1").first).to_contain_text(heading)
                expect(page.locator("[data-hr-offline]")).to_have_text(AVAILABLE)
            # search with its index, its words and its workers (Pagefind's and the words'): a typo is repaired
            page.goto(base_url + "zoeken/?q=kernteem", wait_until="load")
            results = page.locator("article li a[href*='samos/kernteam/']")
            expect(results.first).to_be_visible(timeout=15000)
            expect(page.locator(".hr-search__hint")).to_contain_text('"kernteem": gezocht naar "kernteam"')
            # a checklist item is ticked, and kept
            page.goto(base_url + CHECKLIST_PAGE, wait_until="load")
            box = page.locator(".task-list-control input[type=checkbox]").first
            box.focus()
            page.keyboard.press("Space")
            expect(page.locator(".hr-checklist-status").first).to_have_text(re.compile(r"^1 van "))
            page.reload(wait_until="load")
            expect(box).to_be_checked()
            # the open data
            data = page.evaluate("fetch('../../open-data/interventies.json').then((r) => r.json())")
            assert len(data) > 20 and all("id" in item for item in data)
            # an address the site does not have: the site's own page-not-found page, not the browser's
            response = page.goto(base_url + "bestaat-niet/", wait_until="commit")
            assert response is not None and response.status == 404
            expect(page).to_have_title(re.compile("^Pagina niet gevonden"))
            # offline really was offline, also for the worker: nothing reached the server, and what
            # is not kept fails (but the browser's own update check of the worker, which a search's
            # workers start as a page does and which the test's offline mode does not hold back)
            assert page.evaluate("fetch('/sitemap.xml').then(() => 'fetched', () => 'failed')") == "failed"
            assert [p for p in served if p != "/sw.js"] == []
            assert errors == [] and page.evaluate("window.__hrViolations") == []
            # a selection downloads from the kept spreadsheet file, and two examples compare
            page.goto(base_url + "praktijkvoorbeelden/?handeling=preventie", wait_until="load")
            with page.expect_download() as info:
                page.get_by_role("button", name="Download deze selectie").click()
            rows = Path(info.value.path()).read_bytes().split(b"\r\n")
            assert rows[0].startswith(b"\xef\xbb\xbfid;naam;") and len(rows) > 3
            page.goto(base_url + "praktijkvoorbeelden/vergelijk/?id=buurtbemiddeling&id=top600", wait_until="load")
            expect(page.locator(".hr-compare__table thead a")).to_have_count(2)
            # from the kept files only (the browser's own update check of the worker may ask for sw.js)
            assert [p for p in served if p != "/sw.js"] == []
        finally:
            context.close()


@pytest.mark.browser
def test_the_status_waits_for_idle_and_respects_save_data(browser, base_url: str) -> None:
    """Nothing registers before the page is idle; with "save data" asked, nothing at all."""
    for save_data in (False, True):
        context = browser.new_context(locale="nl-NL", service_workers="allow")
        context.add_init_script(REGISTER_SPY)
        if save_data:
            context.add_init_script("Object.defineProperty(navigator, 'connection', { value: { saveData: true } });")
        try:
            page = context.new_page()
            page.goto(base_url, wait_until="load")
            page.evaluate(IDLE)  # offline.js waits for the same idle time, asked for before this
            if save_data:
                assert page.evaluate("window.__hrRegister") == []
                assert page.evaluate("navigator.serviceWorker.getRegistrations().then((r) => r.length)") == 0
                expect(page.locator("[data-hr-offline]")).to_have_text("")
            else:
                # a function, not an expression: Playwright polls an expression with eval(), which the
                # site's policy refuses (EvalError) whenever the first check is not yet true
                page.wait_for_function("() => window.__hrRegister.length === 1")
                assert page.evaluate(f"window.__hrRegister[0] >= {LOAD_END}")  # after the page has loaded
                wait_until_available(page)
        finally:
            context.close()


def changed_page_site(tmp_path: Path) -> tuple[Path, Path]:
    """Two builds of the same project, the second with one page changed."""
    root = project_copy(tmp_path, previous_site=False)
    first = tmp_path / "first"
    result = run_cli("build", "--site-dir", str(first), cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    source = root / "docs" / "samos" / "kernteam.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nProefzin van de nieuwe versie.\n", encoding="utf-8")
    second = tmp_path / "second"
    result = run_cli("build", "--site-dir", str(second), cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    return first, second


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, {"viewport": {"width": 1366, "height": 900}}], ids=["phone", "desktop"])
def test_a_new_build_fetches_only_what_changed(browser, tmp_path: Path, viewport: dict) -> None:
    first, second = changed_page_site(tmp_path)
    old, new = offline.read_manifest(first), offline.read_manifest(second)
    changed = {name for name in new.files if old.files.get(name) != new.files[name]}
    assert "samos/kernteam/" in changed and "afdrukken/" in changed  # the page, and the print-all page
    assert len(changed) < len(new.files) / 10, sorted(changed)
    live = tmp_path / "live"
    live.symlink_to(first)
    served: list[str] = []
    with serve_directory(live, served=served) as base_url:
        context = browser.new_context(locale="nl-NL", service_workers="allow", **viewport)
        context.add_init_script(LAYOUT_SHIFTS)
        try:
            page = context.new_page()
            page.goto(base_url + "samos/kernteam/", wait_until="load")
            wait_until_available(page)
            expect(page.get_by_text("Proefzin van de nieuwe versie.")).to_have_count(0)
            # the site is published again
            swap = tmp_path / "swap"
            swap.symlink_to(second)
            os.replace(swap, live)
            served.clear()
            page.reload(wait_until="load")  # the browser checks the worker for a new build on a visit
            button = page.get_by_role("button", name=UPDATE)
            expect(button).to_be_visible(timeout=30000)
            expect(page.locator("[data-hr-offline][aria-live=polite]")).to_contain_text(UPDATE)
            fetched = {unquote(urlsplit(p).path).lstrip("/") for p in served}
            # exactly what changed, and the worker itself: nothing else is fetched again
            assert fetched == {offline.WORKER} | changed
            settle(page)  # the frames that painted the button, and their shifts reported
            assert page.evaluate("window.__hrShift") == 0  # the button came into the kept room
            box = button.bounding_box()
            assert box is not None and box["height"] >= 44 and box["width"] >= 44
            violations = run_axe(page, ".md-footer")
            assert violations == [], format_violations(violations)
            served.clear()
            button.click()
            expect(page.get_by_text("Proefzin van de nieuwe versie.")).to_be_visible()  # reloaded, new version
            wait_until_available(page)
            assert {urlsplit(p).path for p in served} <= {"/" + offline.WORKER}  # from the cache
        finally:
            context.close()
