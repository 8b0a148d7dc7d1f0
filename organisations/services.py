"""Running an organisation: teams and memberships. Called by views and the API alike."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from organisations.models import (
    Membership,
    MembershipEvent,
    MembershipOffer,
    Organisation,
    Team,
)


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


def offer_membership(
    organisation: Organisation, email: str, role: str, team: Team | None = None, *, by=None
) -> MembershipOffer:
    """Propose a role to whoever logs in with this address; it starts only when they accept.

    Made the same way whether or not the address has an account, so this form cannot be
    used to find out who has one.
    """
    email = (email or "").strip().lower()
    if role not in Membership.Role.values:
        raise OrganisationError(_("Choose a role."))
    if team is not None and team.organisation_id != organisation.pk:
        raise OrganisationError(_("This team belongs to another organisation."))
    if Membership.objects.filter(
        user__email__iexact=email, organisation=organisation, team=team, role=role
    ).exists():
        raise OrganisationError(_("This person already has this role here."))
    offer, created = MembershipOffer.objects.get_or_create(
        email=email, organisation=organisation, team=team, role=role, defaults={"offered_by": by}
    )
    if created:
        _log(offer, MembershipEvent.Action.OFFERED, actor=by)
    return offer


def _log(item, action: str, *, actor, user=None) -> MembershipEvent:
    user = user if user is not None else getattr(item, "user", None)
    email = getattr(item, "email", "") or (user.email if user is not None else "")
    if user is None:
        user = get_user_model().objects.filter(email__iexact=email).first()
    return MembershipEvent.objects.create(
        organisation_id=item.organisation_id,
        team_id=item.team_id,
        user=user,
        email=email,
        role=item.role,
        action=action,
        actor=actor,
    )


def offers_for(user):
    if user is None or not user.is_authenticated:
        return MembershipOffer.objects.none()
    return MembershipOffer.objects.filter(email__iexact=user.email).select_related(
        "organisation", "team"
    )


@transaction.atomic
def accept_offer(user, offer_id: int) -> Membership:
    # No select_related here: PostgreSQL cannot lock the nullable side of an outer join (team).
    offer = (
        MembershipOffer.objects.select_for_update()
        .filter(pk=offer_id, email__iexact=user.email)
        .first()
    )
    if offer is None:
        raise OrganisationError(_("This invitation was not found."))
    membership, _created = Membership.objects.get_or_create(
        user=user, organisation=offer.organisation, team=offer.team, role=offer.role
    )
    _log(offer, MembershipEvent.Action.ACCEPTED, actor=user, user=user)
    offer.delete()
    return membership


@transaction.atomic
def decline_offer(user, offer_id: int) -> None:
    offer = offers_for(user).filter(pk=offer_id).first()
    if offer is None:
        raise OrganisationError(_("This invitation was not found."))
    _log(offer, MembershipEvent.Action.DECLINED, actor=user, user=user)
    offer.delete()


def remove_member(membership: Membership, *, by=None) -> None:
    _log(membership, MembershipEvent.Action.REMOVED, actor=by)
    membership.delete()
