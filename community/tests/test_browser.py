"""A facilitator and three residents on their phones: the board follows without reloading."""

import pytest
from django.test import Client

from community import services
from insights.tests.helpers import analyst, counted_web
from people.models import User


def logged_in_page(new_page, live_server, user):
    client = Client()
    client.force_login(user)
    page = new_page()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_session_board_updates_live_for_everyone(new_page, live_server, axe_check):
    facilitator = User.objects.create_user("leider@example.org", "a-long-test-password")
    session = services.create_session(facilitator, title="Windpark (fictief)", groups=2)
    lead = logged_in_page(new_page, live_server, facilitator)
    lead.goto(f"{live_server.url}/bijeenkomst/{session.code}/leiden/")
    axe_check(lead)
    count = lead.locator('#live-board td[data-dimension="meedoen"]')
    assert count.inner_text() == "0"

    phones = [new_page(width=360, height=740) for _ in range(3)]
    for phone in phones:
        phone.goto(f"{live_server.url}/bijeenkomst/")
        phone.get_by_label("Code van het scherm").fill(session.code.lower())
        phone.get_by_role("button", name="Doe mee").click()
        phone.get_by_label("Meedoen").check()
        phone.get_by_label("Waarom? (mag leeg blijven)").fill("Samen investeren in de molens")
        phone.get_by_role("button", name="Verstuur").click()
    axe_check(phones[0])

    # No reload on the facilitator's page: htmx polling brings the new count.
    count.filter(has_text="3").wait_for(timeout=10_000)
    assert "Samen investeren" in lead.locator("#live-board").inner_text()

    lead.get_by_role("button", name="Stap 2: kansen en drempels").click()
    phone = phones[1]
    phone.locator("#live-board").get_by_role("link").wait_for(timeout=10_000)
    phone.reload()
    phone.get_by_label("Jouw groep").select_option("2")
    phone.get_by_label("Dimensie").select_option("meedoen")
    phone.get_by_label("kans", exact=True).check()
    phone.get_by_label("Jouw idee").fill("Buurtfonds van de opbrengst")
    phone.get_by_role("button", name="Zet het op het bord").click()
    phones[0].locator("#live-board").get_by_text("Buurtfonds van de opbrengst").wait_for(
        timeout=10_000
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_dashboard_is_accessible(new_page, live_server, axe_check):
    for _ in range(12):
        counted_web(area="9991")
    page = logged_in_page(new_page, live_server, analyst())
    page.goto(f"{live_server.url}/inzicht/")
    assert page.locator("svg.insight-bars").count() == 6
    axe_check(page)
    page.goto(f"{live_server.url}/inzicht/wijk/9991/")
    axe_check(page)
