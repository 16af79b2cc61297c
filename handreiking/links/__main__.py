"""``python -m handreiking.links``: see :mod:`handreiking.links.check`."""

from __future__ import annotations

import sys

from .check import main

sys.exit(main())
