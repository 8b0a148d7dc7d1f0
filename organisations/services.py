"""Running an organisation: teams and memberships. Called by views and the API alike."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from organisations.models import Membership, Organisation, Team


@dataclass
class OrganisationError(Exception):
    message: str

    def __str__(self) -> str:
        return self.message


def create_team(organisation: Organisation, name: str) -> Team:
    name = (name or "").strip()
    if not name:
        raise OrganisationError(_("Give the team a name."))
    if len(name) > 200:
        raise OrganisationError(_("A team name can be at most 200 characters."))
    if organisation.teams.filter(name__iexact=name).exists():
        raise OrganisationError(_("This organisation already has a team with this name."))
    return Team.objects.create(organisation=organisation, name=name)


def add_member(
    organisation: Organisation, email: str, role: str, team: Team | None = None
) -> Membership:
    """Give an existing account a role in the organisation (optionally in one of its teams)."""
    email = (email or "").strip().lower()
    if role not in Membership.Role.values:
        raise OrganisationError(_("Choose a role."))
    if team is not None and team.organisation_id != organisation.pk:
        raise OrganisationError(_("This team belongs to another organisation."))
    user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
    if user is None:
        raise OrganisationError(
            _("There is no account with this email address. Ask the person to create one first.")
        )
    try:
        with transaction.atomic():
            return Membership.objects.create(
                user=user, organisation=organisation, team=team, role=role
            )
    except IntegrityError:
        raise OrganisationError(_("This person already has this role here.")) from None


def remove_member(membership: Membership) -> None:
    membership.delete()
