"""What a team manager sees: the change of the team's clients per closed quarter, never one person.

The same rules as the collective figures (insights/disclosure.py):
- Only what was shared with the team itself, or with a professional of the team *within the
  team's organisation*. A professional of organisation A who is put into a team of B does not
  bring A's clients into B's figures.
- Per closed quarter, once: a client counts when their newest web of that quarter and the web
  before it are both shared with the team; the figure is the mean change between those two webs.
  Published figures never change, so comparing two visits learns nothing about one client.
- Across teams, clients are grouped by the exact set of teams they count for; each group that a
  team's figure adds up holds at least MINIMUM_GROUP clients. A small group joins a larger one
  whose teams it also counts for, or counts nowhere. So no two team figures, from one manager or
  from two, differ by fewer than MINIMUM_GROUP clients.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from assessments.models import Assessment
from insights.disclosure import MINIMUM_GROUP
from insights.models import Publication, TeamFigures
from insights.selectors import dimension_ids, dimensions
from insights.services import closed_quarters, period_bounds, period_of
from organisations.models import Membership, Team
from sharing.models import Share

QUARTERS_SHOWN = 4


def is_suppressed(group_size: int) -> bool:
    return group_size < MINIMUM_GROUP


@dataclass(frozen=True)
class DimensionMean:
    name: str
    mean_change: float


@dataclass(frozen=True)
class QuarterFigures:
    period: str
    clients: int
    dimensions: list[DimensionMean]


@dataclass(frozen=True)
class TeamSummary:
    team: Team
    quarters: list[QuarterFigures]

    @property
    def suppressed(self) -> bool:
        return not self.quarters


def managed_teams(user) -> list[Team]:
    return list(
        Team.objects.filter(
            memberships__user=user, memberships__role=Membership.Role.TEAM_MANAGER
        ).distinct()
    )


def team_shares(team: Team):
    """Active shares that count for this team: with the team, or with one of its professionals
    inside the team's own organisation."""
    professionals = Membership.objects.filter(
        team=team, organisation=team.organisation_id, role=Membership.Role.PROFESSIONAL
    ).values("user_id")
    return Share.objects.active().filter(
        Q(team=team) | Q(professional__in=professionals, organisation=team.organisation_id)
    )


def shared_with_team(team: Team) -> dict[int | str, set[int]]:
    """Per person, the ids of the webs they currently share with the team (see team_shares).

    A client without an account (consent given in the room) counts as one person per web.
    """
    webs: dict[int | str, set[int]] = defaultdict(set)
    whole_history: dict[int, list] = defaultdict(list)
    for owner_id, assessment_id, starts_at in team_shares(team).values_list(
        "owner_id", "assessment_id", "starts_at"
    ):
        if owner_id is None:
            webs[f"web-{assessment_id}"].add(assessment_id)
        elif assessment_id is not None:
            webs[owner_id].add(assessment_id)
        else:
            whole_history[owner_id].append(starts_at)
    if whole_history:
        for owner_id, web_id, created_at in Assessment.objects.filter(
            owner_id__in=list(whole_history)
        ).values_list("owner_id", "id", "created_at"):
            if any(created_at >= start for start in whole_history[owner_id]):
                webs[owner_id].add(web_id)
    return webs


def _complete(scores: dict) -> bool:
    return all(scores.get(d) is not None for d in dimension_ids())


def quarter_changes(period: str) -> dict[int, tuple[int, int, list[float]]]:
    """Per person with a web in this quarter: (newest web there, the web before, the change)."""
    start, end = period_bounds(period)
    people = (
        Assessment.objects.filter(
            status=Assessment.Status.COMPLETED, completed_at__gte=start, completed_at__lt=end
        )
        .exclude(owner_id=None)
        .values("owner_id")
    )
    webs = (
        Assessment.objects.filter(
            owner_id__in=people, status=Assessment.Status.COMPLETED, completed_at__lt=end
        )
        .order_by("owner_id", "completed_at", "pk")
        .values_list("owner_id", "id", "completed_at", "dimension_scores")
    )
    per_person: dict[int, list] = defaultdict(list)
    for owner_id, web_id, _completed_at, scores in webs:
        per_person[owner_id].append((web_id, scores or {}))
    changes = {}
    for person, history in per_person.items():
        if len(history) < 2:
            continue
        (before_id, before), (after_id, after) = history[-2], history[-1]
        if _complete(before) and _complete(after):
            change = [after[d] - before[d] for d in dimension_ids()]
            changes[person] = (after_id, before_id, change)
    return changes


def team_blocks(
    counts_for: dict[int, frozenset[int]],
) -> list[tuple[frozenset[int], list[int]]]:
    """Clients grouped by the set of teams they count for, each group at least MINIMUM_GROUP.

    A smaller group joins the largest group whose teams it also counts for (that group's teams
    stay as they are), or is left out.
    """
    groups: dict[frozenset[int], list[int]] = defaultdict(list)
    for person, teams in counts_for.items():
        if teams:
            groups[teams].append(person)
    blocks = {teams: members for teams, members in groups.items() if len(members) >= MINIMUM_GROUP}
    small = sorted(
        ((teams, members) for teams, members in groups.items() if teams not in blocks),
        key=lambda item: (-len(item[0]), sorted(item[0])),
    )
    for teams, members in small:
        hosts = [t for t in blocks if t <= teams]
        if hosts:
            host = max(hosts, key=lambda t: (len(blocks[t]), sorted(t)))
            blocks[host] = blocks[host] + members
    return list(blocks.items())


def publish_team_period(period: str) -> bool:
    """Publish one closed quarter for every team, once. False if done already or still open."""
    if period >= period_of(timezone.now()):
        return False
    changes = quarter_changes(period)
    counts_for: dict[int, set[int]] = defaultdict(set)
    for team in Team.objects.all():
        for person, shared in shared_with_team(team).items():
            pair = changes.get(person)
            if pair and pair[0] in shared and pair[1] in shared:
                counts_for[person].add(team.pk)
    per_team: dict[int, list[int]] = defaultdict(list)
    for teams, members in team_blocks({p: frozenset(t) for p, t in counts_for.items()}):
        for team_id in teams:
            per_team[team_id].extend(members)
    ids = dimension_ids()
    rows = []
    for team_id, members in per_team.items():
        sums = [sum(changes[p][2][i] for p in members) for i in range(len(ids))]
        rows.append(
            TeamFigures(
                team_id=team_id,
                period=period,
                clients=len(members),
                mean_changes={
                    d: round(s / len(members), 2) for d, s in zip(ids, sums, strict=True)
                },
            )
        )
    try:
        with transaction.atomic():
            Publication.objects.create(kind=Publication.Kind.TEAM, period=period)
            TeamFigures.objects.bulk_create(rows)
    except IntegrityError:
        return False
    return True


def publish_closed_team_periods() -> None:
    wanted = closed_quarters(QUARTERS_SHOWN)
    done = set(
        Publication.objects.filter(kind=Publication.Kind.TEAM, period__in=wanted).values_list(
            "period", flat=True
        )
    )
    for period in sorted(set(wanted) - done):
        publish_team_period(period)


def team_summaries(teams: list[Team]) -> list[TeamSummary]:
    """The published figures of these teams, publishing any quarter that closed since."""
    publish_closed_team_periods()
    return [team_summary(team) for team in teams]


def team_summary(team: Team) -> TeamSummary:
    names = dict(dimensions())
    quarters = [
        QuarterFigures(
            period=figures.period,
            clients=figures.clients,
            dimensions=[
                DimensionMean(names[d], figures.mean_changes[d])
                for d in dimension_ids()
                if d in figures.mean_changes
            ],
        )
        for figures in TeamFigures.objects.filter(team=team)[:QUARTERS_SHOWN]
    ]
    return TeamSummary(team=team, quarters=quarters)
