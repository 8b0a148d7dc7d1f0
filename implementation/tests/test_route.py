"""The route for organisations: who may see and change it, and what a team sees afterwards."""

from __future__ import annotations

import pytest
from django.urls import reverse

from implementation.models import ChecklistItem, ChecklistTick, RouteEntry, TeamReflection
from organisations.models import Membership
from sharing.tests.helpers import member, organisation, person, team, verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    org = organisation()
    noord = team(org, "Noord")
    professional = member(org, team=noord)
    return org, noord, professional


def test_team_records_where_it_stands_and_history_is_kept(client, setting):
    org, noord, professional = setting
    verified_login(client, professional)
    url = reverse("implementation:route_step", args=[noord.pk, "tomorrow"])
    client.post(
        url,
        {
            "status": "working",
            "where_we_stand": "We oefenen.",
            "next_action": "Eén gesprek per week",
        },
    )
    client.post(url, {"status": "part_of_work", "where_we_stand": "", "next_action": "Evalueren"})

    page = client.get(reverse("implementation:team", args=[noord.pk])).content.decode()
    assert "Hoort bij ons werk" in page  # the latest status on the route
    assert "Evalueren" in page
    history = client.get(url).content.decode()
    assert "Eén gesprek per week" in history and "Evalueren" in history
    assert RouteEntry.objects.filter(team=noord, step="tomorrow").count() == 2


def test_bad_route_input_gets_a_message_and_stores_nothing(client, setting):
    _, noord, professional = setting
    verified_login(client, professional)
    url = reverse("implementation:route_step", args=[noord.pk, "why"])
    response = client.post(url, {"status": "perfect", "next_action": "x" * 2001})
    assert response.status_code == 200
    assert "utrecht-form-field-error-message" in response.content.decode()
    assert not RouteEntry.objects.exists()


def test_reflection_on_the_five_questions_keeps_every_answer(client, setting):
    _, noord, professional = setting
    verified_login(client, professional)
    url = reverse("implementation:reflection", args=[noord.pk, 2])
    client.post(url, {"answer": "Minder haast in het gesprek."})
    client.post(url, {"answer": "Meer tijd voor wat iemand zelf wil."})
    page = client.get(reverse("implementation:team", args=[noord.pk])).content.decode()
    assert "Meer tijd voor wat iemand zelf wil." in page
    assert TeamReflection.objects.filter(team=noord, question=2).count() == 2
    empty = client.post(url, {"answer": "   "})
    assert "utrecht-form-field-error-message" in empty.content.decode()
    assert TeamReflection.objects.count() == 2


@pytest.mark.parametrize(
    "name", ["team", "route_step_get", "route_step_post", "reflection_post", "round_open"]
)
def test_people_outside_the_team_are_refused(client, setting, name):
    org, noord, _ = setting
    other_org = organisation("Huisartsen")
    outsiders = [
        member(other_org, team=team(other_org)),  # another organisation
        member(org, team=team(org, "Zuid")),  # same organisation, another team
        member(other_org, role=Membership.Role.ORGANISATION_ADMIN),  # admin elsewhere
    ]
    calls = {
        "team": ("get", reverse("implementation:team", args=[noord.pk]), {}),
        "route_step_get": ("get", reverse("implementation:route_step", args=[noord.pk, "why"]), {}),
        "route_step_post": (
            "post",
            reverse("implementation:route_step", args=[noord.pk, "why"]),
            {"status": "working"},
        ),
        "reflection_post": (
            "post",
            reverse("implementation:reflection", args=[noord.pk, 1]),
            {"answer": "x"},
        ),
        "round_open": ("post", reverse("implementation:open_round", args=[noord.pk]), {}),
    }
    method, url, data = calls[name]
    for outsider in outsiders:
        client.logout()
        verified_login(client, outsider)
        assert getattr(client, method)(url, data).status_code == 403
    assert not RouteEntry.objects.exists() and not TeamReflection.objects.exists()
    assert not noord.web_rounds.exists()


def test_organisation_admin_follows_the_team_but_cannot_write_for_it(client, setting):
    org, noord, _ = setting
    admin = member(org, role=Membership.Role.ORGANISATION_ADMIN)
    verified_login(client, admin)
    assert client.get(reverse("implementation:team", args=[noord.pk])).status_code == 200
    url = reverse("implementation:route_step", args=[noord.pk, "why"])
    assert client.post(url, {"status": "working"}).status_code == 403


def test_residents_anonymous_and_unverified_staff_do_not_get_in(client, setting):
    _, noord, professional = setting
    url = reverse("implementation:team", args=[noord.pk])
    assert reverse("people:login") in client.get(url)["Location"]
    client.force_login(person())
    assert client.get(url).status_code == 403
    client.force_login(professional)  # no second step in this session
    assert "tweestaps" in client.get(url)["Location"]


def test_checklist_defaults_follow_the_language_and_the_admin_can_change_them(client, setting):
    org, _, professional = setting
    verified_login(client, professional)
    page = client.get(reverse("implementation:index")).content.decode()
    assert "Vul zelf een keer je web in" in page
    client.post(reverse("set_language"), {"language": "en"})
    assert (
        "Fill in your own web once" in client.get(reverse("implementation:index")).content.decode()
    )

    admin = member(org, role=Membership.Role.ORGANISATION_ADMIN)
    client.logout()
    verified_login(client, admin)
    item = ChecklistItem.objects.get(organisation=org, role="professional", default_key="own-web")
    client.post(
        reverse("implementation:checklist_item", args=[org.slug, item.pk]),
        {"action": "save", "text": "Vul je web in tijdens de teamdag."},
    )
    client.post(
        reverse("implementation:checklist", args=[org.slug]),
        {"role": "professional", "text": "Lees de werkwijze van ons wijkteam."},
    )
    client.logout()
    verified_login(client, professional)
    page = client.get(reverse("implementation:index")).content.decode()
    assert "Vul je web in tijdens de teamdag." in page
    assert "Lees de werkwijze van ons wijkteam." in page


def test_only_the_admin_of_that_organisation_changes_its_checklist(client, setting):
    org, _, professional = setting
    other_admin = member(organisation("Anders"), role=Membership.Role.ORGANISATION_ADMIN)
    url = reverse("implementation:checklist", args=[org.slug])
    for user in (professional, other_admin):
        client.logout()
        verified_login(client, user)
        assert client.post(url, {"role": "professional", "text": "Nee"}).status_code == 403
    assert not ChecklistItem.objects.filter(text="Nee").exists()


def test_ticking_is_personal_and_only_for_ones_own_role(client, setting):
    org, _, professional = setting
    verified_login(client, professional)
    client.get(reverse("implementation:index"))
    own = ChecklistItem.objects.filter(organisation=org, role="professional").first()
    admin_point = ChecklistItem.objects.filter(organisation=org, role="organisation_admin").first()
    client.post(reverse("implementation:tick", args=[own.pk]))
    assert ChecklistTick.objects.filter(item=own, user=professional).exists()
    assert client.post(reverse("implementation:tick", args=[admin_point.pk])).status_code == 403
    client.post(reverse("implementation:tick", args=[own.pk]))
    assert not ChecklistTick.objects.exists()


def test_getting_started_is_linked_from_the_organisation_page(client, setting):
    _, _, professional = setting
    verified_login(client, professional)
    page = client.get(reverse("organisations:index")).content.decode()
    assert reverse("implementation:index") in page
