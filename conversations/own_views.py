"""Pages for the person acting alone (eigen regie): their own reflection with the questions and
the action wheel, and their own small steps, also in a plan agreed with a professional."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from assessments.models import Assessment
from conversations import selectors, services
from conversations.forms import OwnReflectionForm, OwnStepForm
from conversations.models import Conversation, Step
from conversations.questions import QUESTIONS, SECTIONS, question_at


def _own_reflection(request: HttpRequest, public_id) -> Conversation:
    """404 unless it is this person's own reflection."""
    conversation = Conversation.objects.filter(
        public_id=public_id, person=request.user, professional__isnull=True
    ).first()
    if conversation is None:
        raise Http404
    return conversation


def _own_webs(user):
    return Assessment.objects.filter(owner=user, status=Assessment.Status.COMPLETED).order_by(
        "-created_at"
    )


@login_required
@require_http_methods(["GET", "POST"])
def own_start(request: HttpRequest) -> HttpResponse:
    webs = list(_own_webs(request.user).select_related("instrument"))
    form = OwnReflectionForm(request.POST or None, webs=webs)
    if request.method == "POST" and form.is_valid():
        chosen = {w for w in webs if str(w.public_id) == form.cleaned_data["assessment"]}
        theme = form.cleaned_data["theme"]
        try:
            conversation = services.start_own_reflection(
                request.user,
                chosen,
                theme_kind=Conversation.ThemeKind.OWN_WORDS if theme else "",
                theme=theme,
            )
        except services.ConversationError as exc:
            for key, message in exc.errors.items():
                form.add_error("assessment" if key == "assessments" else None, message)
        else:
            return redirect(
                "conversations:own_question", public_id=conversation.public_id, number=1
            )
    return render(
        request,
        "conversations/own_start.html",
        {
            "form": form,
            "has_webs": bool(webs),
            "reflections": Conversation.objects.filter(
                person=request.user, professional__isnull=True
            ),
        },
        status=400 if form.errors else 200,
    )


@login_required
def own_detail(request: HttpRequest, public_id) -> HttpResponse:
    conversation = _own_reflection(request, public_id)
    groups: dict[str, list[dict]] = {key: [] for key in SECTIONS}
    for number, q in enumerate(QUESTIONS, start=1):
        groups[q.section].append(
            {"number": number, "question": q, "answer": conversation.answers.get(q.id, "")}
        )
    return render(
        request,
        "conversations/own_detail.html",
        {
            "conversation": conversation,
            "question_groups": [(SECTIONS[key], items) for key, items in groups.items()],
            "steps": selectors.plan_for_conversation(conversation, timezone.localdate()),
            "step_form": OwnStepForm(
                conversations=[conversation], initial={"conversation": str(conversation.public_id)}
            ),
            "status_choices": Step.Status.choices,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def own_question(request: HttpRequest, public_id, number: int) -> HttpResponse:
    conversation = _own_reflection(request, public_id)
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
            go = request.POST.get("go")
            if go == "previous" and number > 1:
                return redirect(
                    "conversations:own_question", public_id=public_id, number=number - 1
                )
            if go == "next" and number < len(QUESTIONS):
                return redirect(
                    "conversations:own_question", public_id=public_id, number=number + 1
                )
            messages.success(request, _("Your answers are saved."))
            return redirect("conversations:own_detail", public_id=public_id)
        answer = request.POST.get("answer", "")
    else:
        answer = conversation.answers.get(current.id, "")
    return render(
        request,
        "conversations/own_question.html",
        {
            "conversation": conversation,
            "question": current,
            "section": SECTIONS[current.section],
            "number": number,
            "total": len(QUESTIONS),
            "answer": answer,
            "error": error,
        },
        status=400 if error else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def own_step(request: HttpRequest) -> HttpResponse:
    """The person writes a step of their own, in their own reflection or in an agreed plan."""
    conversations = list(
        Conversation.objects.filter(person=request.user).select_related("professional")
    )
    if not conversations:
        raise Http404
    form = OwnStepForm(
        request.POST or None,
        conversations=conversations,
        initial={"conversation": request.GET.get("plan", "")},
    )
    if request.method == "POST" and form.is_valid():
        conversation = form.chosen_conversation()
        data = {k: v for k, v in form.cleaned_data.items() if k != "conversation"}
        try:
            services.add_step(conversation, **data)
        except services.ConversationError as exc:
            for key, message in exc.errors.items():
                form.add_error(key if key in form.fields else None, message)
        else:
            messages.success(request, _("Your step is added."))
            if conversation.is_own_reflection:
                return redirect(
                    reverse("conversations:own_detail", args=[conversation.public_id]) + "#steps"
                )
            return redirect("conversations:my_plan")
    return render(
        request, "conversations/own_step.html", {"form": form}, status=400 if form.errors else 200
    )
