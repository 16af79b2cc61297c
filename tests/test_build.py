"""Layer 2: the site builds strictly from the data; a failed build leaves the previous site
untouched and speaks Dutch, without a traceback."""

from __future__ import annotations

import logging
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from handreiking.loader import load
from handreiking.model import Intervention, vocabulary_of
from tests.conftest import project_copy, run_cli

if TYPE_CHECKING:
    from macros.buildmessages import BuildMessages


def test_build_produces_site_and_search_index(site_dir: Path) -> None:
    assert (site_dir / "index.html").is_file()
    assert (site_dir / "pagefind" / "pagefind.js").is_file()
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nl"' in html


def test_every_record_has_its_page(site_dir: Path) -> None:
    kb = load()
    for item in kb.interventions:
        page = site_dir / item.url / "index.html"
        assert page.is_file(), item.id
        assert "<h1 id=" in page.read_text(encoding="utf-8")
    for rf in kb.riskfactors:
        assert (site_dir / rf.url / "index.html").is_file(), rf.id


def test_nav_does_not_list_every_record(site_dir: Path) -> None:
    """Material writes the whole nav into every page: records stay out of it (no quadratic build)."""
    kb = load()
    html = (site_dir / "samos" / "urgentiedilemma" / "index.html").read_text(encoding="utf-8")
    nav = (
        html.split('<nav class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
        if "md-nav--primary" in html
        else html
    )
    listed = [i.id for i in kb.interventions if i.url in nav]
    assert listed == []


def primary_nav(html: str) -> str:
    """The primary sidebar (the navigation), up to the secondary one (the page's contents)."""
    return html.split('data-md-type="navigation"', 1)[1].split('data-md-type="toc"', 1)[0]


def test_record_pages_share_one_rendering_of_the_navigation(site_dir: Path) -> None:
    """The navigation is rendered once per folder for pages outside it (macros/navcache.py); what
    that must not change: every record page carries the full navigation with links relative to
    itself and nothing marked as the current page; pages in the nav still get their own."""
    kb = load()
    navs = {primary_nav((site_dir / i.url / "index.html").read_text(encoding="utf-8")) for i in kb.interventions}
    assert len(navs) == 1
    nav = navs.pop()
    assert 'href="../../samos/urgentiedilemma/"' in nav and 'href="../"' in nav  # relative to the record
    assert "md-nav__link--active" not in nav
    risk = primary_nav((site_dir / next(iter(kb.riskfactors)).url / "index.html").read_text(encoding="utf-8"))
    assert 'href="../../praktijkvoorbeelden/"' in risk and "md-nav__link--active" not in risk
    own = primary_nav((site_dir / "samos" / "urgentiedilemma" / "index.html").read_text(encoding="utf-8"))
    assert "md-nav__link--active" in own and 'href="../kernteam/"' in own


def test_nav_cache_renders_once_per_folder_and_never_for_pages_in_the_nav() -> None:
    from types import SimpleNamespace as Obj

    from macros.navcache import NavCache

    def page(src_uri: str, url: str) -> Obj:
        return Obj(file=Obj(src_uri=src_uri), url=url)

    cache, calls = NavCache(), []
    cache.reset(["samos/index.md"])
    assert cache.key(page("samos/index.md", "samos/")) is None
    assert cache.key(None) is None
    a, b = (
        page("praktijkvoorbeelden/a.md", "praktijkvoorbeelden/a/"),
        page("praktijkvoorbeelden/b.md", "praktijkvoorbeelden/b/"),
    )
    c = page("risicofactoren/c.md", "risicofactoren/c/")
    assert cache.key(a) == cache.key(b) != cache.key(c)
    render = lambda: calls.append(1) or f"nav {len(calls)}"  # noqa: E731
    assert cache(cache.key(a), caller=render) == cache(cache.key(b), caller=render) == "nav 1"
    assert cache(cache.key(c), caller=render) == "nav 2"
    cache.reset([])  # a new build forgets
    assert cache(cache.key(a), caller=render) == "nav 3"


def test_checklist_toolbar_goes_after_the_title_or_before_the_first_checklist() -> None:
    from handreiking.checklists import insert_bar

    item = (
        '<ul class="task-list">\n<li class="task-list-item"><label class="task-list-control">x</label> Punt</li>\n</ul>'
    )
    titled = f'<h1 id="t">Titel</h1>\n<p>Inleiding</p>\n{item}'
    out = insert_bar(titled)
    assert out.count('class="hr-checklist-bar"') == 1
    assert out.index("</h1>") < out.index("hr-checklist-bar") < out.index("<p>Inleiding")
    untitled = f"<p>Inleiding</p>\n{item}"
    out = insert_bar(untitled)
    assert out.index("<p>Inleiding") < out.index("hr-checklist-bar") < out.index('<ul class="task-list">')
    plain = "<h1>Titel</h1><ul><li>Geen vinkje</li></ul>"
    assert insert_bar(plain) == plain


def test_theme_markup_is_mended_in_tags_only() -> None:
    from handreiking.postbuild import valid_theme_markup

    nav = '<label class="md-nav__link" for="__nav_2" tabindex="">Sectie</label>'
    toc = '<label class="md-nav__title" for="__toc">Inhoud</label>'
    text = '<p><code>tabindex=""</code> for="__toc"</p>'
    assert valid_theme_markup(nav + toc + text) == (
        '<label class="md-nav__link" for="__nav_2">Sectie</label><div class="md-nav__title">Inhoud</div>' + text
    )
    with_toggle = '<input class="md-toggle" type="checkbox" id="__toc">' + toc
    assert valid_theme_markup(with_toggle) == with_toggle  # the label names a control: it stays


def test_checklist_item_text_stops_at_a_nested_list() -> None:
    from handreiking.checklists import label_items

    box = '<label class="task-list-control"><input type="checkbox" disabled/><span class="task-list-indicator"></span></label>'
    html = (
        f'<h2 id="vooraf">Vooraf</h2>\n<ul class="task-list">\n<li class="task-list-item">{box} Wat is <em>er</em> gebeurd?\n'
        f'<ul class="task-list">\n<li class="task-list-item">{box} Wie</li>\n</ul>\n</li>\n</ul>'
    )
    out = label_items(html)
    assert 'data-hr-punt="vooraf--wat-is-er-gebeurd"' in out and 'data-hr-punt="vooraf--wie"' in out
    assert '<span class="task-list-text">Wat is <em>er</em> gebeurd?</span></label>\n<ul' in out
    assert label_items(out) == out  # a labelled item is not labelled again


def test_site_config_reads_the_navigation_and_env_tags(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from handreiking import siteconfig

    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: Proef\nsite_url: !ENV [PROEF_URL, 'https://example.org/']\ntheme: {name: material}\n"
        "hooks: [!relative x]\nnav:\n  - Start: index.md\n  - Deel:\n      - a/index.md\n      - Sub: [a/b.md]\n"
        "  - Elders: https://example.org/\n",
        encoding="utf-8",
    )
    assert siteconfig.load(config).nav_pages() == ["index.md", "a/index.md", "a/b.md"]
    assert siteconfig.load(config).site_url == "https://example.org/"
    monkeypatch.setenv("PROEF_URL", "http://127.0.0.1:8000/")
    assert siteconfig.load(config).site_url == "http://127.0.0.1:8000/"


def test_generated_pages_written_for_another_engine_carry_their_computed_values(tmp_path: Path) -> None:
    """prebuild.write: what the MkDocs hooks hand to a page in memory is in the page's front matter."""
    import yaml

    from handreiking import prebuild

    kb = load()
    written = prebuild.write(kb, tmp_path)
    item = next(iter(kb.interventions))
    text = (tmp_path / "praktijkvoorbeelden" / f"{item.id}.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))
    assert meta["record_id"] == item.id and (meta["bron_bestand"], meta["bron_regel"]) == kb.source(item)
    assert meta["handeling_namen"] == kb.names("handelingen", item.handelingen)
    assert (tmp_path / "afdrukken.md").is_file() and (tmp_path / "open-data" / "interventies.json").is_file()
    assert len(written) == len(kb.interventions) + len(kb.riskfactors) + 1 + len(prebuild.opendata.FILES) + len(
        prebuild.schemas.contents(kb)
    ) + len(prebuild.stylesheets(kb))


def test_intervention_page_shows_data(site_dir: Path) -> None:
    kb = load()
    item = next(i for i in kb.interventions if i.links)
    html = (site_dir / item.url / "index.html").read_text(encoding="utf-8")
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert h1 and re.sub(r"<a class=\"headerlink\".*?</a>", "", h1.group(1)).strip() == item.naam
    assert item.links[0].url in html
    for h in item.handelingen:
        assert kb.handelingen[h].naam in html


# Shared links to filtered views use these parameters (?handeling=preventie&betrokkene=politie,
# ?rf=B1.4): they are an interface and stay as they are.
PUBLISHED_PARAMETERS = ["handeling", "schaal", "weerbaarheid", "risicofactor", "betrokkene"]


def test_filter_groups_keep_their_published_names_and_name_a_vocabulary() -> None:
    """The groups are defined in data/vocabularies.yaml; renaming one would break shared links."""
    kb = load()
    assert kb.filter_groups.ids == PUBLISHED_PARAMETERS and kb.risk_factor_choice.id == "rf"
    for group in (*kb.filter_groups, kb.risk_factor_choice):
        assert re.fullmatch(r"[a-z]+", group.id), group  # the data attribute reads as the same key in JS
        assert group.veld in Intervention.model_fields and vocabulary_of(Intervention, group.veld), group


class _Elements(HTMLParser):
    """Every element's tag and attributes, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))


def _elements(path: Path) -> list[tuple[str, dict[str, str]]]:
    parser = _Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.elements


@pytest.mark.parametrize(
    ("page", "form", "groups", "item"),
    [
        ("praktijkvoorbeelden", "data-hr-filter-form", "filter_groups", "hr-card"),
        ("risicofactoren", "data-hr-rf-form", "risk_factor_choice", None),
    ],
)
def test_filter_forms_and_items_come_from_one_definition_of_the_groups(
    site_dir: Path, page: str, form: str, groups: str, item: str | None
) -> None:
    """The form names its groups for the script, offers exactly each group's vocabulary under the
    group's name, and every filtered item carries the field's values under the same name."""
    kb = load()
    chosen = getattr(kb, groups)
    shown = list(chosen) if groups == "filter_groups" else [chosen]
    elements = _elements(site_dir / page / "index.html")
    forms = [a for tag, a in elements if tag == "form" and form in a]
    assert len(forms) == 1
    assert forms[0].get("data-hr-groups", forms[0].get("data-hr-group")) == " ".join(g.id for g in shown)
    boxes = [a for tag, a in elements if tag == "input" and a.get("type") == "checkbox"]
    items = [a for tag, a in elements if "data-intervention" in a and (item is None or item in a.get("class", ""))]
    assert [a["data-intervention"] for a in items] == kb.interventions.ids
    for group in shown:
        offered = [a["value"] for a in boxes if a.get("name") == group.id]
        assert offered == kb.vocabulary(group.vocabulary).ids, group.id
        assert [a[f"data-{group.id}"].split() for a in items] == [group.values(i) for i in kb.interventions]


@pytest.mark.parametrize("breakage", ["data", "markdown"])
def test_failed_build_keeps_previous_site(tmp_path: Path, breakage: str) -> None:
    root = project_copy(tmp_path)
    if breakage == "data":
        path = root / "data" / "interventions.yaml"
        text = path.read_text(encoding="utf-8")
        text, n = re.subn(r"handelingen: \[(\w+)", r"handelingen: [\1x", text, count=1)
        assert n == 1
        path.write_text(text, encoding="utf-8")
    else:
        page = root / "docs" / "contact.md"
        page.write_text(page.read_text(encoding="utf-8") + "\n[kapotte link](bestaat-niet.md)\n", encoding="utf-8")
    result = run_cli("build", cwd=root)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert "de vorige site is niet aangeraakt" in output
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == "previous site"
    assert not list(root.glob(".site-build-*"))
    if breakage == "data":
        assert re.search(r"data/interventions\.yaml:\d+: [a-z0-9-]+: handelingen: onbekende handeling", output)
    else:
        assert "bestaat-niet.md" in output


def test_mkdocs_itself_reports_data_errors_in_dutch(tmp_path: Path) -> None:
    """`mkdocs build`/`serve` validate in the hook too: same messages, no traceback."""
    root = project_copy(tmp_path)
    (root / "data" / "riskfactors.yaml").write_text("", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "out")],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "data/riskfactors.yaml:1: het bestand is leeg" in result.stderr


@pytest.mark.parametrize(
    "front_matter,message",
    [
        (
            "---\ntitle: Contact\ndescription: Vragen: mail ons\n---\n",
            "docs/contact.md:3: de YAML is ongeldig (kolom 20): een dubbele punt staat op een plek waar dat niet mag (zet "
            "tekst met een dubbele punt tussen aanhalingstekens).",
        ),
        (
            "---\ntitle: 2026-02-30\ndescription: Vragen.\n---\n",
            "docs/contact.md:2: title: YAML leest 2026-02-30 als een datum; zet de waarde tussen aanhalingstekens: "
            '"2026-02-30"',
        ),
        (
            "---\ntitle: Contact\ndescription: 2026-13-01\n---\n",
            "docs/contact.md:3: description: YAML leest 2026-13-01 als een datum; zet de waarde tussen aanhalingstekens: "
            '"2026-13-01"',
        ),
        (
            "---\ntitle: 2016\ndescription: Vragen.\n---\n",
            'docs/contact.md:2: title: moet tekst zijn, niet een geheel getal; zet de waarde tussen aanhalingstekens: "2016"',
        ),
        (
            "---\ntitle: {{ titel }}\ndescription: Vragen.\n---\n",
            "docs/contact.md:2: title: YAML leest een waarde die begint met { als een blok met velden; zet de tekst tussen "
            'aanhalingstekens: "{{ titel }}"',
        ),
        ("---\ntitle: Contact\n---\n", "docs/contact.md:2: description: verplicht veld ontbreekt"),
        (
            "---\ntitle: Contact\ndescription: Vragen.\nsoort: faq\n---\n",
            'docs/contact.md:4: soort: onbekende soort "faq"; kies uit: vraag-en-antwoord',
        ),
        (
            "---\ntitle: Contact\ndescription: Vragen.\nauteur: X\n---\n",
            'docs/contact.md:4: auteur: onbekend veld "auteur"; toegestane velden: title, description, code, soort, '
            "render_macros, scripts, hide, search",
        ),
        (
            "---\ntitle: Contact\ndescription: Vragen.\nhide: 5\n---\n",
            "docs/contact.md:4: hide: moet een lijst zijn, bijvoorbeeld [a, b], niet een geheel getal",
        ),
        (
            "---\ntitle: Contact\ndescription: Vragen.\nhide: [navigatie]\n---\n",
            'docs/contact.md:4: hide[1]: "navigatie" is niet toegestaan; kies uit: navigation, toc, footer, path, tags, '
            "feedback",
        ),
        (
            "---\ntitle: Contact\ndescription: Vragen.\nrender_macros: ja\n---\n",
            'docs/contact.md:4: render_macros: moet true of false zijn, niet "ja"',
        ),
        (
            "---\ntitle: Contact\ndescription: Vragen.\n---\n\xff\n",
            "docs/contact.md:5: het bestand is geen UTF-8-tekst (invalid start byte op positie",
        ),
        (
            "---\ntitle: Contact\ndescription: Vragen.\n",
            "docs/contact.md:1: de kopregels worden niet afgesloten; zet een regel '---' na het laatste veld",
        ),
    ],
)
def test_bad_front_matter_stops_the_build(tmp_path: Path, front_matter: str, message: str) -> None:
    root = project_copy(tmp_path)
    page = root / "docs" / "contact.md"
    body = page.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    # "\xff" stands for a byte that is no UTF-8 (a page saved in another encoding)
    page.write_bytes((front_matter + body).encode("utf-8").replace("\xff".encode(), b"\xff"))
    result = run_cli("build", cwd=root)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in output
    assert message in output
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == "previous site"


def _failed_build(root: Path) -> list[str]:
    """Builds a broken project copy: the build fails without a traceback and leaves the previous
    site alone. Returns the messages, without MkDocs' level prefix ("WARNING -  ")."""
    result = run_cli("build", cwd=root)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output and "Macro Rendering Error" not in output, output
    assert "Doc file" not in output, output  # MkDocs' English link warnings are rewritten
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == "previous site"
    return [line.split(" -  ", 1)[-1] for line in output.splitlines()]


MACRO_PAGE = "docs/aanpak/fasewijzer.md"
MACRO_CALL = "{{ phase_table() }}"


@pytest.mark.parametrize(
    "replacement,message",
    [
        ("{{ onbekend }}", 'onbekende naam "onbekend"; controleer de schrijfwijze tussen {{ en }}'),
        ("{{ interventie_lijst( }}", 'er ontbreekt een ")" vóór "}"; sluit elk haakje dat u opent'),
        ("{% if x %}", "{% if %} wordt niet afgesloten; zet {% endif %} waar het blok eindigt"),
        ("{{ kb | onbekendfilter }}", 'onbekend filter "onbekendfilter"; controleer de schrijfwijze na het teken |'),
        (
            "{{ phase_table(1, 2) }}",
            'verkeerde aanroep van "phase_table": te veel waarden (2; hooguit 0); '
            "schrijf phase_table() zonder iets tussen de haakjes",
        ),
        (
            '{{ intervention_list(handeling="x") }}',
            'intervention_list: onbekende waarde "x"; kies uit: proactie, '
            "signalering, preventie, interventie, repressie, nazorg",
        ),
    ],
    ids=[
        "onbekende-naam",
        "syntaxis",
        "if-zonder-endif",
        "onbekend-filter",
        "verkeerde-argumenten",
        "verkeerde-waarde",
    ],
)
def test_macro_mistake_is_reported_in_dutch_at_its_line(tmp_path: Path, replacement: str, message: str) -> None:
    """A Jinja mistake on a page with `render_macros: true`: the page's file and the line in the
    file (front matter counted), no traceback."""
    root = project_copy(tmp_path)
    page = root / MACRO_PAGE
    text = page.read_text(encoding="utf-8")
    assert text.count(MACRO_CALL) == 1
    line = text[: text.index(MACRO_CALL)].count("\n") + 1
    page.write_text(text.replace(MACRO_CALL, replacement), encoding="utf-8")
    assert f"{MACRO_PAGE}:{line}: fout in een macro: {message}" in _failed_build(root)


ANCHOR_HINT = "(klik in de site op # naast de kop: het anker staat dan in het adres, na #)"


def _add_to_page(root: Path, rel: str, addition: str) -> int:
    """Appends a paragraph to a page; returns its line."""
    page = root / rel
    text = page.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    page.write_text(text + addition + "\n", encoding="utf-8")
    return text.count("\n") + 1


def _add_to_block(root: Path, rel: str, key: str, link: str) -> tuple[str, int]:
    """Puts ``link`` into the second line of the first ``key: |`` block of a data file; returns
    the record's id and the line."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    match = re.search(rf"^- id: (\S+)\n(?:  .*\n)*?  {key}: \|\n.*\n    ", text, re.M)
    assert match, key
    path.write_text(text[: match.end()] + f"Zie {link}. " + text[match.end() :], encoding="utf-8")
    return match.group(1), text[: match.end()].count("\n") + 1


@pytest.mark.parametrize(
    "kind", ["pagina", "anker-andere-pagina", "anker-zelfde-pagina", "interventie-doel", "risicofactor-beschrijving"]
)
def test_broken_link_is_reported_in_dutch_at_its_line(tmp_path: Path, kind: str) -> None:
    """A broken link stops the (strict) build with a Dutch message at the line where it is
    written: in the page, or in the data file the page is generated from."""
    root = project_copy(tmp_path)
    if kind == "pagina":
        line = _add_to_page(root, "docs/contact.md", "Zie [de pagina](bestaat-niet.md).")
        message = (
            f'docs/contact.md:{line}: link naar "bestaat-niet.md": die pagina bestaat niet; geef het pad van '
            "een pagina onder docs/, gezien vanaf deze pagina, bijvoorbeeld samos/index.md"
        )
    elif kind == "anker-andere-pagina":
        line = _add_to_page(root, "docs/aanpak/index.md", "Zie [SAMOS](../samos/index.md#geen-anker).")
        message = (
            f'docs/aanpak/index.md:{line}: link naar "../samos/index.md#geen-anker": het anker "#geen-anker" '
            f"bestaat niet op pagina samos/index.md; kies het anker van een kop op die pagina {ANCHOR_HINT}"
        )
    elif kind == "anker-zelfde-pagina":
        line = _add_to_page(root, "docs/contact.md", "Zie [hierboven](#geen-anker).")
        message = (
            f'docs/contact.md:{line}: link naar "#geen-anker": het anker "#geen-anker" bestaat niet op deze '
            f"pagina; kies het anker van een kop op deze pagina {ANCHOR_HINT}"
        )
    elif kind == "interventie-doel":
        record, line = _add_to_block(root, "data/interventions.yaml", "doel", "[de pagina](../bestaat-niet.md)")
        message = (
            f'data/interventions.yaml:{line}: {record}: doel: link naar "../bestaat-niet.md": die pagina '
            "bestaat niet; geef het pad van een pagina onder docs/, gezien vanaf de pagina "
            f"{Intervention.src_uri_of(record)}, bijvoorbeeld ../samos/index.md"
        )
    else:
        record, line = _add_to_block(
            root, "data/riskfactors.yaml", "beschrijving", "[de aanpak](../samos/index.md#geen-anker)"
        )
        message = (
            f'data/riskfactors.yaml:{line}: {record}: beschrijving: link naar "../samos/index.md#geen-anker": '
            f'het anker "#geen-anker" bestaat niet op pagina samos/index.md; kies het anker van een kop op '
            f"die pagina {ANCHOR_HINT}"
        )
    assert message in _failed_build(root)


@pytest.mark.parametrize(
    "warning,message",
    [
        (
            "Doc file 'a/p.md' contains an absolute link '/samos/', it was left as is. Did you mean '../samos/index.md'?",
            'docs/a/p.md:5: link naar "/samos/": een link binnen de site begint niet met /; bedoelt u "../samos/index.md"? '
            "(een link naar een andere website begint met https://)",
        ),
        (
            "Doc file 'a/p.md' contains an unrecognized relative link 'samos', it was left as is.",
            'docs/a/p.md:5: link naar "samos": dat is geen pagina (er ontbreekt .md); geef het pad van een pagina onder '
            "docs/, gezien vanaf deze pagina, bijvoorbeeld ../samos/index.md",
        ),
        (
            "Doc file 'a/p.md' contains a link '#fnref:2', but there is no such anchor on this page. This seems to be a "
            "footnote that is never referenced.",
            "docs/a/p.md:9: voetnoot [^2] staat nergens in de tekst; zet [^2] in de tekst of haal de voetnoot weg",
        ),
        (
            "Doc file 'a/p.md' contains a link 'b.md', but the target 'a/b.md' is not found among documentation files.",
            'docs/a/p.md: link naar "b.md": die pagina bestaat niet; geef het pad van een pagina onder docs/, gezien '
            "vanaf deze pagina, bijvoorbeeld ../samos/index.md",
        ),  # not written in the page (made by a macro): no line
    ],
)
def test_link_warning_in_dutch(tmp_path: Path, warning: str, message: str) -> None:
    """The rarer link warnings, without a build: MkDocs' record in (its message id: the logger
    and function that log it), the editors' line out."""
    from macros import buildmessages

    assert buildmessages.dutch_message(_messages_for_page(tmp_path), _mkdocs_record(warning)) == message


def _messages_for_page(docs: Path) -> BuildMessages:
    from types import SimpleNamespace

    from macros import buildmessages

    page = docs / "a" / "p.md"
    page.parent.mkdir()
    page.write_text("---\ntitle: P\n---\n\n[a](/samos/) [b](samos)\n\nTekst.\n\n[^2]: Noot.\n", encoding="utf-8")
    return buildmessages.BuildMessages(config=SimpleNamespace(docs_dir=str(docs)))


def _mkdocs_record(text: str, name: str = "", func: str = "") -> logging.LogRecord:
    """A warning as MkDocs 1.6 logs it (the logger and the function are its message id)."""
    if not name:
        name, func = ("mkdocs.structure.pages", "validate_anchor_links" if "anchor" in text else "path_to_url")
    return logging.LogRecord(name, logging.WARNING, "pages.py", 1, text, None, None, func=func)


def _shown(record: logging.LogRecord) -> list[str]:
    """What the editors' terminal prints for a record."""
    import io

    from macros import terminal

    stream = io.StringIO()
    terminal.EditorsTerminal(stream).emit(record)
    return stream.getvalue().splitlines()


def test_a_warning_is_translated_by_its_message_id_and_else_shown_as_mkdocs_wrote_it(tmp_path: Path) -> None:
    """Only the messages of an id we know are read (MkDocs 1.6 formats them itself: the record
    holds no arguments); the same words from elsewhere, or a message of a known id whose wording
    changed, are shown whole in MkDocs' English with the note, never half in Dutch or left out."""
    from macros import buildmessages

    messages = _messages_for_page(tmp_path)
    dutch = buildmessages.DutchMessages()
    dutch.build = messages
    known = "Doc file 'a/p.md' contains an unrecognized relative link 'samos', it was left as is."
    record = _mkdocs_record(known)
    assert dutch.filter(record) and record.getMessage().startswith('docs/a/p.md:5: link naar "samos": ')
    assert _shown(record) == [record.getMessage()]
    elsewhere = _mkdocs_record(known, "mkdocs.structure.nav", "_data_to_navigation")
    reworded = _mkdocs_record("Doc file 'a/p.md' has a relative link 'samos' that MkDocs did not recognise.")
    for record in (elsewhere, reworded):
        english = record.getMessage()
        assert buildmessages.dutch_message(messages, record) is None
        assert dutch.filter(record) and record.getMessage() == english
        assert _shown(record) == [f"Melding van MkDocs (niet vertaald): {english}"]
    failed = logging.LogRecord(
        "mkdocs.commands.build", logging.ERROR, "build.py", 1, "Error building page 'a/p.md': 'x' is undefined",
        None, None, func="_build_page",
    )  # fmt: skip
    assert dutch.filter(failed)
    assert _shown(failed) == [
        "Fout bij het maken van pagina docs/a/p.md:",
        "Melding van MkDocs (niet vertaald): 'x' is undefined",
    ]


def _build_in_process(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    """``python -m macros.build`` of a project copy in this process (so a test can take an
    internal away), with the editors' terminal; MkDocs' loggers are restored afterwards."""
    from macros import build

    logger = logging.getLogger("mkdocs")
    saved = (list(logger.handlers), logger.level, logger.propagate)
    try:
        status = build.main(["--config-file", str(root / "mkdocs.yml"), "--site-dir", str(root / "site-new")])
    finally:
        logger.handlers[:], logger.level, logger.propagate = saved[0], saved[1], saved[2]
    return status, capsys.readouterr().err.splitlines()


def test_an_untranslated_link_warning_in_a_real_build_is_shown_and_still_fails_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """As if MkDocs reworded its broken-link warning: the editor sees it whole, marked, and the
    strict build still fails on it."""
    from macros import buildmessages

    root = project_copy(tmp_path)
    # a link only the rendering makes (the check of the pages before the build cannot see it)
    _add_to_page(root, MACRO_PAGE, '{{ "]".join(["Zie [de pagina", "(bestaat-niet.md)."]) }}')
    monkeypatch.setitem(buildmessages._WARNINGS, ("mkdocs.structure.pages", "path_to_url"), [])
    status, lines = _build_in_process(root, capsys)
    assert status == 1
    assert lines == [
        "Melding van MkDocs (niet vertaald): Doc file 'aanpak/fasewijzer.md' contains a link 'bestaat-niet.md', "
        "but the target 'aanpak/bestaat-niet.md' is not found among documentation files."
    ], lines


@pytest.mark.parametrize("change", ["weg", "andere-handtekening", "niet-meer-gebruikt"])
def test_a_missing_mkdocs_macros_internal_stops_the_build_in_dutch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], change: str
) -> None:
    """The Dutch macro messages hang on mkdocs-macros' undocumented ``format_error``: gone, with
    another signature, or no longer the one its plugin calls, the build stops and says so (which
    internal, which version), instead of going on with English tracebacks."""
    import functools
    import importlib.metadata

    import mkdocs_macros.errors
    import mkdocs_macros.plugin

    if change == "weg":
        monkeypatch.delattr(mkdocs_macros.errors, "format_error")
    elif change == "andere-handtekening":
        other = functools.singledispatch(lambda error, context: "")
        monkeypatch.setattr(mkdocs_macros.errors, "format_error", other)
        monkeypatch.setattr(mkdocs_macros.plugin, "format_error", other)
    else:
        monkeypatch.setattr(mkdocs_macros.plugin, "format_error", lambda error, markdown, page: "")
    status, lines = _build_in_process(project_copy(tmp_path), capsys)
    version = importlib.metadata.version("mkdocs-macros-plugin")
    assert status == 1
    assert lines == [
        f"mkdocs-macros-plugin {version} heeft de interne functie mkdocs_macros.errors.format_error(error, "
        "markdown, page) niet meer, of niet meer zo; daarmee meldt deze site fouten in macro's in het Nederlands "
        "met regelnummer (macros/macroerrors.py). Installeer de versie die pyproject.toml noemt (make install), "
        "of laat een ontwikkelaar macros/macroerrors.py aanpassen aan deze versie",
    ], lines


def test_site_css_and_scripts_are_sent_without_comments_and_still_parse(site_dir: Path) -> None:
    """handreiking/minify.py: the site's own files lose their comments; every script still parses
    as the module the browser loads (a minifier that misread a template literal would cut it)."""
    own = Path(__file__).resolve().parents[1] / "overrides" / "assets"
    for source in [*own.glob("stylesheets/*.css"), *own.glob("javascripts/*.js")]:
        path = site_dir / "assets" / source.parent.name / source.name
        if not path.exists():  # an edition's own stylesheet (editie.css) is in an edition's build only
            continue
        built = path.read_text(encoding="utf-8")
        assert "/*" not in built and "\n//" not in built, source.name
        assert len(built) < len(source.read_text(encoding="utf-8")), source.name
    for script in (site_dir / "assets" / "javascripts").glob("*.js"):
        module = site_dir.parent / (script.stem + ".mjs")
        module.write_text(script.read_text(encoding="utf-8"), encoding="utf-8")
        result = subprocess.run(["node", "--check", str(module)], capture_output=True, text=True)
        assert result.returncode == 0, f"{script.name}: {result.stderr}"


def test_no_page_uses_a_theme_part_left_out_of_its_stylesheet(site_dir: Path) -> None:
    """The theme's stylesheet is sent without the rules of parts the site never draws
    (minify.UNUSED_THEME_PARTS); a page that drew one would be unstyled."""
    from handreiking import minify

    css = next((site_dir / "assets" / "stylesheets").glob("main.*.min.css")).read_text(encoding="utf-8")
    assert ".md-search" not in css and ".md-tabs" not in css and ".md-nav__link" in css
    for page in site_dir.rglob("*.html"):
        for value in re.findall(r'class="([^"]*)"', page.read_text(encoding="utf-8")):
            used = [c for c in value.split() if c.startswith(minify.UNUSED_THEME_PARTS)]
            assert not used, f"{page.relative_to(site_dir)}: {used}"
