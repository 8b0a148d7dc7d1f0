"""The referrals app's part of a person's data export (see people.personal_data)."""

from __future__ import annotations

from typing import Any

from referrals.models import Referral


def _when(value) -> str | None:
    return value.isoformat() if value else None


def export(user) -> dict[str, Any]:
    """Referrals about the person, with what was passed on and every step; for a professional
    also which referrals they made (without the clients' details, which are not theirs)."""
    about = (
        Referral.objects.filter(person=user)
        .select_related("service", "organization", "referrer")
        .prefetch_related("events")
        .order_by("created_at")
    )
    made = Referral.objects.filter(referrer=user).select_related("service").order_by("created_at")
    return {
        "referrals": [
            {
                "id": str(r.public_id),
                "service": r.service.name,
                "organisation": r.organization.name,
                "referred_by": str(r.referrer) if r.referrer_id else None,
                "status": r.status,
                "consent_at": _when(r.consent_at),
                "passed_on": {
                    "name": r.shared_name,
                    "contact": r.shared_contact,
                    "part_of_positive_health": r.shared_dimension,
                    "note": r.shared_note,
                },
                "created_at": _when(r.created_at),
                "steps": [
                    {"status": e.status, "note": e.note, "at": _when(e.at)} for e in r.events.all()
                ],
            }
            for r in about
        ],
        "referrals_made": [
            {"id": str(r.public_id), "service": r.service.name, "created_at": _when(r.created_at)}
            for r in made
        ],
    }
