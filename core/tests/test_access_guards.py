"""Request-wide guards tried as an attacker would: codes, proxies, sessions, caching, input."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.core.cache import cache
from django.test import RequestFactory, override_settings
from django.urls import reverse

from assessments.tests.factories import make_web
from core import code_guard
from core.client_address import client_ip
from core.exports import safe_cell, safe_row
from core.tests.test_site import ROOT, clean_environment
from insights.models import Analyst
from organisations.models import Membership
from people.models import User
from referrals.models import ReceivingMember
from sharing.tests.helpers import member, organisation, person, verified_login
from socialmap.models import Coordinator

pytestmark = pytest.mark.django_db
STRONG_KEY = "k9#Vd2!xQ7zL$u4mN8pR1wT6yB3cF5hJ0gA*eS^oI&vK@lZ(qX)nM-rP_tY+uW="


def _check(**env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=clean_environment(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


# --- Production settings ------------------------------------------------------------------


def test_without_django_debug_the_settings_are_production_ones():
    env = clean_environment(SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="bredeblik.example.org")
    env.pop("DJANGO_DEBUG", None)
    code = "from django.conf import settings; print(settings.DEBUG, settings.SESSION_COOKIE_SECURE)"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "bredeblik.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.split() == ["False", "True"], result.stderr


@pytest.mark.parametrize(
    "key",
    [
        "short-key",
        "a" * 60,
        "development-only-key-never-used-in-production-3f9a8c7d1e2b4a6f",
        "django-insecure-" + "x1y2z3" * 10,
    ],
)
def test_production_refuses_a_weak_secret_key(key):
    result = _check(DJANGO_DEBUG="0", SECRET_KEY=key, ALLOWED_HOSTS="bredeblik.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_debug_refuses_to_serve_a_public_host():
    result = _check(DJANGO_DEBUG="1", SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="bredeblik.example.org")
    assert result.returncode != 0
    assert "DJANGO_DEBUG=1 is only for a local machine" in result.stderr


# --- The real client address --------------------------------------------------------------


def _request(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored():
    assert client_ip(_request("198.51.100.7", "1.2.3.4")) == "198.51.100.7"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_address_it_saw_counts_and_a_forged_header_changes_nothing():
    assert client_ip(_request("10.0.0.2", "203.0.113.5")) == "203.0.113.5"
    assert client_ip(_request("10.0.0.2", "6.6.6.6, 203.0.113.5")) == "203.0.113.5"
    assert client_ip(_request("10.0.0.2", "garbage, 203.0.113.5")) == "203.0.113.5"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_behind_two_proxies_the_outer_ones_entry_counts():
    assert client_ip(_request("10.0.0.3", "6.6.6.6, 203.0.113.5, 10.0.0.2")) == "203.0.113.5"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_one_guesser_does_not_lock_out_the_others(client):
    for _ in range(code_guard.LIMIT):
        client.post(
            reverse("assessments:resume"),
            {"code": "ZZZZ-ZZZZ"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="203.0.113.5",
        )
    blocked = client.post(
        reverse("assessments:resume"),
        {"code": "ZZZZ-ZZZZ"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.5",
    )
    assert code_guard.too_many_tries_message() in blocked.content.decode()
    other = client.post(
        reverse("assessments:resume"),
        {"code": "ZZZZ-ZZZZ"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )
    assert code_guard.too_many_tries_message() not in other.content.decode()


def test_axes_counts_wrong_passwords_by_the_same_client_address():
    from django.conf import settings

    assert settings.AXES_CLIENT_IP_CALLABLE == "core.client_address.client_ip"
    assert settings.RATELIMIT_IP_META_KEY == "core.client_address.client_ip"


# --- One limit for every door that takes a code -------------------------------------------


def _doors(client):
    """Every place a code or private link is accepted, each tried with a wrong one."""
    owner = person()
    web = make_web(owner=owner)
    client.force_login(owner)
    return [
        lambda: client.post(reverse("assessments:resume"), {"code": "QQQQ-QQQQ"}),
        lambda: client.get(reverse("assessments:result", args=["not-a-real-link"])),
        lambda: client.post(reverse("sharing:invitation_enter"), {"code": "QQQQ-QQQQ"}),
        lambda: client.get(reverse("sharing:invitation_link", args=["not-a-real-link"])),
        # The web's own link is no guess once opened: the code in the form is refused, with
        # the message on the web's page.
        lambda: client.post(
            reverse("sharing:share_web", args=[web.access_token]),
            {"how": "code", "code": "QQQQ-QQQQ"},
            follow=True,
        ),
        lambda: client.post(reverse("people:attach"), {"reference": "QQQQ-QQQQ"}),
        lambda: client.post(
            "/api/v1/shares",
            {"web": str(web.public_id), "code": "QQQQ-QQQQ"},
            content_type="application/json",
        ),
        lambda: client.get(reverse("community:home"), {"code": "NOPE42"}),
        lambda: client.get(reverse("community:take_part", args=["NOPE42"])),
    ]


def test_every_code_door_shares_one_limit_and_one_message(client):
    doors = _doors(client)
    for index in range(code_guard.LIMIT):
        doors[index % len(doors)]()
    for door in doors:
        response = door()
        body = response.content.decode()
        assert code_guard.too_many_tries_message() in body or response.status_code == 429, body
        if "api" not in response.get("Content-Type", "") and response.status_code == 302:
            pytest.fail("a door let a guess through after the limit")


def test_a_right_code_after_the_limit_is_also_refused_and_finds_nothing(client):
    stranger_web = make_web(complete=False)
    client.force_login(person())
    for _ in range(code_guard.LIMIT):
        client.post(reverse("people:attach"), {"reference": "QQQQ-QQQQ"})
    client.post(reverse("people:attach"), {"reference": stranger_web.resume_code})
    stranger_web.refresh_from_db()
    assert stranger_web.owner_id is None


def test_the_api_names_nobody_once_the_limit_is_reached(client):
    from sharing.models import Invitation
    from sharing.services import create_invitation

    org = organisation()
    professional = member(org)
    from assessments.tests.factories import instrument

    invitation = create_invitation(professional, org, instrument())
    owner = person()
    web = make_web(owner=owner)
    client.force_login(owner)
    for _ in range(code_guard.LIMIT):
        client.post(
            "/api/v1/shares",
            {"web": str(web.public_id), "code": "QQQQ-QQQQ"},
            content_type="application/json",
        )
    response = client.post(
        "/api/v1/shares",
        {"web": str(web.public_id), "code": invitation.code},
        content_type="application/json",
    )
    assert response.status_code == 429
    assert professional.email not in response.content.decode()
    assert Invitation.objects.count() == 1


def test_a_cookieless_visitor_adds_no_participant_by_looking(client):
    from community.models import CommunitySession, Participant
    from community.services import create_session

    session = create_session(person(), title="Windpark", description="", neighbourhood="", groups=2)
    for _ in range(5):
        client.cookies.clear()
        assert client.get(reverse("community:take_part", args=[session.code])).status_code == 200
    assert Participant.objects.filter(session=session).count() == 0
    assert CommunitySession.objects.count() == 1


# --- Two-step login for every role that sees data -----------------------------------------


def _analyst():
    user = person("analyst")
    Analyst.objects.create(user=user, postcode_areas=["9991"])
    return user


def _receiver():
    from socialmap import demo
    from socialmap.models import Organization

    demo.load()
    user = person("receiver")
    ReceivingMember.objects.create(user=user, organization=Organization.objects.first())
    return user


def _coordinator():
    user = person("coordinator")
    Coordinator.objects.create(user=user)
    return user


def _site_admin():
    return User.objects.create_superuser("root@example.org", "een-heel-lang-wachtwoord-9")


def _org_admin():
    return member(organisation(), Membership.Role.ORGANISATION_ADMIN)


ROLES = {
    "analyst": (_analyst, "/inzicht/"),
    "receiver": (_receiver, "/verwijzingen/"),
    "coordinator": (_coordinator, "/sociale-kaart/beheer/"),
    "site admin": (_site_admin, "/beheer/"),
    "organisation admin": (_org_admin, "/organisatie/"),
}


@pytest.mark.parametrize("role", ROLES)
def test_every_role_that_sees_data_is_stopped_until_the_second_step(client, role):
    make, page = ROLES[role]
    user = make()
    client.force_login(user)
    response = client.get(page)
    assert response.status_code == 302
    assert "/organisatie/tweestaps/" in response["Location"]
    assert client.get("/api/v1/shares").status_code == 403
    verified_login(client, user)
    assert "/organisatie/tweestaps/" not in client.get(page).get("Location", "")


@pytest.mark.parametrize("role", ROLES)
def test_the_second_step_is_asked_at_login_itself(client, role):
    make, _page = ROLES[role]
    user = make()
    user.set_password("een-heel-lang-wachtwoord-9")
    user.save()
    response = client.post(
        reverse("people:login"), {"username": user.email, "password": "een-heel-lang-wachtwoord-9"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/organisatie/tweestaps/")


def test_a_resident_logs_in_without_a_second_step(client):
    resident = person()
    resident.set_password("een-heel-lang-wachtwoord-9")
    resident.save()
    response = client.post(
        reverse("people:login"),
        {"username": resident.email, "password": "een-heel-lang-wachtwoord-9"},
    )
    assert response["Location"] == reverse("people:my_webs")


# --- Sessions and caching -----------------------------------------------------------------


def test_staff_sessions_end_after_thirty_idle_minutes(client):
    from django.conf import settings

    user = member(organisation())
    verified_login(client, user)
    client.get(reverse("conversations:caseload"))
    assert client.session.get_expiry_age() <= settings.SESSION_IDLE_STAFF == 30 * 60
    resident = person()
    client.force_login(resident)
    client.get(reverse("people:my_webs"))
    assert client.session.get_expiry_age() <= settings.SESSION_IDLE_ACCOUNT


def test_an_expired_idle_session_no_longer_opens_anything(client):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    user = member(organisation())
    verified_login(client, user)
    client.get(reverse("conversations:caseload"))
    Session.objects.update(expire_date=timezone.now() - timezone.timedelta(seconds=1))
    response = client.get(reverse("conversations:caseload"))
    assert response.status_code == 302
    assert reverse("people:login") in response["Location"]


def test_personal_pages_are_never_stored(client):
    owner = person()
    web = make_web(owner=owner)
    client.force_login(owner)
    for url in (
        reverse("assessments:result", args=[web.access_token]),
        reverse("people:my_webs"),
        reverse("sharing:overview"),
        reverse("people:export_json"),
    ):
        assert "no-store" in client.get(url)["Cache-Control"], url


# --- Passwords ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "message"),
    [("kort-wacht9", "at least 12"), ("password1234", "common")],
)
def test_weak_passwords_are_refused(password, message):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        validate_password(password)
    assert message in " ".join(error.value.messages).lower() or error.value.messages


# --- Bad input ----------------------------------------------------------------------------

HUGE = str(10**30)


def test_huge_numbers_in_urls_and_query_strings_are_never_a_server_error(client):
    analyst = _analyst()
    verified_login(client, analyst)
    for url in (
        f"/sociale-kaart/?page={HUGE}",
        f"/hsds/services?page={HUGE}&per_page={HUGE}",
        f"/inzicht/?programme={HUGE}&year_from={HUGE}",
        f"/inzicht/api/cijfers/?programme={HUGE}&year_to={HUGE}",
        f"/inzicht/programma/{HUGE}/",
        f"/delen/uitnodigingen/{HUGE}/",
        f"/gesprek/client/{HUGE}/traject/",
        f"/api/v1/shares/{HUGE}/revoke",
    ):
        assert client.get(url).status_code < 500, url
    resident = person()
    web = make_web(owner=resident)
    client.force_login(resident)
    response = client.post(
        reverse("sharing:share_web", args=[web.access_token]), {"how": "team", "team": HUGE}
    )
    assert response.status_code < 500
    assert client.post(reverse("sharing:revoke", args=[int(HUGE)])).status_code == 404


def test_an_oversized_body_gets_413_and_a_large_form_400(client):
    from django.conf import settings

    body = b"x" * (settings.MAX_REQUEST_BODY_SIZE + 1)
    response = client.generic("POST", "/api/v1/assessments", body, content_type="application/json")
    assert response.status_code == 413
    big_json = b'{"instrument": "' + b"x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10) + b'"}'
    for url in ("/api/v1/assessments", "/fhir/QuestionnaireResponse"):
        response = client.generic("POST", url, big_json, content_type="application/json")
        assert response.status_code in (400, 413), url


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1"])
def test_spreadsheet_cells_never_start_a_formula(text):
    assert safe_cell(text).startswith("'")
    assert safe_row([text, -3, 2.5]) == ["'" + text, -3, 2.5]


def test_ordinary_text_stays_as_it_is():
    assert safe_cell("Meedoen") == "Meedoen"


@pytest.fixture(autouse=True)
def _no_leftover_counts():
    cache.clear()
    yield
