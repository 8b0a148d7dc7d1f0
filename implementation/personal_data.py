"""What the route holds about a person: their ticks and, while a round is open, their place in it.

Route entries and reflections belong to the team; they keep no name once the writer's account
is gone (SET_NULL), and are listed here so the person sees what they wrote.
"""

from __future__ import annotations

from implementation.models import ChecklistTick, RoundParticipation, RouteEntry, TeamReflection


def export(user) -> dict:
    return {
        "route_entries": [
            {
                "team": str(entry.team),
                "step": entry.step,
                "status": entry.status,
                "what_we_see": entry.where_we_stand,
                "next": entry.next_action,
                "date": entry.recorded_at.isoformat(),
            }
            for entry in RouteEntry.objects.filter(recorded_by=user).select_related("team")
        ],
        "team_reflections": [
            {
                "team": str(r.team),
                "question": r.question,
                "answer": r.answer,
                "date": r.written_at.isoformat(),
            }
            for r in TeamReflection.objects.filter(written_by=user).select_related("team")
        ],
        "checklist_ticks": [
            {"point": tick.item.display_text, "date": tick.ticked_at.isoformat()}
            for tick in ChecklistTick.objects.filter(user=user).select_related("item")
        ],
        "open_team_web_rounds": [
            {"team": str(p.round.team), "web": str(p.assessment.public_id)}
            for p in RoundParticipation.objects.filter(user=user).select_related(
                "round__team", "assessment"
            )
        ],
    }
