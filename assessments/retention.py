"""How long webs without an account are kept when nobody comes back to them, and drawings
of a web when nobody looks at it again."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from assessments import drawings
from assessments.models import Assessment, Drawing

# A half-filled web without an account that nobody opened for a year is not coming back;
# keeping health data longer than needed is what the GDPR asks us not to do.
ABANDONED_DRAFT_KEPT = timedelta(days=365)


def purge_abandoned_drafts(now=None) -> int:
    """Delete unfinished webs without an owner that were not touched for a year."""
    now = now or timezone.now()
    deleted, _ = Assessment.objects.filter(
        owner__isnull=True,
        status=Assessment.Status.DRAFT,
        updated_at__lt=now - ABANDONED_DRAFT_KEPT,
    ).delete()
    return deleted


def purge_old_drawings(now=None) -> int:
    """Delete drawings older than a day: they would be drawn again on the next view anyway."""
    deleted, _ = Drawing.objects.filter(drawn_at__lte=drawings.kept_since(now)).delete()
    return deleted
