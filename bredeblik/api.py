"""The JSON API: one router per app, published with its OpenAPI document at /api/v1/openapi.json."""

from django.http import HttpRequest, JsonResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError

from assessments.api import router as assessments_router
from conversations.api import router as conversations_router
from instruments.api import router as instruments_router
from sharing.api import router as sharing_router

api = NinjaAPI(
    title="Brede Blik API",
    version="1",
    description="Spider webs, instruments, consent and conversations of Brede Blik.",
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url=None,
)


@api.exception_handler(ValidationError)
def invalid_request(request: HttpRequest, exc: ValidationError) -> JsonResponse:
    """Malformed JSON bodies get 400 with each offending field named, like domain errors."""
    errors = [
        {"field": ".".join(str(p) for p in e.get("loc", ())[1:]), "message": e.get("msg", "")}
        for e in exc.errors
    ]
    return JsonResponse({"detail": "invalid request", "errors": errors}, status=400)


api.add_router("/instruments", instruments_router)
api.add_router("/assessments", assessments_router)
api.add_router("/", sharing_router)
api.add_router("/", conversations_router)
