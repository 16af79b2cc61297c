"""Macros for the phase model of part A1 (data/phases.yaml): the schema as a table, the wave of
rising and falling tension as an inline SVG (generated at build time, no JavaScript library)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from handreiking.model import KnowledgeBase, Stage

from .render import Renderer

# Geometry of the wave in SVG units. The SVG is shown from 45em (720 px) wide, where it is drawn at
# 0.9 or more of these units per CSS pixel, so every text (14 units or more) is 12 CSS px or more.
# Narrower screens get the same stages as a list of buttons (partials/phase-wave.html).
WIDTH, HEIGHT = 720, 320
MARGIN_X, TOP, BASELINE = 64, 56, 206
BOX_HEIGHT = 80  # the button-like box of each stage under the axis
LINE_CHARS = 14  # characters per line of a stage name in its box


@dataclass(frozen=True)
class WavePoint:
    stage: Stage
    x: float
    y: float

    @property
    def label_lines(self) -> list[str]:
        """The stage name in at most two short lines for its box under the axis."""
        lines: list[str] = []
        for word in self.stage.naam.split():
            if lines and len(lines[-1]) + 1 + len(word) <= LINE_CHARS:
                lines[-1] += " " + word
            elif len(lines) < 2:
                lines.append(word)
            else:
                lines[-1] += " " + word
        return lines


def trigger_x(kb: KnowledgeBase, points: list[WavePoint]) -> float | None:
    """Where the trigger marker stands: halfway between the stage before it and its stage."""
    trigger = kb.phases.trigger
    index = next((i for i, p in enumerate(points) if trigger and p.stage.id == trigger.voor), None)
    if index is None:
        return None
    before = points[index - 1].x if index else MARGIN_X / 2
    return (before + points[index].x) / 2


def wave(kb: KnowledgeBase) -> tuple[list[WavePoint], str]:
    """Points of the stages (x by order, y by intensiteit) and a smooth SVG path through them
    (Catmull-Rom spline written as cubic Bezier segments)."""
    stages = list(kb.stadia)
    step = (WIDTH - 2 * MARGIN_X) / max(len(stages) - 1, 1)
    points = [
        WavePoint(s, MARGIN_X + i * step, BASELINE - (BASELINE - TOP) * s.intensiteit / 10)
        for i, s in enumerate(stages)
    ]
    xy = [(MARGIN_X - step / 2, BASELINE)] + [(p.x, p.y) for p in points] + [(WIDTH - MARGIN_X + step / 2, BASELINE)]
    d = f"M {xy[0][0]:.1f} {xy[0][1]:.1f}"
    for i in range(len(xy) - 1):
        p0, p1, p2 = xy[max(i - 1, 0)], xy[i], xy[i + 1]
        p3 = xy[min(i + 2, len(xy) - 1)]
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        d += f" C {c1[0]:.1f} {c1[1]:.1f}, {c2[0]:.1f} {c2[1]:.1f}, {p2[0]:.1f} {p2[1]:.1f}"
    return points, d


def register(env: Any, kb: KnowledgeBase, render: Renderer) -> None:
    def here() -> str:
        return render.here()

    @env.macro
    def phase_table() -> str:
        """The A1 schema as an accessible table: one column per stage."""
        return render("phase-table.html", from_url=here(), kb=kb)

    @env.macro
    def phase_regie(stage_id: str) -> str:
        """What the guide says about the lead and coordination in one stage, quoted, with links."""
        return render("phase-regie.html", from_url=here(), stage=kb.stadia[stage_id])

    @env.macro
    def phase_wave(target: str = "aanpak/fasewijzer.md") -> str:
        """The wave of tension as an SVG; each stage links to its section of ``target``."""
        points, path = wave(kb)
        step = points[1].x - points[0].x if len(points) > 1 else WIDTH - 2 * MARGIN_X
        return render(
            "phase-wave.html",
            from_url=here(),
            kb=kb,
            points=points,
            path=path,
            target=target,
            width=WIDTH,
            height=HEIGHT,
            baseline=BASELINE,
            top=TOP,
            box_width=step - 8,
            box_height=BOX_HEIGHT,
            trigger=kb.phases.trigger,
            trigger_x=trigger_x(kb, points),
        )
