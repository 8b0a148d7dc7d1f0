"""The drawn web (the result page, the SVG, the PDF), kept per web, language and version.

Drawing a web is most of the cost of showing it, and a web changes far less often than it is
looked at. Each drawing is kept in a row of its web (`Drawing`) with the version of the web it
was drawn from (`updated_at`, which every saved answer, flag or note moves on), so a changed
web is drawn again on its next view. The rows go with their web, and a drawing older than a
day is drawn again (and removed daily by `purge_expired`). The result page's row is read in
the statement that reads the web (`web_for_result_page`): a kept page costs no query of its own.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, connection, transaction
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import get_current_timezone_name

from assessments.models import Assessment, Drawing
from assessments.presentation import (
    build_web_view,
    conversation_questions,
    face_rows,
    speaks_to_young_person,
    young_questions,
)
from assessments.selectors import ResultPageWeb, kept_drawing, row_values
from assessments.services import open_dimensions
from core.parts import Part, compose, render_part

Drawn = TypeVar("Drawn", str, bytes, "ResultPage")

KEPT_FOR = timedelta(days=1)
_UNREAD: Any = object()  # `drawn` reads the kept drawing itself


def kept_since(now: datetime | None = None) -> datetime:
    """Drawings made before this are drawn again."""
    return (now or timezone.now()) - KEPT_FOR


def version(assessment: Assessment) -> str:
    return f"{assessment.public_id}:{assessment.updated_at.isoformat()}"


def row_version(assessment: Assessment) -> str:
    """Every stored field of the web, for what shows more than its answers: some changes (an
    account adopting the web, the moment or how it was filled in) leave `updated_at` alone."""
    return hashlib.sha256(repr(row_values(assessment)).encode()).hexdigest()


def drawn(
    kind: str,
    assessment: Assessment,
    language: str,
    draw: Callable[[], Drawn],
    current: str | None = None,
    kept: bytes | None = _UNREAD,
) -> Drawn:
    """`draw()`'s result for this web as it is now, drawn again only when the web changed.

    `current`: the version to compare, when the drawing shows more than `version` covers.
    `kept`: the kept drawing when the caller read it already (None: there is none).
    """
    current = current or version(assessment)
    if kept is _UNREAD:
        kept = kept_drawing(assessment.pk, kind, language, kept_since())
    if kept is not None:
        kept_version, result = pickle.loads(kept)  # written below, by this code alone
        if kept_version == current:
            return result
    result = draw()
    _keep(assessment, kind, language, pickle.dumps((current, result)))
    return result


def _keep(assessment: Assessment, kind: str, language: str, content: bytes) -> None:
    drawing = Drawing(
        assessment=assessment,
        kind=kind,
        language=language,
        content=content,
        drawn_at=timezone.now(),
    )
    try:
        with transaction.atomic():
            Drawing.objects.bulk_create(
                [drawing],
                update_conflicts=True,
                unique_fields=["assessment", "kind", "language"],
                update_fields=["content", "drawn_at"],
            )
    except IntegrityError:
        pass  # the web was deleted meanwhile: there is nothing to keep it for


def draw_summary(assessment: Assessment, language: str) -> SafeString:
    """The web with its table and flagged items, as the result page shows it."""
    html = drawn(
        Drawing.Kind.SUMMARY,
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
        Drawing.Kind.SVG,
        assessment,
        language,
        lambda: render_to_string(
            "assessments/_spider_web.svg", {"web": build_web_view(assessment, language)}
        ),
    )


def draw_pdf(assessment: Assessment, language: str) -> bytes:
    """The A4 report of one web."""
    from assessments.report import render_report_pdf  # ReportLab loads only when a PDF is asked

    return drawn(
        Drawing.Kind.PDF, assessment, language, lambda: render_report_pdf([assessment], language)
    )


@dataclass(frozen=True)
class Visitor:
    """A visitor without an account, as much as their result page shows of them: the page's
    address and the organisation whose brand they see (its theme context processor's answer)."""

    path: str
    layout: dict  # organisations.context_processors.theme for this visitor

    def version(self) -> str:
        organisation = self.layout.get("theme_organisation")
        theme = self.layout.get("organisation_theme")
        return repr([self.path, row_values(organisation), row_values(theme)])


@dataclass(frozen=True)
class ResultPage:
    """The result page. What differs per visit is left as holes: the CSRF token of its forms
    and the scheme and host of the private link (the request's)."""

    web: Part  # the web, its questions and links
    panels: Part | None  # the other apps' panels; None: the page renders them on each visit
    keep: Part  # how to keep a web without an account
    # The whole page, layout included, for a visitor without an account whose panels are kept.
    document: Part | None


def draw_result_page(found: ResultPageWeb, language: str, *, visitor: Visitor | None) -> ResultPage:
    """The result page of this web as it is now, kept per web and language.

    `visitor`: who asks when they have no account; their panels and the whole page are kept
    too (see `_render_visitor_panels`). With an account the panels show the person's own
    shares and steps, and are made on every visit.
    """
    assessment = found.web
    current = [
        row_version(assessment),
        str(found.has_earlier),
        get_current_timezone_name(),  # the web's date is shown in it
        get_script_prefix(),
    ]
    if visitor is None:
        current.append("account")
    else:
        current += ["visitor", found.related_version, visitor.version()]
    return drawn(
        Drawing.Kind.PAGE,
        assessment,
        language,
        lambda: _render_result_page(found, language, visitor),
        ":".join(current),
        found.kept_page,
    )


def _render_result_page(found: ResultPageWeb, language: str, visitor: Visitor | None) -> ResultPage:
    assessment = found.web
    definition = assessment.definition
    young = speaks_to_young_person(assessment)
    web = render_part(
        "assessments/_result_web.html",
        {
            "assessment": assessment,
            "title": definition.name.get(language),
            "summary": draw_summary(assessment, language),
            "young": young,
            "faces": face_rows(build_web_view(assessment, language), language) if young else [],
            "open_parts": [
                (definition.dimensions.index(dimension) + 1, dimension.name.get(language))
                for dimension in open_dimensions(assessment)
            ],
            "questions": young_questions(definition.kind) if young else conversation_questions(),
            "has_earlier": found.has_earlier,
        },
        holes=("csrf_token",),
    )
    keep = render_part(
        "assessments/_result_keep.html", {"assessment": assessment}, holes=("origin",)
    )
    if visitor is None:
        return ResultPage(web, None, keep, None)
    found.read_related()
    request = _Visitor(visitor.path)
    panels = _render_visitor_panels(assessment, request)
    if panels is None:
        return ResultPage(web, None, keep, None)
    # What the context processors give a visitor without an account; the page's test checks
    # that this document is the page the ordinary rendering makes.
    layout = {
        **visitor.layout,
        "request": request,
        "user": request.user,
        "nav_items": [],
        "messages": [],
    }
    document = compose(
        "assessments/result.html",
        {"assessment": assessment, **layout},
        {"web_part": web, "panels": panels, "keep_part": keep},
        holes=("csrf_token",),
    )
    return ResultPage(web, panels, keep, document)


class _ReadsMore(Exception):
    pass


def _refuse_queries(*_args):
    raise _ReadsMore


class _Visitor:
    """The request as the panels may see it for a visitor without an account."""

    user = AnonymousUser()

    def __init__(self, path: str):
        self._path = path

    def get_full_path(self) -> str:
        return self._path


def _render_visitor_panels(assessment: Assessment, request: _Visitor) -> Part | None:
    """The panels from the web alone, with the rows its version covers already read into it
    (`ResultPageWeb.read_related`) and a stand-in request holding only the anonymous visitor
    and the page's address.

    Whatever else a panel reads from the database is state the page's version does not cover:
    such a reading is refused, and the panels are then made on every visit (None).
    """
    try:
        with connection.execute_wrapper(_refuse_queries):
            return render_part(
                "assessments/_result_panels.html",
                {"assessment": assessment, "request": request},
                holes=("csrf_token",),
            )
    except _ReadsMore:
        return None
