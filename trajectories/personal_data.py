"""The trajectories app's part of a person's data export (see people.personal_data).

Planned moments are deleted with the account (on_delete CASCADE), so there is nothing to erase.
"""

from __future__ import annotations

from typing import Any

from trajectories.models import PlannedMoment


def export(user) -> dict[str, Any]:
    """The dates planned for them (what they planned for clients is the clients' data)."""

    def row(planned: PlannedMoment, other) -> dict[str, Any]:
        return {
            "moment": planned.moment,
            "date": planned.due_on.isoformat(),
            "with": other.email,
            "reminded_at": planned.reminded_at.isoformat() if planned.reminded_at else None,
        }

    mine = PlannedMoment.objects.filter(client=user).select_related("professional")
    return {"planned_moments": [row(p, p.professional) for p in mine]}
