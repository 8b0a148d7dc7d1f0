"""Filling in a web: starting, saving answers as they are given, completing.

Answers are validated as a whole before anything is written, so bad input changes nothing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.answer_rows import (
    stored_answers,
    stored_notes,
    update_web,
    update_web_if_unchanged,
    upsert_answers,
)
from assessments.models import Answer, Assessment, DimensionNote
from assessments.selectors import StoredRows
from instruments.definition import Dimension, InstrumentDefinition
from instruments.models import InstrumentVersion
from instruments.scoring import dimension_score, dimension_scores, health_surface

NOTE_MAX_LENGTH = 2000


@dataclass
class AnswerErrors(Exception):
    """Every problem in a submission, keyed by item or dimension id, in the reader's language."""

    errors: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return "; ".join(f"{key}: {message}" for key, message in self.errors.items())


class SavedMeanwhile(Exception):
    """Another save reached the web after it was read: nothing was written; read it again."""


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


def _surface(definition: InstrumentDefinition, scores: Mapping[str, float | None]) -> float | None:
    return health_surface([scores.get(d.id) for d in definition.dimensions])


def save_submission(
    assessment: Assessment,
    submission: Submission,
    *,
    current_dimension: int | None = None,
    locked: bool = False,
    if_unchanged: bool = False,
    stored: StoredRows | None = None,
    finish_if_whole: bool = False,
) -> Assessment:
    """Validate, then store the given answers, flags and notes; the rest of the web is kept.

    Autosave sends a whole page on every change, so this reads the stored answers of the
    dimensions on that page only, writes the rows that differ in one upsert, and recomputes
    the scores of those dimensions alone (a dimension's score depends on its own items only).
    `locked`: the caller read `assessment` with select_for_update in the current transaction,
    so its scores are current and need not be read again.
    `if_unchanged`: the caller read `assessment` without a lock; it is written only if no other
    save reached it since, else SavedMeanwhile is raised with nothing written (autosave, which
    then needs no transaction of its own).
    `stored`: the web's answers and notes, read in the same statement as `assessment`.
    `finish_if_whole` ("Ready" on the last page): a web with every part answered is finished
    in the same write; its scores are already those of all its answers.
    """
    definition = assessment.definition
    clean = validate_submission(definition, submission)
    # A write `if_unchanged` needs no transaction of its own. Any other save runs in one,
    # joining the caller's if there is one (a savepoint would cost two statements per save
    # and buys nothing: validation is done before the first write).
    with nullcontext() if if_unchanged else transaction.atomic(savepoint=False):
        if not (locked or if_unchanged):
            _read_locked(assessment)
        _store(
            assessment,
            definition,
            clean,
            current_dimension,
            finish_if_whole,
            stored,
            if_unchanged=if_unchanged,
        )
    return assessment


def _read_locked(assessment: Assessment) -> None:
    # Locks the web's row on PostgreSQL so two saves of one web cannot interleave their
    # scores (SQLite's immediate transactions already run writers one at a time).
    fresh = (
        Assessment.objects.select_for_update()
        .filter(pk=assessment.pk)
        .values("dimension_scores", "current_dimension")
        .get()
    )
    assessment.dimension_scores = fresh["dimension_scores"]
    assessment.current_dimension = fresh["current_dimension"]


def _store(
    assessment: Assessment,
    definition: InstrumentDefinition,
    clean: CleanSubmission,
    current_dimension: int | None,
    finish_if_whole: bool,
    stored_rows: StoredRows | None,
    *,
    if_unchanged: bool,
) -> None:
    items = definition.item_index()
    touched = set(clean.answers) | clean.flags | clean.unflagged
    dimensions = {items[item_id].dimension_id for item_id in touched}
    stored: dict[str, tuple[float | None, bool]] = {}
    if touched:
        dimension_items = [
            i.id for d in definition.dimensions if d.id in dimensions for i in d.items
        ]
        stored = (
            stored_answers(assessment.pk, dimension_items)
            if stored_rows is None
            else {i: stored_rows.answers[i] for i in dimension_items if i in stored_rows.answers}
        )
    changed: list[tuple[str, float | None, bool]] = []
    values = {item_id: value for item_id, (value, _talk) in stored.items()}
    for item_id in sorted(touched):
        value, talk = stored.get(item_id, (None, False))
        new_value = clean.answers.get(item_id, value)
        new_talk = True if item_id in clean.flags else False if item_id in clean.unflagged else talk
        if (new_value, new_talk) != (value, talk):
            changed.append((item_id, new_value, new_talk))
            values[item_id] = new_value
    notes = _changed_notes(assessment, clean.notes, stored_rows)

    scores = dict(assessment.dimension_scores or {})
    for dimension in definition.dimensions:
        if dimension.id in dimensions:
            scores[dimension.id] = dimension_score(values.get(i.id) for i in dimension.items)
    scores = {d.id: scores.get(d.id) for d in definition.dimensions}
    moved = current_dimension is not None and current_dimension != assessment.current_dimension
    assessment.dimension_scores = scores
    assessment.health_surface = _surface(definition, scores)
    if moved:
        assessment.current_dimension = current_dimension
    fields = ("dimension_scores", "health_surface", "current_dimension", "updated_at")
    finishes = finish_if_whole and not assessment.is_completed and not open_dimensions(assessment)
    if finishes:
        assessment.status = Assessment.Status.COMPLETED
        assessment.completed_at = timezone.now()
        fields += ("status", "completed_at")
    if not (changed or notes.written or moved or finishes):
        return
    if not if_unchanged:
        upsert_answers(assessment.pk, changed)
        notes.write()
        update_web(assessment, fields)
        return
    with transaction.atomic(savepoint=False) if notes.written else nullcontext():
        # The web's update comes first: it finds whether another save came in between, and
        # on PostgreSQL holds the web's row for the notes after it.
        if not update_web_if_unchanged(assessment, fields, changed):
            raise SavedMeanwhile
        notes.write()


@dataclass(frozen=True)
class _NoteChanges:
    assessment: Assessment
    changed: list[DimensionNote]
    emptied: list[str]

    @property
    def written(self) -> bool:
        return bool(self.changed or self.emptied)

    def write(self) -> None:
        if self.changed:
            DimensionNote.objects.bulk_create(
                self.changed,
                update_conflicts=True,
                unique_fields=["assessment", "dimension_id"],
                update_fields=["text"],
            )
        if self.emptied:
            self.assessment.notes.filter(dimension_id__in=self.emptied).delete()


def _changed_notes(
    assessment: Assessment, notes: dict[str, str], stored_rows: StoredRows | None
) -> _NoteChanges:
    """The notes whose text differs from the stored one (an empty text removes the note)."""
    stored = stored_notes(assessment.pk, list(notes)) if stored_rows is None else stored_rows.notes
    changed = [
        DimensionNote(assessment=assessment, dimension_id=dimension_id, text=text)
        for dimension_id, text in notes.items()
        if text and stored.get(dimension_id) != text
    ]
    emptied = [d for d, text in notes.items() if not text and d in stored]
    return _NoteChanges(assessment, changed, emptied)


def open_dimensions(assessment: Assessment) -> list[Dimension]:
    """Parts of the web without a single answer, so without a score: the person is told before
    the web is finished, and may fill them in later (in a later conversation, too)."""
    scores = assessment.dimension_scores or {}
    return [d for d in assessment.definition.dimensions if scores.get(d.id) is None]


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
    """One-shot creation (the API): nothing is stored unless the whole submission is valid.

    The web is inserted already scored and completed, then its answers and notes in one
    statement each.
    """
    definition = instrument.parsed
    clean = validate_submission(definition, submission)
    scores = dimension_scores(definition, clean.answers)
    assessment = Assessment.objects.create(
        instrument=instrument,
        owner=owner,
        status=Assessment.Status.COMPLETED,
        completed_at=timezone.now(),
        dimension_scores=scores,
        health_surface=_surface(definition, scores),
    )
    rows = [
        (i.id, clean.answers.get(i.id), i.id in clean.flags)
        for i in definition.items
        if clean.answers.get(i.id) is not None or i.id in clean.flags
    ]
    upsert_answers(assessment.pk, rows)
    # For the caller's answer only: these objects carry the values written, not the row ids.
    answers = [
        Answer(assessment=assessment, item_id=item_id, value=value, wants_to_talk=talk)
        for item_id, value, talk in rows
    ]
    notes = [
        DimensionNote(assessment=assessment, dimension_id=dimension_id, text=text)
        for dimension_id, text in clean.notes.items()
        if text
    ]
    if notes:
        DimensionNote.objects.bulk_create(notes)
    # What was just written is what the caller shows: no need to read it back. The cache holds
    # querysets (as prefetch_related leaves them) so that filtering the relation still works.
    assessment._prefetched_objects_cache = {
        "answers": _already_fetched(assessment.answers, answers),
        "notes": _already_fetched(assessment.notes, notes),
    }
    return assessment


def _already_fetched(manager, rows: list) -> QuerySet:
    queryset = manager.get_queryset()
    queryset._result_cache = list(rows)
    queryset._prefetch_done = True
    return queryset


def attach_to_account(assessments: Iterable[Assessment], user) -> int:
    """Give anonymous webs to a (new) account; webs that already have an owner are left alone."""
    from sharing.services import adopt_consent_of_webs

    ids = [a.pk for a in assessments if a.owner_id is None]
    with transaction.atomic():
        ids = list(
            Assessment.objects.filter(pk__in=ids, owner__isnull=True).values_list("pk", flat=True)
        )
        count = Assessment.objects.filter(pk__in=ids, owner__isnull=True).update(owner=user)
        # Consent given in the room for a web without an account stays with the web.
        adopt_consent_of_webs(ids, user)
    return count
