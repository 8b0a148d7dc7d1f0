"""Eigen regie: the person thinks about their own web and writes their own steps; a volunteer
holds the conversation with the same consent rules but sees no organisation figures."""

import pytest
from django.test import Client
from django.urls import reverse

from assessments.tests.factories import make_web
from conversations.models import Conversation, Step
from conversations.questions import QUESTIONS
from conversations.tests.helpers import (
    conversation_with_steps,
    login,
    member,
    share,
    user,
    webs_for,
)
from insights.models import Analyst
from organisations.models import Membership, Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident():
    return user("sanne@example.org", "Sanne Fictief")


@pytest.fixture
def resident_client(resident):
    c = Client()
    c.force_login(resident)
    return c


def test_resident_goes_through_questions_and_wheel_and_writes_own_steps(resident, resident_client):
    web = make_web(owner=resident)
    response = resident_client.post(
        reverse("conversations:own_start"),
        {"assessment": str(web.public_id), "theme": "Meer bewegen"},
    )
    reflection = Conversation.objects.get()
    assert reflection.professional is None and reflection.person == resident
    assert response.url == reverse("conversations:own_question", args=[reflection.public_id, 1])
    wheel_first = next(n for n, q in enumerate(QUESTIONS, 1) if q.id == "wheel_now")
    page = resident_client.get(
        reverse("conversations:own_question", args=[reflection.public_id, wheel_first])
    ).content.decode()
    assert "Hoe gaat het nu?" in page
    resident_client.post(
        reverse("conversations:own_question", args=[reflection.public_id, wheel_first]),
        {"answer": "Ik wandel weinig", "go": "next"},
    )
    added = resident_client.post(
        reverse("conversations:own_step"),
        {
            "conversation": str(reflection.public_id),
            "text": "Elke dinsdag een rondje om de vijver",
            "actor": "person",
        },
    )
    assert added.url.startswith(reverse("conversations:own_detail", args=[reflection.public_id]))
    detail = resident_client.get(
        reverse("conversations:own_detail", args=[reflection.public_id])
    ).content.decode()
    assert "Ik wandel weinig" in detail and "Elke dinsdag een rondje om de vijver" in detail
    plan = resident_client.get(reverse("conversations:my_plan")).content.decode()
    assert "Elke dinsdag een rondje om de vijver" in plan


def test_resident_adds_a_step_to_a_plan_agreed_with_a_professional(resident, resident_client):
    org = Organisation.objects.create(name="Wijkteam", slug="wijkteam")
    prof = member(user("noor@example.org", "Noor"), org, Membership.Role.PROFESSIONAL)
    webs = webs_for(resident)
    share(resident, prof, webs)
    conversation = conversation_with_steps(prof, resident, webs)
    form = resident_client.get(reverse("conversations:own_step")).content.decode()
    assert "Gesprek met Noor" in form
    resident_client.post(
        reverse("conversations:own_step"),
        {
            "conversation": str(conversation.public_id),
            "text": "Zelf de club bellen",
            "actor": "person",
        },
    )
    assert conversation.steps.filter(text="Zelf de club bellen").exists()
    # The professional sees the person's own step in the conversation.
    pro = Client()
    login(pro, prof)
    detail = pro.get(reverse("conversations:detail", args=[conversation.public_id]))
    assert "Zelf de club bellen" in detail.content.decode()


def test_bad_own_step_gets_a_message_and_changes_nothing(resident, resident_client):
    web = make_web(owner=resident)
    resident_client.post(reverse("conversations:own_start"), {"assessment": str(web.public_id)})
    reflection = Conversation.objects.get()
    response = resident_client.post(
        reverse("conversations:own_step"),
        {"conversation": str(reflection.public_id), "text": "x" * 301, "actor": "person"},
    )
    assert response.status_code == 400
    no_professional = resident_client.post(
        reverse("conversations:own_step"),
        {"conversation": str(reflection.public_id), "text": "Bellen", "actor": "professional"},
    )
    assert no_professional.status_code == 400
    assert "Wie doet het?" in no_professional.content.decode()
    assert "error-summary" in no_professional.content.decode()
    assert not Step.objects.exists()
    too_long = resident_client.post(
        reverse("conversations:own_question", args=[reflection.public_id, 1]),
        {"answer": "x" * 4001, "go": "next"},
    )
    assert too_long.status_code == 400
    reflection.refresh_from_db()
    assert reflection.answers == {}


def test_own_reflection_only_on_own_finished_webs_and_only_for_its_person(
    resident, resident_client
):
    other = user("ander@example.org")
    foreign = make_web(owner=other)
    unfinished = make_web(owner=resident, complete=False)
    for web in (foreign, unfinished):
        response = resident_client.post(
            reverse("conversations:own_start"), {"assessment": str(web.public_id)}
        )
        assert response.status_code == 400
    assert not Conversation.objects.exists()

    web = make_web(owner=resident)
    resident_client.post(reverse("conversations:own_start"), {"assessment": str(web.public_id)})
    reflection = Conversation.objects.get()
    stranger = Client()
    stranger.force_login(other)
    for url in (
        reverse("conversations:own_detail", args=[reflection.public_id]),
        reverse("conversations:own_question", args=[reflection.public_id, 1]),
    ):
        assert stranger.get(url).status_code == 404
        assert Client().get(url).status_code == 302
    refused = stranger.post(
        reverse("conversations:own_step"),
        {"conversation": str(reflection.public_id), "text": "Ingebroken", "actor": "person"},
    )
    assert refused.status_code == 404
    assert not Step.objects.exists()
    assert Client().get(reverse("conversations:own_start")).status_code == 302


@pytest.fixture
def volunteer_setup():
    org = Organisation.objects.create(name="Burgerkracht Fictief", slug="burgerkracht")
    volunteer = member(
        user("vera@example.org", "Vera Vrijwilliger"), org, Membership.Role.VOLUNTEER
    )
    person = user("piet@example.org", "Piet Fictief")
    return org, volunteer, person


def test_volunteer_holds_the_conversation_only_with_consent(volunteer_setup):
    org, volunteer, person = volunteer_setup
    webs = webs_for(person)
    c = Client()
    login(c, volunteer)
    start = reverse("conversations:start", args=[person.pk])
    assert c.get(start).status_code == 404  # no consent, no client
    share(person, volunteer, webs)
    assert c.get(start).status_code == 200
    conversation = conversation_with_steps(volunteer, person, webs)
    assert c.get(reverse("conversations:detail", args=[conversation.public_id])).status_code == 200
    assert "Piet Fictief" in c.get(reverse("conversations:caseload")).content.decode()


def test_volunteer_is_refused_organisation_figures(volunteer_setup):
    org, volunteer, _person = volunteer_setup
    c = Client()
    login(c, volunteer)
    assert c.get(reverse("conversations:team")).status_code == 403
    assert c.get(reverse("insights:dashboard")).status_code in (403, 404)
    assert c.get(reverse("insights:export_csv")).status_code in (403, 404)
    assert c.get(reverse("organisations:manage", args=[org.slug])).status_code in (403, 404)
    assert c.get(f"/organisatie/{org.slug}/audit.csv").status_code in (403, 404)
    assert not Analyst.objects.filter(user=volunteer).exists()
