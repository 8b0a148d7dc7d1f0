"""Journey 4: a child with the youth nurse, and a young person of 14, walked in the browser.

The nurse invites, the child fills in with faces on the device in the room, the result speaks to
the child, the parent says yes on the same device, the child shares, and the nurse sees the web.
"""

import re

import pytest
from django.test import Client

from assessments.models import Assessment
from sharing.models import GuardianConsent, Share
from sharing.tests.helpers import member, organisation, verified_login
from sharing.tests.test_browser import log_in_browser
from tests.journeys import open_sign_up_link

CHILD_SCORES = ("10", "7.5", "5", "7.5", "10", "2.5")
TEXT = {
    "nl": {
        "title": "Dit is jouw web",
        "face": "Meestal wel",
        "said_yes": "zei ja op",
        "relationship": "ouder",
        "age_heading": "Voor je deelt: hoe oud ben je?",
    },
    "en": {
        "title": "This is your web",
        "face": "Mostly yes",
        "said_yes": "said yes on",
        "relationship": "parent",
        "age_heading": "Before you share: how old are you?",
    },
}


def _choose_language(page, language: str) -> None:
    if language == "en":
        menu = page.locator("[data-menu-button]")
        if menu.is_visible():  # on a phone the language switch sits behind the menu button
            menu.click()
        with page.expect_navigation():
            page.locator('button[name="language"][value="en"]').click()


def _polygon_points(page, selector: str = "svg.spider-web polygon.surface") -> int:
    return len(page.locator(selector).first.get_attribute("points").split())


def _visible_main_text(page) -> str:
    return page.locator("main").inner_text()


def _nurse_invites(page, live_server, nurse, instrument_name: str) -> str:
    log_in_browser(page, live_server, verified_login(Client(), nurse))
    page.goto(f"{live_server.url}/delen/uitnodigingen/")
    page.select_option('select[name="instrument"]', label=instrument_name)
    page.select_option('select[name="moment"]', value="intake")
    page.locator('main form[method="post"] button[type="submit"]').first.click()
    return page.locator("main a.private-link").first.get_attribute("href")


def _fill_in(page, values) -> None:
    with page.expect_navigation():
        page.locator('main a[href*="/deel/"]').first.click()
    _answer_every_part(page, values)


def _answer_every_part(page, values) -> None:
    """Answer one part per value; "Ready" on the last sends the web (every part is answered).
    Each click waits for the next page to load.

    Without waiting for the navigation itself, the next answers could be checked on the page
    that is still being left, and a part of the web would stay open.
    """
    for value in values:
        for radio in page.locator(f'main input[type="radio"][value="{value}"]').all():
            radio.check(force=True)
        # Let the autosave of the last answer finish before the page itself is sent.
        page.wait_for_load_state("networkidle")
        with page.expect_navigation():
            page.locator('button[name="action"][value="next"]').click()


def _sign_up_and_return(page, email: str) -> None:
    page.locator('main a[href*="/account/aanmelden/"]').first.click()
    page.fill('input[name="email"]', email)
    page.locator('main form[method="post"] button[type="submit"]').first.click()
    open_sign_up_link(page, email, "een-lang-wachtwoord-2026")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("width", "language", "javascript"), [(360, "nl", True), (1280, "en", False)]
)
def test_child_with_youth_nurse(new_page, live_server, width, language, javascript):
    text = TEXT[language]
    org = organisation("JGZ")
    nurse = member(org)

    # The nurse invites for the children's version.
    nurse_page = new_page(width=width, height=800)
    name = "Brede Blik — children" if language == "en" else "Brede Blik — kinderen"
    nurse_page.goto(live_server.url + "/")
    _choose_language(nurse_page, language)
    link = _nurse_invites(nurse_page, live_server, nurse, name)

    # The child fills in on the device in the room, with faces; one run on a device without
    # JavaScript, as the whole route must work without it.
    device = new_page(width=width, height=800, javascript=javascript)
    device.goto(live_server.url + "/")
    _choose_language(device, language)
    device.goto(link)
    with device.expect_navigation():
        device.locator('main form[method="post"] button[type="submit"]').first.click()
    _fill_in(device, CHILD_SCORES)

    # The result speaks to the child: faces, child words, no surface percentage.
    assert device.locator("h1").inner_text() == text["title"]
    assert _polygon_points(device) == 6
    assert device.locator("ul.face-summary li").count() == 6
    assert text["face"] in device.locator("ul.face-summary").inner_text()
    assert not re.search(r"\d\s?%", _visible_main_text(device))
    # Nothing can be shared or counted yet.
    assert device.locator('input[name="postcode_area"]').count() == 0
    assert device.locator('main input[name="how"][value="invitation"]').count() == 0

    # The parent says yes on the same device.
    device.fill('input[name="guardian_name"]', "Anna de Vries")
    device.select_option('select[name="relationship"]', value="parent")
    device.check('input[name="agree"]')
    with device.expect_navigation():
        device.locator('form[action$="/ouder/"] button[type="submit"]').click()
    panel = device.locator("#guardian-panel").inner_text()
    assert "Anna de Vries" in panel and text["said_yes"] in panel
    consent = GuardianConsent.objects.get()
    assert (consent.guardian_name, consent.relationship) == ("Anna de Vries", "parent")

    # The web goes into an account made on the device, then the child shares with the nurse.
    _sign_up_and_return(device, f"familie-{width}@example.org")
    invitation = device.locator('main input[name="how"][value="invitation"]')
    invitation.check()
    assert device.locator('main input[name="scope"][value="future"]').count() == 0
    with device.expect_navigation():
        invitation.locator("xpath=ancestor::form").locator('button[type="submit"]').click()
    web = Assessment.objects.get()
    assert Share.objects.get().assessment == web

    # The nurse sees the child's web, with the parent's consent named.
    nurse_page.goto(f"{live_server.url}/delen/met-mij-gedeeld/")
    with nurse_page.expect_navigation():
        nurse_page.locator(f'main a[href="/delen/web/{web.public_id}/"]').click()
    assert _polygon_points(nurse_page) == 6
    assert "Anna de Vries" in _visible_main_text(nurse_page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("width", "language", "javascript"), [(360, "en", True), (1280, "nl", False)]
)
def test_young_person_of_14_keeps_web_private_until_guardian_agrees(
    new_page, live_server, width, language, javascript
):
    text = TEXT[language]
    page = new_page(width=width, height=800, javascript=javascript)
    page.goto(live_server.url + "/")
    _choose_language(page, language)
    label = "young people" if language == "en" else "jongeren"
    with page.expect_navigation():
        page.locator("main button", has_text=label).click()
    with page.expect_navigation():
        page.locator('main a[href*="/deel/"]').first.click()
    _answer_every_part(page, ("6", "7", "5", "8", "4", "6"))

    assert _polygon_points(page) == 6
    main = _visible_main_text(page)
    assert (
        "Mijn gevoelens en gedachten" if language == "nl" else "My feelings and thoughts"
    ) in main
    assert not re.search(r"\d\s?%", main)
    assert text["age_heading"] in main
    assert page.locator('input[name="postcode_area"]').count() == 0

    page.select_option('select[name="age"]', value="14")
    with page.expect_navigation():
        page.locator('form[action$="/leeftijd/"] button[type="submit"]').click()
    assert page.locator('input[name="guardian_name"]').count() == 1
    assert page.locator('input[name="postcode_area"]').count() == 0
    assert not Share.objects.exists()
