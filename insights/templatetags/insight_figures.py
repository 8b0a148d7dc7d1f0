"""The rows of the figure tables and bar charts, written out in one pass.

A national dashboard has hundreds of groups times six dimensions; through template loops that
took seconds per view. These tags write the same markup as the loops did (same escaping, same
rounding as `floatformat:1`, same truncation as `truncatechars:18`).
"""

from __future__ import annotations

import functools
from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.formats import get_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()

_TENTH = Decimal("0.1")
_CELL = '<td class="utrecht-table__cell">'


def one_decimal(value: float, separator: str | None = None) -> str:
    """`value|floatformat:1` for a float: half up on its decimal text, no "-0", local comma.

    A table looks the language's `separator` up once: each lookup costs more than the rounding.
    """
    rounded = Decimal(repr(value)).quantize(_TENTH, ROUND_HALF_UP)
    if separator is None:
        separator = get_format("DECIMAL_SEPARATOR")
    return str(rounded if rounded else abs(rounded)).replace(".", separator)


@functools.lru_cache(maxsize=8192)
def _short_label(label: str, language: str | None) -> str:
    return escape(Truncator(label).chars(18))


def _row_head(label: str) -> str:
    """The opening of a body row: the row and its escaped label."""
    return (
        '<tr class="utrecht-table__row"><th scope="row" class="utrecht-table__header-cell">'
        f"{escape(label)}</th>"
    )


def _hidden() -> str:
    title = escape(_("fewer than 10 people or hidden to protect small groups"))
    return f'<abbr title="{title}">&lt;10</abbr>'


@register.simple_tag
def webs_rows(rows) -> SafeString:
    """The body rows of the table of webs per group: (label, count or None when hidden)."""
    hidden = _hidden()
    return mark_safe(  # noqa: S308 - every label is escaped, every count a number
        "".join(
            f"{_row_head(label)}{_CELL}{hidden if count is None else count}</td></tr>"
            for label, count in rows
        )
    )


@register.simple_tag
def figure_rows(dimension, show_change: bool) -> SafeString:
    """The body rows of one dimension's table."""
    hidden = _hidden()
    separator = get_format("DECIMAL_SEPARATOR")
    parts = []
    for row in dimension.rows:
        count = hidden if row.count is None else str(row.count)
        mean = "-" if row.mean is None else one_decimal(row.mean, separator)
        parts.append(f"{_row_head(row.label)}{_CELL}{count}</td>{_CELL}{mean}</td>")
        if show_change:
            change = "-" if row.change is None else one_decimal(row.change, separator)
            parts.append(f"{_CELL}{change}</td>")
        parts.extend(f"{_CELL}{hidden if b is None else b}</td>" for b in row.bins)
        parts.append("</tr>")
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped or a number


@register.simple_tag
def figure_bars(dimension) -> SafeString:
    """The bars of one dimension's chart, one group per 10 units of height."""
    language = get_language()
    separator = get_format("DECIMAL_SEPARATOR")
    too_few = escape(_("fewer than 10"))
    parts = []
    for index, row in enumerate(dimension.rows):
        parts.append(
            f'<g transform="translate(0 {index}0)"><text x="0" y="8" class="bar-label">'
            f"{_short_label(row.label, language)}</text>"
        )
        if row.mean is None:
            parts.append(f'<text x="150" y="8" class="bar-value">{too_few}</text></g>')
        else:
            width = row.bar_width
            parts.append(
                f'<rect x="150" y="1" height="8" width="{width:.1f}" class="bar"></rect>'
                f'<text x="{int(width) + 155}" y="8" class="bar-value">'
                f"{one_decimal(row.mean, separator)}</text></g>"
            )
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped or a number
