"""A team member walks the route on a phone, with and without JavaScript."""

import pytest
from playwright.sync_api import expect

from conversations.tests.helpers import member, user
from implementation.models import RouteEntry, TeamReflection
from organisations.models import Membership, Organisation, Team

from conversations.tests.test_browser import as_user  # isort: skip


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("javascript", [True, False])
def test_team_member_records_the_route_and_a_reflection_on_a_phone(
    new_page, live_server, axe_check, javascript
):
    organisation = Organisation.objects.create(name="Wijkteam Fictief", slug="wijkteam-fictief")
    team = Team.objects.create(organisation=organisation, name="Team Noord")
    noor = member(
        user("noor@example.org", "Noor Fictief"), organisation, Membership.Role.PROFESSIONAL
    )
    Membership.objects.filter(user=noor).update(team=team)
    page = new_page(width=360, height=740, javascript=javascript)
    as_user(page, live_server, noor, verified=True)

    page.goto(f"{live_server.url}/organisatie/")
    page.get_by_role("link", name="Aan de slag met Positieve Gezondheid").click()
    expect(page.get_by_role("heading", name="Je eerste maand")).to_be_visible()
    expect(page.get_by_text("Vul zelf een keer je web in.")).to_be_visible()
    if javascript:  # axe and layout checks run scripts in the page
        axe_check(page)

    page.get_by_role("link", name="Team Noord").click()
    expect(page.get_by_role("heading", name="Anders denken")).to_be_visible()
    expect(page.get_by_role("heading", name="Anders doen")).to_be_visible()
    page.get_by_role("link", name="Wat doen we morgen anders?").click()
    page.get_by_label("Mee bezig").check()
    page.get_by_label("Wat doen we hierna?").fill("Elke week één gesprek met het web.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Opgeslagen. Je team ziet het op de route.")).to_be_visible()
    expect(page.get_by_text("Hierna: Elke week één gesprek met het web.")).to_be_visible()
    if javascript:
        axe_check(page)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.get_by_role("link", name="Hoe zien we of de verandering werkt?").click()
    page.get_by_label("Ons antwoord").fill("We kijken samen naar de webs en naar verhalen.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("We kijken samen naar de webs en naar verhalen.")).to_be_visible()

    assert RouteEntry.objects.filter(team=team, step="tomorrow", status="working").exists()
    assert TeamReflection.objects.filter(team=team, question=5).exists()
