"""Who sees personal or derived data, and therefore logs in with a second step.

Professionals, team managers and organisation admins (memberships), analysts of the
collective figures, receiving organisations of referrals, social-map coordinators and
everyone who can open `/beheer/`. Apps are imported lazily: core sits below them all.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef


def remembered(user, key: str, compute):
    """While the menu is worked out (core.navigation), an answer about this user is read once
    and kept for the rest of the menu; outside it, every call reads afresh."""
    memo = getattr(user, "_menu_memo", None)
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def requires_two_factor(user) -> bool:
    """Asked by the middleware on every request and again by some views: one query, kept on
    the user object (which lives for one request)."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    cached = getattr(user, "_requires_two_factor", None)
    if cached is not None:
        return cached
    from insights.models import Analyst
    from organisations.models import Membership
    from referrals.models import ReceivingMember
    from socialmap.access import coordinator_condition

    coordinates = get_user_model().objects.filter(pk=OuterRef("pk")).filter(coordinator_condition())
    flags = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .values_list(
            Exists(coordinates),
            Exists(Membership.objects.filter(user=OuterRef("pk"))),
            Exists(Analyst.objects.filter(user=OuterRef("pk"))),
            Exists(ReceivingMember.objects.filter(user=OuterRef("pk"))),
        )
        .first()
    ) or (False,)
    if getattr(user, "_is_coordinator", None) is None:
        user._is_coordinator = bool(flags[0])
    user._requires_two_factor = any(flags)
    return user._requires_two_factor
