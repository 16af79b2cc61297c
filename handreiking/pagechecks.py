"""The checks of the editors' pages in ``docs/`` that need no render, so ``make check`` reports them
next to the data's problems, in one round, each on its line (``docs/samos/index.md:12: ...``):

- the front matter (:func:`handreiking.loader.front_matter_problems`, and :func:`page_problems`:
  front matter at all, no HTML in the title, a known kind of page, scripts that exist);
- every link and image of the page's Markdown, converted with Python-Markdown and the site's own
  extensions (as the engine converts it): the page, file or image it points to exists, and so does
  the anchor after ``#`` (the ids the same extensions give the target's headings);
- heading levels that do not skip one (``#`` then ``####``);
- the menu: every page of ``nav:`` exists, and every page is in it (or in ``not_in_nav``).

Messages are Dutch, ``file:line: what is wrong; what is allowed``, with "bedoelt u ...?" where a
page, image or anchor of nearly that name exists (:mod:`handreiking.suggest`). Links that only a
render makes (macros on pages with ``render_macros: true``, the data's pages) are the build's.
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import markdown
from markdown.treeprocessors import Treeprocessor

from . import safety, siteconfig
from .loader import DataPages, Problem, front_matter_problems, read_front_matter
from .model import Intervention, KnowledgeBase, RiskFactor
from .paths import OVERRIDES_DIR
from .suggest import closest, closest_path, did_you_mean

SCRIPTS_DIR = OVERRIDES_DIR / "assets" / "javascripts"
EXAMPLE_PAGE = "samos/index.md"  # the form of a link to a page, in messages without a better guess
IMAGES_DIR = "afbeeldingen"  # docs/afbeeldingen/: where an editor's images go (or next to the page)
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif")
# Made by the build, not in docs/: the print-all page, the open data and the published schemas.
BUILT_PAGES = ("afdrukken.md",)
BUILT_FOLDERS = ("open-data/", "schemas/")
HEADING_ANCHOR = "(klik in de site op # naast de kop: het anker staat dan in het adres, na #)"


# --------------------------------------------------------------------------- messages (also the build's)


def page_link_message(url: str, here: str, suggestion: str | None = None, example: str = EXAMPLE_PAGE) -> str:
    """A link to a page that does not exist (``here``: "deze pagina" or "de pagina x.md")."""
    hint = (
        f"bedoelt u {_quoted(suggestion)}?"
        if suggestion
        else (f"geef het pad van een pagina onder docs/, gezien vanaf {here}, bijvoorbeeld {example}")
    )
    return f'link naar "{url}": die pagina bestaat niet; {hint}'


def _quoted(suggestion: str) -> str:
    """``"index.md"``, or ``"index.md" (docs/samos/index.md)`` from :func:`_as_written`."""
    return f'"{suggestion}' + ("" if suggestion.endswith(")") else '"')


def image_message(url: str, suggestion: str | None = None) -> str:
    """An image that does not exist: where images go, and what was probably meant."""
    name = posixpath.basename(urlsplit(url).path) or "afbeelding.png"
    hint = f"; bedoelt u {_quoted(suggestion)}?" if suggestion else ""
    return (
        f'afbeelding "{url}" bestaat niet{hint}; zet het bestand in docs/{IMAGES_DIR}/ (of in de map van de '
        f"pagina) en schrijf het pad gezien vanaf de pagina, bijvoorbeeld ../{IMAGES_DIR}/{name}"
    )


def anchor_message(url: str, anchor: str, target: str | None, suggestion: str | None = None) -> str:
    """``target`` None: the anchor is on the page itself."""
    where = f"pagina {target}" if target else "deze pagina"
    hint = (
        f'bedoelt u "#{suggestion}"?'
        if suggestion
        else f"kies het anker van een kop op {'die' if target else 'deze'} pagina {HEADING_ANCHOR}"
    )
    return f'link naar "{url}": het anker "#{anchor}" bestaat niet op {where}; {hint}'


# --------------------------------------------------------------------------- one page


class _Collect(Treeprocessor):
    """Every link and image (in order) and every id of the converted page."""

    def run(self, root: ET.Element) -> None:
        found: list[tuple[str, str]] = []
        ids: set[str] = set()
        for el in root.iter():
            if el.tag == "a" and el.get("href") is not None:
                found.append(("a", el.get("href", "")))
            elif el.tag == "img" and el.get("src") is not None:
                found.append(("img", el.get("src", "")))
            for attr in ("id", "name"):
                if el.get(attr):
                    ids.add(el.get(attr, ""))
        self.md.found_links, self.md.found_ids = found, ids  # type: ignore[attr-defined]


class _CollectExtension(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(_Collect(md), "handreiking-pagechecks", 0)  # last: ids and links are made


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    names, settings = safety._site_markdown_settings()
    return markdown.Markdown(
        extensions=[*names, _CollectExtension()], extension_configs={n: settings[n] for n in names if n in settings}
    )


@dataclass
class _Page:
    rel: str  # under docs/
    lines: list[str]
    body: int  # index of the first line after the front matter
    meta: dict[str, Any]
    links: list[tuple[str, str]] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)

    @property
    def where(self) -> str:
        return f"docs/{self.rel}"

    @property
    def macros(self) -> bool:
        """Rendered with macros: links and anchors that macros make are the build's to check."""
        return self.meta.get("render_macros") is True

    def line_of(self, needle: str, seen: dict[tuple[str, str], int]) -> int:
        """The line (1-based) where ``needle`` is written as a whole link target; when the same is
        asked again, its next place."""
        pattern = re.compile(r"(?<![\w./#%-])" + re.escape(needle) + r"(?![\w/#%-])")
        places = [i + 1 for i in range(self.body, len(self.lines)) if pattern.search(self.lines[i])]
        if not places:
            return self.body + 1
        n = seen.get((self.rel, needle), 0)
        seen[(self.rel, needle)] = n + 1
        return places[min(n, len(places) - 1)]


def _read(docs_dir: Path, path: Path) -> tuple[_Page | None, list[Problem]]:
    rel = path.relative_to(docs_dir).as_posix()
    raw = path.read_bytes()
    try:
        source = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        message = f"het bestand is geen UTF-8-tekst ({exc.reason} op positie {exc.start}); sla het op als UTF-8"
        return None, [Problem(f"docs/{rel}", line, "", "", message)]
    problems = front_matter_problems(f"docs/{rel}", source)
    lines = source.splitlines()
    body = 0
    if lines and lines[0].strip() == "---":
        body = next((i + 1 for i, row in enumerate(lines[1:], start=1) if row.strip() in ("---", "...")), 0)
    meta = {} if problems else read_front_matter(source)
    page = _Page(rel, lines, body, meta)
    links, ids = _links_and_ids("\n".join(lines[body:]))
    page.links, page.ids = list(links), set(ids)
    return page, problems


@lru_cache(maxsize=1024)  # `make serve` checks every page on each save; most are as they were
def _links_and_ids(markdown_text: str) -> tuple[tuple[tuple[str, str], ...], frozenset[str]]:
    """The links and images (in order) and the ids of a page's Markdown, as the site converts it."""
    converter = _converter()
    converter.reset()
    converter.convert(markdown_text)
    return tuple(converter.found_links), frozenset(converter.found_ids)  # type: ignore[attr-defined]


def page_problems(where: str, source: str | None, meta: dict[str, Any], soorten: list[str] | None) -> list[Problem]:
    """``where`` is the page's path (docs/…); ``source`` its text, None for a page generated from
    the data (its front matter comes from a record template); ``soorten`` the kinds of page (None:
    the vocabulary did not load)."""
    problems = []
    rows = (source or "").splitlines()

    def line(key: str) -> int:
        return next((i + 1 for i, row in enumerate(rows) if row.startswith(f"{key}:")), 1) if rows else 0

    if source is not None:
        if not source.startswith("---"):
            return [
                Problem(
                    where,
                    1,
                    "",
                    "",
                    "kopregels ontbreken; begin de pagina met '---', dan title: en description:, dan weer '---'",
                )
            ]
        for key in ("title", "description", "code"):
            markup = safety.markup_in_plain_text(str(meta.get(key) or ""))
            if markup:
                message = f'HTML is niet toegestaan in de kopregels ("{markup[:40]}"); schrijf gewone tekst'
                problems.append(Problem(where, line(key), "", key, message))
    soort = meta.get("soort")
    if soort is not None and soorten is not None and soort not in soorten:
        message = f'onbekende soort "{soort}"; kies uit: {", ".join(soorten)}{did_you_mean(str(soort), soorten)}'
        problems.append(Problem(where, line("soort"), "", "soort", message))
    for script in meta.get("scripts") or []:
        if not (SCRIPTS_DIR / str(script)).is_file():
            known = sorted(p.name for p in SCRIPTS_DIR.glob("*.js"))
            message = (
                f'onbekend script "{script}"{did_you_mean(str(script), known)}; '
                "het moet staan in overrides/assets/javascripts/"
            )
            problems.append(Problem(where, line("scripts"), "", "scripts", message))
    return problems


# --------------------------------------------------------------------------- headings

_FENCE = re.compile(r"^(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$")


def heading_problems(page: _Page) -> list[Problem]:
    """A heading may go at most one level deeper than the one before it; the page's title (from the
    front matter, shown as the first heading) counts as level 1."""
    problems = []
    previous, fence = 1, None
    for i in range(page.body, len(page.lines)):
        row = page.lines[i]
        if m := _FENCE.match(row):
            fence = None if fence == m.group(1) else (fence or m.group(1))
            continue
        m = _HEADING.match(row)
        if fence or not m:
            continue
        level = len(m.group(1))
        if level > previous + 1:
            title = re.sub(r"\s*\{[^}]*\}\s*$", "", m.group(2) or "").strip()
            title = title if len(title) <= 60 else title[:57].rstrip() + "…"
            before = (
                "de paginatitel (niveau 1)"
                if previous == 1 and i == _first_heading(page)
                else (f"een kop van niveau {previous} ({'#' * previous})")
            )
            problems.append(
                Problem(
                    page.where,
                    i + 1,
                    "",
                    "",
                    f'de kop "{title}" heeft niveau {level} ({"#" * level}) na {before}; sla geen niveau over: '
                    f"schrijf {'#' * (previous + 1)} (niveau {previous + 1})",
                )
            )
        previous = level
    return problems


def _first_heading(page: _Page) -> int:
    return next((i for i in range(page.body, len(page.lines)) if _HEADING.match(page.lines[i])), -1)


# --------------------------------------------------------------------------- links


@dataclass
class _Site:
    docs_dir: Path
    pages: dict[str, _Page]  # the editors' pages, by path under docs/
    data_pages: DataPages

    def is_page(self, target: str) -> bool:
        return target in self.pages or target in self.data_pages or target in BUILT_PAGES

    def is_file(self, target: str) -> bool:
        if target.startswith(BUILT_FOLDERS):
            return True
        path = self.docs_dir / target
        try:
            return path.resolve().is_relative_to(self.docs_dir.resolve()) and path.is_file()
        except (OSError, ValueError):
            return False

    def all_pages(self) -> list[str]:
        return sorted({*self.pages, *self.data_pages.pages, *BUILT_PAGES})

    def all_files(self) -> list[str]:
        return sorted(p.relative_to(self.docs_dir).as_posix() for p in self.docs_dir.rglob("*") if p.is_file())


def _relative(target: str, src: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(src) or ".")


def _as_written(guess: str | None, src: str) -> str | None:
    """A page or file under docs/ as a link on page ``src`` writes it, with its place when that
    reads differently: ``index.md (docs/samos/index.md)``."""
    if guess is None:
        return None
    written = _relative(guess, src)
    return written if written.endswith(guess) else f'{written}" (docs/{guess})'


Place = Callable[[str], tuple[str, int, str, str]]  # a link's url -> (file, line, entry, field)


def link_problems(
    page: _Page, site: _Site, seen: dict[tuple[str, str], int], place: Place | None = None
) -> list[Problem]:
    """The page's links that lead nowhere. ``place``: where a link of a page made from the data is
    written (its data file and line, the record and the field); else the page's own line."""
    problems = []
    here = f"de pagina {page.rel}" if place else "deze pagina"
    for tag, url in page.links:
        parts = urlsplit(url)
        if parts.scheme or url.startswith("//") or not url or (page.macros and ("{{" in url or "{%" in url)):
            continue  # another website, mailto: ... (the safety and link checks); a macro's (the build's)
        path, anchor = unquote(parts.path), unquote(parts.fragment)
        where = place(url) if place else (page.where, page.line_of(url, seen), "", "")

        def report(message: str, where: tuple[str, int, str, str] = where) -> None:
            problems.append(Problem(*where, message))

        if not path:
            if anchor and not place and anchor not in page.ids:
                report(anchor_message(url, anchor, None, closest(anchor, page.ids, cutoff=0.8)))
            continue
        if path.startswith("/"):
            report(
                f'link naar "{url}": een link binnen de site begint niet met /; geef het pad van een pagina '
                f"onder docs/, gezien vanaf {here}, bijvoorbeeld {_relative(EXAMPLE_PAGE, page.rel)} "
                "(een link naar een andere website begint met https://)"
            )
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page.rel), path))
        if tag == "img" or path.lower().endswith(IMAGE_SUFFIXES):
            if not site.is_file(target):
                guess = closest_path(target, [f for f in site.all_files() if f.lower().endswith(IMAGE_SUFFIXES)])
                report(image_message(url, _as_written(guess, page.rel)))
            continue
        if not path.endswith(".md"):
            if not site.is_file(target):
                guess = closest_path(target.rstrip("/") + ".md", site.all_pages()) or closest_path(
                    target.rstrip("/") + "/index.md", site.all_pages()
                )
                if guess:
                    report(
                        f'link naar "{url}": dat is geen pagina (er ontbreekt .md); bedoelt u {_quoted(_as_written(guess, page.rel) or "")}?'
                    )
                else:
                    report(
                        f'link naar "{url}": dat is geen pagina of bestand van de site; geef het pad van een pagina '
                        f"onder docs/, gezien vanaf {here}, bijvoorbeeld {_relative(EXAMPLE_PAGE, page.rel)}"
                    )
            continue
        if not site.is_page(target):
            guess = closest_path(target, site.all_pages())
            report(page_link_message(url, here, _as_written(guess, page.rel), _relative(EXAMPLE_PAGE, page.rel)))
            continue
        other = site.pages.get(target)
        if anchor and other is not None and not other.macros and anchor not in other.ids:
            report(anchor_message(url, anchor, target, closest(anchor, other.ids, cutoff=0.8)))
    return problems


def data_link_problems(kb: KnowledgeBase, site: _Site) -> list[Problem]:
    """The links in the text of the records (Markdown fields of the practice examples and risk
    factors), seen from the record's own page, on the data line where they are written."""
    problems: list[Problem] = []
    converter = _converter()
    records: list[Intervention | RiskFactor] = [*kb.interventions, *kb.riskfactors]
    for record in records:
        for name, value in record:
            if not isinstance(value, str) or not any(sign in value for sign in ("](", "]:")):
                continue
            converter.reset()
            converter.convert(value)
            file, start, rows = record.origin.path, record.origin.line_of(name), record.origin.text

            def place(
                url: str,
                file: str = file,
                start: int = start,
                rows: Sequence[str] = rows,
                entry: str = record.id,
                name: str = name,
            ) -> tuple[str, int, str, str]:
                line = next((n for n in range(start, len(rows) + 1) if url in rows[n - 1]), start)
                return file, line, entry, name

            page = _Page(record.src_uri, [], 0, {}, converter.found_links)  # type: ignore[attr-defined]
            problems += link_problems(page, site, {}, place)
    return problems


# --------------------------------------------------------------------------- the menu


def nav_problems(config: siteconfig.SiteConfig, site: _Site) -> list[Problem]:
    if config.nav is None:
        return []
    problems = []
    text = config.path.read_text(encoding="utf-8").splitlines()
    config_name = config.path.name
    listed = config.nav_pages()
    for page in listed:
        if not site.is_page(page):
            line = next(
                (i + 1 for i, row in enumerate(text) if re.search(rf"(?:^|[\s:]){re.escape(page)}\s*$", row)), 0
            )
            guess = closest_path(page, site.all_pages())
            hint = f'bedoelt u "{guess}"?' if guess else "geef het pad van een pagina onder docs/"
            problems.append(
                Problem(config_name, line, "nav", "", f'de pagina "{page}" in het menu bestaat niet; {hint}')
            )
    patterns = [p.strip().lstrip("/") for p in (config.not_in_nav or "").splitlines() if p.strip()]
    for rel in site.pages:
        if rel not in listed and not any(fnmatch.fnmatch(rel, p) for p in patterns):
            problems.append(
                Problem(
                    f"docs/{rel}",
                    1,
                    "",
                    "",
                    f"deze pagina staat niet in het menu; zet onder nav: in {config_name} een regel "
                    f"- {rel} op de plek waar zij in het menu hoort",
                )
            )
    return problems


# --------------------------------------------------------------------------- all pages


def docs_problems(
    docs_dir: Path,
    data_pages: DataPages,
    soorten: list[str] | None,
    config: siteconfig.SiteConfig | None = None,
    kb: KnowledgeBase | None = None,
) -> list[Problem]:
    """Every problem of the editors' pages under ``docs_dir`` that a render is not needed for."""
    problems: list[Problem] = []
    pages: dict[str, _Page] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        page, found = _read(docs_dir, path)
        problems += found
        if page is None:
            continue
        pages[page.rel] = page
        if not found:
            problems += page_problems(page.where, "\n".join(page.lines), page.meta, soorten)
        problems += heading_problems(page)
    site = _Site(docs_dir, pages, data_pages)
    seen: dict[tuple[str, str], int] = {}
    for page in pages.values():
        problems += link_problems(page, site, seen)
    if kb is not None:
        problems += data_link_problems(kb, site)
    if config is not None:
        problems += nav_problems(config, site)
    return problems
