"""The questions of one part of a web, as the fill-in page shows them.

The questions are most of the fill-in page's rendering: up to eight, each with eleven choices.
A part nobody has answered yet looks the same to everyone who opens it in a language, and that
is how each part looks on the way through a new web. Such a part is rendered once per process
for each instrument version, part and language; it shows no personal data. A part with
answers, flags or errors is rendered for its visit, from the same template.
"""

from __future__ import annotations

from typing import Any

from django.core.signals import setting_changed
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from instruments.models import InstrumentVersion

TEMPLATE = "assessments/_fill_in_questions.html"
INPUTS = ("items", "choices", "picture_scale", "scale_low", "scale_high", "read_aloud")

_blank_parts: dict[tuple, SafeString] = {}


def is_blank(context: dict[str, Any]) -> bool:
    return not context["errors"] and all(
        item["value"] == "" and not item["talk"] for item in context["items"]
    )


def questions(
    instrument: InstrumentVersion, number: int, language: str, context: dict[str, Any]
) -> SafeString:
    """The part's questions, rendered from the fill-in page's context."""
    if not is_blank(context):
        return _render(context)
    key = (instrument.identity, number, language)
    kept = _blank_parts.get(key)
    if kept is None:
        kept = _blank_parts[key] = _render(context)
    return kept


def _render(context: dict[str, Any]) -> SafeString:
    # Rendered by our own template, which escapes every value it shows.
    return mark_safe(render_to_string(TEMPLATE, {name: context[name] for name in INPUTS}))


def _forget_blank_parts(**_kwargs) -> None:
    """Settings changed (in tests): languages or templates may render differently."""
    _blank_parts.clear()


setting_changed.connect(_forget_blank_parts, dispatch_uid="assessments_blank_parts_forgotten")
