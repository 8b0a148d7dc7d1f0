"""How long the sharing app keeps what it stores, and removing what has expired."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from sharing.models import AccessLogEntry, Invitation, Share

ACCESS_LOG_KEPT = timedelta(days=2 * 365)
# An invitation nobody used is of no use after its code stopped working for sharing.
UNUSED_INVITATION_KEPT = timedelta(days=90)
# A stopped share stays visible to the person (and as proof of consent) this long.
REVOKED_SHARE_KEPT = timedelta(days=2 * 365)


@dataclass(frozen=True)
class Purged:
    access_log: int
    invitations: int
    shares: int


def purge_expired(now=None) -> Purged:
    now = now or timezone.now()
    log, _ = AccessLogEntry.objects.filter(at__lt=now - ACCESS_LOG_KEPT).delete()
    invitations, _ = Invitation.objects.filter(
        assessment__isnull=True, created_at__lt=now - UNUSED_INVITATION_KEPT
    ).delete()
    shares, _ = Share.objects.filter(revoked_at__lt=now - REVOKED_SHARE_KEPT).delete()
    return Purged(access_log=log, invitations=invitations, shares=shares)
