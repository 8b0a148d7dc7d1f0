"""Journey 1, a resident on their own: quick web → result → compare → PDF → sign up → the webs
are taken into the account. Walked at 360 px in Dutch with JavaScript and at 1280 px in
English without, asserting what is on screen and in the PDF."""

from __future__ import annotations

import re

import pytest

from assessments.models import Assessment
from people.models import User
from tests.journeys import (
    open_sign_up_link,
    pdf_text,
    score_table,
    snap,
    surface_text,
    use_language,
    web_shape,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "een-lang-wachtwoord-42"
NAMES = {
    "nl": [
        "Lichaamsfuncties",
        "Mentaal welbevinden",
        "Zingeving",
        "Kwaliteit van leven",
        "Meedoen",
        "Dagelijks functioneren",
    ],
    "en": [
        "Bodily functions",
        "Mental well-being",
        "Meaningfulness",
        "Quality of life",
        "Participation",
        "Daily functioning",
    ],
}
# (6, 6, 5, 5, 5, 5) has a surface of exactly 28.5: rounding half up, screen and PDF say 28,5.
FIRST = (6, 6, 5, 5, 5, 5)
SECOND = (7, 6, 5, 5, 6, 5)


def fill_quick_web(page, scores) -> None:
    """From the first screen of a web to its result, one part per page."""
    page.locator("main a[href*='/deel/']").first.click()
    for number, score in enumerate(scores, start=1):
        page.wait_for_url(re.compile(rf"/deel/{number}/$"))
        page.locator("fieldset.item").first.get_by_label(str(score), exact=True).check()
        # With JavaScript the answer is saved at once; let that finish before moving on.
        page.wait_for_load_state("networkidle")
        page.locator("button[name=action][value=next]").click()
    page.wait_for_url(re.compile(r"/web/[^/]+/$"))


@pytest.mark.parametrize(
    ("width", "language", "javascript"),
    [
        pytest.param(360, "nl", True, id="360px-nl-js"),
        pytest.param(1280, "en", False, id="1280px-en-nojs"),
    ],
)
def test_resident_quick_web_compare_pdf_and_sign_up(
    new_page, live_server, width, language, javascript
):
    page = new_page(width=width, height=800, javascript=javascript)
    use_language(page, live_server, language)
    names = NAMES[language]
    decimal = "," if language == "nl" else "."

    # The quick web from the home page; the first screen speaks in words, not program text.
    page.goto(live_server.url)
    page.locator("main form button[name=instrument]").first.click()
    page.wait_for_url(re.compile(r"/web/[^/]+/begin/$"))
    snap(page, "1-first-screen")
    first_screen = page.locator("main").inner_text()
    assert "Text(" not in first_screen
    assert ("De korte versie" if language == "nl" else "The quick version") in first_screen
    fill_quick_web(page, FIRST)

    # The result: six corners, the table holds the given scores, the surface half up.
    snap(page, "1-result")
    assert len(web_shape(page)) == 6
    table = score_table(page)
    assert list(table) == names
    assert [cells[0] for cells in table.values()] == [str(s) for s in FIRST]
    assert surface_text(page) == f"28{decimal}5"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    first_link = page.url

    # The PDF holds the same numbers as the screen.
    with page.expect_download() as download:
        page.locator("main a[href$='rapport.pdf']").click()
    text = pdf_text(download.value.path())
    for name, cells in table.items():
        assert f"{name} {cells[0]}" in text
    assert f"28{decimal}5%" in text

    # Fill in again and compare: two webs of six corners, the change per part.
    page.locator("main form[action$='/opnieuw/'] button").click()
    page.wait_for_url(re.compile(r"/web/[^/]+/begin/$"))
    fill_quick_web(page, SECOND)
    page.locator("main a[href*='/vergelijk/']").first.click()
    page.wait_for_url(re.compile(r"/vergelijk/"))
    snap(page, "1-compare")
    assert len(web_shape(page)) == 6
    assert len(web_shape(page, "svg.spider-web polygon.surface-earlier")) == 6
    table = score_table(page)
    assert table[names[0]][:3] == ["7", "6", "+1"]
    assert table[names[4]][:3] == ["6", "5", "+1"]
    assert table[names[2]][:3] == ["5", "5", "0"]

    # Sign up: both webs of this browser are offered, ticked, and taken into the account.
    page.goto(first_link)
    with page.expect_navigation():
        page.locator("main a[href*='/account/aanmelden/']").first.click()
    snap(page, "1-sign-up")
    offered = page.locator("input[name=attach]")
    assert offered.count() == 2
    assert all(box.is_checked() for box in offered.all())
    page.locator("input[name=email]").fill(f"bewoner-{language}@example.org")
    page.locator("main form button[type=submit]").first.click()
    open_sign_up_link(page, f"bewoner-{language}@example.org", PASSWORD)
    page.goto(f"{live_server.url}/account/mijn-webs/")
    snap(page, "1-my-webs")
    cards = page.locator("main .my-webs > li")
    assert cards.count() == 2
    listed = page.locator("main .my-webs").inner_text()
    assert f"28{decimal}5" in listed and "32" in listed
    owner = User.objects.get(email=f"bewoner-{language}@example.org")
    assert Assessment.objects.filter(owner=owner).count() == 2

    # From now on the private link alone no longer opens the web: it belongs to the account.
    stranger = new_page(width=width, height=800, javascript=javascript)
    response = stranger.goto(first_link)
    assert response.status == 404
    assert stranger.locator("svg.spider-web").count() == 0
