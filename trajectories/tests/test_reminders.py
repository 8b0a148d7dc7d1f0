"""Planned moments get dates; a due moment is reminded by email once, only while consent stands."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from assessments.models import Assessment
from assessments.tests.factories import make_web
from sharing.consent import revoke
from sharing.models import Share
from sharing.services import share
from sharing.tests.helpers import member, organisation, person, verified_login
from trajectories import services
from trajectories.models import PlannedMoment

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 26)  # a Thursday


@pytest.fixture
def org():
    return organisation()


@pytest.fixture
def prof(org):
    return member(org)


@pytest.fixture
def client_person(org, prof):
    someone = person("client")
    web = make_web(owner=someone)
    share(someone, web, organisation=org, professional=prof, include_future=True)
    return someone


def _plan(prof, client_person, **dates):
    return services.plan_moments(prof, client_person, dates)


def test_a_due_moment_is_reminded_once(prof, client_person):
    _plan(prof, client_person, midway=TODAY, end=TODAY + datetime.timedelta(days=30))
    assert services.send_due_reminders(TODAY) == 1
    assert services.send_due_reminders(TODAY) == 0
    assert services.send_due_reminders(TODAY + datetime.timedelta(days=1)) == 0
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [client_person.email]
    assert "tussenmeting" in message.body or "halverwege" in message.body
    assert "midway" in message.body
    assert "/account/inloggen/" in message.body
    # the email holds no scores
    assert not any(str(s) in message.body for s in ("6,0", "7,0", "5,0"))


def test_no_reminder_after_the_client_revoked_consent(prof, client_person):
    _plan(prof, client_person, midway=TODAY)
    for item in Share.objects.filter(owner=client_person):
        revoke(item)
    assert services.send_due_reminders(TODAY) == 0
    assert mail.outbox == []
    assert PlannedMoment.objects.get().reminded_at is None


def test_no_reminder_without_an_email_address(prof, client_person):
    _plan(prof, client_person, midway=TODAY)
    type(client_person).objects.filter(pk=client_person.pk).update(email="")
    assert services.send_due_reminders(TODAY) == 0
    assert mail.outbox == []


def test_no_reminder_before_the_date_or_when_already_filled_in(prof, client_person):
    _plan(prof, client_person, midway=TODAY + datetime.timedelta(days=1))
    assert services.send_due_reminders(TODAY) == 0
    web = make_web(owner=client_person)
    Assessment.objects.filter(pk=web.pk).update(moment="midway")
    assert services.send_due_reminders(TODAY + datetime.timedelta(days=1)) == 0
    assert mail.outbox == []


def test_a_new_date_may_be_reminded_again(prof, client_person):
    _plan(prof, client_person, midway=TODAY)
    services.send_due_reminders(TODAY)
    _plan(prof, client_person, midway=TODAY + datetime.timedelta(days=7))
    assert services.send_due_reminders(TODAY + datetime.timedelta(days=7)) == 1
    assert len(mail.outbox) == 2


def test_planning_for_someone_who_does_not_share_is_refused(prof):
    stranger = person("stranger")
    with pytest.raises(services.PlanningError):
        _plan(prof, stranger, intake=TODAY)
    assert not PlannedMoment.objects.exists()


def test_command_queues_the_task_which_sends(prof, client_person, monkeypatch):
    _plan(prof, client_person, intake=datetime.date.today() - datetime.timedelta(days=1))
    call_command("send_moment_reminders")
    assert len(mail.outbox) == 1
    call_command("send_moment_reminders", "--now")
    assert len(mail.outbox) == 1


def test_due_this_week_lists_only_this_week_and_standing_consent(org, prof, client_person):
    other = person("other")
    share(other, make_web(owner=other), organisation=org, professional=prof)
    _plan(prof, client_person, midway=TODAY + datetime.timedelta(days=3))  # Sunday
    _plan(prof, other, intake=TODAY - datetime.timedelta(days=3))  # Monday
    _plan(prof, client_person, end=TODAY + datetime.timedelta(days=4))  # next Monday
    due = services.due_this_week(prof, TODAY)
    assert {(m.client, m.moment) for m in due} == {(client_person, "midway"), (other, "intake")}
    for item in Share.objects.filter(owner=other):
        revoke(item)
    assert [m.client for m in services.due_this_week(prof, TODAY)] == [client_person]


# --- pages -------------------------------------------------------------------------------


def test_professional_plans_dates_and_caseload_shows_who_is_due(prof, client_person):
    client = verified_login(Client(), prof)
    today = datetime.date.today()
    form = client.get(f"/traject/client/{client_person.pk}/plannen/").content.decode()
    assert form.count('type="date"') == 4
    assert 'form="' not in form  # the button belongs to the form it sits in
    response = client.post(
        f"/traject/client/{client_person.pk}/plannen/",
        {"intake": "", "midway": today.isoformat(), "end": "", "return_day": ""},
    )
    assert response.status_code == 302
    planned = PlannedMoment.objects.get()
    assert (planned.client, planned.moment, planned.due_on) == (client_person, "midway", today)
    caseload = client.get("/gesprek/").content.decode()
    section = caseload.split('id="due-heading"', 1)[1].split("</section>", 1)[0]
    assert str(client_person) in section


def test_bad_date_gets_a_message_and_changes_nothing(prof, client_person):
    client = verified_login(Client(), prof)
    response = client.post(f"/traject/client/{client_person.pk}/plannen/", {"midway": "31-31-2026"})
    assert response.status_code == 400
    assert "utrecht-form-field-error-message" in response.content.decode()
    assert not PlannedMoment.objects.exists()


def test_plan_page_refuses_who_has_no_right(org, prof, client_person):
    url = f"/traject/client/{client_person.pk}/plannen/"
    data = {"midway": "2026-12-01"}
    # not logged in: to the login page
    assert Client().post(url, data).status_code == 302
    # a resident without a care role
    resident = Client()
    resident.force_login(client_person)
    assert resident.post(url, data).status_code == 403
    # a professional without a verified second step
    unverified = Client()
    unverified.force_login(prof)
    assert unverified.post(url, data).status_code == 302
    # a professional the person does not share with
    other_prof = verified_login(Client(), member(org))
    assert other_prof.post(url, data).status_code == 404
    assert not PlannedMoment.objects.exists()


def test_client_sees_their_planned_dates(prof, client_person):
    _plan(prof, client_person, midway=TODAY)
    client = Client()
    client.force_login(client_person)
    html = client.get("/gesprek/mijn-traject/").content.decode()
    assert 'id="planned-heading"' in html
    assert "2026" in html.split('id="planned-heading"', 1)[1]


def test_the_client_finds_their_planned_dates_in_their_data_export(prof, client_person):
    _plan(prof, client_person, midway=TODAY)
    client = Client()
    client.force_login(client_person)
    data = client.get("/account/mijn-gegevens.json").json()
    assert any(
        m["moment"] == "midway" and m["date"] == TODAY.isoformat()
        for m in data["trajectories"]["planned_moments"]
    )
