import pytest
from hypothesis import given
from hypothesis import strategies as st

from referrals import lifecycle, services
from referrals.lifecycle import RECEIVER, REFERRER, Status
from referrals.models import Referral

ROLES = [REFERRER, RECEIVER, "person"]


def test_happy_path_steps():
    assert lifecycle.next_steps(Status.PROPOSED, REFERRER) == [Status.SENT]
    assert lifecycle.next_steps(Status.PROPOSED, RECEIVER) == []
    assert set(lifecycle.next_steps(Status.SENT, RECEIVER)) == {Status.ACCEPTED, Status.DECLINED}
    assert lifecycle.next_steps(Status.DECLINED, RECEIVER) == []
    assert lifecycle.next_steps(Status.ENDED, REFERRER) == []


@given(st.sampled_from(Status.values), st.sampled_from(Status.values), st.sampled_from(ROLES))
def test_no_step_back_and_the_person_never_moves_it(frm, to, role):
    order = [Status.PROPOSED, Status.SENT, Status.ACCEPTED, Status.STARTED, Status.ENDED]
    if lifecycle.can_move(frm, to, role):
        assert role != "person"
        if frm in order and to in order:
            assert order.index(to) == order.index(frm) + 1


def _referral(world, **kwargs):
    options = {
        "person": world["person"],
        "referrer": world["professional"],
        "service": world["samen_eten"],
        "consent": True,
        "share": ["name", "dimension"],
        "dimension": "meedoen",
        "note": "",
        "conversation": world["conversation"],
    }
    options.update(kwargs)
    return services.create_referral(**options)


@pytest.mark.django_db
def test_full_lifecycle_keeps_dates_and_notes(world):
    referral = _referral(world)
    assert referral.status == Status.PROPOSED
    lifecycle.transition(referral, Status.SENT, REFERRER, world["professional"])
    lifecycle.transition(referral, Status.ACCEPTED, RECEIVER, world["buurtwerk_member"], "Welkom!")
    lifecycle.transition(referral, Status.STARTED, RECEIVER, world["buurtwerk_member"])
    lifecycle.transition(referral, Status.ENDED, REFERRER, world["professional"])
    referral.refresh_from_db()
    assert referral.status == Status.ENDED
    assert referral.sent_at <= referral.responded_at <= referral.started_at <= referral.ended_at
    assert [e.status for e in referral.events.all()] == [
        "proposed",
        "sent",
        "accepted",
        "started",
        "ended",
    ]
    assert referral.events.get(status="accepted").note == "Welkom!"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "to,role",
    [
        (Status.ACCEPTED, RECEIVER),
        (Status.SENT, RECEIVER),
        (Status.ENDED, REFERRER),
        ("bogus", REFERRER),
    ],
)
def test_forbidden_transitions_change_nothing(world, to, role):
    referral = _referral(world)
    with pytest.raises(lifecycle.TransitionNotAllowed):
        lifecycle.transition(referral, to, role, world["professional"])
    referral.refresh_from_db()
    assert referral.status == Status.PROPOSED
    assert referral.events.count() == 1


@pytest.mark.django_db
def test_no_referral_without_consent(world):
    with pytest.raises(services.ReferralRefused):
        _referral(world, consent=False)
    assert Referral.objects.count() == 0


@pytest.mark.django_db
def test_only_ticked_data_is_shared(world):
    referral = _referral(world, share=["dimension"], note="Houdt van koken")
    assert (
        referral.shared_name == "" and referral.shared_contact == "" and referral.shared_note == ""
    )
    assert referral.shared_dimension == "meedoen"
    with pytest.raises(services.ReferralRefused):
        _referral(world, share=["name", "medical_history"])
