"""Project paths, resolved from this module (never from the working directory)."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = PROJECT_ROOT / "data"
DOCS_DIR = PROJECT_ROOT / "docs"
OVERRIDES_DIR = PROJECT_ROOT / "overrides"
