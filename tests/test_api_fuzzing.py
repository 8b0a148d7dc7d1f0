"""Schemathesis runs generated requests against both OpenAPI documents: no 5xx, and every
response (status, content type, body) as the document says. Bounded and deterministic."""

import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from sharing.models import ApiToken
from socialmap import demo

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
FUZZ = settings(
    max_examples=15,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


def _fuzz(path: str, headers: dict | None = None) -> tuple[int, list[str]]:
    """Every operation of the document at `path`, each with a bounded, seeded set of cases:
    how many requests were made, and what failed."""
    # As Django's test client does: the in-process requests must not close the test's
    # database connection (on PostgreSQL that ends the test transaction).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    schema = schemathesis.openapi.from_wsgi(path, get_wsgi_application())
    failures = []
    calls = 0
    for result in schema.get_all_operations():
        operation = result.ok()

        @FUZZ
        @given(case=operation.as_strategy())
        def check(case):
            nonlocal calls
            calls += 1
            case.call_and_validate(checks=CHECKS, headers=headers)

        try:
            check()
        except (Exception, BaseExceptionGroup) as exc:  # every failing operation, not the first
            failures.append(f"{operation.label}: {exc}"[:2000])
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)
    return calls, failures


def test_json_api_keeps_its_openapi_promises(db):
    calls, failures = _fuzz("/api/v1/openapi.json")
    assert failures == [], "\n\n".join(failures)
    assert calls > 100


def test_json_api_keeps_its_promises_for_a_signed_in_professional(db, django_user_model):
    """With a key, the requests reach the handlers' own checks instead of stopping at 401."""
    user = django_user_model.objects.create_user("fuzz@example.org", "een-lang-wachtwoord")
    _token, key = ApiToken.issue(user, "fuzz", verified=True)
    calls, failures = _fuzz("/api/v1/openapi.json", {"Authorization": f"Bearer {key}"})
    assert failures == [], "\n\n".join(failures)
    assert calls > 100


def test_hsds_api_keeps_its_openapi_promises(db):
    demo.load()
    calls, failures = _fuzz("/hsds/openapi.json")
    assert failures == []
    assert calls > 50
