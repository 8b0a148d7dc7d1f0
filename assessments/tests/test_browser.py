"""A resident in a real browser: fill in on a phone, with and without JavaScript, resume, compare,
download the PDF. axe-core checks each page type for WCAG 2.1 A/AA."""

import re

import pytest
from playwright.sync_api import expect

from assessments.models import Assessment
from tests.journeys import answer_current_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def answer_and_go_on(page, score: str) -> None:
    """Answer the part and wait for the next one: answering before it has loaded would answer
    the part just left again, and skip the next."""
    answer_current_page(page, score)
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("^(Volgende|Klaar)$")).click()


def test_quick_web_on_a_phone_with_javascript(phone_page, live_server, axe_check):
    page = phone_page
    page.goto(live_server.url)
    axe_check(page)
    page.get_by_role("button", name="Snel invullen (2 minuten)").click()
    code = page.locator(".code").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    with page.expect_navigation():
        page.get_by_role("link", name="Beginnen").click()
    axe_check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    for number in range(1, 7):
        expect(page.locator("h1")).to_be_visible()
        answer_current_page(page, str(number + 3))
        page.locator("#save-status").get_by_text("Opgeslagen").wait_for()
        if number == 2:
            page.get_by_label("Hier wil ik over praten").check()
        with page.expect_navigation():
            page.get_by_role("button", name="Klaar" if number == 6 else "Volgende").click()
    page.get_by_role("heading", name="Jouw spinnenweb").wait_for()
    assert page.locator("svg.spider-web polygon.surface").count() == 1
    assert page.locator(".flagged li").count() == 1
    axe_check(page)
    web = Assessment.objects.get()
    assert web.is_completed and web.dimension_scores["lichaamsfuncties"] == 4


def test_full_web_without_javascript_abandoned_and_resumed(new_page, live_server):
    page = new_page(javascript=False)
    page.goto(live_server.url)
    page.get_by_role("button", name="Volledig invullen (10 minuten)").click()
    code = page.locator(".code").inner_text()
    with page.expect_navigation():
        page.get_by_role("link", name="Beginnen").click()
    for _ in range(2):
        answer_and_go_on(page, "6")
    page.context.close()  # the tab is gone: nothing was sent after the second page

    page = new_page(javascript=False)
    page.goto(live_server.url)
    page.get_by_role("link", name="Verder met mijn bewaarcode").click()
    page.get_by_label("Je bewaarcode (bijvoorbeeld ABCD-2345)").fill(code)
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_text("Onderdeel 3 van 6")).to_be_visible()
    page.get_by_role("button", name="Vorige").click()
    expect(page.locator("fieldset.item input[value='6']:checked")).to_have_count(7)
    with page.expect_navigation():
        page.get_by_role("button", name="Volgende").click()
    for _ in range(4):
        answer_and_go_on(page, "8")
    page.get_by_role("heading", name="Jouw spinnenweb").wait_for()
    web = Assessment.objects.get()
    assert web.is_completed
    ids = [d.id for d in web.definition.dimensions]
    assert [web.dimension_scores[i] for i in ids] == [6, 6, 8, 8, 8, 8]


def test_compare_two_webs_and_download_the_pdf(page, live_server, axe_check):
    for score in ("3", "7"):
        if score == "3":
            page.goto(live_server.url)
            page.get_by_role("button", name="Snel invullen (2 minuten)").click()
        else:
            page.get_by_role("button", name="Opnieuw invullen").click()
        with page.expect_navigation():
            page.get_by_role("link", name="Beginnen").click()
        for _ in range(6):
            answer_and_go_on(page, score)
    page.get_by_role("link", name="Vergelijken met een eerder web").click()
    page.get_by_role("heading", name="Webs vergelijken").wait_for()
    assert page.locator("svg.spider-web polygon.surface-earlier").count() == 1
    assert page.get_by_role("cell", name="+4").count() == 6
    axe_check(page)
    page.get_by_role("link", name="Terug naar mijn web").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Downloaden als pdf").click()
    path = download.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(4) == b"%PDF"


def test_keyboard_alone(page, live_server):
    page.goto(live_server.url)
    page.get_by_role("button", name="Snel invullen (2 minuten)").focus()
    page.keyboard.press("Enter")
    page.get_by_role("link", name="Beginnen").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_role("heading", level=1).wait_for()
    for _ in range(40):  # Tab to the first score of the page
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "radio":
            break
    checked = "input[type=radio]:checked"
    while page.locator(checked).count() == 0 or page.locator(checked).get_attribute("value") != "5":
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Tab")  # past the radio group, to "I want to talk about this"
    page.keyboard.press("Space")
    page.locator("#save-status").get_by_text("Opgeslagen").wait_for()
    # Each key press saves; the last change is queued behind the ones still in flight.
    for _ in range(50):
        answer = Assessment.objects.get().answers.first()
        if answer and answer.value == 5 and answer.wants_to_talk:
            break
        page.wait_for_timeout(100)
    assert answer.value == 5 and answer.wants_to_talk
