from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from assessments.tests.factories import instrument, make_web
from people.personal_data import collect
from sharing.audit import record_access
from sharing.consent import revoke
from sharing.models import AccessLogEntry, Invitation, Share
from sharing.services import create_invitation, share
from sharing.tests.helpers import member, organisation, person

pytestmark = pytest.mark.django_db


def test_export_holds_my_shares_and_who_looked():
    org = organisation()
    prof = member(org)
    owner = person()
    web = make_web(owner=owner)
    share(owner, web, organisation=org, professional=prof, include_future=True)
    record_access(prof, owner, "web", "shared web page", assessment=web)
    record_access(prof, person(), "web", "someone else")
    data = collect(owner)["sharing"]
    assert len(data["shares"]) == 1  # this web and all later ones: one consent
    assert data["shares"][0]["web"] is None and data["shares"][0]["all_future_webs"]
    assert len(data["access_log"]) == 1
    assert data["access_log"][0]["context"] == "shared web page"
    assert data["access_log"][0]["organisation"] == org.name


def test_erasing_a_person_removes_their_shares_and_log():
    org = organisation()
    prof = member(org)
    owner = person()
    web = make_web(owner=owner)
    share(owner, web, organisation=org, professional=prof)
    record_access(prof, owner, "web", "page", assessment=web)
    owner.delete()
    assert not Share.objects.exists()
    assert not AccessLogEntry.objects.exists()


def test_purge_removes_only_what_expired():
    org = organisation()
    prof = member(org)
    owner = person()
    web = make_web(owner=owner)
    old_entry = record_access(prof, owner, "web", "old")
    AccessLogEntry.objects.filter(pk=old_entry.pk).update(at=timezone.now() - timedelta(days=800))
    record_access(prof, owner, "web", "recent")
    stale = create_invitation(prof, org, instrument())
    Invitation.objects.filter(pk=stale.pk).update(created_at=timezone.now() - timedelta(days=91))
    fresh = create_invitation(prof, org, instrument())
    (old_share,) = share(owner, web, organisation=org, professional=prof)
    revoke(old_share)
    Share.objects.filter(pk=old_share.pk).update(revoked_at=timezone.now() - timedelta(days=800))
    out = StringIO()
    call_command("purge_expired", stdout=out)
    assert (
        "Removed 1 access-log entries, 1 unused invitations, 1 stopped shares, 0 abandoned"
        in out.getvalue()
    )
    assert list(AccessLogEntry.objects.values_list("context", flat=True)) == ["recent"]
    assert list(Invitation.objects.all()) == [fresh]
    assert not Share.objects.exists()


def test_sharing_demo_is_idempotent():
    from assessments import demo as web_demo
    from organisations import demo as org_demo
    from sharing import demo

    web_demo.load()
    org_demo.load()
    first = demo.load()
    demo.load()
    assert Share.objects.count() == 1
    assert Invitation.objects.count() == 1
    assert Invitation.objects.get().code in first
