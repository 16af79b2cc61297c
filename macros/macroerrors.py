"""Editors' messages for Jinja mistakes on pages with ``render_macros: true``, which mkdocs-macros
reports in English with a traceback: one Dutch line each, ``docs/<page>:<line>: fout in een macro:
what is wrong; what to do``.

mkdocs-macros formats a failed rendering with :func:`mkdocs_macros.errors.format_error` (a
``functools.singledispatch`` function, called inside its ``except`` block) and then logs a
traceback and exits. :func:`install` registers our own implementation for every exception, which
raises a :class:`PluginError` with the Dutch message instead; MkDocs prints a plugin error without
a traceback. The line is the line in the page's file (front matter counted): Jinja's ``lineno`` for
syntax errors, else the innermost ``<template>`` frame of the traceback. ``format_error`` is not
documented: when it is gone or changed, the build stops with a Dutch message naming it and
mkdocs-macros' version.
"""

from __future__ import annotations

import difflib
import functools
import importlib.metadata
import inspect
import re
from types import TracebackType
from typing import Any

import jinja2
from mkdocs.exceptions import PluginError


class MacroError(ValueError):
    """A mistake in how a page calls a macro, raised by the macro itself: its text is Dutch and
    is shown to the editor as it is."""


MACROS_INTERNAL = "mkdocs_macros.errors.format_error"  # undocumented; checked by install()


def install(config: Any) -> None:
    """Our Dutch messages for the Jinja mistakes of a build with MkDocs' ``config``, in place of
    mkdocs-macros' own."""
    format_error = _format_error()
    ours = functools.partial(raise_macro_error, config)
    # The most specific registration wins: mkdocs-macros registers one for syntax errors.
    format_error.register(Exception, ours)
    format_error.register(jinja2.TemplateSyntaxError, ours)


def _format_error() -> Any:
    """mkdocs-macros' formatter of a failed rendering, :func:`mkdocs_macros.errors.format_error`:
    undocumented, so checked as we use it (a ``singledispatch`` function of ``(error, markdown,
    page)``, the one its plugin calls). Gone or changed, the build stops and says so in Dutch; it
    never goes on without the editors' messages."""
    try:
        from mkdocs_macros import errors
        from mkdocs_macros import plugin as macros_plugin

        format_error = errors.format_error
        fits = (
            callable(getattr(format_error, "register", None))
            and list(inspect.signature(format_error).parameters) == ["error", "markdown", "page"]
            and getattr(macros_plugin, "format_error", None) is format_error
        )
    except (ImportError, AttributeError, TypeError, ValueError):
        fits = False
    if not fits:
        try:
            version = importlib.metadata.version("mkdocs-macros-plugin")
        except importlib.metadata.PackageNotFoundError:
            version = "(versie onbekend)"
        raise PluginError(
            f"mkdocs-macros-plugin {version} heeft de interne functie {MACROS_INTERNAL}(error, markdown, page) "
            "niet meer, of niet meer zo; daarmee meldt deze site fouten in macro's in het Nederlands met regelnummer "
            "(macros/macroerrors.py). Installeer de versie die pyproject.toml noemt (make install), of laat een "
            "ontwikkelaar macros/macroerrors.py aanpassen aan deze versie"
        )
    return format_error


def raise_macro_error(config: Any, error: Exception, markdown: str, page: Any) -> str:
    """Our implementation of mkdocs-macros' ``format_error``: raises the Dutch message."""
    try:
        message = macro_message(config, error, markdown, page)
    except Exception:  # never a traceback, even if the message cannot be worked out
        message = f"docs/{page.file.src_uri}: fout in een macro: {_quoted(error)}"
    raise PluginError(message) from None


def macro_message(config: Any, error: Exception, markdown: str, page: Any) -> str:
    """``docs/<page>:<line>: fout in een macro: <what>; <what to do>``."""
    where = f"docs/{page.file.src_uri}"
    try:
        source = page.file.content_string
    except Exception:
        source = markdown
    at = source.find(markdown) if markdown else -1
    offset = source[:at].count("\n") if at > 0 else 0  # the front matter's lines (or a title's line)
    if isinstance(error, jinja2.TemplateSyntaxError) and error.name is None:
        line, problem = _syntax_problem(config, error, markdown, offset)
    else:
        line, problem = _template_line(error.__traceback__), _runtime_problem(config, error, page)
    return (
        f"{where}:{offset + line}: fout in een macro: {problem}" if line else f"{where}: fout in een macro: {problem}"
    )


def _template_line(tb: TracebackType | None) -> int | None:
    """Line of the innermost frame of the page's own template (Jinja names it ``<template>``)."""
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _quoted(error: Exception) -> str:
    text = getattr(error, "message", None) or str(error)
    return f'onverwachte fout ({type(error).__name__}: "{text}"); controleer deze regel'


# Jinja's names of tokens, as an editor writes them
_TOKENS = {
    "end of print statement": "}}",
    "end of statement block": "%}",
    "end of template": "het einde van de pagina",
    "begin of print statement": "{{",
    "begin of statement block": "{%",
    "name": "een naam",
}


def _token(description: str) -> str:
    return _TOKENS.get(description, description)


def _syntax_problem(config: Any, error: jinja2.TemplateSyntaxError, markdown: str, offset: int) -> tuple[int, str]:
    """Template line and Dutch text of a syntax error; an unclosed block is shown where it opens."""
    text, line = (error.message or "").strip(), error.lineno
    if m := re.match(r"Unexpected end of template\. .*The innermost block that needs to be closed is '(\w+)'", text):
        tag = m.group(1)
        opened = _open_blocks(config, markdown)
        line = next((at for name, at in reversed(opened) if name == tag), line)
        return line, f"{{% {tag} %}} wordt niet afgesloten; zet {{% end{tag} %}} waar het blok eindigt"
    if m := re.match(r"Encountered unknown tag '(\w+)'\.(.*)", text, re.S):
        tag, rest = m.group(1), m.group(2)
        inner = re.search(r"The innermost block that needs to be closed is '(\w+)'", rest)
        if inner:
            opened = _open_blocks(config, markdown, until=line)
            at = next((at for name, at in reversed(opened) if name == inner.group(1)), None)
            block = f"{{% {inner.group(1)} %}}" + (f" (regel {offset + at})" if at else "")
            return line, (f"{{% {tag} %}} past hier niet; sluit eerst {block} af met {{% end{inner.group(1)} %}}")
        if tag.startswith("end"):
            return line, f"{{% {tag} %}} sluit niets af; er staat geen {{% {tag[3:]} %}} voor, of het is al afgesloten"
        return line, f"onbekende opdracht {{% {tag} %}}; controleer de schrijfwijze tussen {{% en %}}"
    if m := re.match(r"No filter named '([^']+)'", text):
        return (
            line,
            f'onbekend filter "{m.group(1)}"{_did_you_mean(m.group(1), _filters(config))}; '
            "controleer de schrijfwijze na het teken |",
        )
    if m := re.match(r"No test named '([^']+)'", text):
        return line, f'onbekende test "{m.group(1)}"; controleer de schrijfwijze na "is"'
    if m := re.match(r"unexpected '(.+)', expected '(.+)'$", text):
        return line, f'er ontbreekt een "{m.group(2)}" vóór "{m.group(1)}"; sluit elk haakje dat u opent'
    if m := re.match(r"unexpected end of template, expected '(.+)'\.?$", text):
        return line, f"de pagina eindigt midden in een opdracht; er ontbreekt {_token(m.group(1))}"
    if m := re.match(r"expected token '(.+)', got '(.+)'$", text):
        return line, f'er staat "{m.group(2)}" waar {_token(m.group(1))} moet staan; controleer de schrijfwijze'
    if m := re.match(r"Expected an expression, got '(.+)'$", text):
        return line, f"er ontbreekt een naam of waarde vóór {_token(m.group(1))}"
    if m := re.match(r"unexpected char (['\"])(.)\1 at \d+$", text):
        if m.group(2) in "'\"":
            return line, f"het aanhalingsteken {m.group(2)} wordt niet gesloten; zet er een tweede achter de tekst"
        return line, f'onverwacht teken "{m.group(2)}"; controleer de schrijfwijze tussen {{{{ en }}}}'
    if m := re.match(r"unexpected '(.+)'$", text):
        return line, f'onverwacht "{m.group(1)}"; sluit {{{{ af met }}}} en {{% met %}}'
    if text.startswith("Missing end of comment tag"):
        return line, "een opmerking {# wordt niet afgesloten; sluit haar af met #}"
    return line, _quoted(error)


_BLOCKS = {"for", "if", "macro", "call", "filter", "block", "with", "autoescape", "trans", "set"}


def _open_blocks(config: Any, markdown: str, until: int | None = None) -> list[tuple[str, int]]:
    """The blocks (``{% if %}``, ``{% for %}`` ...) still open at the end of the page, or at the
    first end tag that closes none of them on line ``until``: (tag, template line)."""
    env = getattr(_macros_plugin(config), "env", None) or jinja2.Environment()
    try:
        tokens = [t for t in env.lex(markdown) if t[1] != "whitespace"]
    except jinja2.TemplateSyntaxError:
        return []
    stack: list[tuple[str, int]] = []
    for i, (line, kind, _value) in enumerate(tokens[:-1]):
        if kind != "block_begin" or tokens[i + 1][1] != "name":
            continue
        tag = tokens[i + 1][2]
        if tag in _BLOCKS:
            rest = tokens[i + 2 :]
            end = next((j for j, t in enumerate(rest) if t[1] == "block_end"), len(rest))
            if tag == "set" and any(t[1] == "operator" and t[2] == "=" for t in rest[:end]):
                continue  # {% set x = ... %} has no end tag
            stack.append((tag, line))
        elif tag.startswith("end") and tag[3:] in _BLOCKS:
            if not stack or stack[-1][0] != tag[3:]:
                if until is not None and line >= until:
                    break  # the nesting mistake Jinja reports
                continue
            stack.pop()
    return stack


def _runtime_problem(config: Any, error: Exception, page: Any) -> str:
    text = getattr(error, "message", None) or str(error)
    if isinstance(error, MacroError):
        return text
    if isinstance(error, jinja2.UndefinedError):
        if m := re.match(r"'([^']+)' is undefined$", text):
            return (
                f'onbekende naam "{m.group(1)}"{_did_you_mean(m.group(1), _names(config, page))}; '
                "controleer de schrijfwijze tussen {{ en }}"
            )
        if m := re.search(r"has no (?:attribute|element) '?([^']+)'?$", text):
            return f'onbekend onderdeel "{m.group(1)}"; controleer de schrijfwijze tussen {{{{ en }}}}'
    if isinstance(error, jinja2.TemplateNotFound):
        return f'het bestand "{error.name}" om in te voegen bestaat niet; geef een pad onder docs/'
    if isinstance(error, TypeError) and (problem := _call_problem(config, text)):
        return problem
    return _quoted(error)


def _call_problem(config: Any, text: str) -> str | None:
    """A macro called with the wrong arguments (Python's TypeError), in Dutch."""
    m = re.match(r"([\w.<>]+)\(\) (.*)$", text)
    if not m:
        return None
    name, rest = m.group(1).rsplit(".", 1)[-1], m.group(2)
    if k := re.match(r"got an unexpected keyword argument '(\w+)'", rest):
        what = f'onbekend argument "{k.group(1)}"'
    elif k := re.match(r"takes (?:from \d+ to )?(\d+) positional arguments? but (\d+) (?:was|were) given", rest):
        what = f"te veel waarden ({k.group(2)}; hooguit {k.group(1)})"
    elif k := re.match(r"missing \d+ required (?:positional |keyword-only )?arguments?: (.+)", rest):
        what = f"er ontbreekt een waarde voor {k.group(1).replace(' and ', ', ')}"
    elif k := re.match(r"got multiple values for argument '(\w+)'", rest):
        what = f'argument "{k.group(1)}" staat er twee keer'
    else:
        return None
    return f'verkeerde aanroep van "{name}": {what}; {_usage(config, name)}'


def _usage(config: Any, name: str) -> str:
    plugin = _macros_plugin(config)
    function = (getattr(plugin, "macros", None) or {}).get(name)
    try:
        params = list(inspect.signature(function).parameters.values()) if function else None
    except (TypeError, ValueError):
        params = None
    if params is None:
        return "controleer de waarden tussen de haakjes"
    if not params:
        return f"schrijf {name}() zonder iets tussen de haakjes"
    optional = [p.default is not inspect.Parameter.empty for p in params]
    if all(optional):
        return f"mogelijke argumenten (alle optioneel): {', '.join(p.name for p in params)}"
    return "mogelijke argumenten: " + ", ".join(
        p.name + (" (optioneel)" if o else "") for p, o in zip(params, optional, strict=True)
    )


def _macros_plugin(config: Any) -> Any:
    plugins = getattr(config, "plugins", None) or {}
    return plugins.get("macros") if hasattr(plugins, "get") else None


def _names(config: Any, page: Any) -> set[str]:
    plugin = _macros_plugin(config)
    names = set(getattr(page, "meta", {}) or {}) | {"page"}
    if plugin is not None:
        names |= set(plugin.variables) | set(plugin.env.globals)
    return names


def _filters(config: Any) -> set[str]:
    plugin = _macros_plugin(config)
    return set(plugin.env.filters) if plugin is not None else set()


def _did_you_mean(name: str, known: set[str]) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.75)
    return f' (bedoelt u "{close[0]}"?)' if close else ""
