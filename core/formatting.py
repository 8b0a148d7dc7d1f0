"""The one way a score, a change or a health surface is written: on screen, in the PDF, in
CSV files and in API text. Rounding is half up to one decimal, as people round by hand
(5.85 → 5.9, 28.55 → 28.6), so every place shows the same number for the same web.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats

ONE_DECIMAL = Decimal("0.1")


def round_score(value: float | Decimal | None) -> Decimal | None:
    """Half up to one decimal. The float's shortest repr is rounded, so 5.85 is 5.85, not
    5.8499999…, and stays 5.9."""
    if value is None:
        return None
    return Decimal(repr(float(value))).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def format_score(
    value: float | Decimal | None, *, signed: bool = False, localize: bool = True
) -> str:
    """'5,9' in Dutch, '5.9' in English, '6' for 6.0; '' for no value. With `signed` a rise
    gets a '+'. Without `localize` the decimal point is always '.', for files and APIs."""
    rounded = round_score(value)
    if rounded is None:
        return ""
    if rounded == 0:
        rounded = Decimal("0.0")  # never "-0"
    places = 0 if rounded == rounded.to_integral_value() else 1
    if localize:
        text = formats.number_format(rounded, decimal_pos=places, use_l10n=True)
    else:
        text = f"{rounded:.{places}f}"
    return f"+{text}" if signed and rounded > 0 else text


def score_value(value: float | Decimal | None) -> float | None:
    """The rounded score as a JSON number, for APIs whose numbers must match the screen."""
    rounded = round_score(value)
    return None if rounded is None else float(rounded)
