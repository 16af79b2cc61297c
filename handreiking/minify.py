"""The site's own stylesheets and scripts as the browser gets them: without comments and
indentation (rcssmin, rjsmin). The sources in ``overrides/assets/`` keep their comments, which
were half of what a page's CSS and scripts weighed compressed (bench/README.md, page weight).

The theme's files are minified already (``*.min.css``, ``*.min.js``) and are left alone.
"""

from __future__ import annotations

import rcssmin  # type: ignore[import-untyped]
import rjsmin  # type: ignore[import-untyped]

ASSETS = "assets/"


def applies(src_uri: str) -> bool:
    """Whether the site file at ``src_uri`` is one of ours to minify."""
    return src_uri.startswith(ASSETS) and src_uri.endswith((".css", ".js")) and ".min." not in src_uri


def minify(src_uri: str, text: str) -> str:
    """``text`` without comments and the whitespace the browser does not need."""
    if src_uri.endswith(".css"):
        return str(rcssmin.cssmin(text))
    return str(rjsmin.jsmin(text, keep_bang_comments=False))
