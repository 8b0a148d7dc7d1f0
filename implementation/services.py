"""Recording the route, the reflection, the checklist and team pictures. Rules only; no HTTP."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from assessments.models import Assessment
from implementation.models import (
    ChecklistItem,
    ChecklistTick,
    RoundParticipation,
    RouteEntry,
    TeamReflection,
    TeamWebRound,
)
from implementation.route import DEFAULT_CHECKLIST, QUESTION_NUMBERS, ROUTE_BY_ID
from insights.disclosure import MINIMUM_GROUP
from instruments.models import InstrumentVersion
from organisations.models import Organisation, Team


class RouteError(ValueError):
    """A request that breaks a rule of the route; the message is shown to the person."""


def record_route_step(
    team: Team, step_id: str, status: str, where_we_stand: str, next_action: str, by
) -> RouteEntry:
    if step_id not in ROUTE_BY_ID:
        raise RouteError(step_id)
    if status not in RouteEntry.Status.values:
        raise RouteError(status)
    return RouteEntry.objects.create(
        team=team,
        step=step_id,
        status=status,
        where_we_stand=where_we_stand.strip(),
        next_action=next_action.strip(),
        recorded_by=by,
    )


def save_reflection(team: Team, question: int, answer: str, by) -> TeamReflection:
    if question not in QUESTION_NUMBERS:
        raise RouteError(str(question))
    return TeamReflection.objects.create(
        team=team, question=question, answer=answer.strip(), written_by=by
    )


def latest_reflections(team: Team) -> dict[int, TeamReflection]:
    latest: dict[int, TeamReflection] = {}
    for reflection in TeamReflection.objects.filter(team=team).select_related("written_by"):
        latest.setdefault(reflection.question, reflection)
    return latest


def ensure_checklist(organisation: Organisation) -> None:
    """An organisation without a checklist for a role gets the defaults, once."""
    existing = set(
        ChecklistItem.objects.filter(organisation=organisation).values_list("role", flat=True)
    )
    ChecklistItem.objects.bulk_create(
        ChecklistItem(organisation=organisation, role=role, default_key=key, position=position)
        for role, entries in DEFAULT_CHECKLIST.items()
        if role not in existing
        for position, (key, _text) in enumerate(entries)
    )


def add_checklist_item(organisation: Organisation, role: str, text: str) -> ChecklistItem:
    last = (
        ChecklistItem.objects.filter(organisation=organisation, role=role)
        .order_by("-position")
        .values_list("position", flat=True)
        .first()
    )
    return ChecklistItem.objects.create(
        organisation=organisation, role=role, text=text.strip(), position=(last or 0) + 1
    )


def change_checklist_item(item: ChecklistItem, text: str) -> ChecklistItem:
    item.text = text.strip()
    item.save(update_fields=["text"])
    return item


def toggle_tick(item: ChecklistItem, user) -> bool:
    """Tick or untick the item for this user; True when it is ticked afterwards."""
    deleted, _ = ChecklistTick.objects.filter(item=item, user=user).delete()
    if deleted:
        return False
    ChecklistTick.objects.create(item=item, user=user)
    return True


def open_round(team: Team, instrument: InstrumentVersion, by) -> TeamWebRound:
    if TeamWebRound.objects.filter(team=team, closed_at__isnull=True).exists():
        raise RouteError("open")
    return TeamWebRound.objects.create(team=team, instrument=instrument, opened_by=by)


def join_round(round_: TeamWebRound, user, assessment: Assessment) -> RoundParticipation:
    """A member brings one own web of the round's version, finished during the round.

    A second one replaces the first.
    """
    if not round_.is_open:
        raise RouteError("closed")
    if (
        assessment.owner_id != user.pk
        or assessment.instrument_id != round_.instrument_id
        or not assessment.is_completed
        or assessment.completed_at < round_.opened_at
    ):
        raise RouteError("web")
    participation, _ = RoundParticipation.objects.update_or_create(
        round=round_, user=user, defaults={"assessment": assessment}
    )
    return participation


def leave_round(round_: TeamWebRound, user) -> None:
    if round_.is_open:
        RoundParticipation.objects.filter(round=round_, user=user).delete()


def _whole(value: float) -> int:
    return int(Decimal(str(value)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def team_picture(webs: list[Assessment], dimension_ids: list[str]) -> dict[str, int]:
    """Whole-number mean per part over the webs, or nothing below the small-group threshold.

    Whole numbers: between two pictures of nearly the same team, one person's web could
    otherwise be worked out by subtraction; rounded, the difference says nothing about them.
    """
    if len(webs) < MINIMUM_GROUP:
        return {}
    picture = {}
    for dimension_id in dimension_ids:
        scores = [
            w.dimension_scores.get(dimension_id)
            for w in webs
            if w.dimension_scores.get(dimension_id) is not None
        ]
        if len(scores) >= MINIMUM_GROUP:
            picture[dimension_id] = _whole(sum(scores) / len(scores))
    return picture


@transaction.atomic
def close_round(round_: TeamWebRound) -> TeamWebRound:
    """Compute the picture once and forget who took part."""
    round_ = TeamWebRound.objects.select_for_update().get(pk=round_.pk)
    if not round_.is_open:
        return round_
    participations = list(round_.participations.select_related("assessment"))
    webs = [p.assessment for p in participations]
    dimension_ids = [d.id for d in round_.instrument.parsed.dimensions]
    round_.picture = team_picture(webs, dimension_ids)
    round_.participant_count = len(webs)
    round_.closed_at = timezone.now()
    round_.save(update_fields=["picture", "participant_count", "closed_at"])
    round_.participations.all().delete()
    return round_
