"""The evaluation app's part of a person's data export (see people.personal_data).

Answers to the two questionnaires hold no link to anyone, so they are not in an export. A deleted
account leaves its trajectories without a person (SET_NULL): hours and costs still count.
"""

from __future__ import annotations

from typing import Any

from evaluation.models import JoyParticipation, ProgrammeTrajectory


def export(user) -> dict[str, Any]:
    return {
        "programme_trajectories": [
            {
                "programme": str(t.programme),
                "start": t.started_on.isoformat(),
                "end": t.ended_on.isoformat() if t.ended_on else None,
                "contact_hours": str(t.contact_hours) if t.contact_hours is not None else None,
                "costs": str(t.costs) if t.costs is not None else None,
                "questions_about_the_support": t.experience or "not asked yet",
            }
            for t in ProgrammeTrajectory.objects.filter(client=user).select_related("programme")
        ],
        "open_joy_in_work_rounds": [
            str(p.round.team)
            for p in JoyParticipation.objects.filter(user=user).select_related("round__team")
        ],
    }
