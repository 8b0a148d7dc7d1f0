import csv
import io

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from assessments.tests.factories import make_web
from organisations.models import Membership, MembershipOffer, Team
from sharing.audit import record_access
from sharing.services import share
from sharing.tests.helpers import member, organisation, person, verified_login

pytestmark = pytest.mark.django_db

ADMIN = Membership.Role.ORGANISATION_ADMIN


@pytest.fixture
def org():
    return organisation()


@pytest.fixture
def admin(org):
    return member(org, ADMIN)


def test_admin_sees_teams_and_members_and_adds_both(client, org, admin):
    verified_login(client, admin)
    newcomer = person("newcomer")
    assert client.get(reverse("organisations:manage", args=[org.slug])).status_code == 200
    client.post(reverse("organisations:create_team", args=[org.slug]), {"name": "Zuid"})
    zuid = Team.objects.get(organisation=org, name="Zuid")
    client.post(
        reverse("organisations:add_member", args=[org.slug]),
        {"email": newcomer.email.upper(), "role": "professional", "team": zuid.pk},
    )
    page = client.get(reverse("organisations:manage", args=[org.slug])).content.decode()
    assert "Zuid" in page
    assert newcomer.email in page
    # Only an offer until the newcomer says yes themselves.
    assert not Membership.objects.filter(user=newcomer).exists()
    offer = MembershipOffer.objects.get(email=newcomer.email, team=zuid, role="professional")
    client.force_login(newcomer)
    client.post(reverse("organisations:offers"), {"offer": offer.pk, "answer": "accept"})
    assert Membership.objects.filter(user=newcomer, team=zuid, role="professional").exists()


def test_bad_member_or_team_input_gets_a_message_and_changes_nothing(client, org, admin):
    verified_login(client, admin)
    before = Membership.objects.count()
    response = client.post(
        reverse("organisations:add_member", args=[org.slug]),
        {"email": "nobody@example.org", "role": "professional"},
    )
    # The same answer as for an existing account: the form does not reveal who has one.
    assert response.status_code == 302
    assert not Membership.objects.filter(user__email="nobody@example.org").exists()
    foreign_team = Team.objects.create(organisation=organisation(), name="X")
    response = client.post(
        reverse("organisations:add_member", args=[org.slug]),
        {"email": admin.email, "role": "professional", "team": foreign_team.pk},
    )
    assert response.status_code == 400
    assert Membership.objects.count() == before
    assert (
        client.post(
            reverse("organisations:create_team", args=[org.slug]), {"name": " "}
        ).status_code
        == 400
    )
    assert not org.teams.exists()


@pytest.mark.parametrize("who", ["professional", "other_admin", "client"])
def test_only_this_organisations_admins_may_manage_it(client, org, who):
    user = {
        "professional": lambda: member(org),
        "other_admin": lambda: member(organisation(), ADMIN),
        "client": person,
    }[who]()
    verified_login(client, user)
    target = person("target")
    for method, name, data in (
        ("get", "manage", None),
        ("get", "audit_csv", None),
        ("post", "create_team", {"name": "Sneaky"}),
        ("post", "add_member", {"email": target.email, "role": ADMIN}),
    ):
        response = getattr(client, method)(reverse(f"organisations:{name}", args=[org.slug]), data)
        assert response.status_code == 403, name
    assert not org.teams.exists()
    assert not Membership.objects.filter(user=target).exists()


def test_unverified_admin_is_sent_to_two_step_login(client, org, admin):
    client.force_login(admin)
    response = client.get(reverse("organisations:manage", args=[org.slug]))
    assert response.status_code == 302
    assert reverse("organisations:two_factor_setup") in response.url


def test_unknown_organisation_is_not_found(client, admin):
    verified_login(client, admin)
    assert client.get(reverse("organisations:manage", args=["no-such-org"])).status_code == 404


def test_audit_csv_has_only_this_organisations_accesses(client, org, admin):
    own = member(org)
    stranger = member(organisation())
    subject = person()
    web = make_web(owner=subject)
    share(subject, web, organisation=org, professional=own)
    record_access(own, subject, "web", "test context", assessment=web)
    record_access(stranger, subject, "web", "elsewhere")
    verified_login(client, admin)
    response = client.get(reverse("organisations:audit_csv", args=[org.slug]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["when", "viewer", "viewer_email"]
    assert len(rows) == 2
    assert rows[1][2] == own.email
    assert rows[1][5] == "test context"
    assert rows[1][6] == str(web.public_id)


def test_two_factor_setup_with_a_qr_code_and_a_code(client, org, admin):
    client.force_login(admin)
    page = client.get(reverse("organisations:two_factor_setup")).content.decode()
    device = TOTPDevice.objects.get(user=admin)
    assert "<svg" in page and "<title>" in page
    response = client.post(reverse("organisations:two_factor_setup"), {"code": "000000"})
    assert response.status_code == 400
    device.refresh_from_db()
    assert not device.confirmed
    device.throttle_reset()  # a wrong code slows the next try down; this test does not wait
    code = f"{totp(device.bin_key):06d}"
    response = client.post(
        reverse("organisations:two_factor_setup"),
        {"code": code, "next": reverse("organisations:manage", args=[org.slug])},
    )
    assert response.url == reverse("organisations:manage", args=[org.slug])
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(response.url).status_code == 200


def test_verify_after_login(client, org, admin):
    device = TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    client.force_login(admin)
    url = reverse("organisations:manage", args=[org.slug])
    response = client.get(url)
    assert reverse("organisations:two_factor_verify") in response.url
    assert (
        client.post(reverse("organisations:two_factor_verify"), {"code": "12"}).status_code == 400
    )
    assert client.get(url).status_code == 302
    client.post(
        reverse("organisations:two_factor_verify"),
        {"code": f"{totp(device.bin_key):06d}", "next": "https://evil.example/"},
    )
    assert client.get(url).status_code == 200


def test_open_redirect_is_refused(client, admin):
    device = TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    client.force_login(admin)
    response = client.post(
        reverse("organisations:two_factor_verify"),
        {"code": f"{totp(device.bin_key):06d}", "next": "https://evil.example/"},
    )
    assert "evil" not in response.url


def test_clients_have_no_organisation_menu_and_no_index(client):
    client.force_login(person())
    assert client.get(reverse("organisations:index")).status_code == 403


def test_demo_data_is_idempotent():
    from organisations import demo

    first = demo.load()
    second = demo.load()
    assert first == second
    assert Membership.objects.filter(organisation__slug=demo.ORGANISATION_SLUG).count() == len(
        demo.STAFF
    )
    device = TOTPDevice.objects.get(user__email="prof@zonnedal.example")
    import base64

    assert base64.b32encode(device.bin_key).decode() == demo.DEMO_TOTP_SECRET
