"""Consent and the access log, tried by an admin of another organisation and by a stolen key."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from assessments.tests.factories import make_web
from organisations.models import Membership
from organisations.services import accept_offer, offer_membership
from sharing.audit import record_access
from sharing.audit_chain import verify
from sharing.models import AccessLogEntry, ApiToken, Share
from sharing.services import share
from sharing.tests.factories_api import bearer
from sharing.tests.helpers import device, member, organisation, person, team, verified_login

pytestmark = pytest.mark.django_db
ADMIN = Membership.Role.ORGANISATION_ADMIN


def _csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_an_admin_who_recruits_anothers_professional_sees_none_of_their_audit_rows(client):
    org_a, org_b = organisation("A"), organisation("B")
    professional = member(org_a)
    client_of_a = person()
    web = make_web(owner=client_of_a)
    share(client_of_a, web, organisation=org_a, professional=professional)
    record_access(professional, client_of_a, "web", "visit at A", assessment=web)
    admin_b = member(org_b, ADMIN)
    offer = offer_membership(org_b, professional.email, Membership.Role.PROFESSIONAL, by=admin_b)
    accept_offer(professional, offer.pk)
    record_access(professional, client_of_a, "web", "second visit at A", assessment=web)
    verified_login(client, admin_b)
    rows = _csv_rows(client.get(reverse("organisations:audit_csv", args=[org_b.slug])))
    assert rows == [["when", "viewer", "viewer_email", "person_id", "what", "context", "web"]]
    admin_a = member(org_a, ADMIN)
    verified_login(client, admin_a)
    rows = _csv_rows(client.get(reverse("organisations:audit_csv", args=[org_a.slug])))
    assert [r[5] for r in rows[1:]] == ["visit at A", "second visit at A"]


def test_the_audit_csv_neutralises_formulas(client):
    org = organisation()
    professional = member(org)
    subject = person()
    web = make_web(owner=subject)
    share(subject, web, organisation=org, professional=professional)
    record_access(professional, subject, '=HYPERLINK("http://evil")', "@context", assessment=web)
    verified_login(client, member(org, ADMIN))
    rows = _csv_rows(client.get(reverse("organisations:audit_csv", args=[org.slug])))
    assert rows[1][4].startswith("'=") and rows[1][5].startswith("'@")


def test_the_person_sees_who_is_in_the_team_they_share_with_now(client):
    org = organisation()
    noord = team(org)
    colleague = member(org, team=noord)
    owner = person()
    web = make_web(owner=owner)
    share(owner, web, organisation=org, team=noord)
    client.force_login(owner)
    page = client.get(reverse("sharing:overview")).content.decode()
    assert colleague.email in page
    newcomer = person("newcomer")
    offer = offer_membership(org, newcomer.email, Membership.Role.PROFESSIONAL, noord)
    assert newcomer.email not in client.get(reverse("sharing:overview")).content.decode()
    accept_offer(newcomer, offer.pk)
    assert newcomer.email in client.get(reverse("sharing:overview")).content.decode()


# --- The hash chain -----------------------------------------------------------------------


def _log_three():
    org = organisation()
    professional = member(org)
    subject = person()
    web = make_web(owner=subject)
    share(subject, web, organisation=org, professional=professional)
    return [
        record_access(professional, subject, "web", f"visit {n}", assessment=web) for n in range(3)
    ]


def test_an_untouched_log_verifies(capsys):
    _log_three()
    assert verify().ok
    call_command("verify_audit_log")
    assert "3 entries checked" in capsys.readouterr().out


@pytest.mark.parametrize("tamper", ["edit", "delete_middle", "delete_last", "backdate"])
def test_editing_or_removing_an_entry_outside_the_application_is_detected(tamper):
    entries = _log_three()
    target = {"edit": 1, "delete_middle": 1, "delete_last": 2, "backdate": 0}[tamper]
    query = AccessLogEntry.objects.filter(pk=entries[target].pk)
    if tamper == "edit":
        query.update(what="nothing to see")
    elif tamper == "backdate":
        query.update(at=timezone.now() - timedelta(days=900))
    else:
        query._raw_delete(query.db)  # as a database user would: no application, no signal
    verdict = verify()
    assert not verdict.ok
    with pytest.raises(CommandError):
        call_command("verify_audit_log")


def test_deletions_by_the_application_keep_the_chain_whole():
    entries = _log_three()
    AccessLogEntry.objects.filter(pk=entries[1].pk).delete()
    entries[0].subject.delete()
    record_access(member(organisation()), person(), "web", "after")
    assert verify().ok


# --- Reads of someone else's data are logged ----------------------------------------------


def test_caseload_and_steps_api_leave_an_entry_per_person(client):
    from conversations.tests.helpers import conversation_with_steps

    org = organisation()
    professional = member(org)
    subject = person()
    web = make_web(owner=subject)
    share(subject, web, organisation=org, professional=professional, include_future=True)
    conversation_with_steps(professional, subject, [web])
    verified_login(client, professional)
    client.get(reverse("conversations:caseload"))
    assert AccessLogEntry.objects.filter(subject=subject, context="caseload").count() == 1
    assert client.get("/api/v1/steps").status_code == 200
    entry = AccessLogEntry.objects.get(subject=subject, what="steps")
    assert entry.organisation == org


def test_referral_detail_is_logged_for_referrer_and_receiver(client):
    from referrals import services as referral_services
    from referrals.models import ReceivingMember
    from socialmap import demo
    from socialmap.models import Service

    demo.load()
    org = organisation()
    professional = member(org)
    subject = person()
    share(subject, make_web(owner=subject), organisation=org, professional=professional)
    service = Service.objects.first()
    referral = referral_services.create_referral(
        person=subject,
        referrer=professional,
        service=service,
        consent=True,
        share=["name"],
        dimension="",
        note="",
        conversation=None,
    )
    referral.status = referral.Status.SENT
    referral.save()
    receiver = person("receiver")
    ReceivingMember.objects.create(user=receiver, organization=referral.organization)
    for viewer in (professional, receiver):
        verified_login(client, viewer)
        assert client.get(reverse("referrals:detail", args=[referral.public_id])).status_code == 200
        assert AccessLogEntry.objects.filter(viewer=viewer, subject=subject).exists()


# --- API keys -----------------------------------------------------------------------------


def _staff_key(scope=ApiToken.Scope.WRITE, **kwargs):
    org = organisation()
    professional = member(org)
    device(professional)
    token, key = ApiToken.issue(professional, "script", verified=True, scope=scope, **kwargs)
    return professional, token, key


def test_an_expired_key_opens_nothing():
    _user, token, key = _staff_key()
    assert Client().get("/api/v1/invitations", **bearer(key)).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert Client().get("/api/v1/invitations", **bearer(key)).status_code == 401


def test_a_read_only_key_cannot_change_anything():
    owner = person()
    web = make_web(owner=owner)
    _token, key = ApiToken.issue(owner, "reader", scope=ApiToken.Scope.READ)
    assert Client().get("/api/v1/shares", **bearer(key)).status_code == 200
    response = Client().post(
        "/api/v1/shares",
        json.dumps({"web": str(web.public_id), "team": 1}),
        content_type="application/json",
        **bearer(key),
    )
    assert response.status_code == 403
    assert not Share.objects.exists()


@pytest.mark.parametrize("loss", ["two_step_device", "left_organisation", "account_disabled"])
def test_a_key_loses_its_power_with_its_owner(loss):
    professional, _token, key = _staff_key()
    if loss == "two_step_device":
        TOTPDevice.objects.filter(user=professional).delete()
    elif loss == "left_organisation":
        Membership.objects.filter(user=professional).delete()
    else:
        professional.is_active = False
        professional.save()
    assert Client().get("/api/v1/invitations", **bearer(key)).status_code == 401


def test_a_new_key_is_read_only_for_90_days_unless_chosen_otherwise(client):
    owner = person()
    client.force_login(owner)
    client.post(reverse("sharing:tokens"), {"name": "a", "scope": "read", "days": "90"})
    token = ApiToken.objects.get(user=owner)
    assert token.scope == ApiToken.Scope.READ
    assert timedelta(days=89) < token.expires_at - timezone.now() <= timedelta(days=90)
    response = client.post(reverse("sharing:tokens"), {"name": "b", "scope": "all", "days": "9999"})
    assert response.status_code == 400
    assert ApiToken.objects.filter(user=owner).count() == 1
