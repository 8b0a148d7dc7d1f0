"""Writes of the sharing app: invitations and the person's consent. No HTTP here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.models import Assessment
from assessments.services import start_assessment
from instruments.models import InstrumentVersion
from instruments.selectors import offered_instruments
from organisations.models import Membership, Organisation, Team
from organisations.selectors import is_member_with_role
from sharing.consent import revoke
from sharing.guardian_consent import GuardianConsentNeeded, Purpose, require
from sharing.models import AccessLogEntry, Invitation, Share, normalise_code

# A code on paper stays usable for sharing for this long after it was made.
CODE_VALID_FOR = timedelta(days=90)  # keep equal to retention.UNUSED_INVITATION_KEPT
INVITING_ROLES = (
    Membership.Role.PROFESSIONAL,
    Membership.Role.TEAM_MANAGER,
    Membership.Role.VOLUNTEER,
)
SHARE_RECEIVING_ROLES = (*INVITING_ROLES, Membership.Role.ORGANISATION_ADMIN)


@dataclass
class SharingError(Exception):
    message: str

    def __str__(self) -> str:
        return self.message


def create_invitation(
    professional,
    organisation: Organisation,
    instrument: InstrumentVersion,
    *,
    moment: str = "",
    team: Team | None = None,
) -> Invitation:
    if not is_member_with_role(professional, organisation, INVITING_ROLES):
        raise SharingError(_("You cannot invite on behalf of this organisation."))
    if not offered_instruments(organisation).filter(pk=instrument.pk).exists():
        raise SharingError(_("This web is not offered by this organisation."))
    if moment not in Assessment.Moment.values:
        raise SharingError(_("Choose one of the moments."))
    if team is not None and team.organisation_id != organisation.pk:
        raise SharingError(_("This team belongs to another organisation."))
    return Invitation.objects.create(
        professional=professional,
        organisation=organisation,
        instrument=instrument,
        moment=moment,
        team=team,
    )


def find_invitation(code: str) -> Invitation | None:
    """A recent invitation by its code (for sharing an existing web with its professional)."""
    return (
        Invitation.objects.filter(
            code=normalise_code(code), created_at__gte=timezone.now() - CODE_VALID_FOR
        )
        .select_related("professional", "organisation", "team")
        .first()
    )


@transaction.atomic
def accept_invitation(invitation: Invitation, owner=None) -> Assessment:
    """Start the invited web. An invitation starts one web only; sharing is a separate choice."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.is_used:
        raise SharingError(_("This invitation has already been used."))
    assessment = start_assessment(invitation.instrument, owner=owner, moment=invitation.moment)
    invitation.assessment = assessment
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["assessment", "used_at"])
    return assessment


def _require_owner(person, assessment: Assessment) -> None:
    if person is None or not person.is_authenticated:
        raise SharingError(_("Create an account first, so that you can manage who sees your web."))
    if assessment.owner_id != person.pk:
        raise SharingError(_("You can only share your own webs."))


def _active_with(person, *, professional=None, team=None):
    return Share.objects.active().filter(owner=person, professional=professional, team=team)


@transaction.atomic
def share(
    person,
    assessment: Assessment,
    *,
    organisation: Organisation,
    professional=None,
    team: Team | None = None,
    include_future: bool = False,
    invitation: Invitation | None = None,
) -> list[Share]:
    """Consent: this web, or this web and all later ones, for one professional or one team.

    "This web and all my later webs" is one consent (one share from this web's date on), so
    one stop ends all of it. A share of only this web that it replaces is ended with it.
    """
    _require_owner(person, assessment)
    try:
        require(assessment, Purpose.SHARING, include_future=include_future)
    except GuardianConsentNeeded as refusal:
        raise SharingError(refusal.message) from refusal
    if (professional is None) == (team is None):
        raise SharingError(_("Choose one professional or one team."))
    if professional is not None and not is_member_with_role(
        professional, organisation, SHARE_RECEIVING_ROLES
    ):
        raise SharingError(_("This professional does not work for this organisation."))
    if team is not None and team.organisation_id != organisation.pk:
        raise SharingError(_("This team belongs to another organisation."))
    existing = _active_with(person, professional=professional, team=team)
    ongoing = existing.filter(assessment__isnull=True).order_by("starts_at").first()
    if ongoing is not None and ongoing.starts_at <= assessment.created_at:
        return [ongoing]
    if not include_future:
        only_this = existing.filter(assessment=assessment).first()
        if only_this is not None:
            return [only_this]
    if include_future and ongoing is not None:
        # Asked again from an earlier web: the same consent now reaches back to that web.
        Share.objects.filter(pk=ongoing.pk).update(starts_at=assessment.created_at)
        ongoing.refresh_from_db()
        item = ongoing
    else:
        item = Share(
            owner=person,
            assessment=None if include_future else assessment,
            professional=professional,
            team=team,
            organisation=organisation,
            invitation=invitation,
            starts_at=assessment.created_at if include_future else timezone.now(),
        )
        item.full_clean()
        item.save()
    if include_future:
        covered = existing.filter(
            assessment__isnull=False, assessment__created_at__gte=item.starts_at
        )
        for narrower in covered:
            revoke(narrower)
    return [item]


def share_from_invitation(
    person, assessment: Assessment, invitation: Invitation, *, include_future: bool, with_team: bool
) -> list[Share]:
    if with_team and invitation.team is None:
        raise SharingError(_("This invitation has no team to share with."))
    return share(
        person,
        assessment,
        organisation=invitation.organisation,
        professional=None if with_team else invitation.professional,
        team=invitation.team if with_team else None,
        include_future=include_future,
        invitation=invitation,
    )


@transaction.atomic
def adopt_consent_of_webs(assessment_ids, person) -> None:
    """Webs without an account go into `person`'s account: their shares and log go along."""
    Share.objects.filter(assessment_id__in=assessment_ids, owner__isnull=True).update(owner=person)
    AccessLogEntry.objects.filter(assessment_id__in=assessment_ids, subject__isnull=True).update(
        subject=person
    )


def revoke_share(person, share_id: int) -> Share:
    """The person stops a share; from this moment the professional or team sees nothing more."""
    item = Share.objects.filter(pk=share_id, owner=person).first()
    if item is None:
        raise SharingError(_("This share was not found."))
    return revoke(item)


def shares_of(person):
    return (
        Share.objects.filter(owner=person)
        .select_related("professional", "team", "organisation", "assessment__instrument")
        .order_by("revoked_at", "-created_at")
    )
