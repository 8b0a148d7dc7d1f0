"""Property tests: a part of the report shows a value only when at least 10 stand behind it."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evaluation import services
from evaluation.models import ExperienceAnswer, JoyRound, ProgrammeTrajectory
from evaluation.questions import EXPERIENCE_ITEMS, JOY_ITEMS
from insights.disclosure import MINIMUM_GROUP
from insights.models import Programme
from insights.services import closed_quarters, period_bounds
from organisations.models import Organisation, Team

pytestmark = pytest.mark.django_db

SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _programme() -> Programme:
    organisation = Organisation.objects.create(
        name="Org", slug=f"org-{Organisation.objects.count()}"
    )
    return Programme.objects.create(organisation=organisation, name="P")


@SETTINGS
@given(
    answers=st.lists(st.integers(1, 5), max_size=25),
    hours=st.lists(st.one_of(st.none(), st.integers(0, 40)), max_size=25),
)
def test_experience_and_costs_show_only_groups_of_ten(answers, hours):
    programme = _programme()
    quarter = closed_quarters(1)[0]
    for value in answers:
        ExperienceAnswer.objects.create(
            programme=programme, period=quarter, answers={i.id: value for i in EXPERIENCE_ITEMS}
        )
    ended = period_bounds(quarter)[0].date() + datetime.timedelta(days=5)
    for value in hours:
        ProgrammeTrajectory.objects.create(
            programme=programme,
            started_on=ended,
            ended_on=ended,
            contact_hours=None if value is None else Decimal(value),
        )
    experience = services._experience_figures(programme, quarter)
    costs = services._cost_figures(programme, quarter)
    if len(answers) < MINIMUM_GROUP:
        assert experience == {}
    else:
        assert experience["answers"] == len(answers)
        assert experience["means"]["heard"] == round(sum(answers) / len(answers), 1)
    entered = [h for h in hours if h is not None]
    if len(hours) < MINIMUM_GROUP:
        assert costs == {}
    else:
        assert costs["trajectories"] == len(hours)
        assert (costs["hours"] is None) == (len(entered) < MINIMUM_GROUP)
        assert costs["costs"] is None


@SETTINGS
@given(rounds=st.lists(st.integers(0, 20), max_size=5))
def test_joy_in_work_adds_up_only_rounds_of_ten_or_more(rounds):
    programme = _programme()
    quarter = closed_quarters(1)[0]
    closed = period_bounds(quarter)[0] + datetime.timedelta(days=3)
    for number, count in enumerate(rounds):
        team = Team.objects.create(organisation=programme.organisation, name=f"T{number}")
        round_ = JoyRound.objects.create(
            team=team, answer_count=count, totals={i.id: 3 * count for i in JOY_ITEMS}
        )
        round_ = services.close_joy_round(round_)
        JoyRound.objects.filter(pk=round_.pk).update(closed_at=closed)
    joy = services._joy_figures(programme, quarter)
    big = [count for count in rounds if count >= MINIMUM_GROUP]
    assert joy["rounds_too_few"] == len(rounds) - len(big)
    if big:
        assert joy["answers"] == sum(big) and joy["means"]["energy"] == 3.0
    else:
        assert "means" not in joy and "answers" not in joy
