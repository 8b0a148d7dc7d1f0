from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from assessments.tests.factories import make_web
from organisations.models import Membership
from sharing.consent import can_view_assessment, persons_shared_with, visible_assessments
from sharing.models import Share
from sharing.services import SharingError, revoke_share, share
from sharing.tests.helpers import Viewer, member, organisation, person, team

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    org = organisation()
    noord = team(org)
    return {
        "org": org,
        "team": noord,
        "prof": member(org),
        "colleague": member(org, team=noord),
        "other_org_prof": member(organisation()),
        "client": person(),
    }


def test_nobody_sees_a_web_without_a_share(world):
    web = make_web(owner=world["client"])
    assert not can_view_assessment(Viewer(world["prof"]), web)


def test_a_personal_share_of_this_web_opens_only_this_web(world):
    earlier = make_web(owner=world["client"])
    web = make_web(owner=world["client"])
    share(world["client"], web, organisation=world["org"], professional=world["prof"])
    assert can_view_assessment(Viewer(world["prof"]), web)
    assert not can_view_assessment(Viewer(world["prof"]), earlier)
    assert not can_view_assessment(Viewer(world["colleague"]), web)
    assert not can_view_assessment(Viewer(world["other_org_prof"]), web)


def test_without_verified_two_step_login_a_share_opens_nothing(world):
    web = make_web(owner=world["client"])
    share(world["client"], web, organisation=world["org"], professional=world["prof"])
    assert not can_view_assessment(Viewer(world["prof"], verified=False), web)
    assert not persons_shared_with(Viewer(world["prof"], verified=False)).exists()


def test_all_future_covers_this_and_later_webs_but_not_earlier_ones(world):
    earlier = make_web(owner=world["client"])
    web = make_web(owner=world["client"])
    share(
        world["client"],
        web,
        organisation=world["org"],
        professional=world["prof"],
        include_future=True,
    )
    later = make_web(owner=world["client"])
    viewer = Viewer(world["prof"])
    assert can_view_assessment(viewer, web)
    assert can_view_assessment(viewer, later)
    assert not can_view_assessment(viewer, earlier)
    assert set(visible_assessments(viewer)) == {web, later}


def test_a_future_share_starting_later_does_not_cover_an_earlier_web(world):
    web = make_web(owner=world["client"])
    Share.objects.create(
        owner=world["client"],
        professional=world["prof"],
        organisation=world["org"],
        starts_at=web.created_at + timedelta(seconds=1),
    )
    assert not can_view_assessment(Viewer(world["prof"]), web)


def test_a_team_share_reaches_team_members_only(world):
    web = make_web(owner=world["client"])
    share(world["client"], web, organisation=world["org"], team=world["team"])
    assert can_view_assessment(Viewer(world["colleague"]), web)
    assert not can_view_assessment(Viewer(world["prof"]), web)  # same organisation, not the team
    assert list(persons_shared_with(Viewer(world["colleague"]))) == [world["client"]]


def test_revoking_ends_access_at_once(world):
    web = make_web(owner=world["client"])
    (given,) = share(world["client"], web, organisation=world["org"], professional=world["prof"])
    viewer = Viewer(world["prof"])
    assert can_view_assessment(viewer, web)
    revoke_share(world["client"], given.pk)
    assert not can_view_assessment(viewer, web)
    assert not persons_shared_with(viewer).exists()
    assert not Share.objects.get(pk=given.pk).is_active


def test_someone_else_cannot_revoke_a_share(world):
    web = make_web(owner=world["client"])
    (given,) = share(world["client"], web, organisation=world["org"], professional=world["prof"])
    with pytest.raises(SharingError):
        revoke_share(world["prof"], given.pk)
    assert Share.objects.get(pk=given.pk).is_active


def test_leaving_the_organisation_ends_a_personal_share(world):
    web = make_web(owner=world["client"])
    share(world["client"], web, organisation=world["org"], professional=world["prof"])
    Membership.objects.filter(user=world["prof"]).delete()
    assert not can_view_assessment(Viewer(world["prof"]), web)


def test_only_the_owner_can_share_and_not_with_outsiders(world):
    web = make_web(owner=world["client"])
    with pytest.raises(SharingError):
        share(world["prof"], web, organisation=world["org"], professional=world["prof"])
    with pytest.raises(SharingError):
        share(world["client"], web, organisation=world["org"], professional=world["other_org_prof"])
    anonymous_web = make_web()
    with pytest.raises(SharingError):
        share(world["client"], anonymous_web, organisation=world["org"], professional=world["prof"])
    assert not Share.objects.exists()


def test_the_owner_is_not_a_viewer_and_persons_shared_with_excludes_others(world):
    web = make_web(owner=world["client"])
    share(world["client"], web, organisation=world["org"], professional=world["prof"])
    assert not can_view_assessment(Viewer(world["client"]), web)
    assert list(persons_shared_with(Viewer(world["prof"]))) == [world["client"]]
    assert not persons_shared_with(Viewer(world["other_org_prof"])).exists()


def test_sharing_twice_makes_no_duplicate(world):
    web = make_web(owner=world["client"])
    share(world["client"], web, organisation=world["org"], professional=world["prof"])
    share(world["client"], web, organisation=world["org"], professional=world["prof"])
    assert Share.objects.count() == 1


def test_share_invariants(world):
    web = make_web(owner=world["client"])
    both = Share(
        owner=world["client"],
        assessment=web,
        professional=world["prof"],
        team=world["team"],
        organisation=world["org"],
    )
    with pytest.raises(ValidationError):
        both.full_clean()
    someone_elses = Share(
        owner=world["prof"], assessment=web, team=world["team"], organisation=world["org"]
    )
    with pytest.raises(ValidationError):
        someone_elses.full_clean()
    foreign_team = Share(
        owner=world["client"], assessment=web, team=team(organisation()), organisation=world["org"]
    )
    with pytest.raises(ValidationError):
        foreign_team.full_clean()
    with pytest.raises(IntegrityError):
        Share.objects.create(owner=world["client"], organisation=world["org"])


def test_is_active_follows_revocation_and_start():
    share_ = Share(starts_at=timezone.now() - timedelta(minutes=1))
    assert share_.is_active
    share_.revoked_at = timezone.now()
    assert not share_.is_active
    assert not Share(starts_at=timezone.now() + timedelta(days=1)).is_active


def test_this_web_and_all_later_ones_is_one_consent_with_one_stop(world):
    earlier = make_web(owner=world["client"])
    web = make_web(owner=world["client"])
    given = share(
        world["client"],
        web,
        organisation=world["org"],
        professional=world["prof"],
        include_future=True,
    )
    later = make_web(owner=world["client"])
    assert len(given) == 1 and Share.objects.active().count() == 1
    viewer = Viewer(world["prof"])
    assert set(visible_assessments(viewer)) == {web, later}
    assert not can_view_assessment(viewer, earlier)
    revoke_share(world["client"], given[0].pk)
    assert not can_view_assessment(viewer, web)
    assert not can_view_assessment(viewer, later)
    assert not persons_shared_with(viewer).exists()


def test_widening_a_share_of_one_web_leaves_one_consent(world):
    web = make_web(owner=world["client"])
    org, prof = world["org"], world["prof"]
    only_this = share(world["client"], web, organisation=org, professional=prof)[0]
    wider = share(world["client"], web, organisation=org, professional=prof, include_future=True)
    assert Share.objects.active().get() == wider[0]
    only_this.refresh_from_db()
    assert only_this.revoked_at is not None
    # asking again, from an earlier web, reaches back to it in the same consent
    first = make_web(owner=world["client"])
    first.created_at = web.created_at - timedelta(days=30)
    first.save(update_fields=["created_at"])
    again = share(world["client"], first, organisation=org, professional=prof, include_future=True)
    assert again[0].pk == wider[0].pk and Share.objects.active().count() == 1
    assert can_view_assessment(Viewer(prof), first)
    revoke_share(world["client"], again[0].pk)
    assert not can_view_assessment(Viewer(prof), web)
    assert not can_view_assessment(Viewer(prof), first)
