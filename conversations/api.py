"""JSON API for conversations and steps (session or token).

Objects someone may not see answer 404, exactly like ids that do not exist, so guessing ids
reveals nothing. A person may read their own conversations and set the status of their steps;
only the professional who holds a conversation (verified, with consent) may change it.
"""

from __future__ import annotations

import datetime
import uuid

from django.http import HttpRequest
from ninja import Router, Schema, Status

from assessments.models import Assessment
from conversations import access, selectors, services
from conversations.models import Conversation, Step
from conversations.questions import QUESTIONS
from organisations.selectors import memberships_of
from sharing.api_auth import api_auth
from sharing.audit import record_access
from sharing.consent import persons_shared_with

router = Router(tags=["conversations"], auth=api_auth)


class ErrorOut(Schema):
    detail: str
    errors: dict[str, str] = {}


class StepOut(Schema):
    id: str
    conversation: str
    text: str
    actor: str
    actor_name: str
    due_date: datetime.date | None
    status: str
    overdue: bool


class ConversationOut(Schema):
    id: str
    person: int
    professional: int | None
    created_at: datetime.datetime
    assessments: list[str]
    theme_kind: str
    theme: str
    postcode_area: str
    answers: dict[str, str]
    steps: list[StepOut]


class QuestionOut(Schema):
    id: str
    section: str
    text: str


class ConversationIn(Schema):
    person: int
    assessments: list[uuid.UUID]
    theme_kind: str = ""
    theme: str = ""
    postcode_area: str = ""


class ConversationPatch(Schema):
    answers: dict[str, str] | None = None
    theme_kind: str | None = None
    theme: str | None = None
    postcode_area: str | None = None


class StepIn(Schema):
    text: str
    actor: str
    actor_name: str = ""
    due_date: datetime.date | None = None


class StepPatch(Schema):
    status: str


def not_found() -> Status:
    return Status(404, {"detail": "not found", "errors": {}})


def _user(request: HttpRequest):
    auth = getattr(request, "auth", None)
    return auth if getattr(auth, "is_authenticated", False) else request.user


def _step_out(step: Step, today: datetime.date) -> dict:
    return {
        "id": str(step.public_id),
        "conversation": str(step.conversation.public_id),
        "text": step.text,
        "actor": step.actor,
        "actor_name": step.actor_name,
        "due_date": step.due_date,
        "status": step.status,
        "overdue": selectors.is_overdue(step, today),
    }


def _conversation_out(conversation: Conversation) -> dict:
    today = datetime.date.today()
    return {
        "id": str(conversation.public_id),
        "person": conversation.person_id,
        "professional": conversation.professional_id,
        "created_at": conversation.created_at,
        "assessments": [str(a.public_id) for a in conversation.assessments.all()],
        "theme_kind": conversation.theme_kind,
        "theme": conversation.theme,
        "postcode_area": conversation.postcode_area,
        "answers": conversation.answers,
        "steps": [_step_out(s, today) for s in conversation.steps.all()],
    }


def _errors(exc: services.ConversationError) -> Status:
    return Status(400, {"detail": "invalid request", "errors": exc.errors})


def _visible(request: HttpRequest, public_id: uuid.UUID) -> Conversation | None:
    user = _user(request)
    conversation = selectors.conversations_of(user).filter(public_id=public_id).first()
    if conversation is not None and conversation.person_id != user.pk:
        record_access(user, conversation.person, "conversation", "api")
    return conversation


@router.get("/conversation-questions", response=list[QuestionOut], summary="Questions")
def list_questions(request: HttpRequest):
    """The opening, solution-focused and action-wheel questions, in order, in the request's
    language. Answers are stored under these ids."""
    return [{"id": q.id, "section": q.section, "text": str(q.text)} for q in QUESTIONS]


@router.get("/conversations", response=list[ConversationOut], summary="List conversations")
def list_conversations(request: HttpRequest):
    """Your own conversations as a person, and as a (verified) professional the conversations
    you hold with people who still share with you."""
    user = _user(request)
    conversations = list(selectors.conversations_of(user).prefetch_related("assessments", "steps"))
    for person_id in {c.person_id for c in conversations if c.person_id != user.pk}:
        record_access(
            user,
            next(c.person for c in conversations if c.person_id == person_id),
            "conversation",
            "api list",
        )
    return [_conversation_out(c) for c in conversations]


@router.post(
    "/conversations",
    response={201: ConversationOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Start a conversation",
)
def create_conversation(request: HttpRequest, payload: ConversationIn):
    """For verified professionals: start a conversation with a person who shares with you,
    about one or more of their webs you may see (by web id)."""
    user = _user(request)
    if not access.is_verified_professional(user):
        return Status(403, {"detail": "only a verified professional can start a conversation"})
    person = persons_shared_with(user).filter(pk=payload.person).first()
    if person is None:
        return not_found()
    webs = list(Assessment.objects.filter(public_id__in=payload.assessments, owner=person))
    if len(webs) != len(set(payload.assessments)):
        return Status(
            400,
            {
                "detail": "invalid request",
                "errors": {"assessments": "unknown web or not shared with you"},
            },
        )
    memberships = memberships_of(user)
    try:
        conversation = services.start_conversation(
            user,
            person,
            webs,
            organisation=memberships[0].organisation if memberships else None,
            theme_kind=payload.theme_kind,
            theme=payload.theme,
            postcode_area=payload.postcode_area,
        )
    except services.ConversationError as exc:
        return _errors(exc)
    return Status(201, _conversation_out(conversation))


@router.get(
    "/conversations/{public_id}",
    response={200: ConversationOut, 404: ErrorOut},
    summary="Get a conversation",
)
def get_conversation(request: HttpRequest, public_id: uuid.UUID):
    """One conversation with its answers and steps."""
    conversation = _visible(request, public_id)
    if conversation is None:
        return not_found()
    return Status(200, _conversation_out(conversation))


@router.patch(
    "/conversations/{public_id}",
    response={200: ConversationOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Update answers or theme",
)
def update_conversation(request: HttpRequest, public_id: uuid.UUID, payload: ConversationPatch):
    """For the professional who holds it: store answers (question id → text; empty text
    clears), the theme or the postcode area. Fields left out stay as they are."""
    user = _user(request)
    conversation = _visible(request, public_id)
    if conversation is None:
        return not_found()
    if not access.can_work_on(user, conversation):
        return Status(403, {"detail": "only the professional of this conversation can change it"})
    try:
        conversation = services.update_conversation(conversation, **payload.dict(exclude_none=True))
    except services.ConversationError as exc:
        return _errors(exc)
    return Status(200, _conversation_out(conversation))


@router.get("/steps", response=list[StepOut], summary="List steps")
def list_steps(request: HttpRequest):
    """Every step of the conversations you may see."""
    today = datetime.date.today()
    user = _user(request)
    steps = list(selectors.steps_of(user).select_related("conversation__person"))
    for person in {s.conversation.person for s in steps if s.conversation.person_id != user.pk}:
        record_access(user, person, "steps", "api")
    return [_step_out(s, today) for s in steps]


@router.post(
    "/conversations/{public_id}/steps",
    response={201: StepOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Add a step",
)
def create_step(request: HttpRequest, public_id: uuid.UUID, payload: StepIn):
    """For the professional who holds the conversation. `actor` is person, professional or
    other (then `actor_name` is required)."""
    user = _user(request)
    conversation = _visible(request, public_id)
    if conversation is None:
        return not_found()
    if not access.can_work_on(user, conversation):
        return Status(403, {"detail": "only the professional of this conversation can add steps"})
    try:
        step = services.add_step(conversation, **payload.dict())
    except services.ConversationError as exc:
        return _errors(exc)
    return Status(201, _step_out(step, datetime.date.today()))


@router.patch(
    "/steps/{public_id}",
    response={200: StepOut, 400: ErrorOut, 404: ErrorOut},
    summary="Set the status of a step",
)
def update_step(request: HttpRequest, public_id: uuid.UUID, payload: StepPatch):
    """The person sets the status of their own steps (open, doing, done, dropped); the
    professional of the conversation may too."""
    step = Step.objects.filter(public_id=public_id).select_related("conversation").first()
    if step is None or not access.can_set_step_status(_user(request), step):
        return not_found()
    try:
        step = services.set_step_status(step, payload.status)
    except services.ConversationError as exc:
        return _errors(exc)
    return Status(200, _step_out(step, datetime.date.today()))
