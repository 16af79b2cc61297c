"""The partials' renderer of the core (:mod:`handreiking.partials`), for the macro modules."""

from __future__ import annotations

from handreiking.partials import Renderer

__all__ = ["Renderer"]
