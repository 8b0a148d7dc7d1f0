"""Who may maintain the social map."""

from __future__ import annotations

from socialmap.models import Coordinator


def is_coordinator(user) -> bool:
    """A user with a Coordinator record, or with the `socialmap.change_service` permission
    (so a municipality can grant it through a Django group)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.has_perm("socialmap.change_service"):
        return True
    return Coordinator.objects.filter(user=user).exists()
