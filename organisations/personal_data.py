"""The organisations app's part of a person's data: roles, invitations to join, and erasure."""

from __future__ import annotations

from typing import Any

from organisations.models import Membership, MembershipEvent, MembershipOffer


def export(user) -> dict[str, Any]:
    return {
        "memberships": [
            {
                "organisation": m.organisation.name,
                "team": m.team.name if m.team else None,
                "role": m.role,
            }
            for m in Membership.objects.filter(user=user).select_related("organisation", "team")
        ],
        "invitations_to_join": [
            {"organisation": o.organisation.name, "role": o.role, "at": o.created_at.isoformat()}
            for o in MembershipOffer.objects.filter(email__iexact=user.email).select_related(
                "organisation"
            )
        ],
    }


def erase(user) -> None:
    """Offers to the address go; the membership log keeps what happened, not to whom."""
    MembershipOffer.objects.filter(email__iexact=user.email).delete()
    MembershipEvent.objects.filter(email__iexact=user.email).update(email="")
