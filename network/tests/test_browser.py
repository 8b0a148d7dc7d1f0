"""A person builds their network and plans a meeting on a phone; their daughter joins."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from assessments.tests.factories import make_web
from conversations.tests.helpers import user
from network.models import Agreement

from conversations.tests.test_browser import as_user  # isort: skip


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("javascript", [True, False])
def test_person_builds_a_network_plans_a_meeting_and_a_member_agrees_a_step(
    new_page, live_server, axe_check, javascript
):
    anna = user("anna@example.org", "Anna Fictief")
    make_web((5, 6, 7, 4, 5, 6), owner=anna)
    daughter = user("mila@example.org", "Mila Fictief")
    page = new_page(width=360, height=740, javascript=javascript)
    as_user(page, live_server, anna, verified=False)

    page.goto(f"{live_server.url}/netwerk/")
    page.get_by_label("Naam van je netwerk").fill("Thuis blijven wonen")
    page.get_by_role("button", name="Beginnen").click()
    page.get_by_label("E-mailadres").fill("mila@example.org")
    page.get_by_label("Wie is dit voor jou?").fill("mijn dochter")
    page.get_by_label("iemand dichtbij (bijvoorbeeld familie, buren, vrijwilliger)").check()
    page.get_by_label("geen webs: alleen de overleggen").check()
    page.get_by_role("button", name="Uitnodiging sturen").click()
    expect(page.get_by_text("De uitnodiging is verstuurd.")).to_be_visible()
    if javascript:
        axe_check(page)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.get_by_role("link", name="Overleg plannen").click()
    page.get_by_label("Datum").fill("2026-12-10")
    page.get_by_label("Waar wil je over praten?").fill("Boodschappen doen\nBeter slapen")
    page.get_by_role("button", name="Overleg plannen").click()
    expect(page.get_by_role("heading", name=re.compile("Overleg van"))).to_be_visible()
    expect(page.get_by_text("Beter slapen")).to_be_visible()

    link = re.search(r"http://[^\s]+/netwerk/uitnodiging/[^/\s]+/", mail.outbox[-1].body)[0]
    mila = new_page(width=360, height=740, javascript=javascript)
    as_user(mila, live_server, daughter, verified=False)
    mila.goto(link)
    mila.get_by_role("button", name="Ja, ik doe mee").click()
    expect(mila.get_by_text("Anna Fictief deelt geen webs met je.")).to_be_visible()
    mila.get_by_role("link", name=re.compile("december 2026")).click()
    mila.get_by_label("Wat spreken jullie af?").fill("Dinsdag samen naar de markt")
    mila.get_by_label("Wie doet het?").select_option(label="mijn dochter")
    mila.get_by_role("button", name="Opslaan").click()
    expect(mila.locator("td", has_text=re.compile("^Dinsdag samen naar de markt$"))).to_be_visible()
    if javascript:
        axe_check(mila)
    assert Agreement.objects.get().member.user == daughter
