import json

import pytest
from django.urls import reverse
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.services import Submission, save_submission, start_assessment
from instruments.models import InstrumentVersion
from instruments.selectors import latest_version
from interop import fhir
from organisations.models import Organisation

pytestmark = pytest.mark.django_db


def english(element: dict) -> str:
    (translation,) = element["extension"]
    parts = {e["url"]: e for e in translation["extension"]}
    assert parts["lang"]["valueCode"] == "en"
    return parts["content"]["valueString"]


@pytest.mark.parametrize(
    "instrument",
    ["bredeblik-kort", "bredeblik-volwassenen", "bredeblik-eenvoudig", "bredeblik-kind"],
)
def test_questionnaire_has_a_group_per_dimension_and_every_item_in_both_languages(instrument):
    version = latest_version(instrument)
    definition = version.parsed
    resource = fhir.questionnaire(version)
    Questionnaire.model_validate(resource)
    assert resource["url"].endswith(f"/Questionnaire/{instrument}")
    assert resource["version"] == definition.version
    assert english(resource["_title"]) == definition.name.en
    groups = resource["item"]
    assert [g["linkId"] for g in groups] == [d.id for d in definition.dimensions]
    for group, dimension in zip(groups, definition.dimensions, strict=True):
        assert group["type"] == "group"
        assert group["text"] == dimension.name.nl
        assert english(group["_text"]) == dimension.name.en
        questions = [q for q in group["item"] if q["type"] != "text"]
        assert [q["linkId"] for q in questions] == [i.id for i in dimension.items]
        for question, item in zip(questions, dimension.items, strict=True):
            assert english(question["_text"]) == item.text.en


def test_number_scale_is_decimal_with_min_and_max(quick):
    question = fhir.questionnaire(quick)["item"][0]["item"][0]
    assert question["type"] == "decimal"
    limits = {e["url"]: e["valueDecimal"] for e in question["extension"]}
    assert limits == {fhir.MIN_VALUE: 0, fhir.MAX_VALUE: 10}


def test_picture_scale_is_a_choice_with_answer_options():
    version = latest_version("bredeblik-kind")
    question = fhir.questionnaire(version)["item"][0]["item"][0]
    assert question["type"] == "choice"
    codings = [o["valueCoding"] for o in question["answerOption"]]
    assert [c["code"] for c in codings] == ["0", "2.5", "5", "7.5", "10"]
    assert english(codings[1]["_display"]) == "Mostly not"


def test_questionnaire_response_carries_answers_flags_notes_and_canonical(make_web):
    web = make_web()
    resource = fhir.questionnaire_response(web)
    QuestionnaireResponse.model_validate(resource)
    definition = web.definition
    assert resource["questionnaire"] == f"{fhir.canonical_url(definition.id)}|{definition.version}"
    assert resource["status"] == "completed"
    first = resource["item"][0]
    first_item = first["item"][0]
    assert first_item["answer"] == [{"valueDecimal": 5.0}]
    assert first_item["extension"] == [{"url": fhir.WANTS_TO_TALK, "valueBoolean": True}]
    flagged = [i["linkId"] for g in resource["item"] for i in g["item"] if "extension" in i]
    assert flagged == [definition.items[0].id]
    note = first["item"][-1]
    assert note["linkId"] == fhir.note_link_id(definition.dimensions[0].id)
    assert note["answer"] == [{"valueString": "Ik slaap slecht"}]
    answered = [i for g in resource["item"] for i in g["item"] if "answer" in i]
    assert len(answered) == len(definition.items) + 1


def test_response_link_ids_exist_in_the_questionnaire(make_web):
    web = make_web()
    questionnaire_ids = {
        i["linkId"] for g in fhir.questionnaire(web.instrument)["item"] for i in [g, *g["item"]]
    }
    response_ids = {
        i["linkId"] for g in fhir.questionnaire_response(web)["item"] for i in [g, *g["item"]]
    }
    assert response_ids <= questionnaire_ids


def test_picture_answers_are_codings_and_draft_is_in_progress():
    version = latest_version("bredeblik-kind")
    web = start_assessment(version)
    item = version.parsed.items[0]
    save_submission(web, Submission(answers={item.id: 7.5}))
    resource = fhir.questionnaire_response(web)
    assert resource["status"] == "in-progress"
    assert resource["item"][0]["item"][0]["answer"][0]["valueCoding"]["code"] == "7.5"


def test_empty_draft_is_still_valid(quick):
    resource = fhir.questionnaire_response(start_assessment(quick))
    QuestionnaireResponse.model_validate(resource)
    assert "item" not in resource


def test_questionnaire_endpoint_is_public(client, quick):
    response = client.get(
        reverse("interop:questionnaire", args=[quick.instrument_id, quick.version])
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/fhir+json")
    assert json.loads(response.content)["resourceType"] == "Questionnaire"


def test_unknown_or_organisation_questionnaire_is_404(client, quick):
    assert (
        client.get(reverse("interop:questionnaire", args=["bestaat-niet", "1"])).status_code == 404
    )
    assert (
        client.get(reverse("interop:questionnaire", args=[quick.instrument_id, "99"])).status_code
        == 404
    )
    organisation = Organisation.objects.create(name="Fictieve Zorg", slug="fictieve-zorg")
    InstrumentVersion.objects.create(
        instrument_id="eigen", version="1", definition=quick.definition, organisation=organisation
    )
    assert client.get(reverse("interop:questionnaire", args=["eigen", "1"])).status_code == 404


def test_response_endpoint_only_for_the_webs_own_person(client, make_user, make_web):
    owner, other = make_user("eigen@example.org"), make_user("ander@example.org")
    web = make_web(owner=owner)
    url = reverse("interop:questionnaire_response", args=[web.access_token])
    assert client.get(url).status_code == 404
    client.force_login(other)
    assert client.get(url).status_code == 404
    client.force_login(owner)
    response = client.get(url)
    assert response.status_code == 200
    assert json.loads(response.content)["id"] == str(web.public_id)
    assert "no-store" in response["Cache-Control"]


def test_response_endpoint_for_anonymous_web_by_link_and_unknown_token(client, make_web):
    web = make_web()
    assert (
        client.get(reverse("interop:questionnaire_response", args=[web.access_token])).status_code
        == 200
    )
    assert client.get(reverse("interop:questionnaire_response", args=["nope"])).status_code == 404


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_answer_set_gives_a_valid_response_with_exactly_those_answers(quick, data):
    definition = quick.parsed
    item_ids = [item.id for item in definition.items]
    answers = data.draw(
        st.dictionaries(
            st.sampled_from(item_ids),
            st.one_of(st.none(), st.integers(0, 10), st.floats(0, 10, allow_nan=False)),
        )
    )
    flags = data.draw(st.lists(st.sampled_from(item_ids), unique=True))
    web = start_assessment(quick)
    save_submission(web, Submission(answers=answers, flags=flags))
    resource = fhir.questionnaire_response(web)
    QuestionnaireResponse.model_validate(resource)
    given_answers = {
        i["linkId"]: i["answer"][0]["valueDecimal"]
        for g in resource.get("item", [])
        for i in g["item"]
        if "answer" in i
    }
    assert given_answers == {k: float(v) for k, v in answers.items() if v is not None}
    flagged = {i["linkId"] for g in resource.get("item", []) for i in g["item"] if "extension" in i}
    assert flagged == set(flags)


def test_paper_web_says_so_in_the_response(make_web):
    web = make_web()
    web.entry = "paper"
    web.save()
    resource = fhir.questionnaire_response(web)
    QuestionnaireResponse.model_validate(resource)
    assert {"url": fhir.ENTRY_MODE, "valueCode": "paper"} in resource["extension"]
