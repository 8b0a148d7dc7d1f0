"""What a team manager sees: aggregates over the team's caseload, never one person's answers.

A group smaller than MINIMUM_GROUP (the same rule as for the collective figures) is
suppressed, because a small count or mean can point to an individual.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from assessments.models import Assessment
from conversations.selectors import compare_webs, scored_webs
from insights.suppression import MINIMUM_GROUP
from organisations.models import Membership, Team
from sharing.models import Share


def is_suppressed(group_size: int) -> bool:
    return group_size < MINIMUM_GROUP


@dataclass(frozen=True)
class DimensionMean:
    name: str
    mean_change: float | None
    suppressed: bool


@dataclass(frozen=True)
class TeamSummary:
    team: Team
    suppressed: bool
    clients: int | None
    webs: int | None
    dimensions: list[DimensionMean]


def managed_teams(user) -> list[Team]:
    return list(
        Team.objects.filter(
            memberships__user=user, memberships__role=Membership.Role.TEAM_MANAGER
        ).distinct()
    )


def shared_with_team(team: Team) -> dict[int, list[Assessment]]:
    """Per person, the webs they currently share with the team or one of its professionals.

    Read from the consent records directly: the manager's own two-factor check gates the page,
    while the professionals need not be logged in for their caseload to count.
    """
    professionals = Membership.objects.filter(team=team, role=Membership.Role.PROFESSIONAL).values(
        "user_id"
    )
    shares = Share.objects.active().filter(Q(professional__in=professionals) | Q(team=team))
    webs: dict[int, dict[int, Assessment]] = {}
    for share in shares.select_related("assessment__instrument"):
        person_webs = webs.setdefault(share.owner_id, {})
        if share.assessment_id is not None:
            person_webs[share.assessment_id] = share.assessment
        else:
            for web in Assessment.objects.filter(
                owner_id=share.owner_id, created_at__gte=share.starts_at
            ).select_related("instrument"):
                person_webs[web.pk] = web
    return {
        person: sorted(by_id.values(), key=lambda w: w.created_at) for person, by_id in webs.items()
    }


def team_summary(team: Team, language: str) -> TeamSummary:
    webs = shared_with_team(team)
    if is_suppressed(len(webs)):
        return TeamSummary(team, True, None, None, [])

    changes: dict[str, list[float]] = {}
    names: dict[str, str] = {}
    for shared in webs.values():
        person_webs = scored_webs(shared)
        if len(person_webs) < 2:
            continue
        for change in compare_webs(person_webs[-2], person_webs[-1], language).changes:
            names.setdefault(change.id, change.name)
            if change.change is not None:
                changes.setdefault(change.id, []).append(change.change)
    dimensions = []
    for dimension_id, name in names.items():
        values = changes.get(dimension_id, [])
        hidden = is_suppressed(len(values))
        mean = None if hidden else round(sum(values) / len(values), 2)
        dimensions.append(DimensionMean(name, mean, hidden))
    return TeamSummary(
        team=team,
        suppressed=False,
        clients=len(webs),
        webs=sum(len(v) for v in webs.values()),
        dimensions=dimensions,
    )
