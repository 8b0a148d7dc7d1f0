"""Rendered parts of pages, kept for reuse, with holes for what differs on every request.

Rendering a template costs far more than the few values it shows, and most of a page is the
same for everyone who sees it in a language. A part is rendered from its inputs alone (a plain
context: no request, no context processors), so it cannot show anything its inputs do not
name. What differs on every request (the CSRF token, the page's own address) is rendered as a
random placeholder and filled in on each use; a hole may only be shown as it is (`{{ name }}`
or `{% csrf_token %}`), never through a filter.

Parts that show nobody's personal data (the page header and footer) are kept in this process
(`shared_part`); a part with a person's data is kept by its owner in the shared cache, where it
can be removed (see assessments/drawings.py).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.core.signals import setting_changed
from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import get_current_timezone_name
from django.utils.translation import get_language


@dataclass(frozen=True)
class Part:
    text: str
    holes: tuple[tuple[str, str], ...]  # (name, placeholder)

    def fill(self, **values: Any) -> SafeString:
        """The part with each hole filled in, escaped as the template would have escaped it."""
        text = self.text
        for name, placeholder in self.holes:
            text = text.replace(placeholder, conditional_escape(values[name]))
        return mark_safe(text)  # rendered (and escaped) by our own template


def render_part(template_name: str, inputs: Mapping[str, Any], holes: Iterable[str] = ()) -> Part:
    return compose(template_name, inputs, {}, holes)


def compose(
    template_name: str,
    inputs: Mapping[str, Any],
    parts: Mapping[str, Part],
    holes: Iterable[str] = (),
) -> Part:
    """A part rendered from its inputs and from other parts, shown as they are (their holes
    stay open and become this part's)."""
    # Random per rendering: no text a person typed can ever equal a placeholder.
    placeholders = {name: f"hole{secrets.token_hex(16)}" for name in holes}
    shown = {name: mark_safe(part.text) for name, part in parts.items()}  # our own renderings
    text = get_template(template_name).render({**inputs, **shown, **placeholders})
    inner = tuple(hole for part in parts.values() for hole in part.holes)
    return Part(text, tuple(placeholders.items()) + inner)


def shared_part(template_name: str, holes: tuple[str, ...] = (), **inputs: Any) -> Part:
    """A part that shows no personal data, rendered once per process for each set of inputs.

    The inputs must be hashable. The language, time zone and URL prefix of the request are
    part of the key, as every template reads them.
    """
    return _shared(
        template_name,
        tuple(sorted(inputs.items())),
        holes,
        get_language(),
        get_current_timezone_name(),
        get_script_prefix(),
    )


@lru_cache(maxsize=512)
def _shared(
    template_name: str,
    inputs: tuple[tuple[str, Any], ...],
    holes: tuple[str, ...],
    _language: str,
    _timezone: str,
    _script_prefix: str,
) -> Part:
    return render_part(template_name, dict(inputs), holes)


def _forget_shared_parts(**_kwargs) -> None:
    """Settings changed (in tests): URLs, static files or languages may render differently."""
    _shared.cache_clear()


setting_changed.connect(_forget_shared_parts, dispatch_uid="core_parts_setting_changed")


def csrf_hole(context) -> tuple[dict[str, str], tuple[str, ...]]:
    """The CSRF token as a hole when the page has one; else its absence as a plain input."""
    token = context.get("csrf_token")
    token = str(token) if token else ""
    if token and token != "NOTPROVIDED":
        return {}, ("csrf_token",)
    return {"csrf_token": token}, ()
