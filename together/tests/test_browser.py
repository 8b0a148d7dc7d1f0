"""Journeys 3 and 5 in a real browser, at 360 px and 1280 px, in Dutch and English, with
JavaScript on and off: what a person sees on the screen.

3. In the room: a professional starts a web for a new client, the client fills it in on the
   same device and consents, the professional sees it; and on paper: print the blank form,
   type it in, see the web.
5. A resident alone: their own reflection with the action wheel, and their own steps.
"""

import io
import re

import pytest
from django.conf import settings
from pypdf import PdfReader

from assessments.models import Assessment
from assessments.tests.factories import instrument, make_web
from conversations.tests.helpers import member, user
from conversations.tests.test_browser import as_user
from organisations.models import Membership, Organisation
from tests.journeys import answer_current_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = {
    "nl": {
        "start": "Start het web voor deze cliënt",
        "begin": "Begin met invullen",
        "consent_heading": "Wil je je web delen?",
        "yes": "Ja, Noor Fictief mag mijn web zien",
        "saved": "Je web is bewaard",
        "open": "Open het web",
        "together": "samen met een professional ingevuld",
        "paper": "op papier ingevuld en ingevoerd door een professional",
        "paper_next": "Volgende",
        "save_web": "Web opslaan",
        "consent_box": "De cliënt vindt het goed",
        "pdf_intro": "Zet bij elke vraag een kruisje",
        "own_start": "Beginnen",
        "overview": "Opslaan en naar het overzicht",
        "add_step": "Stap toevoegen",
        "wheel_now": "Hoe gaat het nu?",
        "step_label": "Stap",
    },
    "en": {
        "start": "Start the web for this client",
        "begin": "Begin filling in",
        "consent_heading": "Do you want to share your web?",
        "yes": "Yes, Noor Fictief may see my web",
        "saved": "Your web is saved",
        "open": "Open the web",
        "together": "filled in together with a professional",
        "paper": "filled in on paper and typed in by a professional",
        "paper_next": "Next",
        "save_web": "Save the web",
        "consent_box": "The client agrees",
        "pdf_intro": "Put a cross in one box per question",
        "own_start": "Start",
        "overview": "Save and go to the overview",
        "add_step": "Add step",
        "wheel_now": "How is it going now?",
        "step_label": "Step",
    },
}
SCORES = (7, 6, 5, 8, 4, 6)


def _browser(new_page, live_server, width: int, language: str, javascript: bool):
    page = new_page(width=width, height=800, javascript=javascript)
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    return page


def _professional():
    organisation = Organisation.objects.create(name="Wijkteam Fictief", slug="wijkteam-fictief")
    return organisation, member(
        user("noor@example.org", "Noor Fictief"), organisation, Membership.Role.PROFESSIONAL
    )


def _assert_web_on_screen(page, scores, width: int) -> None:
    """The web's shape has one point per part, and the table shows each part's score."""
    surface = page.locator("svg polygon.surface")
    assert surface.count() == 1
    points = surface.get_attribute("points").split()
    assert len(points) == len(scores)
    cells = [c.strip() for c in page.locator("table tbody tr td:first-of-type").all_inner_texts()]
    assert cells[: len(scores)] == [str(s) for s in scores]
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize(
    ("width", "language", "javascript"), [(360, "nl", True), (1280, "en", False)]
)
def test_in_the_room_client_fills_in_on_the_professionals_device_and_consents(
    new_page, live_server, axe_check, width, language, javascript
):
    t = TEXT[language]
    _organisation, professional = _professional()
    page = _browser(new_page, live_server, width, language, javascript)
    as_user(page, live_server, professional, verified=True)
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/samen/")
    page.locator("select[name=instrument]").select_option(str(instrument().pk))
    page.get_by_role("button", name=t["start"]).click()
    with page.expect_navigation():
        page.get_by_role("link", name=t["begin"]).click()

    # The client answers on the same device, part by part.
    for score in SCORES:
        answer_current_page(page, score)
        if javascript:
            page.locator("#save-status").get_by_text(re.compile(".+")).wait_for()
        with page.expect_navigation():
            page.locator("button[name=action][value=next]").click()

    page.get_by_role("heading", name=t["consent_heading"]).wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    if javascript:
        axe_check(page)
    page.get_by_role("button", name=t["yes"]).click()
    page.get_by_role("heading", name=t["saved"]).wait_for()
    if javascript:
        axe_check(page)
    web = Assessment.objects.get()
    assert web.owner is None and web.entry == Assessment.Entry.TOGETHER
    assert page.get_by_test_id("client-code").inner_text().strip() == web.resume_code

    # The professional now sees the client's web through the consent just given.
    page.get_by_role("link", name=t["open"]).click()
    page.get_by_test_id("entry").get_by_text(t["together"]).wait_for()
    _assert_web_on_screen(page, SCORES, width)


@pytest.mark.parametrize(
    ("width", "language", "javascript"), [(360, "nl", False), (1280, "en", True)]
)
def test_paper_route_print_type_in_and_see_the_web(
    new_page, live_server, axe_check, width, language, javascript
):
    t = TEXT[language]
    _organisation, professional = _professional()
    version = instrument()
    page = _browser(new_page, live_server, width, language, javascript)

    # The blank form, as printed: its text holds the questions and the instructions.
    pdf = page.request.get(f"{live_server.url}/samen/papier/bredeblik-kort/{language}.pdf")
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages).split()
    )
    assert t["pdf_intro"] in text
    for dimension in version.parsed.dimensions:
        assert " ".join(dimension.items[0].text.get(language).split())[:25] in text

    as_user(page, live_server, professional, verified=True)
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/samen/papier/invoeren/")
    page.locator("select[name=instrument]").select_option(str(version.pk))
    page.get_by_role("button", name=t["paper_next"]).click()

    # A mistake first: no consent ticked. Nothing is saved and the page says why.
    for dimension, score in zip(version.parsed.dimensions, SCORES, strict=True):
        for item in dimension.items:
            page.locator(f"select[name='item-{item.id}']").select_option(str(score))
    page.get_by_role("button", name=t["save_web"]).click()
    page.locator(".error-summary").wait_for()
    assert not Assessment.objects.exists()
    if javascript:
        axe_check(page)

    page.get_by_label(t["consent_box"]).check()
    page.get_by_role("button", name=t["save_web"]).click()
    page.get_by_role("heading", name=t["saved"]).wait_for()
    page.get_by_role("link", name=t["open"]).click()
    page.get_by_test_id("entry").get_by_text(t["paper"]).wait_for()
    _assert_web_on_screen(page, SCORES, width)
    assert Assessment.objects.get().entry == Assessment.Entry.PAPER


@pytest.mark.parametrize(
    ("width", "language", "javascript"), [(360, "nl", False), (1280, "en", True)]
)
def test_resident_alone_reflects_with_the_action_wheel_and_writes_own_steps(
    new_page, live_server, axe_check, width, language, javascript
):
    t = TEXT[language]
    resident = user("sanne@example.org", "Sanne Fictief")
    make_web(owner=resident)
    page = _browser(new_page, live_server, width, language, javascript)
    as_user(page, live_server, resident, verified=False)
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/gesprek/mijn-plan/")
    page.get_by_role("link", name=re.compile("web on my own|over mijn web")).click()
    page.locator("input[name=assessment]").first.check()
    page.get_by_role("button", name=t["own_start"], exact=True).click()

    # Straight to the action wheel's first step: pages 1-9 are the opening and solution questions.
    page.goto(page.url.replace("/vraag/1/", "/vraag/10/"))
    page.get_by_role("heading", name=t["wheel_now"]).wait_for()
    page.get_by_role("textbox").fill("Ik wandel te weinig")
    page.get_by_role("button", name=t["overview"]).click()
    page.get_by_text("Ik wandel te weinig").wait_for()

    page.get_by_label(t["step_label"], exact=True).fill("Elke dinsdag een rondje om de vijver")
    page.get_by_role("button", name=t["add_step"]).click()
    page.locator(".step-list").get_by_text(
        "Elke dinsdag een rondje om de vijver", exact=True
    ).wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    if javascript:
        axe_check(page)

    page.goto(f"{live_server.url}/gesprek/mijn-plan/")
    page.locator(".step-list").get_by_text(
        "Elke dinsdag een rondje om de vijver", exact=True
    ).wait_for()
