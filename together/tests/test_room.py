"""Filling in together in the room: the web is the client's, the client decides on the spot."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from assessments.models import Assessment
from assessments.tests.factories import instrument, make_web
from conversations.tests.helpers import login, member, share, user
from organisations.models import Membership, Organisation
from sharing.models import AccessLogEntry, Share
from together.models import RoomWeb

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return Organisation.objects.create(name="Wijkteam Fictief", slug="wijkteam-fictief")


@pytest.fixture
def prof(org):
    return member(user("noor@example.org", "Noor Fictief"), org, Membership.Role.PROFESSIONAL)


@pytest.fixture
def pro_client(prof):
    c = Client()
    login(c, prof)
    return c


def _start(pro_client, org, client_value="new"):
    return pro_client.post(
        reverse("together:start"),
        {"client": client_value, "organisation": org.pk, "instrument": instrument().pk},
    )


def _fill_in_all(browser_client, web, score="6"):
    for number, dimension in enumerate(web.definition.dimensions, start=1):
        data = {f"item-{item.id}": score for item in dimension.items}
        response = browser_client.post(
            reverse("assessments:fill_in", args=[web.access_token, number]), data
        )
        assert response.status_code == 302
    return browser_client.post(reverse("assessments:finish", args=[web.access_token]))


def test_new_client_web_is_not_the_professionals_and_consent_shares_it(pro_client, org, prof):
    response = _start(pro_client, org)
    room = RoomWeb.objects.get()
    web = room.assessment
    assert response.url == reverse("together:room", args=[web.public_id])
    assert web.owner is None and web.entry == Assessment.Entry.TOGETHER
    page = pro_client.get(response.url).content.decode()
    assert "Begin met invullen" in page or "Begin filling in" in page

    finished = _fill_in_all(pro_client, web)
    assert finished.url == reverse("together:consent", args=[web.public_id])
    # The professional's own web list never shows the client's web.
    mine = pro_client.get(reverse("people:my_webs")).content.decode()
    assert web.access_token not in mine and web.resume_code not in mine

    old_token, old_code = web.access_token, web.resume_code
    done = pro_client.post(reverse("together:consent", args=[web.public_id]), {"answer": "yes"})
    web.refresh_from_db()
    text = done.content.decode()
    assert web.resume_code in text and old_code not in text
    assert web.access_token != old_token
    share_ = Share.objects.get()
    assert share_.owner is None and share_.assessment == web and share_.professional == prof
    # The handed-back device no longer opens the web as its person.
    assert pro_client.get(reverse("assessments:result", args=[web.access_token])).status_code == 404
    # The professional sees it through the consent, and that look is logged.
    seen = pro_client.get(reverse("sharing:shared_web", args=[web.public_id]))
    assert seen.status_code == 200
    assert "samen met een professional ingevuld" in seen.content.decode()
    assert AccessLogEntry.objects.filter(assessment=web, viewer=prof, subject=None).exists()
    listed = pro_client.get(reverse("sharing:shared_with_me")).content.decode()
    assert "Web van een cliënt zonder account" in listed
    assert reverse("sharing:shared_web", args=[web.public_id]) in listed


def test_client_takes_the_web_into_an_account_and_the_consent_goes_along(pro_client, org, prof):
    _start(pro_client, org)
    web = RoomWeb.objects.get().assessment
    _fill_in_all(pro_client, web)
    pro_client.post(reverse("together:consent", args=[web.public_id]), {"answer": "yes"})
    web.refresh_from_db()
    pro_client.get(reverse("sharing:shared_web", args=[web.public_id]))

    person = user("sanne@example.org", "Sanne Fictief")
    own = Client()
    own.force_login(person)
    response = own.post(reverse("people:attach"), {"reference": web.resume_code})
    assert response.status_code == 302
    web.refresh_from_db()
    assert web.owner == person
    assert Share.objects.get().owner == person
    overview = own.get(reverse("sharing:overview")).content.decode()
    assert "Noor Fictief" in overview
    assert AccessLogEntry.objects.filter(subject=person, assessment=web).exists()


def test_refusal_keeps_the_web_from_the_professional(pro_client, org):
    _start(pro_client, org)
    web = RoomWeb.objects.get().assessment
    _fill_in_all(pro_client, web)
    pro_client.post(reverse("together:consent", args=[web.public_id]), {"answer": "no"})
    web.refresh_from_db()
    assert not Share.objects.exists()
    assert pro_client.get(reverse("sharing:shared_web", args=[web.public_id])).status_code == 404
    assert pro_client.get(reverse("assessments:result", args=[web.access_token])).status_code == 404
    status = pro_client.get(reverse("together:room", args=[web.public_id])).content.decode()
    assert "niet" in status or "not" in status


def test_existing_client_owns_the_web_from_the_start(pro_client, org, prof):
    person = user("sanne@example.org", "Sanne Fictief")
    share(person, prof, [make_web(owner=person)])
    Share.objects.filter(owner=person).update(revoked_at="2026-01-01T00:00Z")
    first = make_web(owner=person)
    from sharing.services import share as give

    give(person, first, organisation=org, professional=prof)
    _start(pro_client, org, client_value=str(person.pk))
    web = RoomWeb.objects.get().assessment
    assert web.owner == person
    _fill_in_all(pro_client, web)
    pro_client.post(reverse("together:consent", args=[web.public_id]), {"answer": "yes"})
    room_share = Share.objects.get(assessment=web)
    assert room_share.owner == person and room_share.professional == prof
    # The person sees the web as theirs and the share with a stop button.
    own = Client()
    own.force_login(person)
    assert own.get(reverse("assessments:result", args=[web.access_token])).status_code == 200
    assert (
        f"/delen/{room_share.pk}/stoppen/" in own.get(reverse("sharing:overview")).content.decode()
    )
    # The professional's device lost it as a person, and sees it only through the consent.
    assert pro_client.get(reverse("assessments:result", args=[web.access_token])).status_code == 404
    assert pro_client.get(reverse("sharing:shared_web", args=[web.public_id])).status_code == 200


def test_no_web_for_someone_who_does_not_share_with_the_professional(pro_client, org):
    stranger = user("vreemd@example.org")
    response = _start(pro_client, org, client_value=str(stranger.pk))
    assert response.status_code == 400
    assert not Assessment.objects.exists()


def test_consent_needs_a_finished_web_and_a_clear_answer(pro_client, org):
    _start(pro_client, org)
    web = RoomWeb.objects.get().assessment
    early = pro_client.post(reverse("together:consent", args=[web.public_id]), {"answer": "yes"})
    assert early.status_code == 302 and "/deel/" in early.url
    _fill_in_all(pro_client, web)
    bad = pro_client.post(
        reverse("together:consent", args=[web.public_id]), {"answer": "misschien"}
    )
    assert bad.status_code == 400
    assert "Kies ja of nee" in bad.content.decode()
    assert not Share.objects.exists() and RoomWeb.objects.get().is_open


def test_person_without_account_stops_the_room_share_with_the_code(pro_client, org, prof):
    _start(pro_client, org)
    web = RoomWeb.objects.get().assessment
    _fill_in_all(pro_client, web)
    pro_client.post(reverse("together:consent", args=[web.public_id]), {"answer": "yes"})
    web.refresh_from_db()
    home = Client()
    resumed = home.post(reverse("assessments:resume"), {"code": web.resume_code})
    assert resumed.url == reverse("assessments:result", args=[web.access_token])
    result = home.get(resumed.url).content.decode()
    assert "Noor Fictief" in result
    share_ = Share.objects.get()
    home.post(reverse("together:stop_share", args=[web.access_token, share_.pk]))
    share_.refresh_from_db()
    assert share_.revoked_at is not None
    assert pro_client.get(reverse("sharing:shared_web", args=[web.public_id])).status_code == 404


def test_someone_else_cannot_stop_a_room_share(pro_client, org):
    _start(pro_client, org)
    web = RoomWeb.objects.get().assessment
    _fill_in_all(pro_client, web)
    pro_client.post(reverse("together:consent", args=[web.public_id]), {"answer": "yes"})
    other = make_web()
    share_ = Share.objects.get()
    response = Client().post(reverse("together:stop_share", args=[other.access_token, share_.pk]))
    assert response.status_code == 302
    share_.refresh_from_db()
    assert share_.revoked_at is None


def test_room_pages_refuse_people_without_the_right(org, prof, pro_client):
    _start(pro_client, org)
    web = RoomWeb.objects.get().assessment
    pages = [
        reverse("together:start"),
        reverse("together:room", args=[web.public_id]),
        reverse("together:consent", args=[web.public_id]),
        reverse("together:paper_enter"),
    ]
    resident = Client()
    resident.force_login(user("bewoner@example.org"))
    unverified = Client()
    login(unverified, prof, verified=False)
    colleague = Client()
    login(colleague, member(user("ander@example.org"), org, Membership.Role.PROFESSIONAL))
    for url in pages:
        anonymous = Client().get(url)
        assert anonymous.status_code == 302 and "/account/inloggen/" in anonymous.url
        assert resident.get(url).status_code == 403
        assert re.search(r"/organisatie/tweestaps/", unverified.get(url).url)
    # Another professional of the same organisation cannot open this room at all.
    for url in pages[1:3]:
        assert colleague.get(url).status_code == 404
    assert colleague.post(pages[2], {"answer": "yes"}).status_code == 404
    assert not Share.objects.exists()
