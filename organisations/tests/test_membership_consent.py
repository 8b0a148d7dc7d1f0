"""Nobody becomes a member of an organisation or team without saying yes, and it is logged."""

from __future__ import annotations

import pytest
from django.urls import reverse

from organisations.models import Membership, MembershipEvent, MembershipOffer
from sharing.tests.helpers import member, organisation, person, team, verified_login

pytestmark = pytest.mark.django_db
ADMIN = Membership.Role.ORGANISATION_ADMIN


def _offer(client, org, admin, target, **extra):
    verified_login(client, admin)
    return client.post(
        reverse("organisations:add_member", args=[org.slug]),
        {"email": target.email, "role": "professional", **extra},
    )


def test_an_admin_cannot_pull_someone_into_a_team_without_their_yes(client):
    org = organisation()
    admin = member(org, ADMIN)
    noord = team(org)
    target = member(organisation("Elders"))
    _offer(client, org, admin, target, team=noord.pk)
    assert not Membership.objects.filter(user=target, organisation=org).exists()
    assert not noord.memberships.exists()
    assert MembershipEvent.objects.filter(
        organisation=org, user=target, action="offered", actor=admin
    ).exists()


def test_the_person_accepts_or_declines_and_both_are_logged(client):
    org = organisation()
    admin = member(org, ADMIN)
    first, second = person("first"), person("second")
    _offer(client, org, admin, first)
    _offer(client, org, admin, second)
    client.force_login(first)
    offer = MembershipOffer.objects.get(email=first.email)
    assert org.name in client.get(reverse("organisations:offers")).content.decode()
    client.post(reverse("organisations:offers"), {"offer": offer.pk, "answer": "accept"})
    assert Membership.objects.filter(user=first, organisation=org).exists()
    client.force_login(second)
    offer = MembershipOffer.objects.get(email=second.email)
    client.post(reverse("organisations:offers"), {"offer": offer.pk, "answer": "decline"})
    assert not Membership.objects.filter(user=second).exists()
    actions = set(MembershipEvent.objects.values_list("user__email", "action"))
    assert {(first.email, "accepted"), (second.email, "declined")} <= actions


def test_nobody_can_accept_someone_elses_offer(client):
    org = organisation()
    admin = member(org, ADMIN)
    target, intruder = person("target"), person("intruder")
    _offer(client, org, admin, target)
    offer = MembershipOffer.objects.get(email=target.email)
    client.force_login(intruder)
    client.post(reverse("organisations:offers"), {"offer": offer.pk, "answer": "accept"})
    assert not Membership.objects.filter(organisation=org, user__in=[target, intruder]).exists()
    client.post(reverse("organisations:offers"), {"offer": "x" * 30, "answer": "accept"})
    assert MembershipOffer.objects.filter(pk=offer.pk).exists()


def test_removing_a_member_is_logged_and_shown_to_the_admin(client):
    org = organisation()
    admin = member(org, ADMIN)
    colleague = member(org)
    membership = Membership.objects.get(user=colleague)
    verified_login(client, admin)
    client.post(reverse("organisations:remove_member", args=[org.slug, membership.pk]))
    event = MembershipEvent.objects.get(user=colleague, action="removed")
    assert event.actor == admin
    page = client.get(reverse("organisations:manage", args=[org.slug])).content.decode()
    assert colleague.email in page


def test_the_add_form_does_not_reveal_whether_an_address_has_an_account(client):
    org = organisation()
    admin = member(org, ADMIN)
    verified_login(client, admin)
    known = person("known")
    answers = []
    for email in (known.email, "nobody-here@example.org"):
        response = client.post(
            reverse("organisations:add_member", args=[org.slug]),
            {"email": email, "role": "professional"},
            follow=True,
        )
        answers.append(response.content.decode().replace(email, "EMAIL"))
    assert answers[0].count("EMAIL") == answers[1].count("EMAIL")
    assert MembershipOffer.objects.filter(organisation=org).count() == 2
