"""A conversation is open to its professional only while every web in it is still shared."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conversations.tests.helpers import (
    SECRET_ANSWER,
    SECRET_STEP,
    conversation_with_steps,
    login,
    member,
    user,
    webs_for,
)
from organisations.models import Membership, Organisation
from sharing.models import Share
from sharing.services import revoke_share
from sharing.services import share as give_consent

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    organisation = Organisation.objects.create(name="Wijkteam", slug="wijkteam")
    professional = member(user("pro@example.org"), organisation, Membership.Role.PROFESSIONAL)
    person = user("anna@example.org", "Anna")
    web_1, web_2 = webs_for(person)
    for web in (web_1, web_2):
        give_consent(person, web, organisation=organisation, professional=professional)
    about_web_1 = conversation_with_steps(professional, person, [web_1])
    about_web_2 = conversation_with_steps(professional, person, [web_2])
    return professional, person, web_1, about_web_1, about_web_2


def test_revoking_web_1_closes_the_conversation_about_it_while_web_2_stays_shared(client, setting):
    professional, person, web_1, about_web_1, about_web_2 = setting
    login(client, professional)
    assert (
        client.get(reverse("conversations:detail", args=[about_web_1.public_id])).status_code == 200
    )
    revoke_share(person, Share.objects.get(owner=person, assessment=web_1).pk)

    response = client.get(reverse("conversations:detail", args=[about_web_1.public_id]))
    assert response.status_code in (403, 404)
    assert SECRET_ANSWER not in response.content.decode()
    assert (
        client.get(reverse("conversations:detail", args=[about_web_2.public_id])).status_code == 200
    )

    steps = client.get("/api/v1/steps").json()
    assert {s["conversation"] for s in steps} == {str(about_web_2.public_id)}
    api = client.get(f"/api/v1/conversations/{about_web_1.public_id}")
    assert api.status_code in (403, 404)

    caseload = client.get(reverse("conversations:caseload")).content.decode()
    assert str(about_web_1.public_id) not in caseload


def test_the_person_still_sees_their_whole_plan(client, setting):
    _professional, person, web_1, _about_web_1, _about_web_2 = setting
    revoke_share(person, Share.objects.get(owner=person, assessment=web_1).pk)
    client.force_login(person)
    page = client.get(reverse("conversations:my_plan")).content.decode()
    assert page.count(SECRET_STEP) >= 2  # one per conversation, both still there
