"""Starting a web for a client in the room, typing in a paper web, recording the client's consent.

No HTTP here. The web belongs to the client from the start: an existing client owns it at once,
a new client (by invitation) can take it into an account later by its code or link.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.models import Assessment, new_access_token, new_resume_code
from assessments.services import (
    Submission,
    complete_assessment,
    save_submission,
    start_assessment,
    validate_submission,
)
from instruments.models import InstrumentVersion
from instruments.selectors import offered_instruments
from organisations.models import Organisation
from organisations.selectors import is_member_with_role
from sharing.consent import persons_shared_with, revoke
from sharing.guardian_consent import GuardianConsentNeeded, Purpose, require
from sharing.models import Share
from sharing.services import INVITING_ROLES, SharingError, accept_invitation, create_invitation
from together.models import RoomWeb


@dataclass
class RoomError(Exception):
    message: str

    def __str__(self) -> str:
        return self.message


def _check_start(professional, organisation: Organisation, instrument: InstrumentVersion, client):
    if not is_member_with_role(professional, organisation, INVITING_ROLES):
        raise RoomError(_("You cannot start a web on behalf of this organisation."))
    if not offered_instruments(organisation).filter(pk=instrument.pk).exists():
        raise RoomError(_("This web is not offered by this organisation."))
    if client is not None and not persons_shared_with(professional).filter(pk=client.pk).exists():
        raise RoomError(
            _("You can only start a web for a client who shares with you. Choose “new client”.")
        )


def _new_web(professional, organisation, instrument, client, moment: str, entry: str):
    """The client's web: owned by the existing client, or started by an invitation for a new one."""
    if client is not None:
        if moment not in Assessment.Moment.values:
            raise RoomError(_("Choose one of the moments."))
        web = start_assessment(instrument, owner=client, moment=moment)
        invitation = None
    else:
        try:
            invitation = create_invitation(professional, organisation, instrument, moment=moment)
            web = accept_invitation(invitation, owner=None)
        except SharingError as error:
            raise RoomError(error.message) from error
    web.entry = entry
    web.save(update_fields=["entry"])
    return web, invitation


@transaction.atomic
def start_in_room(
    professional,
    organisation: Organisation,
    instrument: InstrumentVersion,
    *,
    client=None,
    moment: str = "",
) -> RoomWeb:
    """A web for `client` (None: a new client) that this professional's device may open until
    the client has decided about sharing."""
    _check_start(professional, organisation, instrument, client)
    web, invitation = _new_web(
        professional, organisation, instrument, client, moment, Assessment.Entry.TOGETHER
    )
    return RoomWeb.objects.create(
        assessment=web, professional=professional, organisation=organisation, invitation=invitation
    )


def _hand_back(room: RoomWeb) -> None:
    """Close the room: the professional's device loses the web. A web without an account gets a
    new link and code, so the address left in this browser's history opens nothing."""
    room.closed_at = timezone.now()
    room.save(update_fields=["closed_at", "consent", "share"])
    web = room.assessment
    if web.owner_id is None:
        web.access_token = new_access_token()
        web.resume_code = new_resume_code()
        web.save(update_fields=["access_token", "resume_code"])


def _consent_share(room: RoomWeb) -> Share:
    web = room.assessment
    try:
        # A child's web needs a guardian's consent too, in the room as anywhere else.
        require(web, Purpose.SHARING)
    except GuardianConsentNeeded as refusal:
        raise RoomError(refusal.message) from refusal
    item = Share(
        owner_id=web.owner_id,
        assessment=web,
        professional=room.professional,
        organisation=room.organisation,
        invitation=room.invitation,
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def record_consent(room: RoomWeb, *, shares: bool) -> RoomWeb:
    """The client's answer, given on the spot: share this web with the professional, or not."""
    room = RoomWeb.objects.select_for_update().select_related("assessment").get(pk=room.pk)
    if not room.is_open:
        raise RoomError(_("This web was already handed back."))
    if not room.assessment.is_completed:
        raise RoomError(_("Finish the web first; then the client decides about sharing."))
    if shares:
        room.share = _consent_share(room)
        room.consent = RoomWeb.Consent.GIVEN
    else:
        room.consent = RoomWeb.Consent.REFUSED
    _hand_back(room)
    return room


@transaction.atomic
def enter_paper_web(
    professional,
    organisation: Organisation,
    instrument: InstrumentVersion,
    submission: Submission,
    *,
    client=None,
    moment: str = "",
    client_consents: bool,
) -> RoomWeb:
    """Type in a web the client filled in on paper. Everything is checked before anything is
    stored; the client's consent (given on paper or aloud) is recorded as a share."""
    _check_start(professional, organisation, instrument, client)
    validate_submission(instrument.parsed, submission)
    if not client_consents:
        raise RoomError(
            _(
                "Tick that the client agrees that you type in and see this web; without that "
                "nothing is saved."
            )
        )
    web, invitation = _new_web(
        professional, organisation, instrument, client, moment, Assessment.Entry.PAPER
    )
    save_submission(web, submission)
    complete_assessment(web)
    room = RoomWeb.objects.create(
        assessment=web, professional=professional, organisation=organisation, invitation=invitation
    )
    room.share = _consent_share(room)
    room.consent = RoomWeb.Consent.GIVEN
    _hand_back(room)
    return room


def revoke_room_share(assessment: Assessment, share_id: int) -> Share:
    """The person of a web without an account stops the consent given in the room."""
    item = Share.objects.filter(pk=share_id, assessment=assessment, owner__isnull=True).first()
    if item is None:
        raise RoomError(_("This share was not found."))
    return revoke(item)
