"""Who may open a conversation, its webs and its steps.

A professional's access rides on the person's consent: when the person revokes it, the
conversation closes for the professional at once, even though they wrote it.
"""

from __future__ import annotations

from assessments.models import Assessment
from conversations.models import Conversation, Step
from organisations.selectors import CARE_ROLES, has_any_role
from sharing.consent import (
    can_view_assessment,
    is_verified,
    persons_shared_with,
    visible_assessments,
)

__all__ = ["can_view_assessment", "is_verified"]


def is_verified_professional(user) -> bool:
    """A care role with two-factor verified in this session (or a token made in one)."""
    return is_verified(user) and has_any_role(user, CARE_ROLES)


def person_shares_with(professional, person) -> bool:
    return persons_shared_with(professional).filter(pk=person.pk).exists()


def covers_linked_webs(conversation: Conversation, visible_web_ids: set[int]) -> bool:
    """Every web the conversation is about is still shared: revoking one web closes it."""
    return all(web.pk in visible_web_ids for web in conversation.assessments.all())


def can_work_on(user, conversation: Conversation) -> bool:
    """The professional who holds it, verified, while the person still shares with them
    every web the conversation is about."""
    if not (
        user.is_authenticated
        and conversation.professional_id == user.pk
        and is_verified_professional(user)
        and person_shares_with(user, conversation.person)
    ):
        return False
    visible = set(visible_assessments(user, owner=conversation.person).values_list("pk", flat=True))
    return covers_linked_webs(conversation, visible)


def can_open(user, conversation: Conversation) -> bool:
    if not user.is_authenticated:
        return False
    return conversation.person_id == user.pk or can_work_on(user, conversation)


def can_set_step_status(user, step: Step) -> bool:
    """The person updates their own plan; the professional may too while they have access."""
    return can_open(user, step.conversation)


def webs_visible_to(viewer, person) -> list[Assessment]:
    """The person's webs the viewer may see, oldest first."""
    webs = (
        Assessment.objects.filter(owner=person).select_related("instrument").order_by("created_at")
    )
    if viewer.pk == person.pk:
        return list(webs)
    return [web for web in webs if can_view_assessment(viewer, web)]
