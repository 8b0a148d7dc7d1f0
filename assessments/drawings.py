"""The drawn web (the result fragment, the SVG, the PDF), kept per web, language and version.

Drawing a web is most of the cost of showing it, and a web changes far less often than it is
looked at. Each entry remembers the version of the web it was drawn from (`updated_at`, which
every saved answer, flag or note moves on), so a changed web is drawn again on its next view;
an erased web's entries are removed at once (see `forget`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from assessments.models import Assessment
from assessments.presentation import build_web_view, speaks_to_young_person

Drawn = TypeVar("Drawn", str, bytes)

KINDS = ("summary", "svg", "pdf")
TIMEOUT = 60 * 60 * 24


def _key(kind: str, assessment_pk: int, language: str) -> str:
    return f"bredeblik:web:{kind}:{assessment_pk}:{language}"


def version(assessment: Assessment) -> str:
    return f"{assessment.public_id}:{assessment.updated_at.isoformat()}"


def drawn(kind: str, assessment: Assessment, language: str, draw: Callable[[], Drawn]) -> Drawn:
    """`draw()`'s result for this web as it is now, drawn again only when the web changed."""
    key = _key(kind, assessment.pk, language)
    current = version(assessment)
    entry = cache.get(key)
    if entry is not None and entry[0] == current:
        return entry[1]
    result = draw()
    cache.set(key, (current, result), TIMEOUT)
    return result


def forget(assessment_pk: int) -> None:
    """Drop every drawing of a web (on erasure), in every language."""
    cache.delete_many(
        [_key(kind, assessment_pk, code) for kind in KINDS for code, _name in settings.LANGUAGES]
    )


def draw_summary(assessment: Assessment, language: str) -> SafeString:
    """The web with its table and flagged items, as the result page shows it."""
    html = drawn(
        "summary",
        assessment,
        language,
        lambda: render_to_string(
            "assessments/_web_detail.html",
            {
                "web": build_web_view(assessment, language),
                "hide_surface": speaks_to_young_person(assessment),
            },
        ),
    )
    return mark_safe(html)  # rendered (and escaped) by our own template


def draw_svg(assessment: Assessment, language: str) -> str:
    """The web as an SVG document."""
    return drawn(
        "svg",
        assessment,
        language,
        lambda: render_to_string(
            "assessments/_spider_web.svg", {"web": build_web_view(assessment, language)}
        ),
    )


def draw_pdf(assessment: Assessment, language: str) -> bytes:
    """The A4 report of one web."""
    from assessments.report import render_report_pdf  # ReportLab loads only when a PDF is asked

    return drawn("pdf", assessment, language, lambda: render_report_pdf([assessment], language))
