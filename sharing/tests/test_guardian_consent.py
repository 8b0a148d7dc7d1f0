"""Under 16 a web is neither shared nor counted without a parent's or guardian's yes."""

import json

import pytest
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.tests.factories import make_web
from insights.models import CollectiveConsent
from sharing import guardian_consent
from sharing.guardian_consent import Purpose, Reason
from sharing.models import ApiToken, GuardianConsent, Share
from sharing.services import SharingError, create_invitation, share
from sharing.tests.factories_api import bearer
from sharing.tests.helpers import member, organisation, person

pytestmark = pytest.mark.django_db

CHILD = "bredeblik-kind"
YOUTH = "bredeblik-jongeren"
CHILD_SCORES = (10, 7.5, 5, 7.5, 10, 2.5)


@pytest.fixture
def org():
    return organisation("JGZ")


@pytest.fixture
def nurse(org):
    return member(org)


def _child_web(owner, instrument_id=CHILD):
    return make_web(CHILD_SCORES, instrument_id=instrument_id, owner=owner)


def _invitation_for(web, nurse, org):
    invitation = create_invitation(nurse, org, web.instrument)
    invitation.assessment = web
    invitation.save()
    return invitation


def _client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- the rule ----------------------------------------------------------------------------


def test_child_needs_a_guardian_and_an_adult_does_not():
    child = _child_web(person())
    adult = make_web(owner=person())
    assert guardian_consent.decide(child, Purpose.SHARING).reason == Reason.GUARDIAN_NEEDED
    assert guardian_consent.decide(child, Purpose.FIGURES).reason == Reason.GUARDIAN_NEEDED
    assert guardian_consent.decide(adult, Purpose.SHARING).allowed
    assert guardian_consent.decide(adult, Purpose.SHARING, include_future=True).allowed


@settings(max_examples=20, deadline=None)
@given(age=st.integers(min_value=12, max_value=18))
def test_youth_decides_alone_from_16(age):
    web = _child_web(None, YOUTH)
    assert guardian_consent.decide(web, Purpose.SHARING).reason == Reason.AGE_UNKNOWN
    guardian_consent.state_age(web, age)
    decision = guardian_consent.decide(web, Purpose.FIGURES)
    assert decision.allowed is (age >= 16)
    if age < 16:
        assert decision.reason == Reason.GUARDIAN_NEEDED


@pytest.mark.parametrize("age", [0, 11, 19, 99])
def test_age_outside_12_to_18_is_refused(age):
    web = _child_web(None, YOUTH)
    with pytest.raises(ValueError):
        guardian_consent.state_age(web, age)
    assert guardian_consent.age_of(web) is None


def test_guardian_yes_allows_one_web_never_future_webs():
    web = _child_web(person())
    guardian_consent.give_guardian_consent(web, guardian_name="Anna", relationship="parent")
    assert guardian_consent.decide(web, Purpose.SHARING).allowed
    assert guardian_consent.decide(web, Purpose.FIGURES).allowed
    later = guardian_consent.decide(web, Purpose.SHARING, include_future=True)
    assert later.reason == Reason.ONE_WEB_ONLY


@pytest.mark.parametrize(
    ("name", "relationship"), [("", "parent"), ("   ", "parent"), ("Anna", "neighbour")]
)
def test_guardian_consent_needs_a_name_and_a_relationship(name, relationship):
    web = _child_web(None)
    with pytest.raises(ValueError):
        guardian_consent.give_guardian_consent(web, guardian_name=name, relationship=relationship)
    assert not GuardianConsent.objects.exists()


@pytest.mark.parametrize("instrument_id", [CHILD, YOUTH])
def test_guardian_yes_shares_nothing_and_nobody_else_can_share(org, nurse, instrument_id):
    young = person("jong")
    web = _child_web(young, instrument_id)
    if instrument_id == YOUTH:
        guardian_consent.state_age(web, 14)
    guardian_consent.give_guardian_consent(web, guardian_name="Anna", relationship="parent")
    invitation = _invitation_for(web, nurse, org)
    assert not Share.objects.exists()
    # Neither the nurse nor the guardian (another account) can share the young person's web.
    for other in (nurse, person("ouder")):
        _client_of(other).post(
            f"/delen/mijn-web/{web.access_token}/",
            {"how": "code", "code": invitation.code, "scope": "this"},
        )
        with pytest.raises(SharingError):
            share(other, web, organisation=org, professional=nurse)
    assert not Share.objects.exists()


# --- sharing: service, page and API ------------------------------------------------------


def test_service_refuses_to_share_a_childs_web_without_guardian(org, nurse):
    child = person("kind")
    web = _child_web(child)
    with pytest.raises(SharingError):
        share(child, web, organisation=org, professional=nurse)
    assert not Share.objects.exists()


def test_page_refuses_to_share_a_childs_web_without_guardian(org, nurse):
    child = person("kind")
    web = _child_web(child)
    _invitation_for(web, nurse, org)
    client = _client_of(child)
    result = client.get(f"/web/{web.access_token}/").content.decode()
    assert 'value="invitation"' not in result
    assert 'href="#guardian-panel"' in result
    assert f'action="/delen/mijn-web/{web.access_token}/ouder/"' in result

    response = client.post(
        f"/delen/mijn-web/{web.access_token}/", {"how": "invitation", "scope": "this"}, follow=True
    )
    assert not Share.objects.exists()
    text = response.content.decode()
    assert "16" in text


def test_api_refuses_to_share_a_childs_web_without_guardian(org, nurse):
    child = person("kind")
    web = _child_web(child)
    invitation = _invitation_for(web, nurse, org)
    _token, key = ApiToken.issue(child, "app", scope=ApiToken.Scope.WRITE)
    response = Client().post(
        "/api/v1/shares",
        json.dumps({"web": str(web.public_id), "code": invitation.code}),
        content_type="application/json",
        **bearer(key),
    )
    assert response.status_code == 400
    assert "16" in response.json()["detail"]
    assert not Share.objects.exists()


def test_with_guardian_yes_the_child_shares_this_web_only(org, nurse):
    child = person("kind")
    web = _child_web(child)
    _invitation_for(web, nurse, org)
    client = _client_of(child)
    client.post(
        f"/delen/mijn-web/{web.access_token}/ouder/",
        {"guardian_name": "Anna de Vries", "relationship": "parent", "agree": "on"},
    )
    consent = GuardianConsent.objects.get()
    assert (consent.guardian_name, consent.relationship) == ("Anna de Vries", "parent")
    assert consent.given_at is not None

    client.post(f"/delen/mijn-web/{web.access_token}/", {"how": "invitation", "scope": "future"})
    assert not Share.objects.exists()
    client.post(f"/delen/mijn-web/{web.access_token}/", {"how": "invitation", "scope": "this"})
    shared = Share.objects.get()
    assert (shared.assessment, shared.professional) == (web, nurse)


def test_revoking_the_guardian_yes_ends_sharing_and_counting(org, nurse):
    child = person("kind")
    web = _child_web(child)
    guardian_consent.give_guardian_consent(web, guardian_name="Anna", relationship="parent")
    share(child, web, organisation=org, professional=nurse)
    from insights.services import opt_in

    opt_in(web, postcode_area="9991", age_band="0-11")
    client = _client_of(child)
    client.post(f"/delen/mijn-web/{web.access_token}/ouder/intrekken/")
    assert not Share.objects.active().exists()
    assert not CollectiveConsent.objects.filter(opted_out_at__isnull=True).exists()
    result = client.get(f"/web/{web.access_token}/").content.decode()
    assert "ouder/intrekken" not in result
    assert f'action="/delen/mijn-web/{web.access_token}/ouder/"' in result


def test_guardian_form_without_the_tick_box_records_nothing():
    web = _child_web(None)
    client = Client()
    client.post(
        f"/delen/mijn-web/{web.access_token}/ouder/",
        {"guardian_name": "Anna", "relationship": "parent"},
    )
    assert not GuardianConsent.objects.exists()


def test_someone_elses_web_cannot_get_guardian_consent():
    owner = person("kind")
    web = _child_web(owner)
    stranger = _client_of(person("vreemde"))
    response = stranger.post(
        f"/delen/mijn-web/{web.access_token}/ouder/",
        {"guardian_name": "Anna", "relationship": "parent", "agree": "on"},
    )
    assert response.status_code == 404
    assert not GuardianConsent.objects.exists()


def test_adult_web_has_no_guardian_form():
    web = make_web()
    response = Client().post(
        f"/delen/mijn-web/{web.access_token}/ouder/",
        {"guardian_name": "Anna", "relationship": "parent", "agree": "on"},
    )
    assert response.status_code == 404


# --- counting in figures: page and API ---------------------------------------------------


def test_page_refuses_to_count_a_childs_web_without_guardian():
    web = _child_web(None)
    client = Client()
    result = client.get(f"/web/{web.access_token}/").content.decode()
    assert 'name="postcode_area"' not in result
    client.post(
        f"/inzicht/meetellen/{web.access_token}/",
        {"postcode_area": "9991", "age_band": "0-11", "agree": "yes"},
    )
    assert not CollectiveConsent.objects.exists()


def test_api_refuses_to_count_a_childs_web_without_guardian():
    web = _child_web(None)
    response = Client().post(
        f"/api/v1/assessments/{web.access_token}/figures",
        json.dumps({"postcode_area": "9991", "age_band": "0-11"}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["reason"] == "guardian_needed"
    assert not CollectiveConsent.objects.exists()


def test_api_counts_after_guardian_yes_and_stops_on_request():
    web = _child_web(None)
    guardian_consent.give_guardian_consent(web, guardian_name="Anna", relationship="guardian")
    url = f"/api/v1/assessments/{web.access_token}/figures"
    response = Client().post(
        url,
        json.dumps({"postcode_area": "9991", "age_band": "0-11"}),
        content_type="application/json",
    )
    assert response.status_code == 201
    assert CollectiveConsent.objects.get().is_active
    assert Client().delete(url).json()["counted"] is False
    assert not CollectiveConsent.objects.get().is_active


def test_api_figures_bad_postcode_is_400_and_changes_nothing():
    web = make_web()
    response = Client().post(
        f"/api/v1/assessments/{web.access_token}/figures",
        json.dumps({"postcode_area": "12", "age_band": "30-44"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert not CollectiveConsent.objects.exists()


def test_api_figures_of_someone_elses_web_is_404():
    web = make_web(owner=person())
    response = Client().post(
        f"/api/v1/assessments/{web.access_token}/figures",
        json.dumps({"postcode_area": "9991", "age_band": "30-44"}),
        content_type="application/json",
    )
    assert response.status_code == 404
    assert not CollectiveConsent.objects.exists()


# --- the youth version -------------------------------------------------------------------


def test_youth_of_16_shares_alone_and_of_14_needs_a_guardian(org, nurse):
    for age, shared in ((16, True), (14, False)):
        young = person("jong")
        web = _child_web(young, YOUTH)
        client = _client_of(young)
        page = client.get(f"/web/{web.access_token}/").content.decode()
        assert 'name="age"' in page
        client.post(f"/delen/mijn-web/{web.access_token}/leeftijd/", {"age": str(age)})
        assert guardian_consent.age_of(web) == age
        invitation = _invitation_for(web, nurse, org)
        client.post(
            f"/delen/mijn-web/{web.access_token}/",
            {"how": "code", "code": invitation.code, "scope": "this"},
        )
        assert Share.objects.filter(assessment=web).exists() is shared


def test_youth_bad_age_on_the_page_changes_nothing():
    web = _child_web(None, YOUTH)
    client = Client()
    for bad in ("11", "19", "abc", ""):
        client.post(f"/delen/mijn-web/{web.access_token}/leeftijd/", {"age": bad})
    assert guardian_consent.age_of(web) is None


def test_guardian_consent_is_in_the_data_export():
    owner = person("kind")
    web = _child_web(owner)
    guardian_consent.give_guardian_consent(web, guardian_name="Anna", relationship="parent")
    data = _client_of(owner).get("/account/mijn-gegevens.json").json()
    assert data["sharing"]["guardian_consents"][0]["guardian_name"] == "Anna"
