"""The rooms of the code (README, "How the pieces fit"): the core package never imports the site
engine, so a move to another engine touches only the adapters in macros/."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import handreiking
from tests.conftest import PROJECT_ROOT

ENGINE_PACKAGES = ("mkdocs", "material", "mkdocs_macros", "properdocs", "zensical")


def test_no_core_module_imports_the_engine() -> None:
    modules = sorted(
        m.name for m in pkgutil.walk_packages(handreiking.__path__, "handreiking.") if not m.name.endswith("__main__")
    )
    assert "handreiking.loader" in modules and "handreiking.links.check" in modules  # the walk found them
    probe = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({ENGINE_PACKAGES!r})))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", f"the core imports the engine: {result.stdout.strip()}"
