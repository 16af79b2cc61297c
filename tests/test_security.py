"""Nothing an editor types runs as code in a visitor's browser (issue 13).

Three layers, each tested on its own: the loader refuses HTML, event handlers and script
addresses in every text of ``data/``; the build refuses scripts, embedded objects, event handlers
and script addresses in the pages of ``docs/``; and every page carries a Content-Security-Policy
under which the browser refuses a script that got past both (tested in Chromium)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from handreiking import csp
from handreiking.loader import KnowledgeBaseError, validate
from handreiking.paths import DOCS_DIR
from handreiking.safety import check_page_html, check_text, markup_in_plain_text, scan_html, scheme_of
from tests.conftest import project_copy, run_cli, serve_directory
from tests.test_quality import wait_for_search_results

HTML = (
    'HTML is niet toegestaan ("{}"); schrijf gewone tekst met Markdown, bijvoorbeeld **vet**, *schuin* of '
    "[linktekst](https://…)"
)
LINK = (
    'een link naar "{}" is niet toegestaan ({}: kan code uitvoeren of is geen webadres); gebruik een webadres '
    "dat begint met https:// of http://, een e-mailadres (mailto:) of een pagina van deze site (bijvoorbeeld "
    "../samos/index.md)"
)
HANDLER = (
    "het attribuut {}= (JavaScript bij een gebeurtenis) is niet toegestaan; schrijf gewone tekst met Markdown, "
    "bijvoorbeeld **vet**, *schuin* of [linktekst](https://…)"
)

# (case, file, text to replace, replacement, the exact message line): as tests/test_loader.py.
INJECTIONS = [
    (
        "script in a | block",
        "interventions.yaml",
        "    Getrainde vrijwilligers helpen om het onderlinge contact te herstellen.\n",
        "    Getrainde vrijwilligers helpen om het onderlinge contact te herstellen.\n    <script>alert(1)</script>\n",
        "data/interventions.yaml:9: buurtbemiddeling: werkwijze: " + HTML.format("<script>alert(1)</script>"),
    ),
    (
        "img with onerror in a name",
        "interventions.yaml",
        "  naam: Buurtbemiddeling\n",
        '  naam: "Buurt<img src=x onerror=alert(1)>"\n',
        "data/interventions.yaml:3: buurtbemiddeling: naam: " + HTML.format("<img src=x onerror=alert(1)>"),
    ),
    (
        "javascript: link in a summary",
        "interventions.yaml",
        "  samenvatting: Getrainde vrijwilligers brengen buren in conflict weer met elkaar in gesprek.",
        "  samenvatting: Zie [meer](javascript:alert(document.cookie)).",
        "data/interventions.yaml:4: buurtbemiddeling: samenvatting: "
        + LINK.format("javascript:alert(document.cookie)", "javascript"),
    ),
    (
        "disguised javascript: link",
        "interventions.yaml",
        "  samenvatting: Getrainde vrijwilligers brengen buren in conflict weer met elkaar in gesprek.",
        "  samenvatting: Zie [meer](&#x4A;ava&#115;cript:alert(1)).",
        "data/interventions.yaml:4: buurtbemiddeling: samenvatting: "
        + LINK.format("Javascript:alert(1)", "javascript"),
    ),
    (
        "data: link",
        "interventions.yaml",
        "    Buren in conflict weer met elkaar in gesprek brengen.\n",
        "    Buren in conflict weer met elkaar in gesprek brengen.\n    [klik](data:text/html;base64,PHNjcmlwdD4=)\n",
        "data/interventions.yaml:7: buurtbemiddeling: doel: "
        + LINK.format("data:text/html;base64,PHNjcmlwdD4=", "data"),
    ),
    (
        "vbscript: reference link",
        "riskfactors.yaml",
        None,
        None,
        "data/riskfactors.yaml:{line}: B1.1: beschrijving: " + LINK.format("vbscript:msgbox(1)", "vbscript"),
    ),
    (
        "event handler through attr_list",
        "partners.yaml",
        "  naam: Politie\n",
        '  naam: "Politie {: onmouseover=\\"alert(1)\\" }"\n',
        "data/partners.yaml:{line}: politie: naam: " + HANDLER.format("onmouseover"),
    ),
    (
        "image from another host",
        "interventions.yaml",
        "    Buren in conflict weer met elkaar in gesprek brengen.\n",
        "    Buren in conflict weer met elkaar in gesprek brengen. ![foto](https://tracker.example/pixel.png)\n",
        'data/interventions.yaml:6: buurtbemiddeling: doel: "https://tracker.example/pixel.png" laadt een bestand van '
        "een andere website; dat mag niet (privacy van bezoekers): zet het bestand in docs/ en verwijs ernaar, of maak "
        "er een gewone link van",
    ),
    (
        "character reference",
        "interventions.yaml",
        "  naam: Buurtbemiddeling\n",
        '  naam: "&lt;/title&gt;Buurtbemiddeling"\n',
        'data/interventions.yaml:3: buurtbemiddeling: naam: de HTML-code "&lt;" is niet toegestaan; typ het teken zelf '
        "(bijvoorbeeld é of &)",
    ),
    (
        "iframe in a phase action",
        "phases.yaml",
        None,
        None,
        "data/phases.yaml:{line}: {stage}: acties[1]: " + HTML.format('<iframe src="https://example.org">'),
    ),
    (
        "comment in the changelog",
        "changelog.yaml",
        None,
        None,
        "data/changelog.yaml:{line}: item 1: beschrijving: " + HTML.format("<!-- verborgen -->"),
    ),
]


def _first_line_of(text: str, needle: str) -> int:
    return next(i + 1 for i, row in enumerate(text.splitlines()) if needle in row)


def _inject(data: Path, case: str, name: str, old: str | None, new: str | None, expected: str) -> str:
    """Writes the injection into the fixture copy; returns the expected message with its line."""
    path = data / name
    text = path.read_text(encoding="utf-8")
    if case == "vbscript: reference link":
        anchor = "  beschrijving: |\n"
        assert anchor in text, "fixture changed"
        text = text.replace(anchor, anchor + "    Zie [het protocol][p].\n\n    [p]: vbscript:msgbox(1)\n", 1)
        path.write_text(text, encoding="utf-8")
        return expected.format(line=_first_line_of(text, "[p]: vbscript"))
    if case == "iframe in a phase action":
        found = re.search(r"\n(\s*)acties: \[", text)
        assert found, "fixture changed"
        text = (
            text[: found.start()]
            + f"\n{found.group(1)}acties: ['<iframe src=\"https://example.org\">', "
            + text[found.end() :]
        )
        path.write_text(text, encoding="utf-8")
        stage = re.findall(r"- id: ([a-z0-9-]+)", text[: found.start()].split("stadia:", 1)[1])[-1]
        return expected.format(line=_first_line_of(text, "<iframe"), stage=stage)
    if case == "comment in the changelog":
        found = re.search(r"\n  titel: [^\n]*\n", text)
        assert found, "fixture changed"
        text = text[: found.end()] + '  beschrijving: "Bijgewerkt <!-- verborgen -->"\n' + text[found.end() :]
        path.write_text(text, encoding="utf-8")
        return expected.format(line=_first_line_of(text, "<!-- verborgen"))
    assert old is not None and new is not None and old in text, f"fixture changed: {old!r} not in {name}"
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return expected.format(line=_first_line_of(text, new.strip().splitlines()[0][:20]))


@pytest.mark.parametrize("case,name,old,new,expected", INJECTIONS, ids=[i[0] for i in INJECTIONS])
def test_injection_in_data_text_is_refused_with_exact_message(
    data_copy: Path, case: str, name: str, old: str | None, new: str | None, expected: str
) -> None:
    expected = _inject(data_copy, case, name, old, new, expected)
    with pytest.raises(KnowledgeBaseError) as info:
        validate(data_copy, DOCS_DIR)
    assert expected in [str(p) for p in info.value.problems], info.value.report()


def test_cli_refuses_a_script_in_data_without_traceback(data_copy: Path) -> None:
    case = INJECTIONS[0]
    expected = _inject(data_copy, *case[:5])
    result = run_cli("check", "--data-dir", str(data_copy))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert expected in result.stderr.splitlines()


@pytest.mark.parametrize(
    "text",
    [
        "Gewone tekst met een [link](https://www.buurtbemiddeling.nl) en **vet**.",
        "Zie [het kernteam](../samos/kernteam.md#kernteam) en <https://www.politie.nl>.",
        "Mail [de redactie](mailto:redactie@example.org).",
        "Kinderen < 12 jaar & hun ouders; OO&V; 3 > 2.",
        "Code als tekst: `<script>` blijft tekst.",
        "Een noot[^1].\n\n[^1]: De toelichting.",
        "Kop {: #eigen-anker }",
    ],
)
def test_ordinary_markdown_in_data_text_passes(text: str) -> None:
    assert check_text(text) == []


@pytest.mark.parametrize(
    "url,scheme",
    [
        ("javascript:alert(1)", "javascript"),
        (" JaVaScRiPt:alert(1)", "javascript"),
        ("java\tscript:alert(1)", "javascript"),
        ("\x01javascript:x", "javascript"),
        ("data:text/html,x", "data"),
        ("https://example.org", "https"),
        ("../samos/", ""),
        ("#anker", ""),
        ("%6Aavascript:x", ""),
    ],
)
def test_scheme_is_read_as_a_browser_reads_it(url: str, scheme: str) -> None:
    assert scheme_of(url) == scheme


@pytest.mark.parametrize(
    "html,needle",
    [
        ("<p>x</p><script>alert(1)</script>", "<script"),
        ('<iframe src="https://example.org"></iframe>', "<iframe"),
        ('<object data="x.swf"></object>', "<object"),
        ('<embed src="x.swf">', "<embed"),
        ('<p onclick="alert(1)">x</p>', "onclick"),
        ('<svg><a xlink:href="javascript:alert(1)">x</a></svg>', "javascript"),
        ('<form action="javascript:alert(1)"><button>x</button></form>', "javascript"),
        ('<a href="&#106;avascript:alert(1)">x</a>', "javascript"),
        ('<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', "<meta"),
        ("<svg/onload=alert(1)>", "onload"),
        ('<a href="jav&#x09;ascript:alert(1)">x</a>', "javascript"),
        ('<p style="background:url(//tracker.example/x)">x</p>', "style"),
        ('<img src="//tracker.example/x.png" alt="">', "//tracker.example/x.png"),
        ('<a href="https://www.politie.nl" ping="https://tracker.example/">x</a>', "ping"),
    ],
)
def test_page_html_check_finds_what_runs(html: str, needle: str) -> None:
    assert [f.needle for f in check_page_html(html)] == [needle]


def test_page_html_check_allows_the_markup_the_site_uses() -> None:
    html = (
        '<div class="grid" markdown><p><a href="../samos/">SAMOS</a> <a href="https://www.politie.nl">politie</a>'
        ' <a href="mailto:a@example.org">mail</a></p><input type="checkbox" disabled>'
        '<svg viewBox="0 0 1 1"><a href="#x"><circle r="1"/></a></svg></div>'
    )
    assert check_page_html(html) == []


@pytest.mark.parametrize(
    "text,found",
    [
        ("Kernteam & BOB", None),
        ("a < b", None),
        ("<b>Kernteam</b>", "<b>"),
        ("x</title><script>", "</title>"),
        ("Wijk &amp; buurt", "&amp;"),
    ],
)
def test_titles_stay_plain_text(text: str, found: str | None) -> None:
    assert markup_in_plain_text(text) == found


def test_dangerous_markup_in_a_docs_page_stops_the_build(tmp_path: Path) -> None:
    """All at once, each on its own line of the page: script, iframe, object, embed, an event
    handler in HTML and through attr_list, a javascript: link. The page's <div markdown> stays."""
    root = project_copy(tmp_path)
    page = root / "docs" / "contact.md"
    text = page.read_text(encoding="utf-8")
    body_start = len(text.splitlines())
    page.write_text(
        text
        + "\n".join(
            [
                "",
                "<script>alert(1)</script>",
                '<iframe src="https://example.org"></iframe>',
                '<object data="x.swf"></object>',
                '<embed src="x.swf">',
                '<p onclick="alert(1)">Klik</p>',
                "Een alinea met een attribuut.",
                '{: onmouseover="alert(1)" }',
                "",
                "[Klik hier](javascript:alert(1))",
                "",
            ]
        ),
        encoding="utf-8",
    )
    result = run_cli("build", cwd=root)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    first = body_start + 2
    expected = [
        f"docs/contact.md:{first}: het element <script> is niet toegestaan",
        f"docs/contact.md:{first + 1}: het element <iframe> is niet toegestaan",
        f"docs/contact.md:{first + 2}: het element <object> is niet toegestaan",
        f"docs/contact.md:{first + 3}: het element <embed> is niet toegestaan",
        f"docs/contact.md:{first + 4}: het attribuut onclick= (JavaScript bij een gebeurtenis) is niet toegestaan",
        f"docs/contact.md:{first + 6}: het attribuut onmouseover= (JavaScript bij een gebeurtenis) is niet toegestaan",
        f'docs/contact.md:{first + 8}: een link naar "javascript:alert(1)" is niet toegestaan',
    ]
    for line in expected:
        assert line in output, f"{line!r} not in:\n{output}"
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == "previous site"


def test_html_in_a_page_title_stops_the_build(tmp_path: Path) -> None:
    root = project_copy(tmp_path)
    page = root / "docs" / "contact.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(
        re.sub(r"^title: .*$", 'title: "Contact</title><script>alert(1)</script>"', text, count=1, flags=re.M),
        encoding="utf-8",
    )
    result = run_cli("build", cwd=root)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    assert (
        'docs/contact.md:2: title: HTML is niet toegestaan in de kopregels ("</title>"); schrijf gewone tekst' in output
    ), output


# --------------------------------------------------------------------------- the policy


def test_every_page_carries_a_strict_policy_with_the_hash_of_each_inline_script(site_dir: Path) -> None:
    pages = csp.pages(site_dir)
    assert len(pages) > 90
    for path in pages:
        html = path.read_text(encoding="utf-8")
        found = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert found, path
        head = html[: found.start()]
        assert "<script" not in head and "<link" not in head, f"{path}: the policy must come before any resource"
        directives = dict(d.strip().split(" ", 1) for d in found.group(1).split(";"))
        assert directives["object-src"] == "'none'" and directives["base-uri"] == "'self'", path
        assert directives["default-src"] == "'self'", path
        assert not re.search(r"https?:|\*|'unsafe-inline'|'unsafe-eval'", found.group(1)), path
        for script in csp.inline_scripts(html):
            assert csp.script_hash(script) in directives["script-src"].split(), path


# Runs in every document before its own scripts: records each violation of the policy.
VIOLATIONS = """window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__violations.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sample || ""}`));"""


@pytest.fixture()
def watched(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    context.add_init_script(VIOLATIONS)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    page.hr_errors = errors
    yield page
    context.close()


def _violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.evaluate("window.__violations") + page.hr_errors


@pytest.mark.browser
def test_interactive_states_run_under_the_policy(watched, base_url: str) -> None:
    """Search with results, a filtered overview, a ticked checklist and a risk-factor selection:
    everything works with the policy on, and the policy refuses nothing the site does."""
    page = watched
    page.goto(base_url, wait_until="load")
    page.keyboard.press("/")
    dialog = page.locator("dialog.hr-search[open]")
    dialog.get_by_label("Zoek in de handreiking").fill("kernteam")
    # the search has ended (Pagefind's worker and WebAssembly ran), not only the titles shown meanwhile
    wait_for_search_results(page, "kernteam")
    assert _violations(page) == []
    page.goto(base_url + "praktijkvoorbeelden/", wait_until="load")
    page.locator("summary", has_text="Handeling").click()  # at phone width the facet groups start closed
    page.locator("input[name=handeling][value=preventie]").check()
    expect(page.locator("[data-hr-count]")).to_have_text(re.compile(r"^\d+ van \d+"))
    assert _violations(page) == []
    page.goto(base_url + "samos/werkprotocol-kernteam/", wait_until="load")
    page.locator(".task-list-control input[type=checkbox]").first.focus()
    page.keyboard.press("Space")
    expect(page.locator(".hr-checklist-status").first).to_have_text(re.compile(r"^1 van "))
    assert _violations(page) == []
    page.goto(base_url + "risicofactoren/", wait_until="load")
    page.locator('[data-hr-rf-form] input[value="B1.4"]').check()
    expect(page.locator('[data-hr-rf-explanation="B1.4"]')).to_be_visible()
    assert _violations(page) == []


@pytest.mark.browser
def test_the_browser_refuses_a_script_written_into_a_built_page(watched, site_dir: Path, tmp_path: Path) -> None:
    """A script that got past every check (written into a built page afterwards) does not run:
    not as a <script>, not as an event handler, not as a javascript: link; the page's own hashed
    inline scripts and its scripts from the site still do."""
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    target = copy / "samos" / "kernteam" / "index.html"
    html = target.read_text(encoding="utf-8")
    injected = (
        '<script>window.__pwned = "script"</script>'
        '<img src="data:," onerror="window.__pwned = \'onerror\'" alt="">'
        '<a id="hr-evil" href="javascript:window.__pwned = \'link\'">x</a>'
    )
    target.write_text(html.replace("</article>", injected + "</article>", 1), encoding="utf-8")
    page = watched
    with serve_directory(copy) as url:
        page.goto(url + "samos/kernteam/", wait_until="load")
        page.locator("#hr-evil").click()
        page.wait_for_function("() => window.__violations.length >= 3", timeout=10000)
        assert page.evaluate("window.__pwned") is None
        directives = {v.split(" ")[0] for v in page.evaluate("window.__violations")}
        assert directives == {"script-src-elem", "script-src-attr"}, page.evaluate("window.__violations")
        # the site's own inline script (hash in the policy) and its theme bundle (from 'self') ran
        assert page.evaluate("document.documentElement.classList.contains('hr-js')")
        assert page.evaluate("document.documentElement.classList.contains('js')")


def test_a_script_link_made_across_two_fields_is_caught_on_the_page(tmp_path: Path) -> None:
    """Each field alone is harmless (a reference, and a definition nobody uses), together they
    make a javascript: link on the generated page: the check of the page's HTML stops the build
    and names the data field where the address is written."""
    root = project_copy(tmp_path)
    path = root / "data" / "interventions.yaml"
    text = path.read_text(encoding="utf-8")
    old = "    bevorderen.\n  werkwijze: |\n"
    assert old in text, "data changed"
    text = text.replace(
        old, "    bevorderen. Zie [de folder][folder].\n  werkwijze: |\n    [folder]: javascript:alert(1)\n\n", 1
    )
    path.write_text(text, encoding="utf-8")
    line = _first_line_of(text, "[folder]: javascript")  # the line of the block that holds the address
    result = run_cli("build", cwd=root)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    expected = f"data/interventions.yaml:{line}: portiekgesprekken: werkwijze: " + LINK.format(
        "javascript:alert(1)", "javascript"
    )
    assert expected in output, output
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == "previous site"


@pytest.mark.parametrize("name", ["x](javascript:alert(1)) [y", "Naam {: onclick=alert(1) }", "*nadruk* en `code`"])
def test_names_in_record_pages_stay_text(name: str) -> None:
    """A name or link title goes into the record page's Markdown as exactly that text."""
    import markdown

    from handreiking.prebuild import markdown_text

    html = markdown.markdown(
        f"# {markdown_text(name)}\n\n- [{markdown_text(name)}](https://example.org)", extensions=["attr_list"]
    )
    assert check_page_html(html) == []
    assert html.count("<a ") == 1 and "<em>" not in html and "<code>" not in html


def test_quotes_and_angle_brackets_in_data_stay_text_on_every_page(tmp_path: Path) -> None:
    """Text the loader allows (quotes, ampersands, a lone "<") goes into attributes, headings, the
    navigation, titles and search metadata: it never becomes an attribute or markup of its own."""
    root = project_copy(tmp_path)
    hostile = """Buurt "x" onmouseover="alert(1)" & 'y' < 3"""
    for name in ("interventions.yaml", "riskfactors.yaml", "vocabularies.yaml", "partners.yaml"):
        path = root / "data" / name
        text = path.read_text(encoding="utf-8")
        found = re.search(r"^( +naam: )(.*)$", text, flags=re.M)
        assert found, name
        text = text[: found.start()] + found.group(1) + "'" + hostile.replace("'", "''") + "'" + text[found.end() :]
        path.write_text(text, encoding="utf-8")
    result = run_cli("build", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    pages = csp.pages(root / "site")
    shown = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        findings = [f for f in scan_html(html, set()) if f.needle != "style"]
        assert findings == [], f"{page}: {findings}"
        shown += "Buurt &#34;x&#34;" in html or "Buurt &quot;x&quot;" in html or 'Buurt "x"' in html
    assert shown > 10
