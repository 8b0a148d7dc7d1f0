"""The network around a person: each member sees only their own consent line, until revoked."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from assessments.models import Answer
from assessments.tests.factories import make_web
from network.models import Agreement, Meeting, Network, NetworkMember
from organisations.models import Membership
from sharing.guardian_consent import give_guardian_consent
from sharing.models import AccessLogEntry
from sharing.tests.helpers import member, organisation, person, verified_login

pytestmark = pytest.mark.django_db


def _invite(client, network, email, description, kind="informal", sees="none"):
    return client.post(
        reverse("network:manage", args=[network.pk]),
        {"email": email, "description": description, "kind": kind, "sees_webs": sees},
    )


def _link_in_last_mail() -> str:
    return re.search(r"http://testserver(/netwerk/uitnodiging/[^/\s]+/)", mail.outbox[-1].body)[1]


@pytest.fixture
def scene(client):
    """Anna's network: her GP (another organisation's professional) and her daughter."""
    anna = person("anna")
    older = make_web((3, 3, 3, 3, 3, 3), owner=anna)
    older.completed_at -= timedelta(days=60)
    older.save(update_fields=["completed_at"])
    latest = make_web((5, 6, 7, 4, 5, 6), owner=anna)
    first_item = latest.definition.dimensions[0].items[0].id
    Answer.objects.filter(assessment=latest, item_id=first_item).update(wants_to_talk=True)
    gp = member(organisation("Huisartsen"), role=Membership.Role.PROFESSIONAL)
    daughter = person("dochter")

    client.force_login(anna)
    client.post(reverse("network:index"), {"name": "Thuis blijven wonen"})
    network = Network.objects.get(person=anna)
    _invite(client, network, gp.email, "mijn huisarts", "professional", "latest")
    gp_link = _link_in_last_mail()
    _invite(client, network, daughter.email, "mijn dochter")
    daughter_link = _link_in_last_mail()
    client.logout()
    return {
        "anna": anna,
        "gp": gp,
        "daughter": daughter,
        "network": network,
        "older": older,
        "latest": latest,
        "gp_link": gp_link,
        "daughter_link": daughter_link,
    }


def _accept(client, user, link, staff=False):
    client.logout()
    if staff:
        verified_login(client, user)
    else:
        client.force_login(user)
    return client.post(link, {"action": "accept"})


def test_each_member_sees_only_what_the_person_chose_for_them(client, scene):
    network = scene["network"]
    _accept(client, scene["daughter"], scene["daughter_link"])
    detail = client.get(reverse("network:detail", args=[network.pk])).content.decode()
    assert "deelt geen webs met je" in detail
    for web in (scene["latest"], scene["older"]):
        url = reverse("network:web", args=[network.pk, web.public_id])
        assert client.get(url).status_code == 404

    _accept(client, scene["gp"], scene["gp_link"], staff=True)
    latest = reverse("network:web", args=[network.pk, scene["latest"].public_id])
    older = reverse("network:web", args=[network.pk, scene["older"].public_id])
    page = client.get(latest).content.decode()
    assert "Web van" in page and "<svg" in page
    assert client.get(older).status_code == 404
    entry = AccessLogEntry.objects.get(viewer=scene["gp"])
    assert entry.subject == scene["anna"] and entry.assessment == scene["latest"]


def test_a_childs_web_shows_only_after_a_guardians_yes(client, scene):
    child_web = make_web((5, 5, 5, 5, 5, 5), instrument_id="bredeblik-kind", owner=scene["anna"])
    _accept(client, scene["gp"], scene["gp_link"], staff=True)
    url = reverse("network:web", args=[scene["network"].pk, child_web.public_id])
    assert client.get(url).status_code == 404
    give_guardian_consent(child_web, guardian_name="Sam Fictief", relationship="parent")
    assert client.get(url).status_code == 200


def test_a_forwarded_invitation_opens_nothing(client, scene):
    stranger = person("vreemde")
    _accept(client, stranger, scene["daughter_link"])
    member_line = NetworkMember.objects.get(email=scene["daughter"].email)
    assert member_line.user is None and member_line.accepted_at is None
    assert client.get(reverse("network:detail", args=[scene["network"].pk])).status_code == 404


def test_a_professional_member_needs_the_second_step(client, scene):
    client.force_login(scene["gp"])  # password only
    response = client.post(scene["gp_link"], {"action": "accept"})
    assert "tweestaps" in response["Location"]
    assert NetworkMember.objects.get(email=scene["gp"].email).accepted_at is None


def test_meeting_agenda_from_the_persons_web_and_agreements_on_who_does_what(client, scene):
    network, anna = scene["network"], scene["anna"]
    _accept(client, scene["daughter"], scene["daughter_link"])
    client.logout()
    client.force_login(anna)
    plan = client.get(reverse("network:plan", args=[network.pk])).content.decode()
    flagged_item = scene["latest"].definition.dimensions[0].items[0].text.get("nl")
    assert flagged_item in plan  # the agenda starts from what Anna wants to talk about
    client.post(
        reverse("network:plan", args=[network.pk]),
        {"held_on": "2026-12-10", "agenda": f"{flagged_item}\nBoodschappen doen"},
    )
    meeting = Meeting.objects.get(network=network)
    daughter_line = NetworkMember.objects.get(email=scene["daughter"].email)
    client.post(
        reverse("network:meeting", args=[network.pk, meeting.pk]),
        {"text": "Op dinsdag samen boodschappen doen", "member": daughter_line.pk},
    )
    client.logout()
    client.force_login(scene["daughter"])
    page = client.get(reverse("network:meeting", args=[network.pk, meeting.pk])).content.decode()
    assert "Boodschappen doen" in page and "Op dinsdag samen boodschappen doen" in page
    agreement = Agreement.objects.get()
    client.post(reverse("network:agreement_done", args=[network.pk, agreement.pk]), {"done": "1"})
    agreement.refresh_from_db()
    assert agreement.done and agreement.member == daughter_line


def test_removing_one_member_or_ending_the_network_closes_access_at_once(client, scene):
    network = scene["network"]
    _accept(client, scene["daughter"], scene["daughter_link"])
    _accept(client, scene["gp"], scene["gp_link"], staff=True)
    meeting = Meeting.objects.create(network=network, held_on="2026-12-01", agenda="Slapen")
    client.logout()
    client.force_login(scene["anna"])
    daughter_line = NetworkMember.objects.get(email=scene["daughter"].email)
    client.post(
        reverse("network:member_action", args=[network.pk, daughter_line.pk]),
        {"action": "remove"},
    )
    client.logout()
    client.force_login(scene["daughter"])
    for url in (
        reverse("network:detail", args=[network.pk]),
        reverse("network:meeting", args=[network.pk, meeting.pk]),
    ):
        assert client.get(url).status_code == 404
    client.logout()
    verified_login(client, scene["gp"])
    latest = reverse("network:web", args=[network.pk, scene["latest"].public_id])
    assert client.get(latest).status_code == 200  # the GP's own line still stands
    client.logout()
    client.force_login(scene["anna"])
    client.post(reverse("network:end", args=[network.pk]))
    client.logout()
    verified_login(client, scene["gp"])
    assert client.get(latest).status_code == 404
    assert client.get(reverse("network:meeting", args=[network.pk, meeting.pk])).status_code == 404


def test_people_outside_the_network_and_members_get_nothing_of_the_persons_own_pages(client, scene):
    network = scene["network"]
    _accept(client, scene["daughter"], scene["daughter_link"])
    meeting = Meeting.objects.create(network=network, held_on="2026-12-01", agenda="Slapen")
    for user in (person("buurman"), scene["daughter"]):
        client.logout()
        client.force_login(user)
        assert client.get(reverse("network:manage", args=[network.pk])).status_code == 404
        assert client.get(reverse("network:plan", args=[network.pk])).status_code == 404
        assert client.post(reverse("network:end", args=[network.pk])).status_code == 404
    client.logout()
    client.force_login(person("buurvrouw"))
    assert client.get(reverse("network:meeting", args=[network.pk, meeting.pk])).status_code == 404
    assert client.get(reverse("network:detail", args=[network.pk])).status_code == 404
    assert Network.objects.get(pk=network.pk).is_active


def test_bad_invitation_input_gets_a_message_and_invites_nobody(client, scene):
    client.force_login(scene["anna"])
    network = scene["network"]
    before = NetworkMember.objects.count()
    sent = len(mail.outbox)
    response = _invite(client, network, "geen-adres", "iemand")
    assert "utrecht-form-field-error-message" in response.content.decode()
    again = _invite(client, network, scene["daughter"].email, "nog eens")
    assert "staat al in je netwerk" in again.content.decode()
    assert NetworkMember.objects.count() == before and len(mail.outbox) == sent


def test_the_persons_data_export_holds_the_network(client, scene):
    client.force_login(scene["anna"])
    data = client.get(reverse("people:export_json")).json()
    text = str(data)
    assert "Thuis blijven wonen" in text and "mijn huisarts" in text
