"""Fictional figures for the four aims of the demo programme, and a demo client whose trajectory
has just ended, so the questions about the support show on their own pages."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from conversations.demo import CLIENT_EMAIL
from evaluation.models import ExperienceAnswer, JoyRound, ProgrammeTrajectory
from evaluation.questions import EXPERIENCE_ITEMS, JOY_ITEMS
from insights.models import Programme
from insights.services import closed_quarters, period_bounds
from organisations.demo import ORGANISATION_SLUG, TEAM_NAME
from organisations.models import Organisation, Team
from people.models import User
from sharing.demo import PROFESSIONAL_EMAIL

DEMO_PROGRAMME = "Leefstijlcoaching Zonnedal (fictief)"
TEAM_PROGRAMME = "Samen verder (fictief)"
JOY_TEAM = "Team Leefstijl (fictief)"
TRAJECTORIES = 14
EXPERIENCE_ANSWERS = 12
JOY_ANSWERS = 11
TEXTS = [
    "Ik mocht zelf kiezen waar we mee begonnen.",
    "Fijn dat er tijd was om echt te praten.",
    "De stappen waren klein genoeg om vol te houden.",
]


def _programme_figures(programme: Programme, rng: random.Random) -> None:
    quarter = closed_quarters(1)[0]
    start = period_bounds(quarter)[0].date()
    for _number in range(TRAJECTORIES):
        ended = start + timedelta(days=rng.randint(1, 80))
        ProgrammeTrajectory.objects.create(
            programme=programme,
            started_on=ended - timedelta(days=rng.randint(120, 200)),
            ended_on=ended,
            contact_hours=Decimal(rng.randint(8, 24)),
            costs=Decimal(rng.randint(60, 180) * 10),
            experience=ProgrammeTrajectory.Experience.ANSWERED,
        )
    for number in range(EXPERIENCE_ANSWERS):
        ExperienceAnswer.objects.create(
            programme=programme,
            period=quarter,
            answers={item.id: rng.choice([3, 4, 4, 5, 5]) for item in EXPERIENCE_ITEMS},
            text=TEXTS[number] if number < len(TEXTS) else "",
        )
    team, _created = Team.objects.get_or_create(organisation=programme.organisation, name=JOY_TEAM)
    if not JoyRound.objects.filter(team=team).exists():
        JoyRound.objects.create(
            team=team,
            closed_at=period_bounds(quarter)[0] + timedelta(days=40),
            answer_count=JOY_ANSWERS,
            totals={
                item.id: sum(rng.choice([3, 4, 4, 5]) for _ in range(JOY_ANSWERS))
                for item in JOY_ITEMS
            },
        )


def _ended_trajectory_for_client() -> str:
    organisation = Organisation.objects.filter(slug=ORGANISATION_SLUG).first()
    client = User.objects.filter(email=CLIENT_EMAIL).first()
    professional = User.objects.filter(email=PROFESSIONAL_EMAIL).first()
    if organisation is None or client is None or professional is None:
        return "no demo client"
    programme, _created = Programme.objects.get_or_create(
        organisation=organisation, name=TEAM_PROGRAMME
    )
    today = timezone.localdate()
    if not ProgrammeTrajectory.objects.filter(programme=programme, client=client).exists():
        ProgrammeTrajectory.objects.create(
            programme=programme,
            client=client,
            professional=professional,
            started_on=today - timedelta(days=75),
            ended_on=today - timedelta(days=1),
            contact_hours=Decimal("9.5"),
            costs=Decimal("850.00"),
        )
    team = Team.objects.filter(organisation=organisation, name=TEAM_NAME).first()
    if team is not None and not JoyRound.objects.filter(team=team).exists():
        JoyRound.objects.create(team=team, opened_by=professional)
    return f"{CLIENT_EMAIL} is asked about the support; {TEAM_NAME} has an open joy-in-work round"


@transaction.atomic
def load() -> str:
    programme = Programme.objects.filter(name=DEMO_PROGRAMME).first()
    summary = "no demo programme"
    if programme is not None:
        summary = f"{DEMO_PROGRAMME}: experience, joy in work and costs of the last quarter"
        if ProgrammeTrajectory.objects.filter(programme=programme).exists():
            summary += " (already loaded)"
        else:
            _programme_figures(programme, random.Random(2026))
    return f"{summary}; {_ended_trajectory_for_client()}"
