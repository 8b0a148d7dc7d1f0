"""Who may see and change a team's route, reflection, checklist and team picture. No HTTP."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from assessments.models import Assessment
from implementation.models import ChecklistItem, ChecklistTick, RouteEntry, TeamWebRound
from implementation.route import ROUTE, RouteStep
from organisations.models import Membership, Organisation, Team
from organisations.selectors import memberships_of

MANAGING_ROLES = (Membership.Role.TEAM_MANAGER, Membership.Role.ORGANISATION_ADMIN)


def is_team_member(user, team: Team) -> bool:
    return memberships_of(user).filter(team=team).exists()


def can_follow_team(user, team: Team) -> bool:
    """Team members, and the admins of the team's organisation, see the team's route."""
    return (
        is_team_member(user, team)
        or memberships_of(user)
        .filter(organisation_id=team.organisation_id, role=Membership.Role.ORGANISATION_ADMIN)
        .exists()
    )


def can_manage_round(user, team: Team, round_: TeamWebRound) -> bool:
    if round_.opened_by_id is not None and round_.opened_by_id == getattr(user, "pk", None):
        return True
    return (
        memberships_of(user)
        .filter(organisation_id=team.organisation_id, role__in=MANAGING_ROLES)
        .filter(Q(team=team) | Q(team__isnull=True))
        .exists()
    )


def teams_to_follow(user) -> QuerySet[Team]:
    memberships = memberships_of(user)
    admin_of = memberships.filter(role=Membership.Role.ORGANISATION_ADMIN).values("organisation_id")
    own_teams = memberships.exclude(team__isnull=True).values("team_id")
    return (
        (Team.objects.filter(pk__in=own_teams) | Team.objects.filter(organisation_id__in=admin_of))
        .select_related("organisation")
        .distinct()
    )


def route_state(team: Team) -> list[tuple[RouteStep, RouteEntry | None]]:
    """Each step of the route with the team's latest entry for it (None: nothing recorded)."""
    latest: dict[str, RouteEntry] = {}
    for entry in RouteEntry.objects.filter(team=team).select_related("recorded_by"):
        latest.setdefault(entry.step, entry)
    return [(step, latest.get(step.id)) for step in ROUTE]


def route_history(team: Team, step_id: str) -> QuerySet[RouteEntry]:
    return RouteEntry.objects.filter(team=team, step=step_id).select_related("recorded_by")


def checklists_of(user) -> list[tuple[Membership, list[tuple[ChecklistItem, bool]]]]:
    """Per membership (one per organisation and role): its checklist and what this user ticked."""
    seen: set[tuple[int, str]] = set()
    result = []
    ticked = set(ChecklistTick.objects.filter(user=user).values_list("item_id", flat=True))
    for membership in memberships_of(user).order_by("organisation__name", "role"):
        key = (membership.organisation_id, membership.role)
        if key in seen:
            continue
        seen.add(key)
        items = ChecklistItem.objects.filter(
            organisation_id=membership.organisation_id, role=membership.role
        )
        result.append((membership, [(item, item.pk in ticked) for item in items]))
    return result


def may_tick(user, item: ChecklistItem) -> bool:
    memberships = memberships_of(user)
    return memberships.filter(organisation_id=item.organisation_id, role=item.role).exists()


def is_organisation_admin(user, organisation: Organisation) -> bool:
    return (
        memberships_of(user)
        .filter(organisation=organisation, role=Membership.Role.ORGANISATION_ADMIN)
        .exists()
    )


def own_webs_for_round(user, round_: TeamWebRound) -> QuerySet[Assessment]:
    """The member's own webs of the round's version, finished while the round is open.

    Only fresh webs: two rounds of nearly the same team then hold different webs, so comparing
    their pictures does not isolate the one member who joined or left.
    """
    return Assessment.objects.filter(
        owner=user,
        instrument=round_.instrument,
        status=Assessment.Status.COMPLETED,
        completed_at__gte=round_.opened_at,
    ).order_by("-completed_at")
