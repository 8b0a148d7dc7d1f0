"""Writes in a resident session. Every function checks the step and the input before writing."""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community.models import (
    CommunitySession,
    Contribution,
    DimensionChoice,
    Factor,
    Group,
    Participant,
)
from insights.selectors import dimensions

MAX_GROUPS = 12


def dimension_ids() -> set[str]:
    return {key for key, _name in dimensions()}


def clean_postcode_area(value: str) -> str:
    """Four digits or nothing: the area of the neighbourhood report the session counts in."""
    value = (value or "").strip()
    if value and not re.fullmatch(r"[1-9][0-9]{3}", value):
        raise ValidationError(_("A postcode area is four digits, for example 9991."))
    return value


@transaction.atomic
def create_session(
    facilitator,
    *,
    title: str,
    description: str = "",
    neighbourhood: str = "",
    postcode_area: str = "",
    groups: int = 4,
) -> CommunitySession:
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Give the plan a title."))
    postcode_area = clean_postcode_area(postcode_area)
    if not 1 <= groups <= MAX_GROUPS:
        raise ValidationError(_("Choose between 1 and %(max)d groups.") % {"max": MAX_GROUPS})
    session = CommunitySession.objects.create(
        facilitator=facilitator,
        title=title[:200],
        description=(description or "").strip()[:3000],
        neighbourhood=(neighbourhood or "").strip()[:120],
        postcode_area=postcode_area,
    )
    Group.objects.bulk_create(Group(session=session, number=n) for n in range(1, groups + 1))
    return session


def existing_participant(session: CommunitySession, token: str | None) -> Participant | None:
    """The participant behind a token from the browser, if there is one."""
    if not token:
        return None
    try:
        return Participant.objects.filter(session=session, token=token).first()
    except ValidationError:  # not a UUID: a tampered or stale cookie
        return None


def join(session: CommunitySession, token: str | None) -> Participant:
    """The participant behind a token from the browser, or a new one."""
    return existing_participant(session, token) or Participant.objects.create(session=session)


def _require_step(session: CommunitySession, step: int) -> None:
    if session.step != step:
        raise ValidationError(
            _("This step is not open now. Look at the board for the current step.")
        )


def choose_dimension(
    session: CommunitySession, participant: Participant, dimension: str, reason: str = ""
) -> DimensionChoice:
    _require_step(session, CommunitySession.Step.CHOOSE)
    if dimension not in dimension_ids():
        raise ValidationError(_("Choose one of the six dimensions."))
    reason = (reason or "").strip()
    if len(reason) > 500:
        raise ValidationError(_("Please keep it to 500 characters."))
    choice, _created = DimensionChoice.objects.update_or_create(
        participant=participant,
        defaults={"session": session, "dimension": dimension, "reason": reason},
    )
    return choice


def add_contribution(
    session: CommunitySession,
    participant: Participant,
    *,
    group_number: int | str,
    dimension: str,
    kind: str,
    text: str,
    factor: str = "",
) -> Contribution:
    _require_step(session, CommunitySession.Step.MAP)
    errors = {}
    group = None
    if str(group_number).isdigit():
        group = session.groups.filter(number=int(group_number)).first()
    if group is None:
        errors["group"] = _("Choose your group.")
    if dimension not in dimension_ids():
        errors["dimension"] = _("Choose one of the six dimensions.")
    if kind not in Contribution.Kind.values:
        errors["kind"] = _("Choose opportunity or barrier.")
    if factor and factor not in Factor.values:
        errors["factor"] = _("Choose a factor from the list, or none.")
    text = (text or "").strip()
    if not text:
        errors["text"] = _("Write down the opportunity or barrier.")
    elif len(text) > 500:
        errors["text"] = _("Please keep it to 500 characters.")
    if errors:
        raise ValidationError(errors)
    if participant.group_id != group.pk:
        participant.group = group
        participant.save(update_fields=["group"])
    return Contribution.objects.create(
        session=session,
        participant=participant,
        group=group,
        dimension=dimension,
        kind=kind,
        factor=factor,
        text=text,
    )


def _require_facilitator(session: CommunitySession, user) -> None:
    if not user.is_authenticated or user.pk != session.facilitator_id:
        raise PermissionDenied


def set_postcode_area(session: CommunitySession, user, postcode_area: str) -> CommunitySession:
    """Also after closing: a facilitator may add the area to an older session."""
    _require_facilitator(session, user)
    session.postcode_area = clean_postcode_area(postcode_area)
    session.save(update_fields=["postcode_area"])
    return session


def set_step(session: CommunitySession, user, step: int) -> CommunitySession:
    _require_facilitator(session, user)
    if session.is_closed:
        raise ValidationError(_("This session is closed."))
    if step not in (
        CommunitySession.Step.CHOOSE,
        CommunitySession.Step.MAP,
        CommunitySession.Step.PITCH,
    ):
        raise ValidationError(_("Unknown step."))
    session.step = step
    if step == CommunitySession.Step.PITCH and session.pitching_group is None:
        session.pitching_group = session.groups.first()
    session.save(update_fields=["step", "pitching_group"])
    return session


def show_group(session: CommunitySession, user, group_number: int | str) -> CommunitySession:
    _require_facilitator(session, user)
    group = None
    if str(group_number).isdigit():
        group = session.groups.filter(number=int(group_number)).first()
    if group is None:
        raise ValidationError(_("Choose your group."))
    session.pitching_group = group
    session.save(update_fields=["pitching_group"])
    return session


def set_hidden(session: CommunitySession, user, kind: str, pk: int, hidden: bool) -> None:
    """Hide (or show again) a contribution or a step-1 reason, e.g. when it names a person."""
    _require_facilitator(session, user)
    model = Contribution if kind == "contribution" else DimensionChoice
    updated = model.objects.filter(session=session, pk=pk).update(hidden=hidden)
    if not updated:
        raise ValidationError(_("That contribution does not exist."))


def close_session(session: CommunitySession, user) -> CommunitySession:
    _require_facilitator(session, user)
    session.step = CommunitySession.Step.CLOSED
    session.closed_at = session.closed_at or timezone.now()
    session.save(update_fields=["step", "closed_at"])
    return session
