"""Every role × every page and API call: only the person and the professional they share with
see the conversation; everyone else gets 302-to-login, 403 or 404 and never its data."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

import pytest
from django.urls import reverse

from conversations.models import Conversation, Step
from conversations.tests.helpers import (
    PERSON_NAME,
    SECRET_ANSWER,
    SECRET_STEP,
    conversation_with_steps,
    login,
    member,
    revoke,
    share,
    user,
    webs_for,
)
from organisations.models import Membership, Organisation, Team

ROLES = [
    "anonymous",
    "person",
    "other_person",
    "professional",
    "professional_without_consent",
    "unverified_professional",
    "team_manager",
    "admin_of_other_organisation",
]


@dataclass
class World:
    users: dict
    organisation: Organisation
    conversation: Conversation
    step: Step
    person_id: int
    web_ids: list


@pytest.fixture
def world(db) -> World:
    organisation = Organisation.objects.create(name="Wijkteam Fictief", slug="wijkteam-fictief")
    other_org = Organisation.objects.create(name="Andere Organisatie", slug="andere")
    team = Team.objects.create(organisation=organisation, name="Team Noord")
    P = Membership.Role
    person = user("anna@example.org", PERSON_NAME)
    users = {
        "anonymous": None,
        "person": person,
        "other_person": user("bert@example.org", "Bert Fictief"),
        "professional": member(
            user("prof@example.org", "Pim Prof"), organisation, P.PROFESSIONAL, team
        ),
        "professional_without_consent": member(
            user("prof2@example.org"), organisation, P.PROFESSIONAL, team
        ),
        "unverified_professional": member(
            user("prof3@example.org"), organisation, P.PROFESSIONAL, team
        ),
        "team_manager": member(user("manager@example.org"), organisation, P.TEAM_MANAGER, team),
        "admin_of_other_organisation": member(
            user("admin@example.org"), other_org, P.ORGANISATION_ADMIN
        ),
    }
    webs = webs_for(person)
    share(person, users["professional"], webs)
    share(person, users["unverified_professional"], webs)
    conversation = conversation_with_steps(users["professional"], person, webs)
    step = conversation.steps.get(text=SECRET_STEP)
    return World(
        users, organisation, conversation, step, person.pk, [str(w.public_id) for w in webs]
    )


def client_for(client, world: World, role: str):
    u = world.users[role]
    if u is not None:
        login(client, u, verified=role != "unverified_professional")
    return client


def call(client, world: World, action: str):
    c = world.conversation.public_id
    s = world.step.public_id
    pages = {
        "caseload": ("get", reverse("conversations:caseload"), None),
        "start": ("get", reverse("conversations:start", args=[world.person_id]), None),
        "detail": ("get", reverse("conversations:detail", args=[c]), None),
        "question": ("get", reverse("conversations:question", args=[c, 10]), None),
        "answer": (
            "post",
            reverse("conversations:question", args=[c, 11]),
            {"answer": "x", "go": "next"},
        ),
        "theme": (
            "post",
            reverse("conversations:theme", args=[c]),
            {"theme_kind": "own_words", "theme": "t"},
        ),
        "add_step": (
            "post",
            reverse("conversations:add_step", args=[c]),
            {"text": "t", "actor": "person"},
        ),
        "step_status": (
            "post",
            reverse("conversations:step_status", args=[s]),
            {"status": "doing"},
        ),
        "my_plan": ("get", reverse("conversations:my_plan"), None),
        "trajectory": ("get", reverse("conversations:trajectory", args=[world.person_id]), None),
        "team": ("get", reverse("conversations:team"), None),
        "custom_dimension": (
            "get",
            reverse("conversations:custom_dimension", args=[world.organisation.slug]),
            None,
        ),
        "api_list": ("get", "/api/v1/conversations", None),
        "api_get": ("get", f"/api/v1/conversations/{c}", None),
        "api_patch": ("patch", f"/api/v1/conversations/{c}", {"answers": {"wheel_now": "x"}}),
        "api_create": (
            "post",
            "/api/v1/conversations",
            {"person": world.person_id, "assessments": world.web_ids},
        ),
        "api_steps": ("get", "/api/v1/steps", None),
        "api_add_step": (
            "post",
            f"/api/v1/conversations/{c}/steps",
            {"text": "t", "actor": "person"},
        ),
        "api_step_status": ("patch", f"/api/v1/steps/{s}", {"status": "done"}),
    }
    method, url, data = pages[action]
    if url.startswith("/api/"):
        body = json.dumps(data) if data is not None else None
        return getattr(client, method)(url, body, content_type="application/json")
    return getattr(client, method)(url, data or {})


# Who may do what; every other combination must be refused without data.
ALLOWED = {
    "professional": {
        "caseload",
        "start",
        "detail",
        "question",
        "answer",
        "theme",
        "add_step",
        "step_status",
        "my_plan",
        "trajectory",
        "api_list",
        "api_get",
        "api_patch",
        "api_create",
        "api_steps",
        "api_add_step",
        "api_step_status",
    },
    "person": {"my_plan", "step_status", "api_list", "api_get", "api_steps", "api_step_status"},
}
# Pages anyone in that role may open, but that must not show the person's conversation.
OPEN_WITHOUT_DATA = {
    "other_person": {"my_plan", "api_list", "api_steps"},
    "professional_without_consent": {"caseload", "my_plan", "api_list", "api_steps"},
    # "unverified_professional": nothing; who sees data gives the second step before any other
    # page, even their own plan (docs/privacy.md, core.middleware.SecondStepMiddleware).
    "team_manager": {"caseload", "my_plan", "team", "api_list", "api_steps"},
    "admin_of_other_organisation": {"caseload", "my_plan", "api_list", "api_steps"},
    # The person's own API calls that only the professional may make: refused with 403.
}
ACTIONS = [
    "caseload",
    "start",
    "detail",
    "question",
    "answer",
    "theme",
    "add_step",
    "step_status",
    "my_plan",
    "trajectory",
    "team",
    "custom_dimension",
    "api_list",
    "api_get",
    "api_patch",
    "api_create",
    "api_steps",
    "api_add_step",
    "api_step_status",
]
SECRETS = (SECRET_ANSWER, SECRET_STEP, PERSON_NAME)


def is_second_step_refusal(response) -> bool:
    """Sent to the two-step pages, or for the API a 403 that names nothing."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response["Location"].startswith(
        "/organisatie/tweestaps/"
    )


def is_refusal(response) -> bool:
    if response.status_code in (401, 403, 404):
        return True
    # Not logged in: to the login page; a care role without 2FA: to the two-step pages.
    return response.status_code == 302 and (
        "inloggen" in response["Location"] or "tweestaps" in response["Location"]
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTIONS)
def test_matrix(client, world, role, action):
    client_for(client, world, role)
    world.conversation.refresh_from_db()
    before = (world.conversation.answers, sorted(Step.objects.values_list("text", "status")))
    response = call(client, world, action)
    body = response.content.decode()
    if action in ALLOWED.get(role, set()):
        assert response.status_code in (200, 201, 302), (role, action, response.status_code)
        if response.status_code == 302:
            assert "inloggen" not in response["Location"]
        return
    if action in OPEN_WITHOUT_DATA.get(role, set()):
        assert response.status_code == 200, (role, action, response.status_code)
    elif role == "unverified_professional":
        assert is_second_step_refusal(response), (role, action, response.status_code)
    else:
        assert is_refusal(response), (role, action, response.status_code)
    for secret in SECRETS:
        assert secret not in body, (role, action, secret)
    world.conversation.refresh_from_db()
    after = (world.conversation.answers, sorted(Step.objects.values_list("text", "status")))
    assert Conversation.objects.count() == 1
    assert after == before, "a refused call changed something"


def test_a_professional_reaches_their_own_plan_after_the_second_step(client, world):
    """A professional is also a person with their own plan; the second step comes first."""
    pro = world.users["unverified_professional"]
    webs = webs_for(pro)
    share(pro, world.users["professional"], webs)
    conversation_with_steps(world.users["professional"], pro, webs)
    my_plan = reverse("conversations:my_plan")
    login(client, pro, verified=False)
    response = client.get(my_plan)
    assert response.status_code == 302
    assert (
        response["Location"]
        == reverse("organisations:two_factor_setup") + "?next=%2Fgesprek%2Fmijn-plan%2F"
    )
    for url in ("/api/v1/conversations", "/api/v1/steps"):
        refused = client.get(url)
        assert refused.status_code == 403
        assert SECRET_STEP not in refused.content.decode()
    login(client, pro)
    response = client.get(my_plan)
    assert response.status_code == 200
    assert SECRET_STEP in response.content.decode()
    assert SECRET_STEP in client.get("/api/v1/steps").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/gesprek/{uuid}/",
        "/gesprek/{uuid}/vraag/1/",
        "/api/v1/conversations/{uuid}",
        "/gesprek/client/{next_id}/traject/",
        "/gesprek/client/{next_id}/nieuw/",
    ],
)
def test_guessed_ids_are_not_found(client, world, url):
    login(client, world.users["professional"])
    other = user("guess@example.org", "Geraden Persoon")
    response = client.get(url.format(uuid=uuid.uuid4(), next_id=other.pk))
    assert response.status_code == 404
    assert "Geraden" not in response.content.decode()


@pytest.mark.django_db
def test_guessed_step_id_cannot_be_updated(client, world):
    login(client, world.users["other_person"])
    response = client.patch(
        f"/api/v1/steps/{uuid.uuid4()}",
        json.dumps({"status": "done"}),
        content_type="application/json",
    )
    assert response.status_code == 404


@pytest.mark.django_db
def test_person_cannot_change_the_answers_through_the_api(client, world):
    login(client, world.users["person"], verified=False)
    response = client.patch(
        f"/api/v1/conversations/{world.conversation.public_id}",
        json.dumps({"answers": {"wheel_now": "anders"}}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "wheel_now" not in Conversation.objects.get().answers


@pytest.mark.django_db
def test_revoking_consent_closes_everything_at_once(client, world):
    professional = world.users["professional"]
    login(client, professional)
    c = world.conversation.public_id
    assert client.get(f"/gesprek/{c}/").status_code == 200
    assert PERSON_NAME in client.get("/gesprek/").content.decode()

    revoke(world.users["person"], professional)

    for url in (
        f"/gesprek/{c}/",
        f"/gesprek/{c}/vraag/1/",
        f"/api/v1/conversations/{c}",
        f"/gesprek/client/{world.person_id}/traject/",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert SECRET_ANSWER not in response.content.decode()
    assert PERSON_NAME not in client.get("/gesprek/").content.decode()
    assert json.loads(client.get("/api/v1/conversations").content) == []
    response = client.post(
        reverse("conversations:step_status", args=[world.step.public_id]), {"status": "done"}
    )
    assert response.status_code == 404
    # The person still has their plan.
    client.force_login(world.users["person"])
    assert SECRET_STEP in client.get("/gesprek/mijn-plan/").content.decode()
