"""Whether a device in the room may open a client's web. Reads only; no HTTP."""

from __future__ import annotations

from django.db.models import QuerySet

from together.models import RoomWeb

ROOM = RoomWeb._meta.get_field("assessment").remote_field


def room_verdict(user, assessment) -> bool | None:
    """For the professional who started this web for a client: may this device open it now?

    True while the web is open in the room (the device is handed over), False once it was
    handed back, None when this user did not start it (the ordinary rules decide).
    """
    if user is None or not user.is_authenticated or assessment.pk is None:
        return None
    room = (
        RoomWeb.objects.filter(assessment_id=assessment.pk, professional_id=user.pk)
        .only("closed_at")
        .first()
    )
    if room is None:
        return None
    return room.is_open


def room_webs_of(professional) -> QuerySet[RoomWeb]:
    return RoomWeb.objects.filter(professional=professional).select_related(
        "assessment__instrument", "assessment__owner", "organisation", "share"
    )


def room_share_of(assessment):
    """The consent given in the room for this web, while it stands."""
    if ROOM.is_cached(assessment):
        # Already read with the web (the result page reads it in the same statement).
        room = ROOM.get_cached_value(assessment)
    else:
        room = RoomWeb.objects.filter(assessment=assessment).select_related("share").first()
    if room is None or room.share is None or not room.share.is_active:
        return None
    return room.share
