"""Who may maintain the social map."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef, Q

from socialmap.models import Coordinator


def is_coordinator(user) -> bool:
    """A user with a Coordinator record, or with the `socialmap.change_service` permission
    (so a municipality can grant it through a Django group).

    The menu, the two-step check and the page all ask: read once per request (the user
    object lives for one request).
    """
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_is_coordinator", None)
    if cached is None:
        if user.is_active and user.is_superuser:
            cached = True
        else:
            cached = (
                get_user_model().objects.filter(pk=user.pk).filter(coordinator_condition()).exists()
            )
        user._is_coordinator = cached
    return cached


def coordinator_condition() -> Q:
    """The user (the outer row) coordinates the map: a record, or the permission as
    `user.has_perm` grants it (directly or through a group, only while active)."""
    permission = Permission.objects.filter(
        content_type__app_label="socialmap", codename="change_service"
    )
    granted = Exists(permission.filter(user=OuterRef("pk"))) | Exists(
        permission.filter(group__user=OuterRef("pk"))
    )
    return Q(Exists(Coordinator.objects.filter(user=OuterRef("pk")))) | (
        Q(is_active=True) & Q(granted)
    )
