"""Template filters for scores, changes and surfaces: see core.formatting."""

from django import template

from core.formatting import format_score

register = template.Library()


@register.filter
def score(value) -> str:
    """A score or health surface, rounded half up to one decimal, in the page's language."""
    return format_score(value)


@register.filter
def score_change(value) -> str:
    """A change between two scores, with '+' for a rise."""
    return format_score(value, signed=True)
