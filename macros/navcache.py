"""The theme's primary navigation, rendered once per folder for the pages outside it.

mkdocs-material writes the whole navigation into every page. For a page in the navigation that
is needed (the page's own entry is marked active and its section opened), but the thousands of
generated record pages (praktijkvoorbeelden/<id>/, risicofactoren/<slug>/) are outside it: for
them nothing in it is active, and its links, relative to the page, are the same for every page
in one folder. So it is rendered once per folder and reused, which keeps the cost per record
page from growing with the size of the navigation (overrides/partials/nav.html).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable


class NavCache:
    def __init__(self) -> None:
        self._html: dict[tuple[str, bool], str] = {}
        self._in_nav: set[str] = set()

    def reset(self, in_nav: Iterable[str]) -> None:
        """A new build: forget what was rendered; ``in_nav`` are the src_uri of the nav's pages."""
        self._html.clear()
        self._in_nav = set(in_nav)

    def key(self, page: object) -> tuple[str, bool] | None:
        """The folder of a page outside the navigation (None for a page in it, or no page)."""
        file = getattr(page, "file", None)
        if file is None or file.src_uri in self._in_nav:
            return None
        url: str = page.url  # type: ignore[attr-defined]
        return url.rstrip("/").rpartition("/")[0], url.endswith("/")

    def __call__(self, key: tuple[str, bool], caller: Callable[[], str]) -> str:
        """Jinja call block: ``{% call nav_cache(key) %}...{% endcall %}`` renders its body the
        first time for ``key`` only."""
        if key not in self._html:
            self._html[key] = caller()
        return self._html[key]
