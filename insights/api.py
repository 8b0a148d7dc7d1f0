"""JSON API for a person's consent to count one web in the collective figures."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from assessments.models import Assessment
from assessments.selectors import is_own_web
from insights import services
from sharing.guardian_consent import GuardianConsentNeeded

router = Router(tags=["figures"])


class FiguresIn(Schema):
    postcode_area: str
    """The four digits of the postcode, e.g. `9991`; never an address."""
    age_band: str
    """One of `0-11`, `12-17`, `18-29`, `30-44`, `45-64`, `65-79`, `80+`."""


class FiguresOut(Schema):
    counted: bool
    postcode_area: str | None
    age_band: str | None


class FiguresError(Schema):
    detail: str
    reason: str = ""


def _own(request: HttpRequest, token: str) -> Assessment:
    assessment = get_object_or_404(
        Assessment.objects.select_related("instrument"), access_token=token
    )
    if not is_own_web(request, assessment):
        raise Http404
    return assessment


@router.post(
    "/{token}/figures",
    response={201: FiguresOut, 400: FiguresError, 403: FiguresError},
    summary="Count this web anonymously in the figures",
)
def opt_in(request: HttpRequest, token: str, payload: FiguresIn):
    """Under 16 a parent's or guardian's consent must be recorded first; otherwise 403."""
    assessment = _own(request, token)
    try:
        consent = services.opt_in(
            assessment, postcode_area=payload.postcode_area, age_band=payload.age_band
        )
    except GuardianConsentNeeded as refusal:
        return Status(403, {"detail": refusal.message, "reason": str(refusal.decision.reason)})
    except ValidationError as error:
        return Status(400, {"detail": " ".join(error.messages)})
    return Status(
        201, {"counted": True, "postcode_area": consent.postcode_area, "age_band": consent.age_band}
    )


@router.delete("/{token}/figures", response=FiguresOut, summary="Stop counting this web")
def opt_out(request: HttpRequest, token: str):
    services.opt_out(_own(request, token))
    return {"counted": False, "postcode_area": None, "age_band": None}
