"""A facilitator and three residents on their phones: the board follows without reloading."""

import pytest
from django.test import Client

from community import services
from insights.tests.helpers import analyst, counted_web
from people.models import User
from sharing.tests.helpers import verified_login


def logged_in_page(new_page, live_server, user, two_step: bool = False):
    client = Client()
    if two_step:
        verified_login(client, user)  # roles that see figures pass the second step at login
    else:
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
        # Each part is one large target as wide as the text field, not a small round button.
        field_width = phone.locator("#reason").bounding_box()["width"]
        choices = phone.locator(".tap-choice")
        assert choices.count() >= 2
        for choice in choices.all():
            box = choice.bounding_box()
            assert box["height"] >= 48 and box["width"] >= field_width - 2
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
    phone.get_by_label("Onderdeel").select_option("meedoen")
    axe_check(phone)
    kinds = phone.locator(".tap-choice")
    assert kinds.count() == 2 and all(k.bounding_box()["height"] >= 48 for k in kinds.all())
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
    page = logged_in_page(new_page, live_server, analyst(), two_step=True)
    page.goto(f"{live_server.url}/inzicht/")
    assert page.locator("svg.insight-bars").count() == 6
    axe_check(page)
    page.goto(f"{live_server.url}/inzicht/wijk/9991/")
    axe_check(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_living_environment_pages_work_on_a_phone(new_page, live_server, axe_check):
    from datetime import timedelta

    from django.utils import timezone

    from community.models import CommunitySession, Contribution
    from insights.services import period_bounds, period_of

    facilitator = User.objects.create_user("leider@example.org", "a-long-test-password")
    session = services.create_session(
        facilitator, title="Windpark (fictief)", postcode_area="9991", groups=1
    )
    Contribution.objects.create(
        session=session,
        group=session.groups.get(),
        dimension="mentaal_welbevinden",
        kind="barrier",
        factor="noise",
        text="Zoemen van de molens",
    )
    closed = period_bounds(period_of(timezone.now()))[0] - timedelta(days=5)
    CommunitySession.objects.filter(pk=session.pk).update(
        step=CommunitySession.Step.CLOSED, closed_at=closed
    )
    page = logged_in_page(new_page, live_server, analyst(), two_step=True)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/inzicht/")
    with page.expect_navigation():
        page.get_by_role("link", name="Leefomgeving in bewonersbijeenkomsten").click()
    ranking = page.get_by_role(
        "table", name="Factoren die het vaakst zijn genoemd in postcodegebied 9991"
    )
    assert "Geluid" in ranking.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    axe_check(page)
    page.goto(f"{live_server.url}/inzicht/wijk/9991/")
    assert (
        "Zoemen van de molens"
        in page.locator(
            "section.factor-dimension", has=page.locator("#factors-mentaal_welbevinden")
        ).inner_text()
    )
    axe_check(page)
    lead = logged_in_page(new_page, live_server, facilitator)
    lead.set_viewport_size({"width": 360, "height": 740})
    lead.goto(f"{live_server.url}/bijeenkomst/{session.code}/verslag/")
    assert (
        "Geluid"
        in lead.locator(
            "section.factor-dimension", has=lead.locator("#factors-mentaal_welbevinden")
        ).inner_text()
    )
    axe_check(lead)
