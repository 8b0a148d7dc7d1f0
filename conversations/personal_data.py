"""Everything the conversations app holds about a person, for their data export."""

from __future__ import annotations

from conversations.models import Conversation
from conversations.questions import QUESTIONS


def export(user) -> dict:
    conversations = (
        Conversation.objects.filter(person=user)
        .select_related("professional")
        .prefetch_related("assessments", "steps")
    )
    questions = {q.id: str(q.text) for q in QUESTIONS}
    return {
        "conversations": [
            {
                "id": str(c.public_id),
                "date": c.created_at.isoformat(),
                "professional": str(c.professional) if c.professional_id else None,
                "webs": [str(a.public_id) for a in c.assessments.all()],
                "theme_kind": c.theme_kind,
                "theme": c.theme,
                "postcode_area": c.postcode_area,
                "answers": [
                    {"question": questions.get(qid, qid), "answer": text}
                    for qid, text in c.answers.items()
                ],
                "steps": [
                    {
                        "step": s.text,
                        "who": s.actor,
                        "name": s.actor_name,
                        "due_date": s.due_date.isoformat() if s.due_date else None,
                        "status": s.status,
                    }
                    for s in c.steps.all()
                ],
            }
            for c in conversations
        ]
    }
