"""JSON API for invitations and consent (shares).

Authenticate with the browser session (plus CSRF token for changes) or with a personal key
made at /delen/api-sleutels/: `Authorization: Bearer <key>`. Professionals need a key made
in a two-step-verified session (or a verified session) to invite.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from assessments.models import Assessment
from core import code_guard
from instruments.selectors import offered_instruments
from organisations.models import Organisation, Team
from organisations.selectors import has_any_role
from sharing import services
from sharing.api_auth import api_auth
from sharing.consent import is_verified
from sharing.models import Invitation, Share
from sharing.selectors import invitations_by

router = Router(tags=["sharing"], auth=api_auth)


class ErrorOut(Schema):
    detail: str


class InvitationIn(Schema):
    organisation: str
    """Slug of your organisation."""
    instrument: str
    """Instrument id, e.g. `bredeblik-kort`; the newest version your organisation offers is used."""
    moment: str = ""
    """One of `intake`, `midway`, `end`, `return_day`, or empty."""
    team: int | None = None
    """Id of a team of the organisation the person may choose to share with."""


class InvitationOut(Schema):
    id: int
    code: str
    link: str
    organisation: str
    instrument: str
    instrument_version: str
    moment: str
    team: int | None
    created_at: datetime
    used: bool


class ShareIn(Schema):
    web: UUID
    """Public id of your own web."""
    scope: str = "this"
    """`this` (only this web) or `future` (this web and all your webs from now on)."""
    code: str | None = None
    """A code from a professional (their invitation code): share with that professional."""
    team: int | None = None
    """Or: the id of a team to share with."""


class ShareOut(Schema):
    id: int
    web: UUID | None
    all_future_webs: bool
    professional: str | None
    team: str | None
    organisation: str
    created_at: datetime
    starts_at: datetime
    revoked_at: datetime | None
    active: bool


def _invitation_out(request: HttpRequest, invitation: Invitation) -> dict:
    return {
        "id": invitation.pk,
        "code": invitation.code,
        "link": request.build_absolute_uri(
            reverse("sharing:invitation_link", args=[invitation.token])
        ),
        "organisation": invitation.organisation.slug,
        "instrument": invitation.instrument.instrument_id,
        "instrument_version": invitation.instrument.version,
        "moment": invitation.moment,
        "team": invitation.team_id,
        "created_at": invitation.created_at,
        "used": invitation.is_used,
    }


def _share_out(share: Share) -> dict:
    return {
        "id": share.pk,
        "web": share.assessment.public_id if share.assessment_id else None,
        "all_future_webs": share.assessment_id is None,
        "professional": str(share.professional) if share.professional_id else None,
        "team": share.team.name if share.team_id else None,
        "organisation": share.organisation.name,
        "created_at": share.created_at,
        "starts_at": share.starts_at,
        "revoked_at": share.revoked_at,
        "active": share.is_active,
    }


def _require_verified_professional(request: HttpRequest) -> None:
    if not has_any_role(request.auth, services.INVITING_ROLES):
        raise HttpError(403, _("Only professionals of an organisation can do this."))
    if not is_verified(request.auth):
        raise HttpError(
            403, _("Two-step verification needed: use a verified session or a key made in one.")
        )


@router.get("/invitations", response=list[InvitationOut])
def list_invitations(request: HttpRequest):
    """Your invitations (professionals only), newest first."""
    _require_verified_professional(request)
    return [_invitation_out(request, i) for i in invitations_by(request.auth)[:200]]


@router.post("/invitations", response={201: InvitationOut, 400: ErrorOut, 403: ErrorOut})
def create_invitation(request: HttpRequest, payload: InvitationIn):
    """Invite a person to fill in a web. Returns the link and the short code to give them.

    Sharing with you is not automatic: the person chooses that after filling in.
    """
    _require_verified_professional(request)
    organisation = Organisation.objects.filter(slug=payload.organisation).first()
    if organisation is None:
        return Status(400, {"detail": _("Unknown organisation.")})
    versions = list(offered_instruments(organisation).filter(instrument_id=payload.instrument))
    if not versions:
        return Status(400, {"detail": _("This instrument is not offered by this organisation.")})
    instrument = max(
        versions, key=lambda v: tuple(int(p) if p.isdigit() else 0 for p in v.version.split("."))
    )
    team = None
    if payload.team is not None:
        team = Team.objects.filter(pk=payload.team, organisation=organisation).first()
        if team is None:
            return Status(400, {"detail": _("Unknown team for this organisation.")})
    try:
        invitation = services.create_invitation(
            request.auth, organisation, instrument, moment=payload.moment, team=team
        )
    except services.SharingError as error:
        return Status(400, {"detail": error.message})
    return Status(201, _invitation_out(request, invitation))


@router.get("/shares", response=list[ShareOut])
def list_shares(request: HttpRequest):
    """Everything you share (your consents), active ones first, with revoked ones kept for you."""
    return [_share_out(s) for s in services.shares_of(request.auth)]


@router.post("/shares", response={201: list[ShareOut], 400: ErrorOut, 404: ErrorOut, 429: ErrorOut})
def create_share(request: HttpRequest, payload: ShareIn):
    """Share one of your webs: with the professional behind a `code`, or with a `team`.

    `scope=future` also shares every web you make from now on. Returns the shares made.
    """
    if payload.scope not in {"this", "future"}:
        return Status(400, {"detail": _("scope must be 'this' or 'future'.")})
    if (payload.code is None) == (payload.team is None):
        return Status(400, {"detail": _("Give either a code or a team.")})
    assessment = Assessment.objects.filter(public_id=payload.web, owner=request.auth).first()
    if assessment is None:
        return Status(404, {"detail": _("Web not found.")})
    future = payload.scope == "future"
    try:
        if payload.code is not None:
            if code_guard.is_blocked(request):
                return Status(429, {"detail": code_guard.too_many_tries_message()})
            invitation = services.find_invitation(payload.code)
            if invitation is None:
                code_guard.count_wrong_guess(request)
                return Status(400, {"detail": _("Unknown code.")})
            shares = services.share_from_invitation(
                request.auth, assessment, invitation, include_future=future, with_team=False
            )
        else:
            team = Team.objects.select_related("organisation").filter(pk=payload.team).first()
            if team is None:
                return Status(400, {"detail": _("Unknown team.")})
            shares = services.share(
                request.auth,
                assessment,
                organisation=team.organisation,
                team=team,
                include_future=future,
            )
    except services.SharingError as error:
        return Status(400, {"detail": error.message})
    return Status(201, [_share_out(s) for s in shares])


@router.post("/shares/{share_id}/revoke", response={200: ShareOut, 404: ErrorOut})
def revoke_share(request: HttpRequest, share_id: int):
    """Stop a share. Access ends at once."""
    try:
        share = services.revoke_share(request.auth, share_id)
    except services.SharingError:
        return Status(404, {"detail": _("Share not found.")})
    return Status(200, _share_out(share))
