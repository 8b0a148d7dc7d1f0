import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from instruments.scoring import dimension_score, health_surface, score_change

scores = st.floats(min_value=0, max_value=10, allow_nan=False)


def test_dimension_score_is_the_mean_of_answered_items():
    assert dimension_score([6, None, 8]) == 7
    assert dimension_score([1, 2, 2]) == pytest.approx(1.67)


def test_a_dimension_without_answers_has_no_score_not_zero():
    assert dimension_score([None, None]) is None
    assert dimension_score([]) is None
    assert dimension_score([0]) == 0


def test_surface_reference_points():
    assert health_surface([10] * 6) == 100
    assert health_surface([5] * 6) == 25
    assert health_surface([0] * 6) == 0
    assert health_surface([10, 10, 10, 10, 10, None]) is None


@given(
    st.integers(min_value=3, max_value=8).flatmap(
        lambda n: st.lists(scores, min_size=n, max_size=n)
    )
)
def test_surface_equals_polygon_area_over_full_web(values):
    n = len(values)
    angle = 2 * math.pi / n
    points = [(v * math.cos(i * angle), v * math.sin(i * angle)) for i, v in enumerate(values)]
    shoelace = 0.5 * abs(
        sum(
            points[i][0] * points[(i + 1) % n][1] - points[(i + 1) % n][0] * points[i][1]
            for i in range(n)
        )
    )
    full = 0.5 * n * 100 * math.sin(angle)
    assert health_surface(values) == pytest.approx(100 * shoelace / full, abs=0.06)
    assert 0 <= health_surface(values) <= 100


@given(
    st.integers(min_value=3, max_value=8).flatmap(
        lambda n: st.lists(st.one_of(st.none(), scores), min_size=n, max_size=n)
    )
)
def test_any_open_dimension_means_no_surface(values):
    assert (health_surface(values) is None) == any(v is None for v in values)


@given(
    st.lists(st.one_of(st.none(), st.integers(min_value=0, max_value=10)), min_size=1, max_size=12)
)
def test_dimension_score_stays_on_the_scale(values):
    score = dimension_score(values)
    answered = [v for v in values if v is not None]
    if not answered:
        assert score is None
    else:
        assert min(answered) - 0.01 <= score <= max(answered) + 0.01


def test_change_covers_only_shared_dimensions():
    before = {"a": 4, "b": None, "c": 6}
    after = {"a": 6, "b": 5, "d": 3}
    assert score_change(before, after) == {"a": 2, "b": None}
