"""One lean end-to-end run: invite, fill in at home, share, conversation, steps, revoke."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from assessments.models import Assessment
from assessments.tests.factories import instrument
from conversations.models import Conversation, Step
from conversations.tests.helpers import login, member, user
from organisations.models import Membership, Organisation

PASSWORD = "een-lang-wachtwoord-42"  # what helpers.user gives every account


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
def test_invite_fill_in_share_converse_follow_up_and_revoke(page, new_page, live_server, axe_check):
    organisation = Organisation.objects.create(name="Wijkteam Fictief", slug="wijkteam-fictief")
    professional = member(
        user("noor@example.org", "Noor Fictief"), organisation, Membership.Role.PROFESSIONAL
    )
    device = TOTPDevice.objects.create(user=professional, name="Telefoon", confirmed=True)
    client_user = user("sanne@example.org", "Sanne Fictief")
    url = live_server.url

    # The professional, in a browser of their own, logs in with password and two-step code.
    pro = new_page()
    pro.goto(f"{url}/account/inloggen/")
    pro.locator("input[name=username]").fill("noor@example.org")
    pro.locator("input[name=password]").fill(PASSWORD)
    pro.locator("main form button[type=submit]").click()
    pro.wait_for_url(lambda address: "/account/inloggen/" not in address)
    pro.goto(f"{url}/delen/uitnodigingen/")
    pro.wait_for_url(re.compile(r"/organisatie/tweestaps/controle/"))
    pro.locator("input[name=code]").fill(f"{totp(device.bin_key):06d}")
    pro.locator("main form button[type=submit]").click()
    pro.wait_for_url(f"{url}/delen/uitnodigingen/")

    # They make an intake invitation for the web and read the link from the printable sheet.
    pro.locator("select[name=instrument]").select_option(str(instrument().pk))
    pro.locator("select[name=moment]").select_option("intake")
    pro.locator("main form button[type=submit]").click()
    pro.wait_for_url(re.compile(r"/delen/uitnodigingen/\d+/$"))
    link = pro.locator("a.private-link").get_attribute("href")
    assert "/delen/uitnodiging/" in link

    # The client, at home, follows the invitation link and fills in every part.
    as_user(page, live_server, client_user, verified=False)
    page.goto(link)
    page.get_by_role("button", name="Begin met invullen").click()
    page.locator("main a.utrecht-button-link").first.click()
    while "/deel/" in page.url:
        page.locator(".scale input[type=radio]").nth(6).check()
        page.locator("button[name=action][value=next]").click()
    page.wait_for_url(re.compile(r"/web/[^/]+/$"))
    page.get_by_role("button", name="Delen").first.click()
    web = Assessment.objects.get(owner=client_user)
    assert web.is_completed

    # The professional holds the conversation with the action wheel and records two steps.
    pro.goto(f"{url}/gesprek/")
    pro.get_by_role("link", name="Nieuw gesprek met Sanne Fictief").click()
    pro.locator("input[name=assessments]").first.check()
    pro.get_by_label("Thema", exact=True).fill("Meer mensen zien")
    pro.get_by_role("button", name="Begin het gesprek").click()
    conversation = Conversation.objects.get()
    pro.goto(f"{url}/gesprek/{conversation.public_id}/vraag/10/")
    axe_check(pro)
    answers = ["Stil", "Iets samen doen", "Wandelen", "Niemand kennen", "Hulp", "Ik ga"]
    for number, answer in enumerate(answers, start=10):
        pro.get_by_role("textbox").fill(answer)
        if number == 15:
            pro.get_by_role("button", name="Opslaan en naar het overzicht").click()
            pro.wait_for_url(f"{url}/gesprek/{conversation.public_id}/")
        else:
            pro.get_by_role("button", name="Opslaan en volgende vraag").click()
            pro.wait_for_url(f"**/vraag/{number + 1}/")
    for text in ["Naar de koffieochtend", "Buurthuis bellen"]:
        pro.get_by_label("Stap", exact=True).fill(text)
        pro.get_by_label("de persoon zelf").check()
        pro.get_by_label("Wanneer klaar?").fill("2030-01-31")
        pro.get_by_role("button", name="Stap toevoegen").click()
        pro.get_by_text("De stap is toegevoegd.").wait_for()
    axe_check(pro)
    conversation.refresh_from_db()
    assert conversation.answers["wheel_decide"] == "Ik ga"
    assert conversation.steps.count() == 2

    # The client marks a step done on their plan.
    page.goto(f"{url}/gesprek/mijn-plan/")
    axe_check(page)
    page.get_by_label("Status veranderen").first.select_option("done")
    page.get_by_role("button", name="Status opslaan").first.click()
    page.get_by_text("De stap is bijgewerkt.").wait_for()
    assert Step.objects.filter(status="done").count() == 1

    # The professional sees it: one step is still open.
    pro.goto(f"{url}/gesprek/")
    axe_check(pro)
    done = Step.objects.get(status="done").text
    still_open = Step.objects.get(status="open").text
    assert pro.get_by_text(still_open).count() == 1
    assert pro.get_by_text(done).count() == 0

    # The client stops sharing; the professional can no longer open the web or conversation.
    page.goto(f"{url}/delen/")
    page.get_by_role("button", name="Stoppen met delen").first.click()
    page.get_by_role("button", name="Ja, stop met delen").click()
    response = pro.goto(f"{url}/delen/web/{web.public_id}/")
    assert response.status == 404
    response = pro.goto(f"{url}/gesprek/{conversation.public_id}/")
    assert response.status == 404
