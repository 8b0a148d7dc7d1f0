"""What a team manager sees: aggregates over the team's caseload, never one person's answers.

A group smaller than MIN_GROUP_SIZE is suppressed, because a small count or mean can point to
an individual.
"""

from __future__ import annotations

from dataclasses import dataclass

from conversations.access import webs_visible_to
from conversations.selectors import compare_webs, scored_webs
from organisations.models import Membership, Team
from sharing.consent import persons_shared_with

MIN_GROUP_SIZE = 10


def is_suppressed(group_size: int) -> bool:
    return group_size < MIN_GROUP_SIZE


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


def team_summary(team: Team, language: str) -> TeamSummary:
    professionals = [
        m.user
        for m in Membership.objects.filter(team=team, role=Membership.Role.PROFESSIONAL)
        .select_related("user")
        .distinct()
    ]
    clients: dict[int, object] = {}
    webs: dict[int, list] = {}
    for professional in professionals:
        for person in persons_shared_with(professional):
            clients[person.pk] = person
            visible = webs.setdefault(person.pk, {})
            for web in webs_visible_to(professional, person):
                visible[web.pk] = web
    if is_suppressed(len(clients)):
        return TeamSummary(team, True, None, None, [])

    changes: dict[str, list[float]] = {}
    names: dict[str, str] = {}
    for by_id in webs.values():
        person_webs = scored_webs(sorted(by_id.values(), key=lambda w: w.created_at))
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
        clients=len(clients),
        webs=sum(len(v) for v in webs.values()),
        dimensions=dimensions,
    )
