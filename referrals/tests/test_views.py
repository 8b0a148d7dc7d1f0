import pytest
from django.urls import reverse

from referrals import selectors
from referrals.models import Referral
from referrals.tests.conftest import login, viewer
from sharing.models import Share

pytestmark = pytest.mark.django_db


def _create(client, world, **overrides):
    data = {
        "service": world["samen_eten"].pk,
        "share": ["name", "dimension", "note"],
        "note": "Houdt van koken.",
        "consent": "on",
    }
    data.update(overrides)
    return client.post(reverse("referrals:create", args=[world["conversation"].public_id]), data)


def test_suggestions_follow_dimension_and_postcode(world):
    names = [s.name for s in selectors.suggestions(world["conversation"])]
    assert "Samen eten in Oosterhof" in names
    assert "Jongerenwerk Westerveld" not in names  # serves 9993 only
    assert "Sportclub Zonnedal – bewegen op maat" not in names  # other dimension


def test_professional_refers_and_receiver_accepts(client, world):
    login(client, world["professional"])
    panel = client.get(reverse("referrals:create", args=[world["conversation"].public_id]))
    assert "Samen eten in Oosterhof" in panel.content.decode()
    response = _create(client, world)
    referral = Referral.objects.get()
    assert response.status_code == 302
    assert referral.shared_note == "Houdt van koken." and referral.shared_contact == ""
    client.post(reverse("referrals:move", args=[referral.public_id]), {"to": "sent"})

    login(client, world["buurtwerk_member"])
    page = client.get(reverse("referrals:detail", args=[referral.public_id])).content.decode()
    assert "anna" in page and "anna@example.org" not in page
    client.post(
        reverse("referrals:move", args=[referral.public_id]), {"to": "accepted", "note": "Welkom"}
    )
    referral.refresh_from_db()
    assert referral.status == "accepted"

    login(client, world["person"])
    mine = client.get(reverse("referrals:mine")).content.decode()
    assert "Samen eten in Oosterhof" in mine


def test_missing_consent_is_refused(client, world):
    login(client, world["professional"])
    response = _create(client, world, consent="")
    assert response.status_code == 200
    assert "Vraag eerst toestemming" in response.content.decode()
    assert Referral.objects.count() == 0


def test_only_the_professional_with_active_share_may_refer(client, world):
    login(client, world["other"])
    assert _create(client, world).status_code == 404
    Share.objects.update(revoked_at="2026-01-01T00:00:00Z")
    login(client, world["professional"])
    assert _create(client, world).status_code == 404
    assert Referral.objects.count() == 0


def test_organisation_never_sees_another_organisations_referrals(client, world):
    login(client, world["professional"])
    _create(client, world)
    referral = Referral.objects.get()
    client.post(reverse("referrals:move", args=[referral.public_id]), {"to": "sent"})

    assert list(selectors.received_by(viewer(world["library_member"]))) == []
    login(client, world["library_member"])
    assert client.get(reverse("referrals:detail", args=[referral.public_id])).status_code == 404
    response = client.post(reverse("referrals:move", args=[referral.public_id]), {"to": "accepted"})
    assert response.status_code == 404
    index = client.get(reverse("referrals:index")).content.decode()
    assert "Samen eten in Oosterhof" not in index
    referral.refresh_from_db()
    assert referral.status == "sent"

    login(client, world["buurtwerk_member"])
    assert "Samen eten in Oosterhof" in client.get(reverse("referrals:index")).content.decode()


def test_receiver_does_not_see_proposed_referrals(client, world):
    login(client, world["professional"])
    _create(client, world)
    referral = Referral.objects.get()
    login(client, world["buurtwerk_member"])
    assert client.get(reverse("referrals:detail", args=[referral.public_id])).status_code == 404


def test_receiver_cannot_send_and_person_cannot_move(client, world):
    login(client, world["professional"])
    _create(client, world)
    referral = Referral.objects.get()
    login(client, world["person"])
    client.post(reverse("referrals:move", args=[referral.public_id]), {"to": "sent"})
    referral.refresh_from_db()
    assert referral.status == "proposed"


def test_anonymous_is_sent_to_login(client, world):
    assert client.get(reverse("referrals:mine")).status_code == 302
