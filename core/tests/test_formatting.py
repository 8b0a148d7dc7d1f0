"""One rule for writing scores and surfaces: half up to one decimal, in the reader's language."""

from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from core.formatting import format_score, round_score, score_value


@pytest.mark.parametrize(
    ("value", "nl", "en"),
    [
        (5.85, "5,9", "5.9"),  # the float 5.85 is 5.8499…; people round it up, and so do we
        (28.5, "28,5", "28.5"),
        (28.55, "28,6", "28.6"),
        (6.0, "6", "6"),
        (0.04, "0", "0"),
        (-0.04, "0", "0"),  # never "-0"
        (-1.25, "-1,3", "-1.3"),
        (10, "10", "10"),
    ],
)
def test_half_up_to_one_decimal_in_both_languages(value, nl, en):
    with translation.override("nl"):
        assert format_score(value) == nl
    with translation.override("en"):
        assert format_score(value) == en


def test_changes_carry_a_plus_and_files_a_point():
    with translation.override("nl"):
        assert format_score(1.25, signed=True) == "+1,3"
        assert format_score(-1.25, signed=True) == "-1,3"
        assert format_score(0, signed=True) == "0"
        assert format_score(5.85, localize=False) == "5.9"
    assert format_score(None) == ""
    assert score_value(5.85) == 5.9 and score_value(None) is None


@given(st.integers(min_value=0, max_value=1000))
def test_every_hundredth_rounds_like_by_hand(hundredths):
    value = hundredths / 100
    expected = (Decimal(hundredths) / 100).quantize(Decimal("0.1"), rounding="ROUND_HALF_UP")
    assert round_score(value) == expected
