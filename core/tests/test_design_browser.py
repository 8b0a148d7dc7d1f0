"""The design on a real screen: the web's size and labels, the phone menu, read aloud, focus.

Axe and sideways scroll on every page are walked in `test_every_page.py`.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from assessments.models import Assessment

PASSWORD = "demo-wachtwoord-2026"


def log_in(page, base: str, email: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/account/inloggen/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("width", "min_web", "min_label"), [(360, 300, 14), (1280, 500, 20)])
def test_the_web_fills_the_screen_with_legible_labels(
    new_page, live_server, width, min_web, min_label
):
    call_command("load_demo", verbosity=0)
    web = Assessment.objects.filter(owner__email="bewoner@zonnedal.example").first()
    page = new_page(width=width, height=800)
    log_in(page, live_server.url, "bewoner@zonnedal.example")
    page.goto(f"{live_server.url}/web/{web.access_token}/")
    size = page.evaluate(
        """() => {
          const svg = document.querySelector('svg.spider-web');
          const box = svg.getBoundingClientRect();
          const scale = box.width / svg.viewBox.baseVal.width;
          const labels = [...svg.querySelectorAll('text.label')];
          return {
            width: box.width,
            smallest: Math.min(...labels.map(
              t => parseFloat(getComputedStyle(t).fontSize) * scale)),
            inside: labels.every(t => { const r = t.getBoundingClientRect();
              return r.left >= box.left - 1 && r.right <= box.right + 1; }),
            count: labels.length,
          };
        }"""
    )
    assert size["count"] == 6
    assert size["width"] >= min_web
    assert size["smallest"] >= min_label
    assert size["inside"], "a part name sticks out of the drawing"
    # Each part has its plain subtitle next to its name.
    assert page.get_by_text("hoe je lichaam zich voelt").count() >= 1
    assert page.get_by_text("Het gezondheidsoppervlak laat zien").count() >= 1


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_phone_menu_folds_behind_a_menu_button(phone_page, live_server):
    phone_page.goto(f"{live_server.url}/")
    button = phone_page.get_by_role("button", name="Menu")
    assert button.get_attribute("aria-expanded") == "false"
    login_link = phone_page.locator("#site-nav").get_by_role("link", name="Inloggen")
    assert not login_link.is_visible()
    button.focus()
    phone_page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    expect(login_link).to_be_visible()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_failed_form_moves_focus_to_the_error_summary(page, live_server):
    page.goto(f"{live_server.url}/web/hervatten/")
    page.locator("input[name=code]").fill("ZZZZ-ZZZZ")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.title().startswith("Fout:")
    focused = page.evaluate("() => document.activeElement.hasAttribute('data-error-summary')")
    assert focused
    assert "bewaarcode kennen we niet" in page.locator("[data-error-summary]").inner_text()


FAKE_DUTCH_VOICE = """
  window.__spoken = [];
  const voice = {lang: 'nl-NL', name: 'Nederlands', default: true};
  Object.defineProperty(window, 'speechSynthesis', {value: {
    getVoices: () => [voice], speak: (u) => window.__spoken.push(u.text), cancel: () => {},
    addEventListener: () => {},
  }});
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
"""
NO_VOICES = FAKE_DUTCH_VOICE.replace("[voice]", "[]")


def start_easy_web(page, base: str) -> None:
    page.goto(f"{base}/")
    with page.expect_navigation():
        page.get_by_role("button", name="Versie in makkelijke taal").click()
    with page.expect_navigation():
        page.locator("main a[href*='/deel/']").first.click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_easy_language_questions_are_read_aloud_in_dutch_with_the_keyboard(page, live_server):
    call_command("load_demo", verbosity=0)
    page.add_init_script(FAKE_DUTCH_VOICE)
    start_easy_web(page, live_server.url)
    buttons = page.locator("main [data-read-aloud]")
    assert buttons.count() >= 2
    first_question = page.locator("fieldset.item legend").first.inner_text()
    question_button = page.locator("fieldset.item [data-read-aloud]").first
    question_button.focus()
    page.keyboard.press("Enter")
    page_button = page.get_by_role("button", name="Lees deze pagina voor")
    page_button.focus()
    page.keyboard.press("Enter")
    spoken = page.evaluate("window.__spoken")
    assert spoken[0] == first_question
    assert page.locator("main h1").inner_text() in spoken[1]
    assert first_question in spoken[1]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_read_aloud_stays_hidden_without_a_dutch_voice(page, live_server, axe_check):
    call_command("load_demo", verbosity=0)
    page.add_init_script(NO_VOICES)
    start_easy_web(page, live_server.url)
    assert page.locator("main [data-read-aloud]").count() >= 2
    assert not page.locator("main [data-read-aloud]").first.is_visible()
    axe_check(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_score_out_of_range_moves_focus_to_the_error_summary(page, live_server):
    page.goto(f"{live_server.url}/")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    with page.expect_navigation():
        page.locator("main a[href*='/deel/']").first.click()
    # A tampered answer: the server refuses it and says so at the top of the page.
    page.evaluate(
        "() => { const r = document.querySelector('.scale input[type=radio]'); "
        "r.value = '11'; r.checked = true; }"
    )
    with page.expect_navigation():
        page.locator("button[name=action][value=next]").click()
    assert page.title().startswith("Fout:")
    assert page.evaluate("() => document.activeElement.hasAttribute('data-error-summary')")
