"""Reads for the sharing pages: what a person may choose, what a professional may see."""

from __future__ import annotations

from django.db.models import QuerySet

from assessments.models import Assessment
from organisations.models import Organisation, Team
from sharing.models import ApiToken, Invitation


def invitation_of(assessment: Assessment) -> Invitation | None:
    return (
        Invitation.objects.filter(assessment=assessment)
        .select_related("professional", "organisation", "team")
        .first()
    )


def team_choices() -> list[tuple[Organisation, list[Team]]]:
    """Organisations with their teams, for a person choosing whom to share with."""
    teams = Team.objects.select_related("organisation").order_by("organisation__name", "name")
    grouped: dict[int, tuple[Organisation, list[Team]]] = {}
    for team in teams:
        grouped.setdefault(team.organisation_id, (team.organisation, []))[1].append(team)
    return list(grouped.values())


def invitations_by(professional) -> QuerySet[Invitation]:
    return Invitation.objects.filter(professional=professional).select_related(
        "organisation", "team", "instrument", "assessment"
    )


def tokens_of(user) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)
