"""The open data as a spreadsheet user gets it: the ``-excel.csv`` files read back the way Excel
with Dutch settings reads them (UTF-8 byte-order mark, semicolons, quoting), every row compared
with the data; the plain CSV for tools stays as it was."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from handreiking.loader import load
from handreiking.model import Intervention

BOM = b"\xef\xbb\xbf"


def cell(value: object) -> str:
    """What a spreadsheet cell must hold for a value, as docs/redactie/open-data.md describes it:
    line breaks folded, lists joined by " | ", an apostrophe before a would-be formula."""
    if isinstance(value, list | tuple):
        return " | ".join(cell(v) for v in value)
    if isinstance(value, bool):
        return str(value).lower()
    text = " ".join(str("" if value is None else value).split())
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def read_as_excel(raw: bytes) -> list[list[str]]:
    """Excel's reading of a double-clicked CSV with Dutch settings: the byte-order mark says UTF-8,
    the list separator is a semicolon, fields are quoted with double quotes."""
    assert raw.startswith(BOM), "without a byte-order mark Excel reads 'één' as 'Ã©Ã©n'"
    text = raw[len(BOM) :].decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";", quotechar='"'))
    # one physical line per record: no line break inside a field (the overview's download takes
    # whole lines of this file)
    lines = text.split("\r\n")
    assert lines[-1] == "" and len(lines) - 1 == len(rows)
    assert all(len(row) == len(rows[0]) for row in rows)
    return rows


def test_interventions_spreadsheet_has_every_record_with_labels_beside_codes(site_dir: Path) -> None:
    kb = load()
    rows = read_as_excel((site_dir / "open-data" / "interventies-excel.csv").read_bytes())
    header, body = rows[0], rows[1:]
    assert len(body) == len(kb.interventions)
    assert "links" not in header  # links have their own file
    vocabulary_fields = {
        "handelingen",
        "schaal",
        "weerbaarheid",
        "c1_groepen",
        "risicofactoren",
        "risicofactoren_uit_handreiking",
        "betrokkenen",
    }
    for field in vocabulary_fields:
        assert header.index(f"{field} (label)") == header.index(field) + 1
    for item, row in zip(kb.interventions, body, strict=True):
        got = dict(zip(header, row, strict=True))
        for field in Intervention.model_fields:
            if field == "links":
                continue
            assert got[field] == cell(getattr(item, field)), (item.id, field)
        for field, vocabulary in (
            ("handelingen", "handelingen"),
            ("schaal", "schalen"),
            ("weerbaarheid", "weerbaarheid"),
            ("c1_groepen", "c1_groepen"),
            ("risicofactoren", "riskfactors"),
            ("risicofactoren_uit_handreiking", "riskfactors"),
            ("betrokkenen", "partners"),
        ):
            assert got[f"{field} (label)"] == " | ".join(kb.names(vocabulary, list(getattr(item, field)))), item.id
    # a text that starts like a formula is guarded, and its words are kept
    guarded = [r for r in body if any(c.startswith("'-") for c in r)]
    assert guarded, "the data has a text starting with '- ' (meldingsapps): it must reach the sheet as text"


def test_links_spreadsheet_has_one_row_per_link(site_dir: Path) -> None:
    kb = load()
    rows = read_as_excel((site_dir / "open-data" / "links-excel.csv").read_bytes())
    assert rows[0] == ["interventie", "titel", "url", "archief", "dood"]
    expected = [
        [item.id, cell(link.titel), link.url, link.archief or "", cell(link.dood)]
        for item in kb.interventions
        for link in item.links
    ]
    assert rows[1:] == expected
    plain = list(csv.reader(io.StringIO((site_dir / "open-data" / "links.csv").read_text(encoding="utf-8"))))
    assert plain[1:] == expected


def test_riskfactor_and_phase_spreadsheets(site_dir: Path) -> None:
    kb = load()
    rf_rows = read_as_excel((site_dir / "open-data" / "risicofactoren-excel.csv").read_bytes())
    header = rf_rows[0]
    for rf, row in zip(kb.riskfactors, rf_rows[1:], strict=True):
        got = dict(zip(header, row, strict=True))
        assert got["id"] == rf.id and got["beschrijving"] == cell(rf.beschrijving)
        approaches = kb.interventions_for_riskfactor(rf.id)
        assert got["interventies"] == cell([i.id for i in approaches])
        assert got["interventies (label)"] == cell([i.naam for i in approaches])
    stage_rows = read_as_excel((site_dir / "open-data" / "fasen-excel.csv").read_bytes())
    assert [r[0] for r in stage_rows[1:]] == kb.stadia.ids
    got = dict(zip(stage_rows[0], stage_rows[1], strict=True))
    stage = next(iter(kb.stadia))
    assert got["handeling (label)"] == kb.handelingen[stage.handeling].naam


def test_plain_csv_for_tools_is_unchanged_in_form(site_dir: Path) -> None:
    raw = (site_dir / "open-data" / "interventies.csv").read_bytes()
    assert not raw.startswith(BOM)
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))
    assert [r["id"] for r in rows] == load().interventions.ids
    page = (site_dir / "redactie" / "open-data" / "index.html").read_text(encoding="utf-8")
    assert "interventies-excel.csv" in page and "Voor Excel" in page and "Voor programma" in page
