import uuid

import pytest
from django.test import Client
from django.urls import reverse

from assessments.models import Assessment
from assessments.tests.factories import instrument, make_web
from organisations.models import Membership
from sharing.models import AccessLogEntry, Invitation, Share
from sharing.services import create_invitation, share
from sharing.tests.helpers import member, organisation, person, team, verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return organisation()


@pytest.fixture
def prof(org):
    return member(org)


@pytest.fixture
def client_person():
    return person()


def invite(prof, org, **kwargs) -> Invitation:
    return create_invitation(prof, org, instrument(), **kwargs)


# --- Invitations ----------------------------------------------------------------------------


def test_professional_makes_a_printable_invitation(client, org, prof):
    verified_login(client, prof)
    response = client.post(
        reverse("sharing:invitation_new"),
        {"organisation": org.pk, "instrument": instrument().pk, "moment": "intake"},
    )
    invitation = Invitation.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("sharing:invitation_print", args=[invitation.pk])
    page = client.get(response.url).content.decode()
    assert invitation.code in page
    assert invitation.token in page
    assert invitation.moment == "intake"


def test_invitation_with_an_unoffered_instrument_or_foreign_team_changes_nothing(client, org, prof):
    verified_login(client, prof)
    foreign = team(organisation())
    response = client.post(
        reverse("sharing:invitation_new"),
        {"organisation": org.pk, "instrument": instrument().pk, "team": foreign.pk},
    )
    assert response.status_code == 400
    assert not Invitation.objects.exists()


def test_invitation_pages_refuse_people_without_the_right(client, org, prof, client_person):
    invitation = invite(prof, org)
    print_url = reverse("sharing:invitation_print", args=[invitation.pk])
    # Not logged in: to the login page.
    assert client.get(reverse("sharing:invitation_new")).status_code == 302
    # A client without membership: 403.
    client.force_login(client_person)
    assert client.get(reverse("sharing:invitation_new")).status_code == 403
    assert client.get(print_url).status_code == 403
    # A professional without two-step verification: sent to set it up, no data.
    client.force_login(prof)
    response = client.get(print_url)
    assert response.status_code == 302
    assert reverse("organisations:two_factor_setup") in response.url
    # Another organisation's verified professional: 404 for a guessed id.
    verified_login(client, member(organisation()))
    assert client.get(print_url).status_code == 404


def test_person_starts_the_invited_web_with_the_code_and_nothing_is_shared(client, org, prof):
    invitation = invite(prof, org, moment="midway")
    response = client.post(
        reverse("sharing:invitation_enter"), {"code": invitation.code.lower().replace("-", " ")}
    )
    web = Assessment.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("assessments:started", args=[web.access_token])
    assert web.moment == "midway"
    invitation.refresh_from_db()
    assert invitation.assessment == web
    assert not Share.objects.exists()
    # The same browser gets its web back; anyone else with the code gets nothing.
    again = client.post(reverse("sharing:invitation_enter"), {"code": invitation.code})
    assert again.url == reverse("assessments:started", args=[web.access_token])
    other = Client().post(
        reverse("sharing:invitation_enter"), {"code": invitation.code}, follow=True
    )
    assert "al gebruikt" in other.content.decode()
    assert web.access_token not in other.content.decode()
    assert Assessment.objects.count() == 1


def test_unknown_code_gets_a_message(client):
    response = client.post(reverse("sharing:invitation_enter"), {"code": "ZZZZ-ZZZZ"})
    assert response.status_code == 400
    assert "Deze code kennen we niet" in response.content.decode()
    assert not Assessment.objects.exists()


def test_the_link_starts_a_web_only_on_the_button(client, org, prof, client_person):
    invitation = invite(prof, org)
    url = reverse("sharing:invitation_link", args=[invitation.token])
    assert str(prof) in client.get(url).content.decode()
    assert not Assessment.objects.exists()
    client.force_login(client_person)
    client.post(url)
    assert Assessment.objects.get().owner == client_person


# --- Sharing from the result page -----------------------------------------------------------


def test_result_page_offers_sharing_with_the_inviting_professional(
    client, org, prof, client_person
):
    invitation = invite(prof, org)
    client.force_login(client_person)
    client.post(reverse("sharing:invitation_link", args=[invitation.token]))
    web = Assessment.objects.get()
    page = client.get(reverse("assessments:result", args=[web.access_token])).content.decode()
    assert str(prof) in page
    response = client.post(
        reverse("sharing:share_web", args=[web.access_token]),
        {"how": "invitation", "scope": "future"},
    )
    assert response.status_code == 302
    # "this web and all my later webs" is one consent, starting at this web
    shares = Share.objects.filter(owner=client_person, professional=prof)
    assert [(s.assessment_id, s.starts_at) for s in shares] == [(None, web.created_at)]
    # the invitation stays findable, with what is shared and where to stop it
    page = client.get(reverse("assessments:result", args=[web.access_token])).content.decode()
    assert f"{prof} van {org} heeft je uitgenodigd." in page
    assert f"Je deelt dit web en al je latere webs met {prof}." in page
    assert reverse("sharing:overview") in page
    assert "Wil je jouw web delen?" not in page


def test_anonymous_person_is_asked_to_make_an_account_first(client, org, prof):
    invitation = invite(prof, org)
    client.post(reverse("sharing:invitation_link", args=[invitation.token]))
    web = Assessment.objects.get()
    page = client.get(reverse("assessments:result", args=[web.access_token])).content.decode()
    assert reverse("people:signup") in page
    response = client.post(
        reverse("sharing:share_web", args=[web.access_token]), {"how": "invitation"}
    )
    assert reverse("people:signup") in response.url
    assert not Share.objects.exists()


def test_share_with_a_code_or_a_team(client, org, prof, client_person):
    noord = team(org)
    invitation = invite(prof, org)
    web = make_web(owner=client_person)
    client.force_login(client_person)
    url = reverse("sharing:share_web", args=[web.access_token])
    client.post(url, {"how": "code", "code": invitation.code, "scope": "this"})
    client.post(url, {"how": "team", "team": noord.pk, "scope": "this"})
    assert Share.objects.filter(professional=prof, assessment=web).exists()
    assert Share.objects.filter(team=noord, assessment=web).exists()


def test_bad_share_input_changes_nothing(client, client_person):
    web = make_web(owner=client_person)
    client.force_login(client_person)
    url = reverse("sharing:share_web", args=[web.access_token])
    for data in (
        {"how": "code", "code": "NOPE-NOPE"},
        {"how": "team", "team": "999999"},
        {"how": "team", "team": "abc"},
        {"how": "invitation"},
        {"how": "nonsense"},
    ):
        response = client.post(url, data, follow=True)
        assert response.status_code == 200
        assert "error" in response.content.decode()
    assert not Share.objects.exists()


def test_nobody_can_share_someone_elses_web(client, org, prof, client_person):
    invitation = invite(prof, org)
    web = make_web(owner=client_person)
    client.force_login(person())
    response = client.post(
        reverse("sharing:share_web", args=[web.access_token]),
        {"how": "code", "code": invitation.code},
    )
    assert response.status_code == 404
    assert not Share.objects.exists()


# --- Who can see my data --------------------------------------------------------------------


def test_overview_lists_shares_and_revoking_needs_confirmation(client, org, prof, client_person):
    web = make_web(owner=client_person)
    (given,) = share(client_person, web, organisation=org, professional=prof)
    client.force_login(client_person)
    assert str(prof) in client.get(reverse("sharing:overview")).content.decode()
    url = reverse("sharing:revoke", args=[given.pk])
    ask = client.post(url)
    assert ask.status_code == 200
    assert 'name="confirm"' in ask.content.decode()
    given.refresh_from_db()
    assert given.is_active
    client.post(url, {"confirm": "yes"})
    given.refresh_from_db()
    assert not given.is_active


def test_nobody_else_can_revoke_or_see_my_shares(client, org, prof, client_person):
    web = make_web(owner=client_person)
    (given,) = share(client_person, web, organisation=org, professional=prof)
    other = person()
    client.force_login(other)
    assert str(prof) not in client.get(reverse("sharing:overview")).content.decode()
    response = client.post(reverse("sharing:revoke", args=[given.pk]), {"confirm": "yes"})
    assert response.status_code == 404
    given.refresh_from_db()
    assert given.is_active
    client.logout()
    assert client.get(reverse("sharing:overview")).status_code == 302


# --- The professional's view ----------------------------------------------------------------


def test_shared_web_is_shown_and_logged_and_closes_on_revoke(client, org, prof, client_person):
    web = make_web(owner=client_person)
    (given,) = share(client_person, web, organisation=org, professional=prof)
    verified_login(client, prof)
    url = reverse("sharing:shared_web", args=[web.public_id])
    response = client.get(url)
    assert response.status_code == 200
    assert "<svg" in response.content.decode()
    entry = AccessLogEntry.objects.get()
    assert (entry.viewer, entry.subject, entry.assessment, entry.organisation) == (
        prof,
        client_person,
        web,
        org,
    )
    client.get(url)
    assert AccessLogEntry.objects.count() == 2
    assert web.public_id in {
        w.public_id for w in client.get(reverse("sharing:shared_with_me")).context["webs"]
    }
    given.revoked_at = given.created_at
    given.save()
    assert client.get(url).status_code == 404
    assert AccessLogEntry.objects.count() == 2
    # The person sees who looked.
    client.force_login(client_person)
    assert str(prof) in client.get(reverse("sharing:overview")).content.decode()


def test_shared_web_refuses_everyone_without_consent(client, org, prof, client_person):
    web = make_web(owner=client_person)
    share(client_person, web, organisation=org, professional=prof)
    url = reverse("sharing:shared_web", args=[web.public_id])
    client.force_login(prof)  # not two-step verified
    assert client.get(url).status_code == 302
    verified_login(client, member(org))  # colleague without a share
    assert client.get(url).status_code == 404
    verified_login(client, member(organisation()))
    assert client.get(url).status_code == 404
    client.force_login(person())  # another client
    assert client.get(url).status_code == 403
    verified_login(client, prof)
    assert client.get(reverse("sharing:shared_web", args=[uuid.uuid4()])).status_code == 404
    assert AccessLogEntry.objects.count() == 0


def test_team_manager_sees_a_team_share(client, org, client_person):
    noord = team(org)
    manager = member(org, Membership.Role.TEAM_MANAGER, team=noord)
    web = make_web(owner=client_person)
    share(client_person, web, organisation=org, team=noord)
    verified_login(client, manager)
    assert client.get(reverse("sharing:shared_web", args=[web.public_id])).status_code == 200


# --- API keys -------------------------------------------------------------------------------


def test_api_key_is_shown_once_and_only_its_owner_revokes_it(client, client_person):
    client.force_login(client_person)
    page = client.post(
        reverse("sharing:tokens"), {"name": "script", "scope": "read", "days": "90"}
    ).content.decode()
    token = client_person.api_tokens.get()
    assert token.prefix in page
    assert token.key_hash not in page
    assert "code private-link" not in client.get(reverse("sharing:tokens")).content.decode()
    client.force_login(person())
    assert client.post(reverse("sharing:token_revoke", args=[token.pk])).status_code == 404
    client.force_login(client_person)
    client.post(reverse("sharing:token_revoke", args=[token.pk]))
    assert not client_person.api_tokens.exists()


def test_navigation_shows_professional_entries_only_to_members(client, org, prof, client_person):
    client.force_login(client_person)
    page = client.get(reverse("sharing:overview")).content.decode()
    assert reverse("sharing:invitation_new") not in page
    verified_login(client, prof)
    page = client.get(reverse("sharing:overview")).content.decode()
    assert reverse("sharing:invitation_new") in page
    assert reverse("organisations:index") in page


def test_guessed_tokens_and_anonymous_visitors_get_nothing(client, org, prof):
    invite(prof, org)
    assert client.get(reverse("sharing:invitation_link", args=["guessed-token"])).status_code == 404
    assert (
        client.post(reverse("sharing:invitation_link", args=["guessed-token"])).status_code == 404
    )
    for name in ("overview", "tokens", "shared_with_me", "invitation_new"):
        response = client.get(reverse(f"sharing:{name}"))
        assert response.status_code == 302
        assert reverse("people:login") in response.url
    assert client.post(reverse("sharing:revoke", args=[1])).status_code == 302
    assert client.post(reverse("sharing:token_revoke", args=[1])).status_code == 302
    assert not Assessment.objects.exists()
