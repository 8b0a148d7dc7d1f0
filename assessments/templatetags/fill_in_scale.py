"""The answer choices of the fill-in page, written out in one pass.

A part of the web has up to eight questions with eleven choices each; as a template loop that
was most of the page's rendering time. The markup is the loop's: each choice a label around its
radio button, a face on the picture scale, the words of the scale's ends for screen readers
on the numbered one.
"""

from __future__ import annotations

import functools

from django import template
from django.template.loader import get_template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@functools.lru_cache(maxsize=16)
def _face(symbol: str) -> str:
    return get_template("assessments/_scale_face.svg").render({"symbol": symbol})


@register.simple_tag
def scale_choices(
    item: dict, choices: list[dict], picture_scale: bool, low: str, high: str
) -> SafeString:
    name = escape(f"item-{item['id']}")
    ends = {0: low, len(choices) - 1: high}
    parts = []
    for index, choice in enumerate(choices):
        checked = " checked" if choice["value"] == item["value"] else ""
        label = escape(choice["label"])
        if picture_scale:
            label = _face(choice["symbol"]) + f"<span>{label}</span>"
        else:
            end = ends.get(index)
            hidden = f'<span class="visually-hidden"> ({escape(end)})</span>' if end else ""
            label = f"<span>{label}{hidden}</span>"
        parts.append(
            f'<label><input type="radio" name="{name}" value="{escape(choice["value"])}"'
            f"{checked}>{label}</label>"
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped
