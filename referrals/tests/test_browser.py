import pytest
from django.conf import settings
from django.test import Client

from referrals.models import Referral
from referrals.tests.conftest import login


def _browser_as(new_page, live_server, user):
    """A browser page logged in (with a verified second factor) as the user."""
    client = login(Client(), user)
    page = new_page()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_professional_refers_and_organisation_accepts(new_page, live_server, world, axe_check):
    conversation = world["conversation"]
    page = _browser_as(new_page, live_server, world["professional"])
    page.goto(f"{live_server.url}/verwijzingen/nieuw/{conversation.public_id}/")
    page.get_by_label("Samen eten in Oosterhof (Buurtwerk Zonnedal)").check()
    page.get_by_label("Naam", exact=True).check()
    page.get_by_label("De persoon gaat akkoord").check()
    page.get_by_role("button", name="Verwijzing klaarzetten").click()
    page.get_by_role("button", name="Zet op verstuurd").click()
    page.get_by_text("De status is nu: verstuurd.").wait_for()
    axe_check(page)
    referral = Referral.objects.get()

    receiver = _browser_as(new_page, live_server, world["buurtwerk_member"])
    receiver.goto(f"{live_server.url}/verwijzingen/")
    receiver.get_by_role("link", name="Samen eten in Oosterhof").click()
    assert "anna@example.org" not in receiver.content()
    receiver.get_by_label("Notitie (mag leeg blijven)").fill("Welkom donderdag!")
    receiver.get_by_role("button", name="Zet op aangenomen").click()
    receiver.get_by_text("De status is nu: aangenomen.").wait_for()
    referral.refresh_from_db()
    assert referral.status == "accepted"
