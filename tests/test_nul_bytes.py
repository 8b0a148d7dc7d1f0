"""A NUL character anywhere in a request is refused with 400 and stores nothing, on SQLite and
PostgreSQL alike (PostgreSQL cannot store it in text and would otherwise fail with a 500)."""

import json

import pytest
from django.urls import reverse

from assessments.models import Assessment
from sharing.models import ApiToken

pytestmark = pytest.mark.django_db


def _count() -> int:
    return Assessment.objects.count()


@pytest.mark.parametrize(
    "note",
    ["Ik slaap\u0000 slecht", "\u0000"],
)
def test_nul_in_a_json_body_is_400_with_the_api_error_body(client, note):
    before = _count()
    body = {"instrument": "bredeblik-kort", "answers": {"kort-lf": 7}, "notes": {"lichaam": note}}
    response = client.post("/api/v1/assessments", json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    assert "NUL" in response.json()["errors"]["request"]
    assert _count() == before


def test_nul_in_a_json_key_or_code_is_400(client, django_user_model):
    user = django_user_model.objects.create_user("nul@example.org", "een-lang-wachtwoord")
    _token, key = ApiToken.issue(user, "test")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    body = '{"web": "e3e70682-c209-4cac-a29f-6fbed82c07cd", "code": "AB\\u0000CD"}'
    response = client.post("/api/v1/shares", body, content_type="application/json", **headers)
    assert response.status_code == 400
    body = '{"instrument\\u0000": "bredeblik-kort", "answers": {}}'
    assert (
        client.post("/api/v1/assessments", body, content_type="application/json").status_code == 400
    )


def test_an_escaped_backslash_before_u0000_is_ordinary_text(client):
    # The JSON text "C:\\u0000" is the seven characters C:\u0000: no NUL at all.
    note = "C:" + "\\" * 2 + "u0000"
    body = '{"instrument": "bredeblik-kort", "answers": {"kort-lf": 7}, "notes": {"x": "%s"}}'
    response = client.post("/api/v1/assessments", body % note, content_type="application/json")
    assert "NUL" not in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/assessments/abc%00def",
        "/api/v1/instruments?x=%00",
        "/hsds/services?search=a%00b",
        "/hsds/services/%00",
        "/sociale-kaart/?q=zorg%00",
    ],
)
def test_nul_in_a_path_or_query_is_400(client, url):
    assert client.get(url).status_code == 400


def test_nul_in_a_form_field_is_400_and_changes_nothing(client):
    response = client.post(reverse("assessments:resume"), {"code": "K7QM\x004XPD"})
    assert response.status_code == 400
