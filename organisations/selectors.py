"""Who belongs where, and in which role. Reads only; no HTTP."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from core.roles import remembered
from organisations.models import Membership, Organisation, Team

# Roles that work with people's data once those people consent (and 2FA is verified).
CARE_ROLES = (
    Membership.Role.PROFESSIONAL,
    Membership.Role.TEAM_MANAGER,
    Membership.Role.ORGANISATION_ADMIN,
    Membership.Role.VOLUNTEER,
)


def memberships_of(user) -> QuerySet[Membership]:
    """Every membership of this user, with organisation and team loaded."""
    if user is None or not user.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.filter(user=user).select_related("organisation", "team")


def is_member_with_role(user, organisation: Organisation, roles: Iterable[str]) -> bool:
    if user is None or not user.is_authenticated or organisation is None:
        return False
    return Membership.objects.filter(
        user=user, organisation=organisation, role__in=list(roles)
    ).exists()


def has_any_role(user, roles: Iterable[str] = CARE_ROLES) -> bool:
    if user is None or not user.is_authenticated:
        return False
    # Plain strings: a TextChoices member hashes by its name, not by its value.
    wanted = {str(role) for role in roles}
    return any(role in wanted for role, _organisation in roles_and_organisations(user))


def roles_and_organisations(user) -> list[tuple[str, int]]:
    """(role, organisation id) of every membership; read once while the menu is made."""
    return remembered(
        user,
        "memberships",
        lambda: list(Membership.objects.filter(user=user).values_list("role", "organisation_id")),
    )


def teams_of(user) -> QuerySet[Team]:
    """Teams the user is a member of (in any role)."""
    if user is None or not user.is_authenticated:
        return Team.objects.none()
    return Team.objects.filter(memberships__user=user).select_related("organisation").distinct()


def organisations_of(user, roles: Iterable[str] = CARE_ROLES) -> QuerySet[Organisation]:
    if user is None or not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role__in=list(roles)
    ).distinct()


def administered_by(user) -> QuerySet[Organisation]:
    """Organisations this user may run as organisation admin."""
    return organisations_of(user, [Membership.Role.ORGANISATION_ADMIN])


def team_members(team: Team) -> list:
    """The people in a team today, each once, by name."""
    seen = {}
    for membership in team.memberships.select_related("user").order_by("user__email"):
        seen.setdefault(membership.user_id, membership.user)
    return list(seen.values())
