import json

import pytest
from django.test import Client

from assessments.tests.factories import instrument, make_web
from sharing.models import ApiToken, Invitation, Share
from sharing.services import create_invitation, share
from sharing.tests.factories_api import bearer
from sharing.tests.helpers import member, organisation, person, team, verified_login

pytestmark = pytest.mark.django_db
API = "/api/v1"


def post(client, url, data, **headers):
    return client.post(url, json.dumps(data), content_type="application/json", **headers)


@pytest.fixture
def org():
    return organisation()


@pytest.fixture
def prof(org):
    return member(org)


def test_unauthenticated_requests_are_refused(client):
    assert client.get(f"{API}/shares").status_code == 401
    assert client.get(f"{API}/invitations").status_code == 401
    assert client.get(f"{API}/shares", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401


def test_verified_professional_invites_by_session(client, org, prof):
    verified_login(client, prof)
    response = post(
        client,
        f"{API}/invitations",
        {"organisation": org.slug, "instrument": "bredeblik-kort", "moment": "intake"},
    )
    assert response.status_code == 201
    body = response.json()
    invitation = Invitation.objects.get()
    assert body["code"] == invitation.code
    assert invitation.token in body["link"]
    assert [i["code"] for i in client.get(f"{API}/invitations").json()] == [invitation.code]


def test_invitation_bad_input_is_400_and_changes_nothing(client, org, prof):
    verified_login(client, prof)
    for data in (
        {"organisation": "nope", "instrument": "bredeblik-kort"},
        {"organisation": org.slug, "instrument": "nope"},
        {"organisation": org.slug, "instrument": "bredeblik-kort", "moment": "someday"},
        {"organisation": org.slug, "instrument": "bredeblik-kort", "team": 999999},
        {"organisation": org.slug},
    ):
        response = post(client, f"{API}/invitations", data)
        assert response.status_code == 400, data
        assert response.json()["detail"]
    other = organisation()
    response = post(
        client, f"{API}/invitations", {"organisation": other.slug, "instrument": "bredeblik-kort"}
    )
    assert response.status_code == 400
    assert not Invitation.objects.exists()


def test_invitations_are_refused_to_clients_and_unverified_professionals(client, org, prof):
    client.force_login(person())
    assert client.get(f"{API}/invitations").status_code == 403
    client.force_login(prof)
    assert client.get(f"{API}/invitations").status_code == 403
    _token, key = ApiToken.issue(prof, "unverified")
    assert Client().get(f"{API}/invitations", **bearer(key)).status_code == 403
    assert not Invitation.objects.exists()


def test_a_professional_sees_only_their_own_invitations(client, org, prof):
    create_invitation(prof, org, instrument())
    verified_login(client, member(org))
    assert client.get(f"{API}/invitations").json() == []


def test_person_shares_and_revokes_by_token(org, prof):
    owner = person()
    web = make_web(owner=owner)
    invitation = create_invitation(prof, org, instrument())
    _token, key = ApiToken.issue(owner, "app", scope=ApiToken.Scope.WRITE)
    api = Client()
    response = post(
        api,
        f"{API}/shares",
        {"web": str(web.public_id), "code": invitation.code, "scope": "future"},
        **bearer(key),
    )
    assert response.status_code == 201
    assert len(response.json()) == 1
    listed = api.get(f"{API}/shares", **bearer(key)).json()
    assert [s["all_future_webs"] for s in listed] == [True]
    share_id = listed[0]["id"]
    response = post(api, f"{API}/shares/{share_id}/revoke", {}, **bearer(key))
    assert response.status_code == 200
    assert response.json()["active"] is False
    assert not Share.objects.get(pk=share_id).is_active
    assert ApiToken.objects.get(user=owner).last_used is not None


def test_share_api_refuses_other_peoples_webs_and_shares(client, org, prof):
    owner = person()
    web = make_web(owner=owner)
    (given,) = share(owner, web, organisation=org, professional=prof)
    noord = team(org)
    client.force_login(person())
    response = post(client, f"{API}/shares", {"web": str(web.public_id), "team": noord.pk})
    assert response.status_code == 404
    assert post(client, f"{API}/shares/{given.pk}/revoke", {}).status_code == 404
    assert client.get(f"{API}/shares").json() == []
    assert Share.objects.get(pk=given.pk).is_active
    assert Share.objects.count() == 1


def test_share_api_bad_input(client, org):
    owner = person()
    web = make_web(owner=owner)
    client.force_login(owner)
    for data in (
        {"web": str(web.public_id)},
        {"web": str(web.public_id), "team": 1, "code": "ABCD-EFGH"},
        {"web": str(web.public_id), "code": "ABCD-EFGH"},
        {"web": str(web.public_id), "team": 999999},
        {"web": str(web.public_id), "team": 1, "scope": "forever"},
        {"web": "not-a-uuid", "team": 1},
    ):
        response = post(client, f"{API}/shares", data)
        assert response.status_code == 400, data
    assert not Share.objects.exists()


def test_session_changes_need_the_csrf_token(org):
    owner = person()
    web = make_web(owner=owner)
    noord = team(org)
    api = Client(enforce_csrf_checks=True)
    api.force_login(owner)
    response = post(api, f"{API}/shares", {"web": str(web.public_id), "team": noord.pk})
    assert response.status_code == 403
    assert not Share.objects.exists()


def test_openapi_documents_the_sharing_operations(client):
    spec = client.get(f"{API}/openapi.json").json()
    for path in ("/api/v1/invitations", "/api/v1/shares", "/api/v1/shares/{share_id}/revoke"):
        assert path in spec["paths"]
    assert spec["components"]["securitySchemes"]["SessionOrToken"]["scheme"] == "bearer"
