import json

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from assessments.models import Assessment
from assessments.selectors import is_own_web
from instruments.models import InstrumentVersion
from interop import fhir

FHIR_JSON = "application/fhir+json; charset=utf-8"


def _fhir_response(resource: dict) -> HttpResponse:
    return HttpResponse(json.dumps(resource, ensure_ascii=False, indent=2), content_type=FHIR_JSON)


@require_GET
def questionnaire(request: HttpRequest, instrument_id: str, version: str) -> HttpResponse:
    # Organisation-specific versions are the organisation's business, not a public standard.
    instrument = get_object_or_404(
        InstrumentVersion, instrument_id=instrument_id, version=version, organisation__isnull=True
    )
    return _fhir_response(fhir.questionnaire(instrument))


@require_GET
def questionnaire_response(request: HttpRequest, token: str) -> HttpResponse:
    assessment = get_object_or_404(
        Assessment.objects.select_related("instrument"), access_token=token
    )
    if not is_own_web(request, assessment):
        raise Http404
    response = _fhir_response(fhir.questionnaire_response(assessment))
    response["Cache-Control"] = "private, no-store"
    return response
