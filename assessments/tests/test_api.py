import json

import pytest

from assessments.models import Answer, Assessment
from assessments.tests.factories import instrument


def post(client, payload):
    return client.post("/api/v1/assessments", json.dumps(payload), content_type="application/json")


@pytest.mark.django_db
def test_instruments_list_dimensions_and_items_in_both_languages(client):
    data = client.get("/api/v1/instruments").json()
    ids = {i["id"] for i in data}
    assert {
        "bredeblik-kort",
        "bredeblik-volwassenen",
        "bredeblik-eenvoudig",
        "bredeblik-kind",
    } <= ids
    full = next(i for i in data if i["id"] == "bredeblik-volwassenen")
    assert full["version"] == "1"
    assert [d["id"] for d in full["dimensions"]][0] == "lichaamsfuncties"
    item = full["dimensions"][0]["items"][0]
    assert item["id"] and item["text"]["nl"] and item["text"]["en"]


@pytest.mark.django_db
def test_create_a_complete_web(client):
    definition = instrument().parsed
    answers = {d.items[0].id: 5 for d in definition.dimensions}
    response = post(
        client,
        {
            "instrument": "bredeblik-kort",
            "answers": answers,
            "flags": [definition.dimensions[4].items[0].id],
            "notes": {"meedoen": "Ik mis mijn club."},
        },
    )
    assert response.status_code == 201
    data = response.json()
    assert data["dimension_scores"] == {d.id: 5.0 for d in definition.dimensions}
    assert data["health_surface"] == 25.0
    detail = client.get(data["url"])
    assert detail.status_code == 200
    assert detail.json()["answers"] == answers == data["answers"]
    assert detail.json()["notes"] == {"meedoen": "Ik mis mijn club."}
    assert detail.json()["flags"] == [definition.dimensions[4].items[0].id]
    svg = client.get(data["svg_url"])
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    pdf = client.get(data["pdf_url"])
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_partial_answers_give_null_scores_and_no_surface(client):
    item = instrument().parsed.dimensions[0].items[0].id
    data = post(client, {"instrument": "bredeblik-kort", "answers": {item: 7}}).json()
    assert data["dimension_scores"]["lichaamsfuncties"] == 7.0
    assert data["dimension_scores"]["zingeving"] is None
    assert data["health_surface"] is None


@pytest.mark.django_db
def test_bad_items_are_each_named_and_nothing_is_stored(client):
    items = [d.items[0].id for d in instrument().parsed.dimensions]
    response = post(
        client,
        {
            "instrument": "bredeblik-kort",
            "answers": {items[0]: 11, items[1]: "veel", items[2]: 4, "bestaat-niet": 3},
            "flags": ["ook-niet"],
        },
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {items[0], items[1], "bestaat-niet", "ook-niet"}
    assert Assessment.objects.count() == 0
    assert Answer.objects.count() == 0


@pytest.mark.django_db
def test_unknown_instrument_and_malformed_body(client):
    response = post(client, {"instrument": "bestaat-niet", "answers": {}})
    assert response.status_code == 400
    assert "instrument" in response.json()["errors"]
    response = post(client, {"answers": []})
    assert response.status_code == 400
    assert Assessment.objects.count() == 0


@pytest.mark.django_db
def test_private_url_needs_the_exact_token(client):
    assert client.get("/api/v1/assessments/not-a-token").status_code == 404


@pytest.mark.django_db
def test_openapi_document_describes_the_api(client):
    document = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/instruments" in document["paths"]
    assert "post" in document["paths"]["/api/v1/assessments"]
    assert "/api/v1/assessments/{token}/report.pdf" in document["paths"]
