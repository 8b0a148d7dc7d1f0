"""Filling in a web: starting, saving answers as they are given, completing.

Answers are validated as a whole before anything is written, so bad input changes nothing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.models import Answer, Assessment, DimensionNote
from instruments.definition import InstrumentDefinition
from instruments.models import InstrumentVersion
from instruments.scoring import dimension_scores, health_surface

NOTE_MAX_LENGTH = 2000


@dataclass
class AnswerErrors(Exception):
    """Every problem in a submission, keyed by item or dimension id, in the reader's language."""

    errors: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return "; ".join(f"{key}: {message}" for key, message in self.errors.items())


@dataclass(frozen=True)
class Submission:
    """Answers, flags and notes as given, before validation."""

    answers: Mapping[str, Any] = field(default_factory=dict)
    flags: Iterable[str] = ()
    notes: Mapping[str, Any] = field(default_factory=dict)
    # Items shown to the person: a cleared answer or an unticked flag there is saved as such.
    shown_items: Iterable[str] = ()


@dataclass(frozen=True)
class CleanSubmission:
    answers: dict[str, float | None]
    flags: set[str]
    unflagged: set[str]
    notes: dict[str, str]


def _parse_value(raw: Any) -> float | None:
    """A number on the scale, None for 'skipped'; raises ValueError for anything else."""
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        return None
    if isinstance(raw, bool):
        raise ValueError
    if isinstance(raw, str):
        raw = raw.strip().replace(",", ".")
    value = float(raw)
    if math.isnan(value) or math.isinf(value):
        raise ValueError
    return value


def validate_submission(
    definition: InstrumentDefinition, submission: Submission
) -> CleanSubmission:
    """Check every item, flag and note against the instrument; raise AnswerErrors naming each."""
    items = definition.item_index()
    errors: dict[str, str] = {}
    answers: dict[str, float | None] = {}
    scale = definition.scale
    for item_id, raw in submission.answers.items():
        item_id = str(item_id)
        if item_id not in items:
            errors[item_id] = _("This question is not part of this web.")
            continue
        try:
            value = _parse_value(raw)
        except (TypeError, ValueError):
            errors[item_id] = _("Choose a number from 0 to 10.")
            continue
        if value is not None and not scale.allowed(value):
            if scale.choices:
                errors[item_id] = _("Choose one of the pictures.")
            else:
                errors[item_id] = _("Choose a number from 0 to 10.")
            continue
        answers[item_id] = value

    flags = {str(f) for f in submission.flags}
    for item_id in sorted(flags - items.keys()):
        errors[item_id] = _("This question is not part of this web.")

    notes: dict[str, str] = {}
    dimension_ids = {d.id for d in definition.dimensions}
    for dimension_id, text in submission.notes.items():
        dimension_id = str(dimension_id)
        if dimension_id not in dimension_ids:
            errors[dimension_id] = _("This part is not part of this web.")
            continue
        if text is not None and not isinstance(text, str):
            errors[dimension_id] = _("A note must be text.")
            continue
        text = (text or "").strip()
        if len(text) > NOTE_MAX_LENGTH:
            errors[dimension_id] = _("A note can be at most %(max)d characters.") % {
                "max": NOTE_MAX_LENGTH
            }
            continue
        notes[dimension_id] = text

    if errors:
        raise AnswerErrors(errors)
    shown = {str(i) for i in submission.shown_items} & items.keys()
    return CleanSubmission(answers=answers, flags=flags, unflagged=shown - flags, notes=notes)


def start_assessment(
    instrument: InstrumentVersion,
    *,
    owner=None,
    series=None,
    moment: str = "",
) -> Assessment:
    assessment = Assessment(instrument=instrument, owner=owner, moment=moment)
    if series is not None:
        assessment.series = series
    assessment.save()
    return assessment


def answer_values(assessment: Assessment) -> dict[str, float | None]:
    return dict(assessment.answers.values_list("item_id", "value"))


def _refresh_scores(assessment: Assessment) -> None:
    scores = dimension_scores(assessment.definition, answer_values(assessment))
    assessment.dimension_scores = scores
    assessment.health_surface = health_surface(list(scores.values()))


@transaction.atomic
def save_submission(
    assessment: Assessment, submission: Submission, *, current_dimension: int | None = None
) -> Assessment:
    """Validate, then store the given answers, flags and notes; the rest of the web is kept."""
    clean = validate_submission(assessment.definition, submission)
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    existing = {a.item_id: a for a in assessment.answers.all()}
    touched = set(clean.answers) | clean.flags | clean.unflagged
    for item_id in touched:
        answer = existing.get(item_id) or Answer(assessment=assessment, item_id=item_id)
        before = (answer.pk, answer.value, answer.wants_to_talk)
        if item_id in clean.answers:
            answer.value = clean.answers[item_id]
        if item_id in clean.flags:
            answer.wants_to_talk = True
        elif item_id in clean.unflagged:
            answer.wants_to_talk = False
        # Autosave sends the whole page on every change; only what changed is written.
        if (answer.pk, answer.value, answer.wants_to_talk) != before:
            answer.save()
    notes = {n.dimension_id: n for n in assessment.notes.filter(dimension_id__in=clean.notes)}
    for dimension_id, text in clean.notes.items():
        note = notes.get(dimension_id)
        if text and note is None:
            DimensionNote.objects.create(
                assessment=assessment, dimension_id=dimension_id, text=text
            )
        elif text and note.text != text:
            note.text = text
            note.save(update_fields=["text"])
        elif not text and note is not None:
            note.delete()
    _refresh_scores(assessment)
    if current_dimension is not None:
        assessment.current_dimension = current_dimension
    assessment.save()
    return assessment


@transaction.atomic
def complete_assessment(assessment: Assessment) -> Assessment:
    """Mark the web as finished. Skipped items stay skipped; the scores are recomputed."""
    _refresh_scores(assessment)
    if assessment.status != Assessment.Status.COMPLETED:
        assessment.status = Assessment.Status.COMPLETED
        assessment.completed_at = timezone.now()
    assessment.save()
    return assessment


@transaction.atomic
def create_completed_assessment(
    instrument: InstrumentVersion, submission: Submission, *, owner=None
) -> Assessment:
    """One-shot creation (the API): nothing is stored unless the whole submission is valid."""
    validate_submission(instrument.parsed, submission)
    assessment = start_assessment(instrument, owner=owner)
    save_submission(assessment, submission)
    return complete_assessment(assessment)


def attach_to_account(assessments: Iterable[Assessment], user) -> int:
    """Give anonymous webs to a (new) account; webs that already have an owner are left alone."""
    ids = [a.pk for a in assessments if a.owner_id is None]
    return Assessment.objects.filter(pk__in=ids, owner__isnull=True).update(owner=user)
