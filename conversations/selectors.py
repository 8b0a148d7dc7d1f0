"""Reading conversations for the pages: caseload, plan, trajectory, open parts of a web."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from assessments.models import Assessment
from conversations.access import covers_linked_webs, is_verified_professional, webs_visible_to
from conversations.models import Conversation, Step
from instruments.scoring import score_change
from sharing.consent import persons_shared_with, visible_assessments


def conversations_of(user) -> QuerySet[Conversation]:
    """Conversations the user may open: their own as a person, and as a professional those
    of people who still share with them."""
    if not user.is_authenticated:
        return Conversation.objects.none()
    own = Q(person=user)
    if is_verified_professional(user):
        own |= Q(pk__in=_workable_ids(user))
    return Conversation.objects.filter(own).select_related("person", "professional")


def _workable(professional) -> list[Conversation]:
    """The professional's conversations whose every linked web is still shared with them."""
    visible = set(visible_assessments(professional).values_list("pk", flat=True))
    held = Conversation.objects.filter(
        professional=professional, person__in=persons_shared_with(professional)
    ).prefetch_related("assessments")
    return [c for c in held if covers_linked_webs(c, visible)]


def _workable_ids(professional) -> list[int]:
    return [c.pk for c in _workable(professional)]


def steps_of(user) -> QuerySet[Step]:
    return Step.objects.filter(conversation__in=conversations_of(user)).select_related(
        "conversation"
    )


def is_overdue(step: Step, today: datetime.date) -> bool:
    return step.is_open and step.due_date is not None and step.due_date < today


@dataclass(frozen=True)
class PlanStep:
    step: Step
    overdue: bool


def plan_of(person, today: datetime.date) -> list[PlanStep]:
    """All steps from the person's conversations, open ones first."""
    steps = Step.objects.filter(conversation__person=person).select_related(
        "conversation__professional"
    )
    ordered = sorted(steps, key=lambda s: (not s.is_open, s.due_date or datetime.date.max))
    return [PlanStep(s, is_overdue(s, today)) for s in ordered]


def plan_for_web(assessment: Assessment, today: datetime.date) -> list[PlanStep]:
    steps = Step.objects.filter(conversation__assessments=assessment).distinct()
    ordered = sorted(steps, key=lambda s: (not s.is_open, s.due_date or datetime.date.max))
    return [PlanStep(s, is_overdue(s, today)) for s in ordered]


@dataclass(frozen=True)
class DimensionChange:
    id: str
    name: str
    change: float | None


@dataclass(frozen=True)
class Comparison:
    changes: list[DimensionChange]
    # True when the two webs come from instruments with different parts.
    only_shared_dimensions: bool


def compare_webs(before: Assessment, after: Assessment, language: str) -> Comparison:
    change = score_change(before.dimension_scores or {}, after.dimension_scores or {})
    names = {d.id: d.name.get(language) for d in after.definition.dimensions}
    before_ids = {d.id for d in before.definition.dimensions}
    after_ids = set(names)
    # In the web's own order: jsonb on PostgreSQL does not keep the order of stored keys.
    return Comparison(
        changes=[DimensionChange(i, names[i], change[i]) for i in names if i in change],
        only_shared_dimensions=before_ids != after_ids,
    )


def scored_webs(webs: list[Assessment]) -> list[Assessment]:
    return [w for w in webs if any(v is not None for v in (w.dimension_scores or {}).values())]


@dataclass
class CaseloadRow:
    person: object
    last_web: Assessment | None
    comparison: Comparison | None
    open_steps: list[Step] = field(default_factory=list)
    next_follow_up: datetime.date | None = None
    overdue: bool = False
    conversations: list[Conversation] = field(default_factory=list)


def caseload(professional, today: datetime.date, language: str) -> list[CaseloadRow]:
    """The professional's clients: everyone who currently shares with them."""
    people = list(persons_shared_with(professional).order_by("display_name", "email"))
    # Only conversations whose every web is still shared count; steps and conversations of all
    # clients are read in one query each, not one per client.
    workable = _workable(professional)
    open_steps_of: dict[int, list[Step]] = {}
    for step in Step.objects.filter(
        conversation_id__in=[c.pk for c in workable],
        status__in=Step.OPEN_STATUSES,
    ).select_related("conversation"):
        open_steps_of.setdefault(step.conversation.person_id, []).append(step)
    conversations_of: dict[int, list[Conversation]] = {}
    for conversation in workable:
        conversations_of.setdefault(conversation.person_id, []).append(conversation)
    rows = []
    for person in people:
        webs = scored_webs(webs_visible_to(professional, person))
        comparison = compare_webs(webs[-2], webs[-1], language) if len(webs) >= 2 else None
        open_steps = open_steps_of.get(person.pk, [])
        due = [s.due_date for s in open_steps if s.due_date is not None]
        next_follow_up = min(due) if due else None
        rows.append(
            CaseloadRow(
                person=person,
                last_web=webs[-1] if webs else None,
                comparison=comparison,
                open_steps=open_steps,
                next_follow_up=next_follow_up,
                overdue=next_follow_up is not None and next_follow_up < today,
                conversations=conversations_of.get(person.pk, []),
            )
        )
    return rows


@dataclass(frozen=True)
class TrajectoryRow:
    id: str
    name: str
    scores: list[float | None]
    # Change from the previous web, one fewer than scores; None where not comparable.
    changes: list[float | None]


@dataclass
class Trajectory:
    webs: list[Assessment]
    labels: list[str]
    rows: list[TrajectoryRow]
    only_shared_dimensions: bool


def moment_label(web: Assessment) -> str:
    return str(web.get_moment_display()) if web.moment else _("no moment")


def trajectory(webs: list[Assessment], language: str) -> Trajectory:
    """Webs side by side with the change between neighbours, per dimension."""
    webs = scored_webs(webs)
    order: list[str] = []
    names: dict[str, str] = {}
    for web in webs:
        for d in web.definition.dimensions:
            if d.id not in names:
                order.append(d.id)
                names[d.id] = d.name.get(language)
    comparisons = [
        score_change(a.dimension_scores or {}, b.dimension_scores or {})
        for a, b in zip(webs, webs[1:], strict=False)
    ]
    rows = [
        TrajectoryRow(
            id=dimension_id,
            name=names[dimension_id],
            scores=[(w.dimension_scores or {}).get(dimension_id) for w in webs],
            changes=[c.get(dimension_id) for c in comparisons],
        )
        for dimension_id in order
    ]
    dimension_sets = {tuple(d.id for d in w.definition.dimensions) for w in webs}
    return Trajectory(
        webs=webs,
        labels=[moment_label(w) for w in webs],
        rows=rows,
        only_shared_dimensions=len(dimension_sets) > 1,
    )


def plan_for_conversation(conversation: Conversation, today: datetime.date) -> list[PlanStep]:
    steps = conversation.steps.all()
    return [PlanStep(s, is_overdue(s, today)) for s in steps]
