"""JSON API for webs: create one in a single call, read it back through its private url."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language
from ninja import Router, Schema, Status

from assessments import drawings
from assessments.models import Assessment
from assessments.selectors import is_own_web
from assessments.services import AnswerErrors, Submission, create_completed_assessment
from core.formatting import score_value
from instruments.selectors import latest_version

router = Router(tags=["assessments"])


class AssessmentIn(Schema):
    instrument: str
    answers: dict[str, Any] = {}
    flags: list[Any] = []
    notes: dict[str, Any] = {}


class AssessmentOut(Schema):
    id: str
    instrument: str
    instrument_version: str
    status: str
    # "" filled in by the person, "together" in the room, "paper" typed in from paper.
    entry: str
    created_at: str
    dimension_scores: dict[str, float | None]
    health_surface: float | None
    answers: dict[str, float | None]
    flags: list[str]
    notes: dict[str, str]
    url: str
    svg_url: str
    pdf_url: str


class ErrorOut(Schema):
    detail: str
    errors: dict[str, str]


def assessment_out(request: HttpRequest, assessment: Assessment) -> dict:
    token = assessment.access_token
    answers = list(assessment.answers.all())
    return {
        "id": str(assessment.public_id),
        "instrument": assessment.instrument.instrument_id,
        "instrument_version": assessment.instrument.version,
        "status": assessment.status,
        "entry": assessment.entry,
        "created_at": assessment.created_at.isoformat(),
        # In the order of the web: PostgreSQL's jsonb does not keep the stored key order.
        "dimension_scores": {
            d.id: score_value(assessment.dimension_scores.get(d.id))
            for d in assessment.definition.dimensions
        },
        "health_surface": score_value(assessment.health_surface),
        "answers": {a.item_id: a.value for a in answers if a.value is not None},
        "flags": [a.item_id for a in answers if a.wants_to_talk],
        "notes": {n.dimension_id: n.text for n in assessment.notes.all()},
        "url": request.build_absolute_uri(reverse("api:assessment_detail", args=[token])),
        "svg_url": request.build_absolute_uri(reverse("api:assessment_svg", args=[token])),
        "pdf_url": request.build_absolute_uri(reverse("api:assessment_pdf", args=[token])),
    }


@router.post(
    "",
    response={201: AssessmentOut, 400: ErrorOut},
    summary="Create a web from answers (may be partial)",
)
def create_assessment(request: HttpRequest, payload: AssessmentIn):
    """Answers map item ids to numbers 0–10 and may leave items out. Every out-of-range,
    non-numeric or unknown item is named in a 400 answer, and then nothing is stored.
    The returned `url` is private: whoever has it can read this web."""
    instrument = latest_version(payload.instrument)
    if instrument is None or instrument.organisation_id is not None:
        return Status(
            400, {"detail": "unknown instrument", "errors": {"instrument": payload.instrument}}
        )
    # Webs made through the API belong to no account: the private url is the key to them.
    try:
        assessment = create_completed_assessment(
            instrument,
            Submission(answers=payload.answers, flags=payload.flags, notes=payload.notes),
        )
    except AnswerErrors as exc:
        return Status(400, {"detail": "invalid answers", "errors": exc.errors})
    return Status(201, assessment_out(request, assessment))


def _own(request: HttpRequest, token: str) -> Assessment:
    assessment = get_object_or_404(
        Assessment.objects.select_related("instrument"), access_token=token
    )
    if not is_own_web(request, assessment):
        raise Http404
    return assessment


@router.get("/{token}", response=AssessmentOut, url_name="assessment_detail", summary="Read a web")
def get_assessment(request: HttpRequest, token: str):
    return assessment_out(request, _own(request, token))


@router.get("/{token}/web.svg", url_name="assessment_svg", summary="The web as SVG image")
def get_assessment_svg(request: HttpRequest, token: str):
    svg = drawings.draw_svg(_own(request, token), get_language() or "nl")
    return HttpResponse(svg, content_type="image/svg+xml")


@router.get("/{token}/report.pdf", url_name="assessment_pdf", summary="The A4 PDF report")
def get_assessment_pdf(request: HttpRequest, token: str):
    pdf = drawings.draw_pdf(_own(request, token), get_language() or "nl")
    return HttpResponse(pdf, content_type="application/pdf")
