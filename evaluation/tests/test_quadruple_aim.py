"""The quadruple aim: who may answer, enter and see what, and what the evaluator is shown."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from assessments.tests.factories import make_web
from evaluation import services
from evaluation.models import (
    AimFigures,
    ExperienceAnswer,
    JoyParticipation,
    JoyRound,
    ProgrammeTrajectory,
)
from evaluation.questions import EXPERIENCE_ITEMS, JOY_ITEMS
from insights.models import Programme, ProgrammeFigures
from insights.services import closed_quarters, period_bounds
from insights.tests.helpers import analyst
from organisations.models import Membership
from sharing.services import share
from sharing.tests.helpers import member, organisation, person, team, verified_login

pytestmark = pytest.mark.django_db

EXPERIENCE_ALL_FOUR = {item.id: "4" for item in EXPERIENCE_ITEMS}
JOY_ALL_FIVE = {item.id: "5" for item in JOY_ITEMS}


@pytest.fixture
def org():
    return organisation()


@pytest.fixture
def programme(org):
    return Programme.objects.create(organisation=org, name="Samen verder")


@pytest.fixture
def prof(org):
    return member(org)


@pytest.fixture
def client_person(org, prof):
    someone = person("client")
    web = make_web(owner=someone)
    share(someone, web, organisation=org, professional=prof, include_future=True)
    return someone


@pytest.fixture
def ended(programme, prof, client_person):
    trajectory = services.register(
        programme, client_person, prof, timezone.localdate() - datetime.timedelta(days=60)
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.end(trajectory, timezone.localdate())
    return trajectory


def last_quarter() -> str:
    return closed_quarters(1)[0]


def in_last_quarter(days: int = 20) -> datetime.datetime:
    return period_bounds(last_quarter())[0] + datetime.timedelta(days=days)


# Experience of the support ----------------------------------------------------------------------


def test_professional_puts_a_trajectory_in_a_programme_and_ends_it(
    client, programme, prof, client_person
):
    verified_login(client, prof)
    url = reverse("evaluation:trajectory", args=[client_person.pk])
    start = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    client.post(url, {"action": "register", "programme": programme.pk, "started_on": start})
    trajectory = ProgrammeTrajectory.objects.get()
    assert trajectory.client == client_person and trajectory.ended_on is None
    page = client.get(url).content.decode()
    assert "Samen verder" in page and "loopt nog" in page

    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    refused = client.post(
        url, {"action": "end", "trajectory": trajectory.public_id, "ended_on": future}
    )
    assert refused.status_code == 400
    assert "Het einde kan niet in de toekomst liggen." in refused.content.decode()
    trajectory.refresh_from_db()
    assert trajectory.ended_on is None and not mail.outbox

    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(
            url,
            {
                "action": "end",
                "trajectory": trajectory.public_id,
                "ended_on": timezone.localdate().isoformat(),
            },
        )
    trajectory.refresh_from_db()
    assert trajectory.ended_on == timezone.localdate()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [client_person.email]
    assert "/account/inloggen/" in mail.outbox[0].body
    assert "Samen verder" not in mail.outbox[0].body  # nothing about the person's care


def test_professional_without_consent_cannot_put_someone_in_a_programme(
    client, programme, org, client_person
):
    stranger = member(org)
    verified_login(client, stranger)
    url = reverse("evaluation:trajectory", args=[client_person.pk])
    assert client.get(url).status_code == 404
    response = client.post(
        url,
        {"action": "register", "programme": programme.pk, "started_on": "2026-01-01"},
    )
    assert response.status_code == 404
    with pytest.raises(services.EvaluationError):
        services.register(programme, client_person, stranger, timezone.localdate())
    assert not ProgrammeTrajectory.objects.exists()


def test_programme_of_another_organisation_is_refused(client_person, prof):
    elsewhere = Programme.objects.create(organisation=organisation(), name="Elders")
    with pytest.raises(services.EvaluationError) as refusal:
        services.register(elsewhere, client_person, prof, timezone.localdate())
    assert "programme" in refusal.value.errors
    assert not ProgrammeTrajectory.objects.exists()


def test_client_is_offered_the_questions_and_answers_without_a_name(client, ended, client_person):
    client.force_login(client_person)
    page = client.get(reverse("conversations:my_trajectory")).content.decode()
    assert "Hoe was de hulp?" in page
    assert client.get(reverse("people:my_webs")).content.decode().count("Hoe was de hulp?") == 1
    url = reverse("evaluation:experience", args=[ended.public_id])
    form = client.get(url).content.decode()
    assert "Ik voelde me gehoord." in form and "Sla deze vragen over" in form

    response = client.post(url, {**EXPERIENCE_ALL_FOUR, "text": "  Goed geholpen.  "})
    assert response.status_code == 302
    answer = ExperienceAnswer.objects.get()
    assert answer.answers == {item.id: 4 for item in EXPERIENCE_ITEMS}
    assert answer.text == "Goed geholpen."
    assert answer.period == services.period_of(timezone.now())
    # Nothing ties the answer to the person: only the programme and the quarter.
    assert {f.name for f in ExperienceAnswer._meta.get_fields()} == {
        "id",
        "programme",
        "period",
        "answers",
        "text",
    }
    ended.refresh_from_db()
    assert ended.experience == ProgrammeTrajectory.Experience.ANSWERED
    assert (
        "Hoe was de hulp?"
        not in client.get(reverse("conversations:my_trajectory")).content.decode()
    )
    again = client.post(url, EXPERIENCE_ALL_FOUR)
    assert "al beantwoord of overgeslagen" in again.content.decode()
    assert ExperienceAnswer.objects.count() == 1


def test_client_may_skip_the_questions(client, ended, client_person):
    client.force_login(client_person)
    url = reverse("evaluation:experience", args=[ended.public_id])
    client.post(url, {"action": "skip"})
    ended.refresh_from_db()
    assert ended.experience == ProgrammeTrajectory.Experience.SKIPPED
    assert not ExperienceAnswer.objects.exists()
    assert "Hoe was de hulp?" not in client.get(reverse("people:my_webs")).content.decode()


def test_incomplete_answers_get_a_message_and_store_nothing(client, ended, client_person):
    client.force_login(client_person)
    url = reverse("evaluation:experience", args=[ended.public_id])
    partial = {**EXPERIENCE_ALL_FOUR, "heard": "9"}
    partial.pop("recommend")
    response = client.post(url, {**partial, "text": "x" * 1001})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Kies een van de antwoorden." in page
    assert not ExperienceAnswer.objects.exists()
    ended.refresh_from_db()
    assert ended.experience == ProgrammeTrajectory.Experience.OPEN


def test_another_resident_cannot_open_or_answer_someone_elses_questions(client, ended):
    other = person("neighbour")
    client.force_login(other)
    url = reverse("evaluation:experience", args=[ended.public_id])
    assert client.get(url).status_code == 404
    assert client.post(url, EXPERIENCE_ALL_FOUR).status_code == 404
    assert client.post(url, {"action": "skip"}).status_code == 404
    assert "Hoe was de hulp?" not in client.get(reverse("people:my_webs")).content.decode()
    with pytest.raises(services.EvaluationError):
        services.answer_experience(ended, other, EXPERIENCE_ALL_FOUR)
    assert not ExperienceAnswer.objects.exists()
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_a_running_trajectory_asks_nothing_yet(client, programme, prof, client_person):
    running = services.register(programme, client_person, prof, timezone.localdate())
    client.force_login(client_person)
    url = reverse("evaluation:experience", args=[running.public_id])
    assert client.get(url).status_code == 404
    assert "Hoe was de hulp?" not in client.get(reverse("people:my_webs")).content.decode()


# Joy in work ------------------------------------------------------------------------------------


@pytest.fixture
def noord(org):
    return team(org, "Noord")


def _members(org, noord, count):
    return [member(org, team=noord) for _ in range(count)]


def test_team_member_answers_once_and_the_answer_leaves_no_trace(client, org, noord):
    first, second = _members(org, noord, 2)
    verified_login(client, first)
    team_url = reverse("evaluation:joy_team", args=[noord.pk])
    client.post(team_url)
    round_ = JoyRound.objects.get()
    round_url = reverse("evaluation:joy_round", args=[round_.pk])
    assert "Mijn werk geeft me energie." in client.get(round_url).content.decode()
    client.post(round_url, JOY_ALL_FIVE)
    client.post(round_url, {item.id: "1" for item in JOY_ITEMS})  # a second try
    round_.refresh_from_db()
    assert round_.answer_count == 1
    assert round_.totals == {item.id: 5 for item in JOY_ITEMS}
    assert list(JoyParticipation.objects.values_list("user", flat=True)) == [first.pk]
    page = client.get(team_url).content.decode()
    assert "1 antwoord tot nu toe" in page
    assert "Je hebt in deze ronde geantwoord." in page

    bad = verified_login(client, second).post(round_url, {"energy": "6"})
    assert bad.status_code == 400
    round_.refresh_from_db()
    assert round_.answer_count == 1


def test_professional_outside_the_team_cannot_answer_or_see(client, org, noord):
    (insider,) = _members(org, noord, 1)
    round_ = services.open_joy_round(noord, insider)
    services.answer_joy(round_, insider, JOY_ALL_FIVE)
    outsider = member(org, team=team(org, "Zuid"))
    other_org = member(organisation(), Membership.Role.TEAM_MANAGER)
    for user in (outsider, other_org):
        verified_login(client, user)
        assert client.get(reverse("evaluation:joy_team", args=[noord.pk])).status_code == 403
        assert client.post(reverse("evaluation:joy_team", args=[noord.pk])).status_code == 403
        round_url = reverse("evaluation:joy_round", args=[round_.pk])
        assert client.get(round_url).status_code == 403
        assert client.post(round_url, JOY_ALL_FIVE).status_code == 403
        close_url = reverse("evaluation:joy_close", args=[round_.pk])
        assert client.post(close_url).status_code == 403
    round_.refresh_from_db()
    assert round_.answer_count == 1 and round_.is_open


def test_a_round_with_fewer_than_ten_answers_shows_nothing(client, org, noord):
    people = _members(org, noord, 9)
    round_ = services.open_joy_round(noord, people[0])
    for user in people:
        services.answer_joy(round_, user, JOY_ALL_FIVE)
    verified_login(client, people[0])
    client.post(reverse("evaluation:joy_close", args=[round_.pk]))
    round_.refresh_from_db()
    assert round_.totals == {} and round_.answer_count == 9
    assert not JoyParticipation.objects.exists()
    page = client.get(reverse("evaluation:joy_team", args=[noord.pk])).content.decode()
    assert "Te weinig antwoorden" in page
    assert "5,0" not in page


def test_a_closed_round_of_ten_shows_the_means_and_forgets_who_answered(client, org, noord):
    people = _members(org, noord, 10)
    round_ = services.open_joy_round(noord, people[0])
    for number, user in enumerate(people):
        services.answer_joy(round_, user, {item.id: 4 if number % 2 else 5 for item in JOY_ITEMS})
    manager = member(org, Membership.Role.TEAM_MANAGER)
    verified_login(client, manager)
    client.post(reverse("evaluation:joy_close", args=[round_.pk]))
    assert not JoyParticipation.objects.exists()
    page = client.get(reverse("evaluation:joy_team", args=[noord.pk])).content.decode()
    assert "Energie" in page and "4,5" in page and "10 antwoorden" in page
    # One round per quarter: a second round now could be compared with this one.
    verified_login(client, people[0]).post(reverse("evaluation:joy_team", args=[noord.pk]))
    assert JoyRound.objects.count() == 1


# Costs ------------------------------------------------------------------------------------------


def test_only_organisation_admins_and_team_managers_enter_costs(client, org, ended, prof):
    url = reverse("evaluation:costs", args=[org.slug])
    for outsider in (
        prof,
        member(org, Membership.Role.VOLUNTEER),
        member(organisation(), Membership.Role.ORGANISATION_ADMIN),
    ):
        verified_login(client, outsider)
        assert client.get(url).status_code == 403
        response = client.post(
            url, {"trajectory": ended.public_id, "contact_hours": "3", "costs": "100"}
        )
        assert response.status_code == 403
    ended.refresh_from_db()
    assert ended.contact_hours is None and ended.costs is None

    for role in (Membership.Role.ORGANISATION_ADMIN, Membership.Role.TEAM_MANAGER):
        verified_login(client, member(org, role))
        page = client.get(url).content.decode()
        assert ended.reference in page
        assert ended.client.email not in page  # trajectories by number, not by person
        client.post(url, {"trajectory": ended.public_id, "contact_hours": "12,5", "costs": "950"})
        ended.refresh_from_db()
        assert ended.contact_hours == Decimal("12.5") and ended.costs == Decimal("950.00")


def test_bad_costs_get_a_message_and_change_nothing(client, org, ended):
    services.set_costs(ended, "4", "200")
    verified_login(client, member(org, Membership.Role.ORGANISATION_ADMIN))
    url = reverse("evaluation:costs", args=[org.slug])
    for hours, costs in (("veel", "10"), ("-1", "10"), ("3", "2000000"), ("NaN", "1")):
        response = client.post(
            url, {"trajectory": ended.public_id, "contact_hours": hours, "costs": costs}
        )
        assert response.status_code == 400
        assert "Vul een getal" in response.content.decode()
        ended.refresh_from_db()
        assert ended.contact_hours == Decimal("4.0") and ended.costs == Decimal("200.00")
    foreign = ProgrammeTrajectory.objects.create(
        programme=Programme.objects.create(organisation=organisation(), name="Elders"),
        started_on=timezone.localdate(),
    )
    response = client.post(url, {"trajectory": foreign.public_id, "contact_hours": "1"})
    assert response.status_code == 404


# The evaluation report --------------------------------------------------------------------------


def _fill_last_quarter(programme, *, answers=12, trajectories=12, joy_answers=11):
    quarter = last_quarter()
    for number in range(answers):
        ExperienceAnswer.objects.create(
            programme=programme,
            period=quarter,
            answers={item.id: 4 if number % 2 else 5 for item in EXPERIENCE_ITEMS},
            text="Ik werd gehoord." if number == 0 else "",
        )
    for _number in range(trajectories):
        ProgrammeTrajectory.objects.create(
            programme=programme,
            started_on=in_last_quarter().date() - datetime.timedelta(days=90),
            ended_on=in_last_quarter().date(),
            contact_hours=Decimal(10),
            costs=Decimal(1000),
        )
    noord = team(programme.organisation, "Noord")
    JoyRound.objects.create(
        team=noord,
        closed_at=in_last_quarter(),
        answer_count=joy_answers,
        totals={item.id: 4 * joy_answers for item in JOY_ITEMS},
    )
    ProgrammeFigures.objects.create(
        programme=programme,
        period=quarter,
        pairs=14,
        results={"lichaamsfuncties": [0.5, 0.1, 0.9, 0.4]},
    )


def _evaluator(programme):
    user = analyst()
    user.insight_analyst.organisation = programme.organisation
    user.insight_analyst.save()
    return user


def test_evaluator_sees_the_four_aims_side_by_side_with_the_warning(client, programme):
    _fill_last_quarter(programme)
    verified_login(client, _evaluator(programme))
    page = client.get(reverse("insights:programme", args=[programme.pk])).content.decode()
    assert "Geen score om iemand mee te rangschikken" in page
    assert "Gebruik deze cijfers niet om mensen, teams of organisaties" in page
    for aim in ("Ervaren gezondheid", "Ervaring met de hulp", "Werkplezier", "Kosten"):
        assert aim in page
    assert "14 deelnemers met een eerste en een laatste web" in page
    assert "12 antwoorden" in page and "4,5" in page  # experience: half 4, half 5
    assert "11 antwoorden" in page and "4,0" in page  # joy in work
    assert "12 trajecten afgerond" in page
    assert "120,0 in totaal, 10,0 per traject" in page
    assert "€ 12000 in totaal, € 1000 per traject" in page
    assert "Ik werd gehoord." in page
    # The evaluator does not enter costs.
    assert reverse("evaluation:costs", args=[programme.organisation.slug]) not in page


def test_fewer_than_ten_shows_that_there_are_too_few(client, programme):
    _fill_last_quarter(programme, answers=9, trajectories=9, joy_answers=9)
    verified_login(client, _evaluator(programme))
    page = client.get(reverse("insights:programme", args=[programme.pk])).content.decode()
    assert page.count("Te weinig antwoorden om te laten zien.") >= 2
    assert "Te weinig afgeronde trajecten om te laten zien." in page
    assert "1 teamronde had te weinig antwoorden" in page
    assert "9 antwoorden" not in page and "9 trajecten" not in page
    assert "Ik werd gehoord." not in page
    figures = AimFigures.objects.get(programme=programme, period=last_quarter())
    assert figures.experience == {} and figures.costs == {}
    assert "means" not in figures.joy


def test_a_published_quarter_does_not_change_with_late_entries(client, programme):
    _fill_last_quarter(programme, answers=10, trajectories=10, joy_answers=12)
    verified_login(client, _evaluator(programme))
    url = reverse("insights:programme", args=[programme.pk])
    before = client.get(url).content.decode()
    assert "10 antwoorden" in before
    ExperienceAnswer.objects.create(
        programme=programme, period=last_quarter(), answers={i.id: 1 for i in EXPERIENCE_ITEMS}
    )
    ProgrammeTrajectory.objects.filter(programme=programme).update(costs=Decimal(5))
    after = client.get(url).content.decode()
    assert "10 antwoorden" in after and "11 antwoorden" not in after
    assert "€ 10000 in totaal" in after


def test_people_without_the_right_do_not_see_the_evaluation(client, programme):
    _fill_last_quarter(programme)
    url = reverse("insights:programme", args=[programme.pk])
    for outsider in (
        member(programme.organisation),  # a professional, not an evaluator
        member(organisation(), Membership.Role.ORGANISATION_ADMIN),
        analyst("ander@example.org"),  # an analyst of no organisation
    ):
        verified_login(client, outsider)
        response = client.get(url)
        assert response.status_code in (403, 404)
        assert "12 antwoorden" not in response.content.decode()


def test_organisation_admin_sees_the_link_to_enter_costs(client, programme):
    admin = member(programme.organisation, Membership.Role.ORGANISATION_ADMIN)
    verified_login(client, admin)
    costs = reverse("evaluation:costs", args=[programme.organisation.slug])
    page = client.get(reverse("insights:programme", args=[programme.pk])).content.decode()
    assert costs in page
    assert "Geen score om iemand mee te rangschikken" in page
    # Also from the organisation's own page, where an administrator starts.
    manage = reverse("organisations:manage", args=[programme.organisation.slug])
    assert costs in client.get(manage).content.decode()


def test_demo_loads_once_and_the_demo_evaluator_sees_all_four_aims(client):
    from django.core.management import call_command

    call_command("load_demo")
    counts = (ProgrammeTrajectory.objects.count(), ExperienceAnswer.objects.count())
    call_command("load_demo")
    assert (ProgrammeTrajectory.objects.count(), ExperienceAnswer.objects.count()) == counts
    from insights.demo import ANALYST_EMAIL
    from people.models import User

    verified_login(client, User.objects.get(email=ANALYST_EMAIL))
    programme = Programme.objects.get(name="Leefstijlcoaching Zonnedal (fictief)")
    page = client.get(reverse("insights:programme", args=[programme.pk])).content.decode()
    assert "14 deelnemers met een eerste en een laatste web" in page
    assert "12 antwoorden" in page and "11 antwoorden" in page
    assert "14 trajecten afgerond" in page
    assert "Te weinig" not in page.split(last_quarter())[1].split("</table>")[0]


def test_pages_keep_to_a_query_budget(client, programme, django_assert_max_num_queries):
    _fill_last_quarter(programme, trajectories=30)
    admin = member(programme.organisation, Membership.Role.ORGANISATION_ADMIN)
    verified_login(client, admin)
    client.get(reverse("insights:programme", args=[programme.pk]))  # publishes once
    with django_assert_max_num_queries(18):
        client.get(reverse("insights:programme", args=[programme.pk]))
    with django_assert_max_num_queries(12):
        page = client.get(reverse("evaluation:costs", args=[programme.organisation.slug]))
    assert page.content.decode().count('name="trajectory"') == 30


def test_ending_an_unknown_or_ended_trajectory_is_not_found(client, ended, prof, client_person):
    verified_login(client, prof)
    url = reverse("evaluation:trajectory", args=[client_person.pk])
    for public_id in (ended.public_id, "not-a-trajectory"):
        response = client.post(
            url, {"action": "end", "trajectory": public_id, "ended_on": "2026-01-01"}
        )
        assert response.status_code == 404
    ended_on = ended.ended_on
    ended.refresh_from_db()
    assert ended.ended_on == ended_on


def test_the_person_exports_their_trajectory_and_deleting_the_account_keeps_only_the_costs(
    ended, client_person
):
    from people import personal_data

    services.set_costs(ended, "6", "300")
    exported = personal_data.collect(client_person)
    rows = [v for part in exported.values() if isinstance(part, dict) for v in part.items()]
    trajectories = dict(rows)["programme_trajectories"]
    assert trajectories[0]["programme"] == "Samen verder"
    assert trajectories[0]["questions_about_the_support"] == "not asked yet"
    personal_data.erase_everything(client_person)
    ended.refresh_from_db()
    assert ended.client is None and ended.costs == Decimal("300.00")


def test_means_round_half_up_like_every_other_score(client, programme):
    """Five fives and fifteen fours make 4.25: the page says 4,3, as a person rounds."""
    _fill_last_quarter(programme, answers=0)
    for number in range(20):
        ExperienceAnswer.objects.create(
            programme=programme,
            period=last_quarter(),
            answers={item.id: 5 if number < 5 else 4 for item in EXPERIENCE_ITEMS},
        )
    verified_login(client, _evaluator(programme))
    page = client.get(reverse("insights:programme", args=[programme.pk])).content.decode()
    assert "20 antwoorden" in page
    assert f"{EXPERIENCE_ITEMS[0].short}: 4,3" in page
    assert f"{EXPERIENCE_ITEMS[0].short}: 4,2" not in page
