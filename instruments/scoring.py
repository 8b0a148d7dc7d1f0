"""Scoring of a spider web: dimension scores and the health surface.

The aim of the web is that the surface grows where it matters to the person, so nothing here
ranks or judges a score; these functions only summarise answers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from instruments.definition import InstrumentDefinition

SCALE_MAX = 10.0


def dimension_score(values: Iterable[float | None]) -> float | None:
    """Mean of the answered items; None when nothing in the dimension was answered (never 0)."""
    answered = [float(v) for v in values if v is not None]
    if not answered:
        return None
    return round(sum(answered) / len(answered), 2)


def dimension_scores(
    definition: InstrumentDefinition, answers: Mapping[str, float | None]
) -> dict[str, float | None]:
    """Score per dimension id, in the order of the web."""
    return {
        d.id: dimension_score(answers.get(item.id) for item in d.items)
        for d in definition.dimensions
    }


def health_surface(scores: Sequence[float | None]) -> float | None:
    """Area of the web polygon as a percentage of the full web (all tens = 100, all fives = 25).

    With n equally spaced axes the polygon is n triangles of area ½·sin(2π/n)·rᵢ·rᵢ₊₁; the
    constant cancels against the full web, leaving Σ rᵢ·rᵢ₊₁ / (n·max²).
    None while any dimension has no score: an open dimension would shrink the web unfairly.
    """
    n = len(scores)
    if n < 3 or any(s is None for s in scores):
        return None
    radii = [float(s) for s in scores]  # type: ignore[arg-type]
    total = sum(radii[i] * radii[(i + 1) % n] for i in range(n))
    return round(100.0 * total / (n * SCALE_MAX * SCALE_MAX), 1)


def score_change(
    before: Mapping[str, float | None], after: Mapping[str, float | None]
) -> dict[str, float | None]:
    """Change per dimension shared by both webs; None where either has no score."""
    change: dict[str, float | None] = {}
    for dimension_id, new in after.items():
        if dimension_id not in before:
            continue
        old = before[dimension_id]
        change[dimension_id] = None if old is None or new is None else round(new - old, 2)
    return change
