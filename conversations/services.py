"""Writing conversations and steps. Everything is validated first, so bad input changes nothing."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from assessments.models import Assessment
from conversations.models import Conversation, Step
from conversations.questions import ANSWER_MAX_LENGTH, QUESTION_IDS
from conversations.themes import resolve_theme
from sharing.consent import can_view_assessment

POSTCODE_AREA = re.compile(r"^[1-9][0-9]{3}$")
THEME_MAX_LENGTH = 200
STEP_MAX_LENGTH = 300
NAME_MAX_LENGTH = 120


@dataclass
class ConversationError(Exception):
    """Every problem in a request, keyed by field, in the reader's language."""

    errors: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return "; ".join(f"{key}: {message}" for key, message in self.errors.items())


def _check_theme(kind: str, theme: str, webs: Iterable[Assessment], errors: dict[str, str]) -> str:
    """The theme to store: a part or question typed by its name becomes its id."""
    if kind not in Conversation.ThemeKind.values:
        errors["theme_kind"] = _("Choose what kind of theme this is.")
        return theme
    if len(theme) > THEME_MAX_LENGTH:
        errors["theme"] = _("The theme can be at most %(max)d characters.") % {
            "max": THEME_MAX_LENGTH
        }
        return theme
    if kind and not theme:
        errors["theme"] = _("Write down or choose the theme.")
        return theme
    if not kind:
        return theme
    resolved = resolve_theme(kind, theme, webs)
    if resolved is None and kind == Conversation.ThemeKind.DIMENSION:
        errors["theme"] = _("Choose a part of the linked web.")
    elif resolved is None:
        errors["theme"] = _("Choose a question of the linked web.")
    return resolved or theme


def _clean_postcode_area(raw: str, errors: dict[str, str]) -> str:
    value = (raw or "").strip()
    if value and not POSTCODE_AREA.match(value):
        errors["postcode_area"] = _("Give the four digits of the postcode, for example 3511.")
    return value


@transaction.atomic
def start_conversation(
    professional,
    person,
    webs: Iterable[Assessment],
    *,
    organisation=None,
    theme_kind: str = "",
    theme: str = "",
    postcode_area: str = "",
) -> Conversation:
    """Open a conversation about webs of `person` that the professional may see."""
    webs = list(webs)
    errors: dict[str, str] = {}
    if not webs:
        errors["assessments"] = _("Choose at least one web.")
    for web in webs:
        if web.owner_id != person.pk or not can_view_assessment(professional, web):
            errors["assessments"] = _("You can only choose webs this person shared with you.")
    theme = _check_theme(theme_kind, (theme or "").strip(), webs, errors)
    area = _clean_postcode_area(postcode_area, errors)
    if errors:
        raise ConversationError(errors)
    conversation = Conversation.objects.create(
        professional=professional,
        person=person,
        organisation=organisation,
        theme_kind=theme_kind,
        theme=theme,
        postcode_area=area,
    )
    conversation.assessments.set(webs)
    return conversation


@transaction.atomic
def start_own_reflection(
    person, webs: Iterable[Assessment], *, theme_kind: str = "", theme: str = ""
) -> Conversation:
    """The person goes through the questions and the action wheel on their own (eigen regie)."""
    webs = list(webs)
    errors: dict[str, str] = {}
    if not webs:
        errors["assessments"] = _("Choose at least one web.")
    if any(web.owner_id != person.pk or not web.is_completed for web in webs):
        errors["assessments"] = _("Choose one of your own finished webs.")
    theme = (theme or "").strip()
    _check_theme(theme_kind, theme, webs, errors)
    if errors:
        raise ConversationError(errors)
    conversation = Conversation.objects.create(
        professional=None, person=person, theme_kind=theme_kind, theme=theme
    )
    conversation.assessments.set(webs)
    return conversation


@transaction.atomic
def update_conversation(
    conversation: Conversation,
    *,
    answers: dict[str, str] | None = None,
    theme_kind: str | None = None,
    theme: str | None = None,
    postcode_area: str | None = None,
) -> Conversation:
    """Store the given answers and fields; the rest of the conversation stays as it is."""
    errors: dict[str, str] = {}
    clean_answers: dict[str, str] = {}
    for question_id, text in (answers or {}).items():
        if question_id not in QUESTION_IDS:
            errors[str(question_id)] = _("This question is not part of the conversation.")
            continue
        if not isinstance(text, str):
            errors[question_id] = _("An answer must be text.")
            continue
        text = text.strip()
        if len(text) > ANSWER_MAX_LENGTH:
            errors[question_id] = _("An answer can be at most %(max)d characters.") % {
                "max": ANSWER_MAX_LENGTH
            }
            continue
        clean_answers[question_id] = text
    if theme_kind is not None or theme is not None:
        kind = conversation.theme_kind if theme_kind is None else theme_kind
        text = (conversation.theme if theme is None else theme or "").strip()
        text = _check_theme(kind, text, conversation.assessments.all(), errors)
    area = None
    if postcode_area is not None:
        area = _clean_postcode_area(postcode_area, errors)
    if errors:
        raise ConversationError(errors)

    conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
    merged = dict(conversation.answers)
    for question_id, text in clean_answers.items():
        if text:
            merged[question_id] = text
        else:
            merged.pop(question_id, None)
    conversation.answers = merged
    if theme_kind is not None or theme is not None:
        conversation.theme_kind = kind
        conversation.theme = text
    if area is not None:
        conversation.postcode_area = area
    conversation.save()
    return conversation


def _clean_step(
    text: str, actor: str, actor_name: str, due_date: datetime.date | str | None
) -> tuple[str, str, str, datetime.date | None]:
    errors: dict[str, str] = {}
    text = (text or "").strip()
    if not text:
        errors["text"] = _("Describe the step.")
    elif len(text) > STEP_MAX_LENGTH:
        errors["text"] = _("A step can be at most %(max)d characters.") % {"max": STEP_MAX_LENGTH}
    if actor not in Step.Actor.values:
        errors["actor"] = _("Choose who does it.")
    actor_name = (actor_name or "").strip()
    if actor == Step.Actor.OTHER and not actor_name:
        errors["actor_name"] = _("Give the name of the person who does it.")
    elif len(actor_name) > NAME_MAX_LENGTH:
        errors["actor_name"] = _("A name can be at most %(max)d characters.") % {
            "max": NAME_MAX_LENGTH
        }
    date: datetime.date | None = None
    if isinstance(due_date, datetime.date):
        date = due_date
    elif due_date:
        try:
            date = datetime.date.fromisoformat(str(due_date).strip())
        except ValueError:
            errors["due_date"] = _("Give a date like 2025-03-31.")
    if errors:
        raise ConversationError(errors)
    return text, actor, actor_name, date


def add_step(
    conversation: Conversation,
    *,
    text: str,
    actor: str,
    actor_name: str = "",
    due_date: datetime.date | str | None = None,
) -> Step:
    text, actor, actor_name, date = _clean_step(text, actor, actor_name, due_date)
    return Step.objects.create(
        conversation=conversation, text=text, actor=actor, actor_name=actor_name, due_date=date
    )


def set_step_status(step: Step, status: str) -> Step:
    if status not in Step.Status.values:
        raise ConversationError({"status": _("Choose one of the statuses.")})
    step.status = status
    step.save(update_fields=["status", "updated_at"])
    return step
