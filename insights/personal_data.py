"""The person's consents to be counted in the collective figures, for their data export."""

from __future__ import annotations

from typing import Any

from insights.models import CollectiveConsent


def export(user) -> dict[str, Any]:
    consents = (
        CollectiveConsent.objects.filter(assessment__owner=user)
        .select_related("assessment", "programme")
        .order_by("opted_in_at")
    )
    return {
        "collective_figures_consent": [
            {
                "web": str(c.assessment.public_id),
                "postcode_area": c.postcode_area,
                "age_band": c.age_band,
                "programme": c.programme.name if c.programme_id else None,
                "opted_in_at": c.opted_in_at.isoformat(),
                "opted_out_at": c.opted_out_at.isoformat() if c.opted_out_at else None,
            }
            for c in consents
        ]
    }
