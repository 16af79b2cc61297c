"""Finding and launching Chromium for the browser tests, the same way on every machine:
``$CHROMIUM_PATH``, then the system browser, then Playwright's own download."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

SYSTEM_BROWSERS = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]


def find_chromium() -> str | None:
    """Path of the Chromium to use, or None to let Playwright use its own download."""
    env = os.environ.get("CHROMIUM_PATH")
    if env:
        if not Path(env).is_file():
            raise FileNotFoundError(f"CHROMIUM_PATH={env} does not exist")
        return env
    for candidate in SYSTEM_BROWSERS:
        if Path(candidate).is_file():
            return candidate
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def launch(playwright):  # type: ignore[no-untyped-def]
    path = find_chromium()
    kwargs = {"args": LAUNCH_ARGS, "headless": True}
    if path:
        kwargs["executable_path"] = path
    return playwright.chromium.launch(**kwargs)
