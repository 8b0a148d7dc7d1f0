"""Pages of the other conversation. Rules live in access, services and selectors."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessments.models import Assessment
from assessments.presentation import WebView, build_web_view
from assessments.services import open_dimensions
from conversations import access, selectors, services, team
from conversations.forms import StartForm, StepForm, ThemeForm
from conversations.models import Conversation, Step
from conversations.questions import QUESTIONS, SECTIONS, question_at
from conversations.themes import theme_label, theme_names
from core.redirects import safe_next
from organisations.selectors import memberships_of
from sharing.audit import record_access, record_accesses
from sharing.consent import persons_shared_with, professional_required


def _today():
    return timezone.localdate()


def _language() -> str:
    return get_language() or "nl"


def _conversation_for_professional(request: HttpRequest, public_id) -> Conversation:
    """404 unless this professional may work on it: no hint that it exists."""
    conversation = Conversation.objects.filter(public_id=public_id).select_related("person").first()
    if conversation is None or not access.can_work_on(request.user, conversation):
        raise Http404
    return conversation


@professional_required
def caseload(request: HttpRequest) -> HttpResponse:
    rows = selectors.caseload(request.user, _today(), _language())
    record_accesses(
        request.user, [row.person for row in rows], "last web, change and open steps", "caseload"
    )
    return render(
        request,
        "conversations/caseload.html",
        {"rows": rows, "manages_team": bool(team.managed_teams(request.user))},
    )


@professional_required
def start(request: HttpRequest, person_id: int) -> HttpResponse:
    person = persons_shared_with(request.user).filter(pk=person_id).first()
    if person is None:
        raise Http404
    webs = access.webs_visible_to(request.user, person)
    form = StartForm(
        request.POST or None,
        webs=webs,
        theme_names=theme_names(Conversation.ThemeKind.DIMENSION, webs, _language()),
    )
    if request.method == "POST" and form.is_valid():
        chosen = set(form.cleaned_data["assessments"])
        memberships = memberships_of(request.user)
        try:
            conversation = services.start_conversation(
                request.user,
                person,
                [w for w in webs if str(w.public_id) in chosen],
                organisation=memberships[0].organisation if memberships else None,
                theme_kind=form.cleaned_data["theme_kind"],
                theme=form.cleaned_data["theme"],
                postcode_area=form.cleaned_data["postcode_area"],
            )
        except services.ConversationError as exc:
            for key, message in exc.errors.items():
                form.add_error(key if key in form.fields else None, message)
        else:
            return redirect("conversations:question", public_id=conversation.public_id, number=1)
    record_access(request.user, person, "webs", "conversation start")
    return render(request, "conversations/start.html", {"form": form, "person": person})


def _web_beside(visible: list[Assessment], language: str) -> WebView | None:
    """The web to look at while talking: the newest linked web that has a score, drawn over
    the one before it when the conversation links more than one."""
    scored = sorted(selectors.scored_webs(visible), key=lambda w: w.created_at)
    if not scored:
        return None
    earlier = scored[-2] if len(scored) > 1 else None
    return build_web_view(scored[-1], language, earlier=earlier)


def _visible_webs(request: HttpRequest, conversation: Conversation) -> list[Assessment]:
    return [
        web
        for web in conversation.assessments.all()
        if access.can_view_assessment(request.user, web)
    ]


@professional_required
def detail(request: HttpRequest, public_id) -> HttpResponse:
    conversation = _conversation_for_professional(request, public_id)
    language = _language()
    visible = _visible_webs(request, conversation)
    webs = [
        {"view": build_web_view(web, language), "open": open_dimensions(web)}
        for web in sorted(visible, key=lambda w: w.created_at, reverse=True)
    ]
    for web in visible:
        record_access(request.user, conversation.person, "web", "conversation", assessment=web)
    record_access(request.user, conversation.person, "conversation", "conversation")
    groups: dict[str, list[dict]] = {key: [] for key in SECTIONS}
    for number, q in enumerate(QUESTIONS, start=1):
        groups[q.section].append(
            {"number": number, "question": q, "answer": conversation.answers.get(q.id, "")}
        )
    question_groups = [(SECTIONS[key], items) for key, items in groups.items()]
    return render(
        request,
        "conversations/detail.html",
        {
            "conversation": conversation,
            "theme": theme_label(conversation, language),
            "webs": webs,
            "question_groups": question_groups,
            "steps": selectors.plan_for_conversation(conversation, _today()),
            "step_form": StepForm(),
            "theme_form": ThemeForm(
                initial={
                    "theme_kind": conversation.theme_kind,
                    "theme": theme_label(conversation, language),
                    "postcode_area": conversation.postcode_area,
                },
                theme_names=theme_names(Conversation.ThemeKind.DIMENSION, visible, language),
            ),
            "status_choices": Step.Status.choices,
        },
    )


@professional_required
def question(request: HttpRequest, public_id, number: int) -> HttpResponse:
    conversation = _conversation_for_professional(request, public_id)
    current = question_at(number)
    if current is None:
        raise Http404
    error = ""
    if request.method == "POST":
        try:
            services.update_conversation(
                conversation, answers={current.id: request.POST.get("answer", "")}
            )
        except services.ConversationError as exc:
            error = next(iter(exc.errors.values()))
        else:
            if request.POST.get("go") == "previous" and number > 1:
                return redirect("conversations:question", public_id=public_id, number=number - 1)
            if request.POST.get("go") == "next" and number < len(QUESTIONS):
                return redirect("conversations:question", public_id=public_id, number=number + 1)
            messages.success(request, _("The answers are saved."))
            return redirect("conversations:detail", public_id=public_id)
        answer = request.POST.get("answer", "")
    else:
        answer = conversation.answers.get(current.id, "")
    language = _language()
    visible = _visible_webs(request, conversation)
    for web in visible:
        record_access(request.user, conversation.person, "web", "conversation", assessment=web)
    record_access(request.user, conversation.person, "conversation", "conversation")
    return render(
        request,
        "conversations/question.html",
        {
            "conversation": conversation,
            "theme": theme_label(conversation, language),
            "web": _web_beside(visible, language),
            "question": current,
            "section": SECTIONS[current.section],
            "number": number,
            "total": len(QUESTIONS),
            "answer": answer,
            "error": error,
        },
        status=400 if error else 200,
    )


@professional_required
@require_POST
def theme(request: HttpRequest, public_id) -> HttpResponse:
    conversation = _conversation_for_professional(request, public_id)
    form = ThemeForm(request.POST)
    if form.is_valid():
        try:
            services.update_conversation(
                conversation,
                theme_kind=form.cleaned_data["theme_kind"],
                theme=form.cleaned_data["theme"],
                postcode_area=form.cleaned_data["postcode_area"],
            )
        except services.ConversationError as exc:
            for message in exc.errors.values():
                messages.error(request, message)
        else:
            messages.success(request, _("The theme is saved."))
    else:
        messages.error(request, _("The theme was not saved: check what you filled in."))
    return redirect("conversations:detail", public_id=public_id)


@professional_required
@require_POST
def add_step(request: HttpRequest, public_id) -> HttpResponse:
    conversation = _conversation_for_professional(request, public_id)
    form = StepForm(request.POST)
    if form.is_valid():
        try:
            services.add_step(conversation, **form.cleaned_data)
        except services.ConversationError as exc:
            for message in exc.errors.values():
                messages.error(request, message)
        else:
            messages.success(request, _("The step is added."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect(reverse("conversations:detail", args=[public_id]) + "#steps")


@login_required
@require_POST
def step_status(request: HttpRequest, public_id) -> HttpResponse:
    step = Step.objects.filter(public_id=public_id).select_related("conversation").first()
    if step is None or not access.can_set_step_status(request.user, step):
        raise Http404
    try:
        services.set_step_status(step, request.POST.get("status", ""))
    except services.ConversationError as exc:
        messages.error(request, next(iter(exc.errors.values())))
    else:
        messages.success(request, _("The step is updated."))
    return redirect(
        safe_next(request, request.POST.get("next", "")) or reverse("conversations:my_plan")
    )


@login_required
def my_plan(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "conversations/my_plan.html",
        {
            "steps": selectors.plan_of(request.user, _today()),
            "has_plans": Conversation.objects.filter(person=request.user).exists(),
            "status_choices": Step.Status.choices,
        },
    )


def _render_trajectory(request: HttpRequest, webs: list[Assessment], person, own: bool):
    return render(
        request,
        "conversations/trajectory.html",
        {
            "trajectory": selectors.trajectory(webs, _language()),
            "person": person,
            "own": own,
        },
    )


@login_required
def my_trajectory(request: HttpRequest) -> HttpResponse:
    webs = access.webs_visible_to(request.user, request.user)
    return _render_trajectory(request, webs, request.user, own=True)


@professional_required
def trajectory(request: HttpRequest, person_id: int) -> HttpResponse:
    person = persons_shared_with(request.user).filter(pk=person_id).first()
    if person is None:
        raise Http404
    webs = access.webs_visible_to(request.user, person)
    for web in webs:
        record_access(request.user, person, "web", "trajectory", assessment=web)
    return _render_trajectory(request, webs, person, own=False)


@login_required
def team_view(request: HttpRequest) -> HttpResponse:
    teams = team.managed_teams(request.user)
    if not teams or not access.is_verified(request.user):
        raise PermissionDenied
    summaries = team.team_summaries(teams)
    return render(
        request,
        "conversations/team.html",
        {"summaries": summaries, "minimum": team.MINIMUM_GROUP},
    )
