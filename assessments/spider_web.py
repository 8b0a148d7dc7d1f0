"""Geometry of the spider web, shared by the SVG on screen and the drawing in the PDF.

Axes start at the top and go clockwise, in the order of the instrument's dimensions, for any
number of dimensions from 3 to 8. A dimension without a score draws no point and leaves a gap
in the outline: an open dimension is shown as open, never as zero.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

SCALE_MAX = 10.0


@dataclass(frozen=True)
class Axis:
    dimension_id: str
    label: str
    end: tuple[float, float]
    label_at: tuple[float, float]
    anchor: str  # "start", "middle" or "end": which side of label_at the text hangs from


@dataclass(frozen=True)
class Outline:
    """One web: the polygon points (None where a dimension is open) and its closed shape."""

    points: tuple[tuple[float, float] | None, ...]

    @property
    def is_complete(self) -> bool:
        return all(p is not None for p in self.points)

    @property
    def polygon(self) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in self.points if x is not None)

    @property
    def segments(self) -> list[tuple[tuple[float, float], tuple[float, float]]]:
        """Lines between neighbouring scored dimensions, for a web with open dimensions."""
        n = len(self.points)
        pairs = []
        for i in range(n):
            a, b = self.points[i], self.points[(i + 1) % n]
            if a is not None and b is not None:
                pairs.append((a, b))
        return pairs

    @property
    def dots(self) -> list[tuple[float, float]]:
        return [p for p in self.points if p is not None]


@dataclass(frozen=True)
class WebGeometry:
    size: float
    center: tuple[float, float]
    radius: float
    axes: tuple[Axis, ...]
    rings: tuple[str, ...]

    def outline(self, scores: Sequence[float | None]) -> Outline:
        return Outline(tuple(self._point(i, s) for i, s in enumerate(scores)))

    def _point(self, index: int, score: float | None) -> tuple[float, float] | None:
        if score is None:
            return None
        r = self.radius * max(0.0, min(SCALE_MAX, float(score))) / SCALE_MAX
        return _polar(self.center, r, index, len(self.axes))


def _polar(center: tuple[float, float], r: float, index: int, n: int) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / n
    return (center[0] + r * math.cos(angle), center[1] + r * math.sin(angle))


def web_geometry(
    dimensions: Sequence[tuple[str, str]], size: float = 420.0, margin: float = 95.0
) -> WebGeometry:
    """Axes, label positions and grid rings for the given (dimension id, label) pairs."""
    n = len(dimensions)
    if not 3 <= n <= 8:
        raise ValueError(f"a web has 3 to 8 dimensions, not {n}")
    center = (size / 2, size / 2)
    radius = size / 2 - margin
    axes = []
    for i, (dimension_id, label) in enumerate(dimensions):
        end = _polar(center, radius, i, n)
        label_at = _polar(center, radius + 14, i, n)
        dx = label_at[0] - center[0]
        anchor = "middle" if abs(dx) < 1 else ("start" if dx > 0 else "end")
        axes.append(Axis(dimension_id, label, end, label_at, anchor))
    rings = tuple(
        " ".join(
            f"{x:.1f},{y:.1f}" for x, y in (_polar(center, radius * k / 5, i, n) for i in range(n))
        )
        for k in range(1, 6)
    )
    return WebGeometry(size, center, radius, tuple(axes), rings)


def label_lines(label: str, width: int = 14) -> list[str]:
    """Break a dimension name over lines so long names stay inside the drawing."""
    words, lines, line = label.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if line and len(candidate) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines
