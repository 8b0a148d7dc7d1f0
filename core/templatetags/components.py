"""Filters for the component includes in core/templates/components/."""

from django import template
from django.utils.functional import Promise

register = template.Library()


@register.filter
def attribute(value):
    """The value as an HTML attribute, or "" when it is not a plain value.

    Includes see the whole page context, so a component's `form` or `value` parameter would
    otherwise pick up the page's Django form or a loop variable.
    """
    if isinstance(value, bool):
        return ""
    if isinstance(value, str | int | float | Promise):
        return value
    return ""
