import math

import pytest

from insights.statistics import (
    change,
    distribution,
    paired_change,
    summarise,
    summarise_scores,
    t_quantile,
)


def test_mean_and_standard_deviation_from_sums():
    # 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sample variance 32/7
    scores = [2, 4, 4, 4, 5, 5, 7, 9]
    summary = summarise(len(scores), sum(scores), sum(s * s for s in scores))
    assert summary.mean == 5
    assert summary.standard_deviation == pytest.approx(math.sqrt(32 / 7))


def test_distribution_bins():
    assert distribution([0, 2, 2.4, 3, 4, 5, 6, 7, 8, 9, 10, 6.6]) == [3, 2, 2, 3, 2]


def test_change_between_periods():
    assert change(summarise_scores([5, 6, 7]), summarise_scores([7, 7, 7])) == pytest.approx(1)
    assert change(summarise_scores([]), summarise_scores([7])) is None


@pytest.mark.parametrize(
    ("df", "expected"), [(1, 12.7062047), (9, 2.2621572), (11, 2.2009852), (30, 2.0422725)]
)
def test_t_quantile_matches_tables(df, expected):
    assert t_quantile(0.975, df) == pytest.approx(expected, abs=1e-6)


def test_paired_change_by_hand():
    # Differences 1..10: mean 5.5, sd sqrt(55/6) = 3.02765, se 0.957427, t(9) 2.262157,
    # margin 2.165851, d_z 5.5 / 3.02765.
    pairs = [(5.0, 5.0 + d) for d in range(1, 11)]
    result = paired_change(pairs)
    assert result.pairs == 10
    assert result.mean_difference == pytest.approx(5.5)
    assert result.confidence_low == pytest.approx(3.334149, abs=1e-5)
    assert result.confidence_high == pytest.approx(7.665851, abs=1e-5)
    assert result.effect_size == pytest.approx(1.816590, abs=1e-5)


def test_paired_change_needs_ten_pairs():
    assert paired_change([(5.0, 6.0)] * 9) is None
    assert paired_change([(5.0, 6.0)] * 10).effect_size is None  # no spread: no effect size
