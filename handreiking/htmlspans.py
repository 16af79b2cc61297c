"""Where each element of an HTML text stands, read with the standard library's HTML tokenizer.

The post-build steps change built pages in a few exact places (a checklist item's label, a theme
element that is invalid HTML). They find those places as elements, by tag and attributes, and
then replace exactly those characters: every other byte stays as the engine wrote it, which a
parse-and-serialise round trip would not promise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements without an end tag (https://html.spec.whatwg.org/#void-elements).
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass(eq=False)
class Element:
    tag: str
    attrs: dict[str, str | None]
    start: int  # the "<" of the start tag
    inner_start: int  # just after the start tag
    inner_end: int = -1  # the "<" of the end tag (inner_start for a void element)
    end: int = -1  # just after the end tag
    children: list[Element] = field(default_factory=list)

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()


@dataclass(frozen=True)
class Text:
    """A run of text between tags (character references not decoded: split at each one)."""

    start: int
    text: str
    within: tuple[Element, ...]  # the open elements around it, outermost first


class _Spans(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self.html = html
        self.line_starts = [0]  # the tokenizer counts lines at "\n" only
        for line in html.split("\n")[:-1]:
            self.line_starts.append(self.line_starts[-1] + len(line) + 1)
        self.elements: list[Element] = []
        self.root = Element("", {}, 0, 0)
        self.open: list[Element] = [self.root]
        self.texts: list[Text] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _element(self, tag: str, attrs: list[tuple[str, str | None]]) -> Element:
        start = self._offset()
        text = self.get_starttag_text() or ""
        element = Element(tag, dict(attrs), start, start + len(text))
        self.open[-1].children.append(element)
        self.elements.append(element)
        return element

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = self._element(tag, attrs)
        if tag in VOID:
            element.inner_end, element.end = element.inner_start, element.inner_start
        else:
            self.open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = self._element(tag, attrs)
        element.inner_end, element.end = element.inner_start, element.inner_start

    def handle_data(self, data: str) -> None:
        self.texts.append(Text(self._offset(), data, tuple(self.open[1:])))

    def handle_endtag(self, tag: str) -> None:
        if not any(e.tag == tag for e in self.open[1:]):
            return  # an end tag without a start tag: the browser ignores it
        at = self._offset()
        end = self.html.index(">", at) + 1
        while self.open:
            element = self.open.pop()
            if element.tag == tag:
                element.inner_end, element.end = at, end
                return
            element.inner_end, element.end = at, at  # closed by its parent's end tag


def parse(html: str) -> list[Element]:
    """Every element of ``html`` in document order (unclosed ones end where the text ends)."""
    parser = _Spans(html)
    parser.feed(html)
    parser.close()
    for element in parser.open[1:]:
        element.inner_end, element.end = len(html), len(html)
    return parser.elements


def texts(html: str) -> list[Text]:
    """Every run of text of ``html`` in document order, with the elements around it."""
    parser = _Spans(html)
    parser.feed(html)
    parser.close()
    return parser.texts


def replace(html: str, changes: list[tuple[int, int, str]]) -> str:
    """``html`` with each ``(start, end, text)`` put in place of the characters start..end (the
    ranges do not overlap)."""
    out, at = [], 0
    for start, end, text in sorted(changes):
        out += [html[at:start], text]
        at = end
    return "".join(out) + html[at:]
