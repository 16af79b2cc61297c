"""Printed pages as a reader gets them: Chromium prints the page to an A4 PDF (print media, the
site's print styles), pypdf reads it back page by page. For tests that count printed pages, check
that a group is not split across pages, and that no web-only text is printed."""

from __future__ import annotations

import io

from pypdf import PdfReader


def print_to_pdf(page) -> bytes:  # type: ignore[no-untyped-def]
    """The page as Chromium prints it on A4 (the page's own print styles and margins)."""
    page.emulate_media(media="print")
    data: bytes = page.pdf(format="A4", prefer_css_page_size=True)
    assert data[:4] == b"%PDF"
    return data


def pdf_pages_text(data: bytes) -> list[str]:
    """The text of each printed page, in order (one string per A4 page)."""
    return [p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages]
