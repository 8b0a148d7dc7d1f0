"""The FHIR interface as a FHIR client meets it: /metadata, Questionnaire read and search,
QuestionnaireResponse read, search and create, content negotiation, CORS, OperationOutcome."""

import json

import pytest
from django.test import override_settings
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.capabilitystatement import CapabilityStatement
from fhir.resources.R4B.operationoutcome import OperationOutcome
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from assessments.models import Assessment
from interop import fhir
from organisations.models import Membership, Organisation
from referrals.tests.conftest import login
from sharing.models import AccessLogEntry, Share

pytestmark = pytest.mark.django_db


def body(response) -> dict:
    assert response["Content-Type"].startswith("application/fhir+json")
    return json.loads(response.content)


def test_metadata_is_a_capability_statement_naming_what_is_offered(client):
    resource = body(client.get("/fhir/metadata"))
    statement = CapabilityStatement.model_validate(resource)
    assert statement.fhirVersion == "4.0.1"
    offered = {r.type: {i.code for i in r.interaction} for r in statement.rest[0].resource}
    assert offered == {
        "Questionnaire": {"read", "search-type"},
        "QuestionnaireResponse": {"read", "search-type", "create"},
    }
    assert resource["implementation"]["url"] == "http://testserver/fhir"


def test_questionnaire_by_resource_id_and_its_canonical_url_resolve_here(client, quick):
    resource = body(client.get("/fhir/Questionnaire/bredeblik-kort-1"))
    Questionnaire.model_validate(resource)
    assert resource["id"] == "bredeblik-kort-1"
    assert resource["url"] == "http://testserver/fhir/Questionnaire/bredeblik-kort"
    canonical = body(client.get(resource["url"].removeprefix("http://testserver")))
    assert (canonical["url"], canonical["version"]) == (resource["url"], quick.version)
    missing = client.get("/fhir/Questionnaire/bestaat-niet")
    assert missing.status_code == 404
    OperationOutcome.model_validate(body(missing))


@override_settings(FHIR_CANONICAL_BASE="https://fhir.example.org/r4")
def test_configured_canonical_base_wins(client):
    resource = body(client.get("/fhir/Questionnaire/bredeblik-kort-1"))
    assert resource["url"] == "https://fhir.example.org/r4/Questionnaire/bredeblik-kort"


def test_search_by_url_and_version_gives_a_bundle(client, quick):
    url = "http://testserver/fhir/Questionnaire/bredeblik-kort"
    bundle = body(client.get("/fhir/Questionnaire", {"url": url, "version": quick.version}))
    Bundle.model_validate(bundle)
    assert bundle["type"] == "searchset" and bundle["total"] == 1
    assert bundle["entry"][0]["resource"]["url"] == url
    assert body(client.get("/fhir/Questionnaire", {"url": f"{url}|99"}))["total"] == 0
    everything = body(client.get("/fhir/Questionnaire"))
    assert everything["total"] >= 4


def test_content_negotiation_json_or_a_clear_406(client):
    assert client.get("/fhir/metadata", HTTP_ACCEPT="application/fhir+json").status_code == 200
    assert client.get("/fhir/metadata", {"_format": "json"}).status_code == 200
    refused = client.get("/fhir/metadata", HTTP_ACCEPT="application/fhir+xml")
    assert refused.status_code == 406
    assert refused["Content-Type"].startswith("application/fhir+json")
    problem = OperationOutcome.model_validate(body(refused))
    assert problem.issue[0].code == "not-supported"
    assert "application/fhir+json" in problem.issue[0].diagnostics
    for format_ in ("xml", "application/fhir+xml", "html"):
        response = client.get("/fhir/Questionnaire/bredeblik-kort-1", {"_format": format_})
        assert response.status_code == 406 and b"<" not in response.content
    # A client that also takes JSON gets it; the CapabilityStatement names JSON only.
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert client.get("/fhir/metadata", HTTP_ACCEPT=browser).status_code == 200
    either = "application/fhir+xml, application/fhir+json;q=0.5"
    assert client.get("/fhir/metadata", HTTP_ACCEPT=either).status_code == 200
    formats = body(client.get("/fhir/metadata"))["format"]
    assert "xml" not in " ".join(formats)


def test_public_questionnaires_allow_cross_site_fetching(client):
    response = client.get(
        "/fhir/Questionnaire/bredeblik-kort-1", HTTP_ORIGIN="https://forms.example"
    )
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options("/fhir/Questionnaire", HTTP_ORIGIN="https://forms.example")
    assert preflight.status_code == 204 and "GET" in preflight["Access-Control-Allow-Methods"]
    web_response = client.get("/fhir/QuestionnaireResponse")
    assert not web_response.has_header("Access-Control-Allow-Origin")


@pytest.fixture
def shared(make_user, make_web):
    organisation = Organisation.objects.create(name="Wijkteam Test", slug="wijkteam-test")
    professional = make_user("pro@example.org")
    Membership.objects.create(
        user=professional, organisation=organisation, role=Membership.Role.PROFESSIONAL
    )
    person = make_user("anna@example.org")
    web = make_web(owner=person)
    Share.objects.create(
        owner=person, professional=professional, organisation=organisation, assessment=web
    )
    return {"person": person, "professional": professional, "web": web}


def test_own_webs_read_and_search(client, shared, make_user):
    web = shared["web"]
    url = f"/fhir/QuestionnaireResponse/{web.public_id}"
    assert client.get(url).status_code == 404
    assert client.get("/fhir/QuestionnaireResponse").status_code == 401
    client.force_login(make_user("ander@example.org"))
    assert client.get(url).status_code == 404
    assert body(client.get("/fhir/QuestionnaireResponse"))["total"] == 0
    client.force_login(shared["person"])
    resource = body(client.get(url))
    QuestionnaireResponse.model_validate(resource)
    assert resource["id"] == str(web.public_id)
    bundle = body(client.get("/fhir/QuestionnaireResponse"))
    assert [e["resource"]["id"] for e in bundle["entry"]] == [str(web.public_id)]
    assert not AccessLogEntry.objects.exists()  # one's own reads are not someone else's


def test_a_professional_reads_shared_webs_and_every_read_is_logged(client, shared):
    web = shared["web"]
    client.force_login(shared["professional"])  # without two-step login: nothing
    refused = client.get(f"/fhir/QuestionnaireResponse/{web.public_id}")
    assert refused.status_code == 403
    outcome = OperationOutcome.model_validate(body(refused))
    assert outcome.issue[0].code == "security" and str(web.public_id) not in str(refused.content)
    assert client.get("/fhir/QuestionnaireResponse").status_code == 403
    assert not AccessLogEntry.objects.exists()
    login(client, shared["professional"])
    assert body(client.get(f"/fhir/QuestionnaireResponse/{web.public_id}"))["id"] == str(
        web.public_id
    )
    bundle = body(client.get("/fhir/QuestionnaireResponse"))
    assert bundle["total"] == 1
    log = AccessLogEntry.objects.filter(subject=shared["person"], viewer=shared["professional"])
    assert log.count() == 2
    Share.objects.update(revoked_at="2026-01-01T00:00Z")
    assert client.get(f"/fhir/QuestionnaireResponse/{web.public_id}").status_code == 404


def test_round_trip_export_then_create_gives_the_same_scores(client, make_web):
    web = make_web()
    exported = fhir.questionnaire_response(web)
    scores, surface = dict(web.dimension_scores), web.health_surface
    Assessment.objects.all().delete()  # a fresh database, as far as webs go
    response = client.post(
        "/fhir/QuestionnaireResponse", json.dumps(exported), content_type="application/fhir+json"
    )
    assert response.status_code == 201, response.content
    created = body(response)
    QuestionnaireResponse.model_validate(created)
    imported = Assessment.objects.get()
    assert imported.dimension_scores == scores and imported.health_surface == surface
    assert imported.is_completed and imported.owner is None
    flagged = [i["linkId"] for g in created["item"] for i in g["item"] if "extension" in i]
    assert flagged == [web.definition.items[0].id]
    assert response["Location"].endswith(f"/fhir/QuestionnaireResponse/{imported.access_token}")


@pytest.mark.parametrize(
    ("change", "status", "where"),
    [
        (lambda r: r.update(status="done-ish"), 400, "status"),
        (
            lambda r: r.update(questionnaire="http://x/Questionnaire/onbekend|1"),
            422,
            "questionnaire",
        ),
        (lambda r: r["item"][0]["item"][0].update(answer=[{"valueDecimal": 11}]), 422, "linkId"),
        (lambda r: r["item"][0]["item"][0].update(linkId="verzonnen"), 422, "verzonnen"),
    ],
)
def test_a_bad_response_gets_an_operation_outcome_and_stores_nothing(
    client, make_web, change, status, where
):
    exported = fhir.questionnaire_response(make_web())
    before = Assessment.objects.count()
    change(exported)
    response = client.post(
        "/fhir/QuestionnaireResponse", json.dumps(exported), content_type="application/fhir+json"
    )
    assert response.status_code == status
    outcome = OperationOutcome.model_validate(body(response))
    assert any(where in (i.diagnostics or "") + "".join(i.expression or []) for i in outcome.issue)
    assert Assessment.objects.count() == before
    assert (
        client.post("/fhir/QuestionnaireResponse", "{", content_type="application/json").status_code
        == 400
    )
