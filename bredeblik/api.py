"""The JSON API: one router per app, published with its OpenAPI document at /api/v1/openapi.json."""

from django.http import HttpRequest, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from assessments.api import router as assessments_router
from conversations.api import router as conversations_router
from core.middleware import CODE_KWARGS
from insights.api import router as insights_router
from instruments.api import router as instruments_router
from sharing.api import router as sharing_router
from sharing.api_auth import INVALID_REQUEST, NOT_LOGGED_IN

ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "required": ["detail"],
    "properties": {
        "detail": {"type": "string", "description": "What went wrong, in a few words."},
        "errors": {
            "type": "object",
            "additionalProperties": {"type": "string"},
            "description": "Field name -> what is wrong with it (400 only).",
        },
    },
}
_ERROR_RESPONSES = {
    "400": "The request does not fit: `errors` names each field.",
    "401": "No valid session or `Authorization: Bearer <key>`.",
    "403": "Logged in, but not allowed (or the CSRF token of a session is missing).",
    "404": "Not found, or not yours to see.",
    "429": "Too many wrong codes or links from this address: wait a quarter of an hour.",
}


class BredeBlikAPI(NinjaAPI):
    """Every operation documents the errors it can give, all with one error body."""

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        for path, operations in schema["paths"].items():
            for operation in operations.values():
                codes = []
                if operation.get("parameters") or operation.get("requestBody"):
                    codes.append("400")
                if operation.get("security"):
                    codes += ["401", "403"]
                if "{" in path:
                    codes.append("404")
                # A code or private link in the path shares the code-guessing limit.
                if any(f"{{{name}}}" in path for name in CODE_KWARGS):
                    codes.append("429")
                responses = operation.setdefault("responses", {})
                for code in codes:
                    responses.setdefault(
                        code, {"description": _ERROR_RESPONSES[code], "content": error}
                    )
        return schema


api = BredeBlikAPI(
    title="Brede Blik API",
    version="1",
    description="Spider webs, instruments, consent and conversations of Brede Blik.",
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url=None,
)


@api.exception_handler(ValidationError)
def invalid_request(request: HttpRequest, exc: ValidationError) -> JsonResponse:
    """Malformed requests get 400 with each offending field named, like domain errors."""
    errors: dict[str, str] = {}
    for error in exc.errors:
        field = ".".join(str(p) for p in error.get("loc", ())[1:]) or "request"
        errors.setdefault(field, error.get("msg", "invalid"))
    return JsonResponse({"detail": str(INVALID_REQUEST), "errors": errors}, status=400)


@api.exception_handler(AuthenticationError)
def not_logged_in(request: HttpRequest, exc: AuthenticationError) -> JsonResponse:
    return JsonResponse({"detail": str(NOT_LOGGED_IN)}, status=401)


api.add_router("/instruments", instruments_router)
api.add_router("/assessments", assessments_router)
api.add_router("/assessments", insights_router)
api.add_router("/", sharing_router)
api.add_router("/", conversations_router)
