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
# Label type in drawing units. The drawing is 440 units wide and fills a phone's width (about
# 330 px on a 360 px screen), so 19 units show as at least 14 px; on a board they grow with it.
LABEL_FONT_SIZE = 19.0
LABEL_LINE_HEIGHT = 22.0
LABEL_LINE_CHARS = 11


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
    dimensions: Sequence[tuple[str, str]], size: float = 440.0, margin: float = 124.0
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
        label_at = _polar(center, radius + 12, i, n)
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


def _split_long_word(word: str, width: int) -> list[str]:
    """Split a word longer than a line, with a hyphen: at a soft hyphen if the name has one, else
    after an "s" that joins a Dutch compound ("Lichaams-functies"), else near the middle."""
    if len(word) <= width:
        return [word]
    if "\u00ad" in word:
        head, _, tail = word.partition("\u00ad")
        return [head + "-", *_split_long_word(tail.replace("\u00ad", ""), width)]
    vowels = set("aeiouyAEIOUY")
    inside = range(4, min(len(word) - 3, width))
    # A compound joint first, else a syllable start (vowel | consonant vowel: "functio-neren").
    joints = [i for i in inside if word[i - 1] == "s" and word[i] not in vowels]
    syllables = [
        i
        for i in inside
        if word[i - 1] in vowels and word[i] not in vowels and word[i + 1] in vowels
    ]
    middle = len(word) / 2
    candidates = joints or syllables or [max(4, min(width - 1, round(middle)))]
    cut = min(candidates, key=lambda i: abs(i - middle))
    return [word[:cut] + "-", *_split_long_word(word[cut:], width)]


def label_lines(label: str, width: int = LABEL_LINE_CHARS) -> list[str]:
    """Break a dimension name over lines so long names stay inside the drawing."""
    words = [part for word in label.split() for part in _split_long_word(word, width)]
    lines, line = [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if line and (len(candidate) > width or line.endswith("-")):
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines
