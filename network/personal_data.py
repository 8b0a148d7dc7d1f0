"""The person's networks, meetings and agreements, and the networks they joined as a member."""

from __future__ import annotations

from network.models import Network, NetworkMember


def export(user) -> dict:
    return {
        "networks": [
            {
                "name": n.name,
                "created": n.created_at.isoformat(),
                "ended": n.ended_at.isoformat() if n.ended_at else None,
                "members": [
                    {
                        "email": m.email,
                        "who": m.description,
                        "kind": m.kind,
                        "sees_webs": m.sees_webs,
                        "accepted": m.accepted_at.isoformat() if m.accepted_at else None,
                        "removed": m.removed_at.isoformat() if m.removed_at else None,
                    }
                    for m in n.members.all()
                ],
                "meetings": [
                    {
                        "date": meeting.held_on.isoformat(),
                        "agenda": meeting.agenda_points,
                        "agreements": [
                            {
                                "what": a.text,
                                "who": a.member.description if a.member else "self",
                                "by": a.due_date.isoformat() if a.due_date else None,
                                "done": a.done,
                            }
                            for a in meeting.agreements.all()
                        ],
                    }
                    for meeting in n.meetings.all()
                ],
            }
            for n in Network.objects.filter(person=user).prefetch_related(
                "members", "meetings__agreements__member"
            )
        ],
        "member_of_networks": [
            {"network": m.network.name, "as": m.description, "sees_webs": m.sees_webs}
            for m in NetworkMember.objects.filter(user=user).select_related("network")
        ],
    }
