"""Writes for the quadruple aim: trajectories in a programme, the two questionnaires, costs, and
publishing a programme's figures per ended quarter. Rules only; no HTTP.

Figures follow insights/disclosure.py: a quarter is published once, after it ended, and every
figure stands for at least MINIMUM_GROUP answers or trajectories. Joy-in-work rounds add up only
rounds that each had at least MINIMUM_GROUP answers, so no sum isolates a smaller group.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.formatting import score_value
from evaluation.models import (
    MAX_COSTS,
    MAX_HOURS,
    AimFigures,
    ExperienceAnswer,
    JoyParticipation,
    JoyRound,
    ProgrammeTrajectory,
)
from evaluation.questions import EXPERIENCE_ITEMS, JOY_ITEMS, SCALE_VALUES, TEXT_MAX_LENGTH
from insights.disclosure import MINIMUM_GROUP
from insights.models import Programme
from insights.services import closed_quarters, period_bounds, period_of
from sharing.consent import consent_stands

logger = logging.getLogger(__name__)
QUARTERS_SHOWN = 4


@dataclass
class EvaluationError(Exception):
    """Every problem in a request, keyed by field, in the reader's language."""

    errors: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return " ".join(self.errors.values())


# Trajectories ---------------------------------------------------------------------------------


def register(
    programme: Programme, client, professional, started_on: datetime.date
) -> ProgrammeTrajectory:
    """The professional records that a client who shares with them takes part in a programme."""
    from evaluation.selectors import programmes_for_professional

    errors = {}
    if not programmes_for_professional(professional).filter(pk=programme.pk).exists():
        errors["programme"] = _("Choose a programme of your own organisation.")
    if not consent_stands(client, professional):
        errors["client"] = _("This person does not share their webs with you.")
    if started_on > timezone.localdate():
        errors["started_on"] = _("The start cannot be in the future.")
    if ProgrammeTrajectory.objects.filter(
        programme=programme, client=client, ended_on__isnull=True
    ).exists():
        errors["programme"] = _("This person already takes part in this programme.")
    if errors:
        raise EvaluationError(errors)
    return ProgrammeTrajectory.objects.create(
        programme=programme, client=client, professional=professional, started_on=started_on
    )


def end(trajectory: ProgrammeTrajectory, ended_on: datetime.date) -> ProgrammeTrajectory:
    """End the trajectory; the person is then asked, once, how the support was."""
    errors = {}
    if trajectory.ended_on is not None:
        errors["ended_on"] = _("This trajectory has ended already.")
    elif ended_on > timezone.localdate():
        errors["ended_on"] = _("The end cannot be in the future.")
    elif ended_on < trajectory.started_on:
        errors["ended_on"] = _("The end cannot be before the start.")
    if errors:
        raise EvaluationError(errors)
    trajectory.ended_on = ended_on
    trajectory.save(update_fields=["ended_on"])
    transaction.on_commit(lambda: send_invitation(trajectory))
    return trajectory


def _invitation_text() -> tuple[str, str]:
    link = settings.SITE_URL + reverse("people:login")
    parts = []
    for language in ("nl", "en"):
        with translation.override(language):
            parts.append(
                _(
                    "Hello,\n\nYour trajectory has ended. Would you tell us how the support "
                    "was for you? It takes two minutes and you may skip it. Your answers are "
                    "stored without your name.\nLog in to answer:\n%(link)s"
                )
                % {"link": link}
            )
    with translation.override("nl"):
        subject = _("How was the support for you?")
    return subject, "\n\n---\n\n".join(parts)


def send_invitation(trajectory: ProgrammeTrajectory) -> bool:
    """One email, saying nothing about the person's health or the programme."""
    client = trajectory.client
    if client is None or not client.email or not client.is_active:
        return False
    subject, body = _invitation_text()
    try:
        send_mail(subject, body, None, [client.email])
    except Exception:
        logger.exception("invitation for trajectory %s not sent", trajectory.pk)
        return False
    return True


def _scale_answers(items, raw: dict, errors: dict[str, str]) -> dict[str, int]:
    answers = {}
    for item in items:
        value = raw.get(item.id)
        try:
            number = int(str(value))
        except (TypeError, ValueError):
            number = None
        if number not in SCALE_VALUES:
            errors[item.id] = _("Choose one of the answers.")
        else:
            answers[item.id] = number
    return answers


@transaction.atomic
def answer_experience(
    trajectory: ProgrammeTrajectory, person, raw: dict, text: str = ""
) -> ExperienceAnswer:
    """Store the answers without any link to the person; afterwards only "answered" is known."""
    trajectory = ProgrammeTrajectory.objects.select_for_update().get(pk=trajectory.pk)
    _check_may_answer(trajectory, person)
    errors: dict[str, str] = {}
    answers = _scale_answers(EXPERIENCE_ITEMS, raw, errors)
    text = (text or "").strip()
    if len(text) > TEXT_MAX_LENGTH:
        errors["text"] = _("Write at most %(max)d characters.") % {"max": TEXT_MAX_LENGTH}
    if errors:
        raise EvaluationError(errors)
    trajectory.experience = ProgrammeTrajectory.Experience.ANSWERED
    trajectory.save(update_fields=["experience"])
    return ExperienceAnswer.objects.create(
        programme_id=trajectory.programme_id,
        period=period_of(timezone.now()),
        answers=answers,
        text=text,
    )


@transaction.atomic
def skip_experience(trajectory: ProgrammeTrajectory, person) -> None:
    trajectory = ProgrammeTrajectory.objects.select_for_update().get(pk=trajectory.pk)
    _check_may_answer(trajectory, person)
    trajectory.experience = ProgrammeTrajectory.Experience.SKIPPED
    trajectory.save(update_fields=["experience"])


def _check_may_answer(trajectory: ProgrammeTrajectory, person) -> None:
    if trajectory.client_id is None or trajectory.client_id != getattr(person, "pk", None):
        raise EvaluationError({"person": _("This is not your trajectory.")})
    if trajectory.ended_on is None:
        raise EvaluationError({"person": _("This trajectory has not ended yet.")})
    if trajectory.experience != ProgrammeTrajectory.Experience.OPEN:
        raise EvaluationError({"person": _("You already answered or skipped these questions.")})


def _amount(raw, maximum: int, decimals: int, errors: dict, key: str) -> Decimal | None:
    text = str(raw if raw is not None else "").strip().replace(",", ".")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        errors[key] = _("Enter a number, for example 12.5.")
        return None
    if not value.is_finite() or value < 0 or value > maximum:
        errors[key] = _("Enter a number from 0 to %(max)s.") % {
            "max": f"{maximum:,}".replace(",", ".")
        }
        return None
    return value.quantize(Decimal(1).scaleb(-decimals))


def set_costs(trajectory: ProgrammeTrajectory, contact_hours, costs) -> ProgrammeTrajectory:
    """Contact hours and costs (euros) of one trajectory; an empty field clears it."""
    errors: dict[str, str] = {}
    hours = _amount(contact_hours, MAX_HOURS, 1, errors, "contact_hours")
    euros = _amount(costs, MAX_COSTS, 2, errors, "costs")
    if errors:
        raise EvaluationError(errors)
    trajectory.contact_hours = hours
    trajectory.costs = euros
    trajectory.save(update_fields=["contact_hours", "costs"])
    return trajectory


# Joy in work ----------------------------------------------------------------------------------


def open_joy_round(team, by) -> JoyRound:
    """One round per team per quarter: answers then always come from a fresh period, and two
    rounds close together cannot be compared to isolate the one member who joined."""
    if JoyRound.objects.filter(team=team, closed_at__isnull=True).exists():
        raise EvaluationError({"round": _("Your team already has an open round.")})
    start, _end = period_bounds(period_of(timezone.now()))
    if JoyRound.objects.filter(team=team, opened_at__gte=start).exists():
        raise EvaluationError({"round": _("Your team already held a round this quarter.")})
    return JoyRound.objects.create(team=team, opened_by=by)


@transaction.atomic
def answer_joy(round_: JoyRound, user, raw: dict) -> None:
    """Add one member's answers to the round's sums; only that they answered is kept."""
    round_ = JoyRound.objects.select_for_update().get(pk=round_.pk)
    if not round_.is_open:
        raise EvaluationError({"round": _("This round is closed.")})
    if JoyParticipation.objects.filter(round=round_, user=user).exists():
        raise EvaluationError({"round": _("You already answered in this round.")})
    errors: dict[str, str] = {}
    answers = _scale_answers(JOY_ITEMS, raw, errors)
    if errors:
        raise EvaluationError(errors)
    JoyParticipation.objects.create(round=round_, user=user)
    totals = dict(round_.totals)
    for item_id, value in answers.items():
        totals[item_id] = totals.get(item_id, 0) + value
    round_.totals = totals
    round_.answer_count += 1
    round_.save(update_fields=["totals", "answer_count"])


@transaction.atomic
def close_joy_round(round_: JoyRound) -> JoyRound:
    """Close once and forget who answered. Fewer than 10 answers: the sums are dropped too."""
    round_ = JoyRound.objects.select_for_update().get(pk=round_.pk)
    if not round_.is_open:
        return round_
    if round_.answer_count < MINIMUM_GROUP:
        round_.totals = {}
    round_.closed_at = timezone.now()
    round_.save(update_fields=["totals", "closed_at"])
    round_.participations.all().delete()
    return round_


def joy_means(round_: JoyRound) -> dict[str, float]:
    """Mean per item of a closed round with enough answers; nothing otherwise."""
    if round_.is_open or round_.answer_count < MINIMUM_GROUP or not round_.totals:
        return {}
    return {
        item.id: score_value(round_.totals.get(item.id, 0) / round_.answer_count)
        for item in JOY_ITEMS
    }


# Publishing -----------------------------------------------------------------------------------


def _experience_figures(programme: Programme, period: str) -> dict:
    answers = list(
        ExperienceAnswer.objects.filter(programme=programme, period=period).values(
            "answers", "text"
        )
    )
    if len(answers) < MINIMUM_GROUP:
        return {}
    means = {}
    for item in EXPERIENCE_ITEMS:
        values = [a["answers"][item.id] for a in answers if item.id in a["answers"]]
        if len(values) >= MINIMUM_GROUP:
            means[item.id] = score_value(sum(values) / len(values))
    # Sorted, not in the order given: the texts stand apart from the scores and from time.
    texts = sorted(a["text"] for a in answers if a["text"])
    return {"answers": len(answers), "means": means, "texts": texts}


def _joy_figures(programme: Programme, period: str) -> dict:
    start, end = period_bounds(period)
    rounds = list(
        JoyRound.objects.filter(
            team__organisation_id=programme.organisation_id,
            closed_at__gte=start,
            closed_at__lt=end,
        )
    )
    counted = [r for r in rounds if r.answer_count >= MINIMUM_GROUP and r.totals]
    result = {"rounds_too_few": len(rounds) - len(counted)}
    answers = sum(r.answer_count for r in counted)
    if answers < MINIMUM_GROUP:
        return result
    result.update(
        {
            "answers": answers,
            "rounds": len(counted),
            "means": {
                item.id: score_value(sum(r.totals.get(item.id, 0) for r in counted) / answers)
                for item in JOY_ITEMS
            },
        }
    )
    return result


def _sum_and_mean(values: list[Decimal]) -> dict | None:
    if len(values) < MINIMUM_GROUP:
        return None
    total = sum(values, Decimal(0))
    return {"n": len(values), "total": float(total), "mean": float(total / len(values))}


def _cost_figures(programme: Programme, period: str) -> dict:
    start, end = (moment.date() for moment in period_bounds(period))
    rows = list(
        ProgrammeTrajectory.objects.filter(
            programme=programme, ended_on__gte=start, ended_on__lt=end
        ).values_list("contact_hours", "costs")
    )
    if len(rows) < MINIMUM_GROUP:
        return {}
    return {
        "trajectories": len(rows),
        "hours": _sum_and_mean([h for h, _c in rows if h is not None]),
        "costs": _sum_and_mean([c for _h, c in rows if c is not None]),
    }


def publish(programme: Programme, period: str) -> bool:
    """Publish one ended quarter of a programme, once; False if done already or still open."""
    if period >= period_of(timezone.now()):
        return False
    try:
        with transaction.atomic():
            AimFigures.objects.create(
                programme=programme,
                period=period,
                experience=_experience_figures(programme, period),
                joy=_joy_figures(programme, period),
                costs=_cost_figures(programme, period),
            )
    except IntegrityError:
        return False
    return True


def publish_ended_quarters(programme: Programme) -> None:
    wanted = closed_quarters(QUARTERS_SHOWN)
    done = set(
        AimFigures.objects.filter(programme=programme, period__in=wanted).values_list(
            "period", flat=True
        )
    )
    for period in sorted(set(wanted) - done):
        publish(programme, period)
