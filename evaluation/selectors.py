"""Who may do what in the quadruple aim, and the figures per ended quarter. Reads only; no HTTP."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from evaluation import services
from evaluation.models import AimFigures, JoyRound, ProgrammeTrajectory
from evaluation.questions import EXPERIENCE_ITEMS, JOY_ITEMS
from insights.models import Programme, ProgrammeFigures
from insights.services import closed_quarters
from organisations.models import Membership, Organisation, Team
from organisations.selectors import CARE_ROLES, memberships_of

MANAGING_ROLES = (Membership.Role.ORGANISATION_ADMIN, Membership.Role.TEAM_MANAGER)


def programmes_for_professional(user) -> QuerySet[Programme]:
    """Programmes of the organisations where the user works with people."""
    organisations = memberships_of(user).filter(role__in=CARE_ROLES).values("organisation_id")
    return Programme.objects.filter(organisation_id__in=organisations)


def trajectories_of_client(professional, client) -> QuerySet[ProgrammeTrajectory]:
    return ProgrammeTrajectory.objects.filter(
        client=client, programme__in=programmes_for_professional(professional)
    ).select_related("programme")


def experience_offers(person) -> QuerySet[ProgrammeTrajectory]:
    """Ended trajectories whose questions the person has not answered or skipped yet."""
    if person is None or not person.is_authenticated:
        return ProgrammeTrajectory.objects.none()
    return ProgrammeTrajectory.objects.filter(
        client=person,
        ended_on__isnull=False,
        experience=ProgrammeTrajectory.Experience.OPEN,
    ).select_related("programme")


def may_enter_costs(user, organisation: Organisation) -> bool:
    return memberships_of(user).filter(organisation=organisation, role__in=MANAGING_ROLES).exists()


def cost_organisations(user) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        memberships__user=user, memberships__role__in=MANAGING_ROLES
    ).distinct()


def trajectories_for_costs(organisation: Organisation) -> QuerySet[ProgrammeTrajectory]:
    return ProgrammeTrajectory.objects.filter(programme__organisation=organisation).select_related(
        "programme", "professional"
    )


def is_team_member(user, team: Team) -> bool:
    return memberships_of(user).filter(team=team).exists()


def can_follow_joy(user, team: Team) -> bool:
    """The team's members and the managers and admins of its organisation."""
    return (
        is_team_member(user, team)
        or memberships_of(user)
        .filter(organisation_id=team.organisation_id, role__in=MANAGING_ROLES)
        .exists()
    )


def can_close_joy(user, team: Team, round_: JoyRound) -> bool:
    if round_.opened_by_id is not None and round_.opened_by_id == getattr(user, "pk", None):
        return True
    return (
        memberships_of(user)
        .filter(organisation_id=team.organisation_id, role__in=MANAGING_ROLES)
        .exists()
    )


@dataclass(frozen=True)
class ItemMean:
    label: str
    mean: float | None


@dataclass
class QuarterAims:
    """The four aims of one programme for one ended quarter, each None when too few."""

    period: str
    health: ProgrammeFigures | None
    experience: dict
    experience_means: list[ItemMean]
    joy: dict
    joy_means: list[ItemMean]
    costs: dict


def _means(items, figures: dict) -> list[ItemMean]:
    means = figures.get("means") or {}
    return [ItemMean(str(item.short), means.get(item.id)) for item in items]


def quarter_aims(programme: Programme) -> list[QuarterAims]:
    """The ended quarters shown, newest first; publishes any that are not published yet."""
    services.publish_ended_quarters(programme)
    periods = closed_quarters(services.QUARTERS_SHOWN)
    aims = {a.period: a for a in AimFigures.objects.filter(programme=programme, period__in=periods)}
    health = {f.period: f for f in programme.figures.filter(period__in=periods)}
    result = []
    for period in periods:
        published = aims.get(period)
        experience = published.experience if published else {}
        joy = published.joy if published else {}
        result.append(
            QuarterAims(
                period=period,
                health=health.get(period),
                experience=experience,
                experience_means=_means(EXPERIENCE_ITEMS, experience),
                joy=joy,
                joy_means=_means(JOY_ITEMS, joy),
                costs=published.costs if published else {},
            )
        )
    return result
