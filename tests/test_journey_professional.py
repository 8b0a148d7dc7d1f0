"""Journey 2, a professional and a client: two-step login → invite → the client fills in at home
→ shares → the conversation with the web beside the questions → action wheel → steps → a
suggested service → referral → the receiving organisation accepts → the trajectory at midway.
Every step asserts what the person sees: the web's corners, the scores, names, statuses."""

from __future__ import annotations

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from assessments.models import Assessment
from assessments.tests.factories import instrument, make_web
from conversations.models import Conversation
from organisations.models import Membership, Organisation
from people.models import User
from referrals.models import ReceivingMember, Referral
from sharing.models import Share
from sharing.services import share
from socialmap import demo as socialmap_demo
from socialmap.models import Organization
from tests.journeys import score_table, snap, use_language, web_shape

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "een-lang-wachtwoord-42"
INTAKE = (4, 5, 6, 5, 3, 6)
MIDWAY = (6, 5, 7, 5, 5, 6)
WHEEL = [
    "Ik zit veel thuis",
    "Iets samen doen",
    "Naar buiten gaan",
    "Ik ken niemand",
    "Een maatje",
    "Ik ga",
]
TEXT = {
    "nl": {
        "midway": "tussenmeting",
        "part": "Meedoen",
        "accepted": "aangenomen",
        "shared": "Je deelt dit web en al je latere webs met Noor.",
    },
    "en": {
        "midway": "midway",
        "part": "Participation",
        "accepted": "accepted",
        "shared": "You share this web and all your later webs with Noor.",
    },
}


def log_in(page, live_server, email: str) -> None:
    page.goto(f"{live_server.url}/account/inloggen/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/account/inloggen/" not in url)


def submit(page, form: str = "main form") -> None:
    page.locator(f"{form} button[type=submit]").first.click()


@pytest.fixture
def neighbourhood(db):
    """A wijkteam with one professional, a client whose intake web they already see, and the
    demo social map with one member of Buurtwerk Zonnedal who receives referrals."""
    socialmap_demo.load()
    organisation = Organisation.objects.create(name="Wijkteam Fictief", slug="wijkteam-fictief")
    professional = User.objects.create_user("noor@example.org", PASSWORD, display_name="Noor")
    Membership.objects.create(
        user=professional, organisation=organisation, role=Membership.Role.PROFESSIONAL
    )
    device = TOTPDevice.objects.create(user=professional, name="Telefoon", confirmed=True)
    client = User.objects.create_user("sanne@example.org", PASSWORD, display_name="Sanne")
    intake = make_web(INTAKE, owner=client)
    intake.moment = Assessment.Moment.INTAKE
    intake.save()
    share(client, intake, organisation=organisation, professional=professional)
    receiver = User.objects.create_user("buurtwerk@example.org", PASSWORD)
    ReceivingMember.objects.create(
        user=receiver, organization=Organization.objects.get(name="Buurtwerk Zonnedal")
    )
    # Referrals carry personal data, so the receiver also logs in with a second step.
    receiver_device = TOTPDevice.objects.create(user=receiver, name="Telefoon", confirmed=True)
    return {
        "professional": professional,
        "device": device,
        "client": client,
        "receiver_device": receiver_device,
    }


@pytest.mark.parametrize(
    ("width", "language", "javascript"),
    [
        pytest.param(360, "nl", True, id="360px-nl-js"),
        pytest.param(1280, "en", False, id="1280px-en-nojs"),
    ],
)
def test_professional_invites_converses_refers_and_follows_up(
    new_page, live_server, neighbourhood, width, language, javascript
):
    url = live_server.url
    text = TEXT[language]
    decimal_change = "+2"

    def browser():
        page = new_page(width=width, height=800, javascript=javascript)
        use_language(page, live_server, language)
        return page

    # Two-step login: password, then the code; the professional lands on their clients.
    pro = browser()
    log_in(pro, live_server, "noor@example.org")
    pro.wait_for_url(re.compile(r"/organisatie/tweestaps/controle/"))
    pro.locator("input[name=code]").fill(f"{totp(neighbourhood['device'].bin_key):06d}")
    submit(pro)
    pro.wait_for_url(f"{url}/gesprek/")
    snap(pro, "2-caseload")
    assert "Sanne" in pro.locator("main").inner_text()

    # Invite for the midway web.
    pro.goto(f"{url}/delen/uitnodigingen/")
    pro.locator("select[name=instrument]").select_option(str(instrument().pk))
    pro.locator("select[name=moment]").select_option("midway")
    submit(pro)
    pro.wait_for_url(re.compile(r"/delen/uitnodigingen/\d+/$"))
    link = pro.locator("a.private-link").get_attribute("href")

    # The client, at home, logs in (and lands on their own webs), follows the link, fills in.
    home = browser()
    log_in(home, live_server, "sanne@example.org")
    assert home.url == f"{url}/account/mijn-webs/"
    home.goto(link)
    submit(home)
    home.wait_for_url(re.compile(r"/web/[^/]+/begin/$"))
    home.locator("main a[href*='/deel/']").first.click()
    for number, score in enumerate(MIDWAY, start=1):
        home.wait_for_url(re.compile(rf"/deel/{number}/$"))
        home.locator("fieldset.item").first.get_by_label(str(score), exact=True).check()
        home.wait_for_load_state("networkidle")
        home.locator("button[name=action][value=next]").click()
    home.wait_for_url(re.compile(r"/web/[^/]+/$"))
    result_url = home.url
    snap(home, "2-client-result")
    assert len(web_shape(home)) == 6

    # They share this web and all later ones with the professional who invited them: one
    # consent, with one stop; the invitation stays on the page.
    panel = home.locator(".sharing-panel")
    assert "Noor" in panel.locator("form").first.inner_text()
    panel.locator("form").first.locator("input[name=scope][value=future]").check()
    submit(home, ".sharing-panel form")
    home.wait_for_url(result_url)
    snap(home, "2-client-shared")
    answered = home.locator(".sharing-panel .invitation-answered")
    assert TEXT[language]["shared"] in answered.inner_text()
    assert "Noor" in answered.inner_text()
    assert answered.locator("a[href$='/delen/']").count() == 1
    assert home.locator(".sharing-panel input[name=how][value=invitation]").count() == 0
    home.goto(f"{url}/delen/")
    midway = Assessment.objects.get(moment=Assessment.Moment.MIDWAY)
    assert Share.objects.active().filter(owner=neighbourhood["client"]).count() == 2
    assert Share.objects.active().filter(assessment__isnull=True).count() == 1
    # two consents on screen: the intake web alone, and this web with all later ones
    assert home.locator("main form[action$='/stoppen/']").count() == 2

    # The professional starts a conversation: webs by name, date and moment; theme by name.
    pro.goto(f"{url}/gesprek/")
    pro.locator(f"main a[href$='/client/{neighbourhood['client'].pk}/nieuw/']").click()
    snap(pro, "2-start-conversation")
    choices = pro.locator("main form").inner_text()
    assert "bredeblik-kort@" not in choices
    assert text["midway"] in choices and "intake" in choices
    for box in pro.locator("input[name=assessments]").all():
        box.check()
    pro.locator("select[name=theme_kind]").select_option("dimension")
    pro.locator("input[name=theme]").fill(text["part"])
    pro.locator("input[name=postcode_area]").fill("9992")
    submit(pro)
    pro.wait_for_url(re.compile(r"/vraag/1/$"))
    conversation = Conversation.objects.get()
    assert conversation.theme == "meedoen"

    # The web beside the question: the midway web over the intake, with the change.
    snap(pro, "2-question-1")
    beside = ".conversation-web"
    assert len(web_shape(pro, f"{beside} svg.spider-web polygon.surface")) == 6
    assert len(web_shape(pro, f"{beside} svg.spider-web polygon.surface-earlier")) == 6
    table = score_table(pro, beside)
    assert table[text["part"]][:3] == ["5", "3", decimal_change]
    assert text["part"] in pro.locator("main .conversation-question").inner_text()

    # The action wheel, one question per page, the web still beside each.
    pro.goto(f"{url}/gesprek/{conversation.public_id}/vraag/10/")
    for number, answer in enumerate(WHEEL, start=10):
        assert len(web_shape(pro, f"{beside} svg.spider-web polygon.surface")) == 6
        pro.locator("textarea[name=answer]").fill(answer)
        go = "overview" if number == 15 else "next"
        pro.locator(f"button[name=go][value={go}]").click()
        pro.wait_for_url(
            re.compile(r"/gesprek/[^/]+/$" if go == "overview" else rf"/vraag/{number + 1}/$")
        )

    # The conversation page: both webs drawn, the answers, then a small step.
    snap(pro, "2-conversation")
    shapes = pro.locator("main svg.spider-web polygon.surface")
    assert shapes.count() == 2
    assert all(len((s.get_attribute("points") or "").split()) == 6 for s in shapes.all())
    assert "Ik ga" in pro.locator("main").inner_text()
    pro.locator("main form[action$='/stappen/'] [name=text]").fill("Donderdag naar de eettafel")
    pro.locator("main form[action$='/stappen/'] input[name=actor][value=person]").check()
    pro.locator("main form[action$='/stappen/'] input[name=due_date]").fill("2030-01-31")
    submit(pro, "main form[action$='/stappen/']")
    pro.wait_for_url(re.compile(r"#steps$"))
    assert "Donderdag naar de eettafel" in pro.locator("#steps").inner_text()

    # Who in the neighbourhood can help: a suggested service for Meedoen in 9992; refer.
    panel = pro.locator(".referral-panel")
    snap(pro, "2-conversation-with-step")
    assert "Samen eten in Oosterhof" in panel.inner_text()
    panel.get_by_label(re.compile("Samen eten in Oosterhof")).check()
    panel.locator("input[name=share][value=name]").check()
    panel.locator("input[name=consent]").check()
    submit(pro, ".referral-panel form")
    pro.wait_for_url(re.compile(r"/verwijzingen/[0-9a-f-]+/$"))
    pro.locator("button[name=to][value=sent]").click()
    pro.wait_for_url(re.compile(r"/verwijzingen/[0-9a-f-]+/$"))
    referral = Referral.objects.get()
    assert referral.status == "sent"

    # The receiving organisation logs in with its code, lands on its referrals and accepts.
    receiver = browser()
    log_in(receiver, live_server, "buurtwerk@example.org")
    receiver.wait_for_url(re.compile(r"/organisatie/tweestaps/controle/"))
    code = totp(neighbourhood["receiver_device"].bin_key)
    receiver.locator("input[name=code]").fill(f"{code:06d}")
    submit(receiver)
    receiver.wait_for_url(f"{url}/verwijzingen/")
    receiver.locator(f"main a[href*='{referral.public_id}']").first.click()
    assert "sanne@example.org" not in receiver.content()
    receiver.locator("button[name=to][value=accepted]").click()
    receiver.wait_for_url(re.compile(r"/verwijzingen/[0-9a-f-]+/$"))
    snap(receiver, "2-receiver-accepted")
    assert text["accepted"] in receiver.locator("main").inner_text()

    # Back in the conversation the referral shows its new status; the trajectory at midway.
    pro.goto(f"{url}/gesprek/{conversation.public_id}/")
    assert text["accepted"] in pro.locator(".referral-panel").inner_text()
    pro.goto(f"{url}/gesprek/client/{neighbourhood['client'].pk}/traject/")
    snap(pro, "2-trajectory")
    head = pro.locator("main table thead").inner_text().lower()
    assert head.index("intake") < head.index(text["midway"])
    row = pro.locator("main table tbody tr").filter(has_text=text["part"]).inner_text()
    assert re.search(r"3\s+5\s+\S+\s+\+2", row)
    assert midway.owner_id == neighbourhood["client"].pk
