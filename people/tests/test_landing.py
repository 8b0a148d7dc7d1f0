"""After logging in everyone lands on the page of their work, not on an empty "Mijn webs"."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from community.models import CommunitySession
from insights.models import Analyst
from organisations.models import Membership, Organisation
from people.models import User

PASSWORD = "een-lang-wachtwoord-42"


def log_in(client, email: str, next_url: str = ""):
    data = {"username": email, "password": PASSWORD}
    url = reverse("people:login") + (f"?next={next_url}" if next_url else "")
    return client.post(url, data)


def through_second_step(client, response, email: str) -> str:
    """Who sees other people's data is asked for the second step at login (core/roles.py);
    the address they were headed for rides along as `next`. Returns where they land after it."""
    location = urlsplit(response["Location"])
    assert location.path == reverse("organisations:two_factor_setup")
    (headed_for,) = parse_qs(location.query)["next"]
    page = client.get(response["Location"]).content.decode()
    assert f'name="next" value="{headed_for}"' in page
    device = TOTPDevice.objects.get(user__email=email, confirmed=False)
    done = client.post(location.path, {"code": f"{totp(device.bin_key):06d}", "next": headed_for})
    assert done.status_code == 302
    return done["Location"]


@pytest.fixture
def people(db):
    organisation = Organisation.objects.create(name="Wijkteam Fictief", slug="wijkteam-fictief")
    make = lambda email: User.objects.create_user(email, PASSWORD)  # noqa: E731
    professional, manager, admin = make("pro@x.org"), make("lead@x.org"), make("admin@x.org")
    for u, role in (
        (professional, Membership.Role.PROFESSIONAL),
        (manager, Membership.Role.TEAM_MANAGER),
        (admin, Membership.Role.ORGANISATION_ADMIN),
    ):
        Membership.objects.create(user=u, organisation=organisation, role=role)
    analyst = make("analist@x.org")
    Analyst.objects.create(user=analyst, postcode_areas=["9991"])
    facilitator = make("leider@x.org")
    CommunitySession.objects.create(facilitator=facilitator, title="Windpark", code="WNDPRQ")
    make("bewoner@x.org")
    return organisation


@pytest.mark.parametrize(
    ("email", "page", "sees_data"),
    [
        ("pro@x.org", "conversations:caseload", True),
        ("lead@x.org", "conversations:caseload", True),
        ("analist@x.org", "insights:dashboard", True),
        ("leider@x.org", "community:home", False),
        ("bewoner@x.org", "people:my_webs", False),
    ],
)
def test_each_role_lands_on_its_own_page(client, people, email, page, sees_data):
    response = log_in(client, email)
    assert response.status_code == 302
    if sees_data:
        assert through_second_step(client, response, email) == reverse(page)
    else:
        assert response["Location"] == reverse(page)
    assert client.get(reverse(page)).status_code == 200


def test_an_organisation_admin_lands_on_the_organisation_with_the_own_dimension_link(
    client, people
):
    response = log_in(client, "admin@x.org")
    landing = through_second_step(client, response, "admin@x.org")
    assert landing == reverse("organisations:index")
    html = client.get(landing).content.decode()
    assert reverse("conversations:custom_dimension", args=[people.slug]) in html


def test_a_next_address_still_wins(client, people):
    response = log_in(client, "pro@x.org", "/delen/")
    assert through_second_step(client, response, "pro@x.org") == "/delen/"
