"""One lean end-to-end run: invite, fill in at home, share, conversation, steps, revoke."""

import re

import pytest
from django.conf import settings
from django.test import Client

from assessments.models import Assessment
from assessments.tests.factories import instrument
from conversations.models import Conversation, Step
from conversations.tests.helpers import login, member, user
from organisations.models import Membership, Organisation
from sharing.services import create_invitation


def as_user(page, live_server, u, *, verified: bool) -> None:
    """Put a logged-in (and, for staff, two-factor verified) session into the browser."""
    client = Client()
    login(client, u, verified=verified)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_invite_fill_in_share_converse_follow_up_and_revoke(page, live_server, axe_check):
    organisation = Organisation.objects.create(name="Wijkteam Fictief", slug="wijkteam-fictief")
    professional = member(
        user("noor@example.org", "Noor Fictief"), organisation, Membership.Role.PROFESSIONAL
    )
    client_user = user("sanne@example.org", "Sanne Fictief")
    invitation = create_invitation(professional, organisation, instrument(), moment="intake")
    url = live_server.url

    # The client, at home, follows the invitation link and fills in every part.
    as_user(page, live_server, client_user, verified=False)
    page.goto(f"{url}/delen/uitnodiging/{invitation.token}/")
    page.get_by_role("button", name="Begin met invullen").click()
    page.locator("main a.button").first.click()
    while "/deel/" in page.url:
        page.locator(".scale input[type=radio]").nth(6).check()
        page.locator("button[name=action][value=next]").click()
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/web/[^/]+/$"))
    page.get_by_role("button", name="Delen").first.click()
    web = Assessment.objects.get(owner=client_user)
    assert web.is_completed

    # The professional holds the conversation with the action wheel and records two steps.
    as_user(page, live_server, professional, verified=True)
    page.goto(f"{url}/gesprek/")
    page.get_by_role("link", name="Nieuw gesprek met Sanne Fictief").click()
    page.locator("input[name=assessments]").first.check()
    page.get_by_label("Thema", exact=True).fill("Meer mensen zien")
    page.get_by_role("button", name="Begin het gesprek").click()
    conversation = Conversation.objects.get()
    page.goto(f"{url}/gesprek/{conversation.public_id}/vraag/10/")
    axe_check(page)
    answers = ["Stil", "Iets samen doen", "Wandelen", "Niemand kennen", "Hulp", "Ik ga"]
    for number, answer in enumerate(answers, start=10):
        page.get_by_role("textbox").fill(answer)
        if number == 15:
            page.get_by_role("button", name="Opslaan en naar het overzicht").click()
            page.wait_for_url(f"{url}/gesprek/{conversation.public_id}/")
        else:
            page.get_by_role("button", name="Opslaan en volgende vraag").click()
            page.wait_for_url(f"**/vraag/{number + 1}/")
    for text in ["Naar de koffieochtend", "Buurthuis bellen"]:
        page.get_by_label("Stap", exact=True).fill(text)
        page.get_by_label("de persoon zelf").check()
        page.get_by_label("Wanneer klaar?").fill("2030-01-31")
        page.get_by_role("button", name="Stap toevoegen").click()
        page.get_by_text("De stap is toegevoegd.").wait_for()
    axe_check(page)
    conversation.refresh_from_db()
    assert conversation.answers["wheel_decide"] == "Ik ga"
    assert conversation.steps.count() == 2

    # The client marks a step done on their plan.
    as_user(page, live_server, client_user, verified=False)
    page.goto(f"{url}/gesprek/mijn-plan/")
    axe_check(page)
    page.get_by_label("Status veranderen").first.select_option("done")
    page.get_by_role("button", name="Status opslaan").first.click()
    page.get_by_text("De stap is bijgewerkt.").wait_for()
    assert Step.objects.filter(status="done").count() == 1

    # The professional sees it: one step is still open.
    as_user(page, live_server, professional, verified=True)
    page.goto(f"{url}/gesprek/")
    axe_check(page)
    done = Step.objects.get(status="done").text
    still_open = Step.objects.get(status="open").text
    assert page.get_by_text(still_open).count() == 1
    assert page.get_by_text(done).count() == 0

    # The client stops sharing; the professional can no longer open the web or conversation.
    as_user(page, live_server, client_user, verified=False)
    page.goto(f"{url}/delen/")
    page.get_by_role("button", name="Stoppen met delen").first.click()
    page.get_by_role("button", name="Ja, stop met delen").click()
    as_user(page, live_server, professional, verified=True)
    response = page.goto(f"{url}/delen/web/{web.public_id}/")
    assert response.status == 404
    response = page.goto(f"{url}/gesprek/{conversation.public_id}/")
    assert response.status == 404
