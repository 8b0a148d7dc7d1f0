"""A client answers the questions about the support and an evaluator reads the four aims, on a
phone, with and without JavaScript."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from assessments.tests.factories import make_web
from evaluation import services
from evaluation.models import ExperienceAnswer
from evaluation.tests.test_quadruple_aim import _evaluator, _fill_last_quarter
from insights.models import Programme
from sharing.services import share
from sharing.tests.helpers import member, organisation, person

from conversations.tests.test_browser import as_user  # isort: skip


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("javascript", [True, False])
def test_client_answers_and_evaluator_reads_the_four_aims_on_a_phone(
    new_page, live_server, axe_check, javascript
):
    org = organisation()
    programme = Programme.objects.create(organisation=org, name="Samen verder")
    professional = member(org)
    client_user = person("client")
    share(
        client_user,
        make_web(owner=client_user),
        organisation=org,
        professional=professional,
        include_future=True,
    )
    trajectory = services.register(
        programme, client_user, professional, timezone.localdate() - datetime.timedelta(days=40)
    )
    services.end(trajectory, timezone.localdate())

    page = new_page(width=360, height=740, javascript=javascript)
    as_user(page, live_server, client_user, verified=False)
    page.goto(f"{live_server.url}/account/mijn-webs/")
    with page.expect_navigation():
        page.get_by_role("link", name="Vragen beantwoorden").click()
    expect(page.get_by_role("heading", name="Hoe was de hulp?")).to_be_visible()
    if javascript:
        axe_check(page)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    for group in page.get_by_role("group").all()[:5]:
        group.get_by_label("Grotendeels").check()
    page.get_by_label("Wil je nog iets kwijt? (mag je overslaan)").fill("Fijne gesprekken.")
    with page.expect_navigation():
        page.get_by_role("button", name="Antwoorden versturen").click()
    expect(page.get_by_text("We bewaren je antwoorden zonder je naam.").first).to_be_visible()
    assert ExperienceAnswer.objects.filter(text="Fijne gesprekken.").count() == 1

    _fill_last_quarter(programme)
    evaluator = new_page(width=360, height=740, javascript=javascript)
    as_user(evaluator, live_server, _evaluator(programme), verified=True)
    evaluator.goto(f"{live_server.url}/inzicht/programma/{programme.pk}/")
    expect(evaluator.get_by_text("Geen score om iemand mee te rangschikken")).to_be_visible()
    expect(evaluator.get_by_text("12 trajecten afgerond.").first).to_be_visible()
    if javascript:
        axe_check(evaluator)
        assert evaluator.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
