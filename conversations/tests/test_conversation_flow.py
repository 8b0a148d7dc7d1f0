import json

import pytest
from django.urls import reverse

from assessments.models import Assessment
from assessments.services import Submission, open_dimensions, save_submission, start_assessment
from assessments.tests.factories import instrument
from conversations import personal_data
from conversations.models import Conversation, Step
from conversations.services import ConversationError, add_step, update_conversation
from conversations.tests.helpers import (
    PERSON_NAME,
    SECRET_ANSWER,
    SECRET_STEP,
    conversation_with_steps,
    login,
    member,
    share,
    user,
    verified,
    webs_for,
)
from instruments.models import InstrumentVersion
from instruments.selectors import latest_version
from organisations.models import Membership, Organisation
from sharing.models import AccessLogEntry

P = Membership.Role


@pytest.fixture
def setting(db):
    organisation = Organisation.objects.create(name="Wijkteam Fictief", slug="wijkteam-fictief")
    professional = member(user("prof@example.org", "Pim Prof"), organisation, P.PROFESSIONAL)
    person = user("anna@example.org", PERSON_NAME)
    webs = webs_for(person)
    share(person, professional, webs)
    return organisation, professional, person, webs


@pytest.mark.django_db
def test_professional_starts_and_walks_through_the_action_wheel(client, setting):
    _org, professional, person, webs = setting
    login(client, professional)
    page = client.get(reverse("conversations:start", args=[person.pk])).content.decode()
    assert "tussenmeting" in page.lower() or "midway" in page.lower() or str(webs[1]) in page
    response = client.post(
        reverse("conversations:start", args=[person.pk]),
        {
            "assessments": [str(webs[1].public_id)],
            "theme_kind": "dimension",
            "theme": "meedoen",
            "postcode_area": "3511",
        },
    )
    conversation = Conversation.objects.get()
    assert response["Location"] == reverse(
        "conversations:question", args=[conversation.public_id, 1]
    )
    assert conversation.postcode_area == "3511"
    # Question 10 is the first step of the action wheel.
    url = reverse("conversations:question", args=[conversation.public_id, 10])
    page = client.get(url).content.decode()
    assert "Hoe gaat het nu?" in page
    response = client.post(url, {"answer": "Ik kom weinig buiten.", "go": "next"})
    assert response["Location"] == reverse(
        "conversations:question", args=[conversation.public_id, 11]
    )
    conversation.refresh_from_db()
    assert conversation.answers == {"wheel_now": "Ik kom weinig buiten."}
    detail = client.get(reverse("conversations:detail", args=[conversation.public_id]))
    assert "Ik kom weinig buiten." in detail.content.decode()
    # Every look at the person's data is in the access log.
    assert AccessLogEntry.objects.filter(viewer=professional, subject=person).exists()


@pytest.mark.django_db
def test_start_refuses_bad_postcode_and_creates_nothing(client, setting):
    _org, professional, person, webs = setting
    login(client, professional)
    response = client.post(
        reverse("conversations:start", args=[person.pk]),
        {"assessments": [str(webs[0].public_id)], "postcode_area": "35AB"},
    )
    assert response.status_code == 200
    assert "vier cijfers" in response.content.decode()
    assert Conversation.objects.count() == 0


@pytest.mark.django_db
def test_too_long_answer_is_refused_and_the_old_one_kept(client, setting):
    _org, professional, person, webs = setting
    conversation = conversation_with_steps(professional, person, webs)
    login(client, professional)
    url = reverse("conversations:question", args=[conversation.public_id, 11])
    response = client.post(url, {"answer": "x" * 4001, "go": "next"})
    assert response.status_code == 400
    conversation.refresh_from_db()
    assert conversation.answers["wheel_want"] == SECRET_ANSWER


@pytest.mark.django_db
def test_steps_are_added_and_bad_steps_refused(client, setting):
    _org, professional, person, webs = setting
    conversation = conversation_with_steps(professional, person, webs)
    login(client, professional)
    url = reverse("conversations:add_step", args=[conversation.public_id])
    client.post(url, {"text": "Naar de inloop", "actor": "other", "actor_name": ""})
    client.post(url, {"text": "", "actor": "person"})
    assert conversation.steps.count() == 2
    client.post(url, {"text": "Naar de inloop", "actor": "person", "due_date": "2030-01-31"})
    assert conversation.steps.filter(text="Naar de inloop", due_date="2030-01-31").exists()


def test_step_validation_names_each_problem():
    with pytest.raises(ConversationError) as caught:
        add_step(Conversation(), text="", actor="neighbour", due_date="31-01-2030")
    assert set(caught.value.errors) == {"text", "actor", "due_date"}


@pytest.mark.django_db
def test_overdue_step_stands_out_in_plan_and_caseload_with_text(client, setting):
    _org, professional, person, webs = setting
    conversation_with_steps(professional, person, webs)
    client.force_login(person)
    plan = client.get(reverse("conversations:my_plan")).content.decode()
    assert SECRET_STEP in plan
    assert plan.count("Te laat") == 1
    login(client, professional)
    caseload = client.get(reverse("conversations:caseload")).content.decode()
    assert PERSON_NAME in caseload
    assert "Te laat" in caseload
    assert SECRET_STEP in caseload


@pytest.mark.django_db
def test_person_updates_own_step_and_professional_sees_it(client, setting):
    _org, professional, person, webs = setting
    conversation = conversation_with_steps(professional, person, webs)
    step = conversation.steps.get(text=SECRET_STEP)
    client.force_login(person)
    client.post(
        reverse("conversations:step_status", args=[step.public_id]),
        {"status": "done", "next": "https://evil.example/"},
    )
    step.refresh_from_db()
    assert step.status == Step.Status.DONE
    response = client.post(
        reverse("conversations:step_status", args=[step.public_id]), {"status": "finished"}
    )
    assert response["Location"] == reverse("conversations:my_plan")
    step.refresh_from_db()
    assert step.status == Step.Status.DONE
    login(client, professional)
    caseload = client.get(reverse("conversations:caseload")).content.decode()
    assert SECRET_STEP not in caseload  # done steps are no longer open
    assert "Te laat" not in caseload


@pytest.mark.django_db
def test_result_page_shows_the_plan_to_the_owner_only(client, setting):
    _org, professional, person, webs = setting
    conversation_with_steps(professional, person, webs)
    url = reverse("assessments:result", args=[webs[1].access_token])
    client.force_login(person)
    page = client.get(url).content.decode()
    assert "Mijn plan" in page and SECRET_STEP in page


@pytest.mark.django_db
def test_open_dimensions_are_listed_until_filled_in(client, setting):
    _org, professional, person, _webs = setting
    web = start_assessment(instrument("bredeblik-kort"), owner=person)
    first = web.definition.dimensions[0]
    save_submission(web, Submission(answers={first.items[0].id: 7}))
    web.refresh_from_db()
    assert [d.id for d in open_dimensions(web)] == [d.id for d in web.definition.dimensions[1:]]
    conversation = conversation_with_steps(professional, person, [web])
    login(client, professional)
    page = client.get(reverse("conversations:detail", args=[conversation.public_id])).content
    page = page.decode()
    assert "Nog open in dit web" in page
    assert web.definition.dimensions[1].name.nl in page


@pytest.mark.django_db
def test_trajectory_shows_moments_and_change(client, setting):
    _org, professional, person, _webs = setting
    login(client, professional)
    page = client.get(reverse("conversations:trajectory", args=[person.pk])).content.decode()
    assert "intake" in page and "tussenmeting" in page
    assert "verandering +2<" in page  # lichaamsfuncties went from 4 to 6
    client.force_login(person)
    own = client.get(reverse("conversations:my_trajectory")).content.decode()
    assert "verandering +2<" in own


@pytest.mark.django_db
def test_trajectory_says_when_instruments_differ(client, setting):
    organisation, professional, person, _webs = setting
    from instruments.custom import add_dimension

    base = InstrumentVersion.objects.get(instrument_id="bredeblik-kort", organisation=None)
    seven = add_dimension(
        base, organisation, "werk", "Werk", "Work", "Werk.", "Work.", [("Werk past.", "Fits.")]
    )
    web = start_assessment(seven, owner=person)
    save_submission(web, Submission(answers={i.id: 5 for i in seven.parsed.items}))
    login(client, professional)
    page = client.get(reverse("conversations:trajectory", args=[person.pk])).content.decode()
    assert "niet allemaal dezelfde delen" in page
    assert "Werk" in page


@pytest.mark.django_db
def test_export_holds_conversations_and_steps(setting):
    _org, professional, person, webs = setting
    conversation_with_steps(professional, person, webs)
    data = personal_data.export(person)
    assert data["conversations"][0]["steps"][0]["step"] in {SECRET_STEP, "Wandelroute zoeken"}
    assert any(a["answer"] == SECRET_ANSWER for a in data["conversations"][0]["answers"])
    assert personal_data.export(professional) == {"conversations": []}


@pytest.mark.django_db
def test_api_flow_for_professional_and_person(client, setting):
    _org, professional, person, webs = setting
    login(client, professional)
    response = client.post(
        "/api/v1/conversations",
        json.dumps({"person": person.pk, "assessments": [str(webs[0].public_id)]}),
        content_type="application/json",
    )
    assert response.status_code == 201
    public_id = response.json()["id"]
    response = client.patch(
        f"/api/v1/conversations/{public_id}",
        json.dumps({"answers": {"wheel_decide": "Ik ga wandelen", "bogus": "x"}}),
        content_type="application/json",
    )
    assert response.status_code == 400 and "bogus" in response.json()["errors"]
    response = client.patch(
        f"/api/v1/conversations/{public_id}",
        json.dumps({"answers": {"wheel_decide": "Ik ga wandelen"}}),
        content_type="application/json",
    )
    assert response.json()["answers"] == {"wheel_decide": "Ik ga wandelen"}
    response = client.post(
        f"/api/v1/conversations/{public_id}/steps",
        json.dumps({"text": "Wandelen", "actor": "person", "due_date": "2000-01-01"}),
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["overdue"] is True
    step_id = response.json()["id"]
    client.force_login(person)
    response = client.patch(
        f"/api/v1/steps/{step_id}", json.dumps({"status": "doing"}), content_type="application/json"
    )
    assert response.json()["status"] == "doing"
    response = client.patch(
        f"/api/v1/steps/{step_id}", json.dumps({"status": "later"}), content_type="application/json"
    )
    assert response.status_code == 400
    assert [c["id"] for c in client.get("/api/v1/conversations").json()] == [public_id]
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/conversations/{public_id}" in schema["paths"]


@pytest.mark.django_db
def test_custom_dimension_page_for_the_organisations_admin(client, setting):
    organisation, professional, _person, _webs = setting
    admin = member(user("admin@example.org"), organisation, P.ORGANISATION_ADMIN)
    url = reverse("conversations:custom_dimension", args=[organisation.slug])
    login(client, professional)
    assert client.get(url).status_code == 403
    login(client, admin, verified=False)
    unverified = client.get(url)
    assert unverified.status_code == 302
    assert unverified["Location"].startswith("/organisatie/tweestaps/")
    login(client, admin)
    assert client.get(url).status_code == 200
    base = latest_version("bredeblik-volwassenen")
    data = {
        "base": base.pk,
        "name_nl": "Werk",
        "name_en": "Work",
        "description_nl": "Hoe het gaat met werk.",
        "description_en": "How work is going.",
        "item_1_nl": "Mijn werk past bij mij.",
        "item_1_en": "My work suits me.",
    }
    response = client.post(url, {**data, "item_1_en": ""})
    assert response.status_code == 400
    assert not InstrumentVersion.objects.filter(organisation=organisation).exists()
    response = client.post(url, data)
    assert response.status_code == 200
    version = InstrumentVersion.objects.get(organisation=organisation)
    assert [d.name.nl for d in version.parsed.dimensions][-1] == "Werk"


@pytest.mark.django_db
def test_theme_must_belong_to_the_linked_web(setting):
    _org, professional, person, webs = setting
    conversation = conversation_with_steps(verified(professional), person, webs)
    with pytest.raises(ConversationError):
        update_conversation(conversation, theme_kind="dimension", theme="werk")
    conversation = update_conversation(conversation, theme_kind="dimension", theme="zingeving")
    assert conversation.theme == "zingeving"
    assert Assessment.objects.count() == 2
