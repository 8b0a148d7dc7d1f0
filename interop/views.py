"""A small FHIR R4 server: capability statement, Questionnaires (public, read and search) and
QuestionnaireResponses (read and search of one's own and shared webs, create by POST).

Responses are `application/fhir+json`; XML is not offered and asking only for it gives 406.
Errors are OperationOutcome resources.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from functools import wraps

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from assessments.models import Assessment
from assessments.selectors import is_own_web
from assessments.services import (
    AnswerErrors,
    Submission,
    create_completed_assessment,
    save_submission,
    start_assessment,
    validate_submission,
)
from instruments.models import InstrumentVersion
from interop import fhir
from sharing.audit import record_access
from sharing.consent import can_view_assessment, visible_assessments

FHIR_JSON = "application/fhir+json; charset=utf-8"
JSON_TYPES = {"application/fhir+json", "application/json", "json", "application/*", "*/*"}
MAX_BODY = 1024 * 1024


def _fhir_response(resource: dict, status: int = 200) -> HttpResponse:
    return HttpResponse(
        json.dumps(resource, ensure_ascii=False, indent=2), content_type=FHIR_JSON, status=status
    )


def outcome(status: int, code: str, issues: list[tuple[str, str]]) -> HttpResponse:
    return _fhir_response(
        {
            "resourceType": "OperationOutcome",
            "issue": [
                {
                    "severity": "error",
                    "code": code,
                    "diagnostics": text,
                    **({"expression": [where]} if where else {}),
                }
                for where, text in issues
            ],
        },
        status,
    )


def _wants_json(request: HttpRequest) -> bool:
    """`_format` wins over `Accept`; no preference means JSON."""
    wanted = request.GET.get("_format")
    if wanted:
        return wanted.split(";")[0].strip() in JSON_TYPES
    accept = request.headers.get("Accept", "")
    if not accept.strip():
        return True
    return any(part.split(";")[0].strip() in JSON_TYPES for part in accept.split(","))


def fhir_endpoint(*methods: str, public: bool = False) -> Callable:
    """Content negotiation for every FHIR view; for public resources also CORS, so a form
    renderer on another site can fetch them from the browser."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if public and request.method == "OPTIONS":
                response = HttpResponse(status=204)
            elif not _wants_json(request):
                response = outcome(
                    406,
                    "not-supported",
                    [("", "This server answers in FHIR JSON only: ask for application/fhir+json.")],
                )
            else:
                response = view(request, *args, **kwargs)
            if public:
                response["Access-Control-Allow-Origin"] = "*"
                response["Access-Control-Allow-Methods"] = "GET, OPTIONS"
                response["Access-Control-Allow-Headers"] = "Accept, Content-Type"
            response["Vary"] = "Accept"
            return response

        allowed = [*methods, "OPTIONS"] if public else list(methods)
        return require_http_methods(allowed)(wrapper)

    return decorate


def _bundle(request: HttpRequest, resources: list[dict]) -> dict:
    base = fhir.canonical_base(request)
    return {
        "resourceType": "Bundle",
        "type": "searchset",
        "timestamp": timezone.now().isoformat(),
        "total": len(resources),
        "link": [{"relation": "self", "url": request.build_absolute_uri()}],
        "entry": [
            {
                "fullUrl": f"{base}/{r['resourceType']}/{r['id']}",
                "resource": r,
                "search": {"mode": "match"},
            }
            for r in resources
        ],
    }


# ---------------------------------------------------------------- capability statement


@fhir_endpoint("GET", public=True)
def metadata(request: HttpRequest) -> HttpResponse:
    return _fhir_response(fhir.capability_statement(fhir.canonical_base(request)))


# ---------------------------------------------------------------- Questionnaire


def _public_versions():
    # Organisation-specific versions are the organisation's business, not a public standard.
    return InstrumentVersion.objects.filter(organisation__isnull=True)


@fhir_endpoint("GET", public=True)
def questionnaire_read(request: HttpRequest, resource_id: str) -> HttpResponse:
    """By resource id (`bredeblik-kort-1`); the bare instrument id of a canonical URL
    (`bredeblik-kort`) gives its newest version, so canonical URLs resolve here."""
    versions = list(_public_versions())
    found = next((v for v in versions if fhir.questionnaire_id(v) == resource_id), None)
    if found is None:
        of_instrument = [v for v in versions if v.instrument_id == resource_id]
        found = max(of_instrument, key=lambda v: (v.is_active, v.pk), default=None)
    if found is None:
        return outcome(404, "not-found", [("", f"Questionnaire/{resource_id} is not known here.")])
    return _fhir_response(fhir.questionnaire(found, fhir.canonical_base(request)))


@fhir_endpoint("GET", public=True)
def questionnaire_version(request: HttpRequest, instrument_id: str, version: str) -> HttpResponse:
    found = _public_versions().filter(instrument_id=instrument_id, version=version).first()
    if found is None:
        return outcome(404, "not-found", [("", f"{instrument_id} version {version} is not known.")])
    return _fhir_response(fhir.questionnaire(found, fhir.canonical_base(request)))


@fhir_endpoint("GET", public=True)
def questionnaire_search(request: HttpRequest) -> HttpResponse:
    """Search by `url` (canonical, `url|version` allowed), `version`, `_id`."""
    base = fhir.canonical_base(request)
    url = request.GET.get("url", "")
    version = request.GET.get("version")
    if "|" in url:
        url, version = url.split("|", 1)[0], version or url.split("|", 1)[1]
    matches = []
    for found in _public_versions().order_by("instrument_id", "pk"):
        if url and url.rstrip("/") != fhir.canonical_url(found.instrument_id, base):
            continue
        if version and found.version != version:
            continue
        if request.GET.get("_id") and request.GET["_id"] != fhir.questionnaire_id(found):
            continue
        matches.append(fhir.questionnaire(found, base))
    return _fhir_response(_bundle(request, matches))


# ---------------------------------------------------------------- QuestionnaireResponse


def _readable(request: HttpRequest, assessment: Assessment, context: str) -> bool:
    """The web's own person, or someone it is shared with (then the read is logged)."""
    user = request.user
    if user.is_authenticated and assessment.owner_id == user.pk:
        return True
    if can_view_assessment(user, assessment):
        record_access(
            user,
            assessment.owner,
            what="web",
            context=context,
            assessment=assessment,
        )
        return True
    return False


@fhir_endpoint("GET")
def questionnaire_response_read(request: HttpRequest, resource_id: str) -> HttpResponse:
    """By resource id (the web's public id, for its person or whom it is shared with), or by
    the web's private link token (whoever holds the link of a web without an account)."""
    assessment = None
    try:
        public_id = uuid.UUID(resource_id)
    except ValueError:
        by_link = Assessment.objects.filter(access_token=resource_id).first()
        if by_link is not None and is_own_web(request, by_link):
            assessment = by_link
    else:
        by_id = Assessment.objects.filter(public_id=public_id).first()
        if by_id is not None and _readable(request, by_id, "fhir read"):
            assessment = by_id
    if assessment is None:
        return outcome(404, "not-found", [("", "No such QuestionnaireResponse for you.")])
    response = _fhir_response(fhir.questionnaire_response(assessment, fhir.canonical_base(request)))
    response["Cache-Control"] = "private, no-store"
    return response


def _search_responses(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.is_authenticated:
        return outcome(401, "login", [("", "Log in to search your webs.")])
    webs = Assessment.objects.filter(
        Q(owner=user) | Q(pk__in=visible_assessments(user).values("pk"))
    )
    wanted = request.GET.get("questionnaire")
    if wanted:
        instrument_id, version = fhir.split_canonical(wanted)
        webs = webs.filter(instrument__instrument_id=instrument_id)
        if version:
            webs = webs.filter(instrument__version=version)
    base = fhir.canonical_base(request)
    resources = []
    for web in webs.select_related("instrument", "owner").order_by("-created_at")[:200]:
        if web.owner_id != user.pk:
            _readable(request, web, "fhir search")
        resources.append(fhir.questionnaire_response(web, base))
    response = _fhir_response(_bundle(request, resources))
    response["Cache-Control"] = "private, no-store"
    return response


def _create_response(request: HttpRequest) -> HttpResponse:
    """Import a web filled in elsewhere. It gets no owner (like POST /api/v1/assessments):
    the answer carries its private link, with which the person adds it to an account."""
    if len(request.body) > MAX_BODY:
        return outcome(413, "too-costly", [("", "The resource is larger than 1 MB.")])
    try:
        data = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return outcome(400, "structure", [("", "The body is not JSON.")])
    issues = fhir.structure_issues(data)
    if issues:
        return outcome(400, "structure", issues)
    instrument_id, version = fhir.split_canonical(data.get("questionnaire", ""))
    versions = _public_versions().filter(instrument_id=instrument_id)
    instrument = (versions.filter(version=version) if version else versions.order_by("-pk")).first()
    if instrument is None:
        return outcome(
            422, "not-found", [("questionnaire", f"Unknown Questionnaire {instrument_id!r}.")]
        )
    answers, flags, notes = fhir.answers_of(data)
    submission = Submission(answers=answers, flags=flags, notes=notes)
    try:
        if data.get("status") == "completed":
            web = create_completed_assessment(instrument, submission)
        else:
            validate_submission(instrument.parsed, submission)
            web = start_assessment(instrument)
            save_submission(web, submission)
    except AnswerErrors as exc:
        return outcome(
            422,
            "invalid",
            [(f"item.where(linkId='{k}')", str(v)) for k, v in exc.errors.items()],
        )
    base = fhir.canonical_base(request)
    response = _fhir_response(fhir.questionnaire_response(web, base), status=201)
    response["Location"] = request.build_absolute_uri(
        reverse("interop:questionnaire_response", args=[web.access_token])
    )
    return response


@csrf_exempt
@fhir_endpoint("GET", "POST")
def questionnaire_response_type(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _create_response(request)
    return _search_responses(request)
