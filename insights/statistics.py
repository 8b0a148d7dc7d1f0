"""Figures from scores: means, distributions, change between periods and paired change.

Pure functions; scipy is not available, so the t quantile is computed here from the regularised
incomplete beta function.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

MINIMUM_PAIRS = 10

# Distribution bins: a score falls in the first bin whose upper bound exceeds it.
BINS: tuple[tuple[str, float], ...] = (
    ("0-2", 2.5),
    ("3-4", 4.5),
    ("5-6", 6.5),
    ("7-8", 8.5),
    ("9-10", math.inf),
)
BIN_FIELDS = ("bin_0_2", "bin_3_4", "bin_5_6", "bin_7_8", "bin_9_10")


def bin_index(score: float) -> int:
    for index, (_label, upper) in enumerate(BINS):
        if score < upper:
            return index
    return len(BINS) - 1


@dataclass(frozen=True)
class Summary:
    count: int
    mean: float | None
    standard_deviation: float | None


def summarise(count: int, total: float, total_squares: float) -> Summary:
    """Mean and sample standard deviation from the sums a rollup keeps."""
    if count <= 0:
        return Summary(0, None, None)
    mean = total / count
    if count < 2:
        return Summary(count, mean, None)
    variance = max(total_squares - count * mean * mean, 0.0) / (count - 1)
    return Summary(count, mean, math.sqrt(variance))


def summarise_scores(scores: Iterable[float]) -> Summary:
    values = list(scores)
    return summarise(len(values), sum(values), sum(v * v for v in values))


def distribution(scores: Iterable[float]) -> list[int]:
    counts = [0] * len(BINS)
    for score in scores:
        counts[bin_index(score)] += 1
    return counts


def change(before: Summary, after: Summary) -> float | None:
    """Difference in mean between two periods (after minus before)."""
    if before.mean is None or after.mean is None:
        return None
    return after.mean - before.mean


def _beta_continued_fraction(a: float, b: float, x: float) -> float:
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c if abs(1.0 + aa / c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c if abs(1.0 + aa / c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-14:
            break
    return h


def regularised_beta(a: float, b: float, x: float) -> float:
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(1 - x)
    )
    front = math.exp(log_front)
    if x < (a + 1) / (a + b + 2):
        return front * _beta_continued_fraction(a, b, x) / a
    return 1.0 - front * _beta_continued_fraction(b, a, 1 - x) / b


def t_cdf(t: float, degrees_of_freedom: float) -> float:
    x = degrees_of_freedom / (degrees_of_freedom + t * t)
    tail = 0.5 * regularised_beta(degrees_of_freedom / 2, 0.5, x)
    return 1.0 - tail if t > 0 else tail


def t_quantile(probability: float, degrees_of_freedom: float) -> float:
    """Inverse of t_cdf by bisection; accurate to about 1e-10."""
    low, high = -1000.0, 1000.0
    for _ in range(200):
        middle = (low + high) / 2
        if t_cdf(middle, degrees_of_freedom) < probability:
            low = middle
        else:
            high = middle
    return (low + high) / 2


@dataclass(frozen=True)
class PairedChange:
    """Distance travelled: last web minus first web, per participant."""

    pairs: int
    mean_difference: float
    confidence_low: float
    confidence_high: float
    effect_size: float | None  # Cohen's d_z: mean difference / SD of the differences


def paired_change(
    pairs: Sequence[tuple[float, float]], minimum: int = MINIMUM_PAIRS
) -> PairedChange | None:
    """Mean change with a 95% t-interval and Cohen's d_z; None below `minimum` pairs."""
    if len(pairs) < minimum or len(pairs) < 2:
        return None
    differences = [after - before for before, after in pairs]
    n = len(differences)
    mean = sum(differences) / n
    sd = math.sqrt(sum((d - mean) ** 2 for d in differences) / (n - 1))
    margin = t_quantile(0.975, n - 1) * sd / math.sqrt(n)
    return PairedChange(
        pairs=n,
        mean_difference=mean,
        confidence_low=mean - margin,
        confidence_high=mean + margin,
        effect_size=mean / sd if sd > 0 else None,
    )
