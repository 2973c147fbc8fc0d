"""Geometry of the charts the workbook and the deck both draw natively.

The importance–performance map: axis ranges that spread the points over the plot (not the
whole scale from zero), the axes crossing at the means that split the quadrants, the quadrant
names in the four corners, and a side for each point's label so that labels do not sit on each
other or on the points.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from workbooks.deliverables.fitting import text_width

__all__ = ["QUADRANT_COLOURS", "IPALayout", "ipa_layout"]

QUADRANT_COLOURS = {  # marker colours; the same in the workbook, the deck and the dashboard
    "concentrate": "C0392B",
    "keep_up": "2E7D32",
    "overkill": "2E86C1",
    "low_priority": "7F7F7F",
}
# corner of each quadrant: (x at the right?, y at the top?) with importance on x
CORNERS = {
    "overkill": (False, True),
    "keep_up": (True, True),
    "low_priority": (False, False),
    "concentrate": (True, False),
}
SIDES = ("right", "left", "above", "below")


@dataclass(frozen=True)
class IPALayout:
    x_range: tuple[float, float]  # blended importance W0
    y_range: tuple[float, float]  # satisfaction
    split: tuple[float, float]  # where the axes cross: mean W0, mean satisfaction
    sides: tuple[str, ...]  # label side per point
    corners: dict[str, tuple[float, float, str]]  # quadrant -> (x, y, label side)


def _nice_ceil(x: float, step: float) -> float:
    return math.ceil(x / step - 1e-9) * step


def _nice_floor(x: float, step: float) -> float:
    return math.floor(x / step + 1e-9) * step


def ipa_layout(
    w0,
    satisfaction,
    split: tuple[float, float],
    labels: list[str],
    scale: tuple[float, float],
    plot_px: tuple[float, float] = (600.0, 340.0),
    font: float = 9.0,
) -> IPALayout:
    """Axis ranges, label sides and quadrant-name anchors for points (``w0``, ``satisfaction``)
    drawn in a plot of ``plot_px`` pixels.

    >>> lay = ipa_layout([0.05, 0.2], [3.8, 2.8], (0.125, 3.3), ["A", "B"], (1, 5))
    >>> lay.x_range, lay.y_range
    ((0.0, 0.25), (2.5, 4.0))
    """
    xs = np.asarray(w0, dtype=float)
    ys = np.asarray(satisfaction, dtype=float)
    ok = np.isfinite(xs) & np.isfinite(ys)
    x_step = 0.05 if np.nanmax(xs, initial=0.0) > 0.1 else 0.02
    x_max = float(xs[ok].max()) if ok.any() else 0.0
    x1 = _nice_ceil(max(x_max * 1.1, split[0] * 1.2, x_step), x_step)
    y_lo = float(ys[ok].min()) if ok.any() else scale[0]
    y_hi = float(ys[ok].max()) if ok.any() else scale[1]
    y0 = max(scale[0], _nice_floor(min(y_lo, split[1]) - 0.2, 0.5))
    y1 = min(scale[1], _nice_ceil(max(y_hi, split[1]) + 0.2, 0.5))
    if y1 <= y0:
        y0, y1 = scale
    x0 = 0.0
    W, H = plot_px

    def px(x, y):
        return (x - x0) / (x1 - x0) * W, (y1 - y) / (y1 - y0) * H

    points = [px(x, y) if k else (None, None) for x, y, k in zip(xs, ys, ok, strict=True)]
    boxes: list[tuple[float, float, float, float]] = [
        (X - 6, Y - 6, X + 6, Y + 6) for X, Y in points if X is not None
    ]
    corners = {}
    for quadrant, (right, top) in CORNERS.items():
        cx = x1 - 0.01 * (x1 - x0) if right else x0 + 0.01 * (x1 - x0)
        cy = y1 - 0.05 * (y1 - y0) if top else y0 + 0.05 * (y1 - y0)
        corners[quadrant] = (cx, cy, "left" if right else "right")
    sides = []
    h = font * 1.4 / 0.75
    for (X, Y), text in zip(points, labels, strict=True):
        if X is None:
            sides.append("right")
            continue
        w = text_width(text, font) / 0.75 + 4
        candidates = {
            "right": (X + 7, Y - h / 2, X + 7 + w, Y + h / 2),
            "left": (X - 7 - w, Y - h / 2, X - 7, Y + h / 2),
            "above": (X - w / 2, Y - 7 - h, X + w / 2, Y - 7),
            "below": (X - w / 2, Y + 7, X + w / 2, Y + 7 + h),
        }
        own = (X - 6, Y - 6, X + 6, Y + 6)
        others = [b for b in boxes if b != own]

        def cost(side, candidates=candidates, others=others):
            box = candidates[side]
            outside = max(0, -box[0]) + max(0, box[2] - W) + max(0, -box[1]) + max(0, box[3] - H)
            return sum(_overlap(box, b) for b in others) + 50 * outside

        side = min(SIDES, key=lambda s: (cost(s) > 0, cost(s), SIDES.index(s)))
        sides.append(side)
        boxes.append(candidates[side])
    return IPALayout((x0, x1), (y0, y1), (float(split[0]), float(split[1])), tuple(sides), corners)


def _overlap(a, b) -> float:
    dx = min(a[2], b[2]) - max(a[0], b[0])
    dy = min(a[3], b[3]) - max(a[1], b[1])
    return dx * dy if dx > 0 and dy > 0 else 0.0
