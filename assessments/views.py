"""Pages for filling in, seeing and comparing a web. Thin: the rules live in services/selectors."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from assessments.models import Assessment
from assessments.presentation import build_web_view, conversation_questions
from assessments.report import render_report_pdf
from assessments.selectors import is_own_web, remember_in_session, webs_of_same_person
from assessments.services import (
    AnswerErrors,
    Submission,
    complete_assessment,
    save_submission,
    start_assessment,
)
from instruments.models import InstrumentVersion
from instruments.selectors import latest_version


def _own_web(request: HttpRequest, token: str) -> Assessment:
    """The web behind a private link, if this visitor is its person; 404 for everyone else."""
    assessment = get_object_or_404(
        Assessment.objects.select_related("instrument"), access_token=token
    )
    if not is_own_web(request, assessment):
        raise Http404
    remember_in_session(request, assessment)
    return assessment


def _language() -> str:
    return get_language() or "nl"


@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return redirect("core:home")
    instrument = InstrumentVersion.objects.filter(
        pk=request.POST.get("instrument") or 0, is_active=True, organisation__isnull=True
    ).first()
    if instrument is None:
        messages.error(request, _("Choose one of the webs on this page."))
        return redirect("core:home")
    owner = request.user if request.user.is_authenticated else None
    assessment = start_assessment(instrument, owner=owner)
    remember_in_session(request, assessment)
    return redirect("assessments:started", assessment.access_token)


def started(request: HttpRequest, token: str) -> HttpResponse:
    assessment = _own_web(request, token)
    private_link = request.build_absolute_uri(
        reverse("assessments:fill_in", args=[token, assessment.current_dimension + 1])
    )
    return render(
        request,
        "assessments/started.html",
        {
            "assessment": assessment,
            "private_link": private_link,
            "title": assessment.definition.name.get(_language()),
        },
    )


@ratelimit(key="ip", rate="20/15m", method="POST", block=False)
@require_http_methods(["GET", "POST"])
def resume(request: HttpRequest) -> HttpResponse:
    error = ""
    code = ""
    if request.method == "POST":
        code = request.POST.get("code", "").strip().upper().replace(" ", "")
        if len(code) == 8 and "-" not in code:
            code = f"{code[:4]}-{code[4:]}"
        if getattr(request, "limited", False):
            error = _("Too many attempts. Wait a quarter of an hour and try again.")
        else:
            assessment = Assessment.objects.filter(resume_code=code).first()
            if assessment is not None and is_own_web(request, assessment):
                remember_in_session(request, assessment)
                if assessment.is_completed:
                    return redirect("assessments:result", assessment.access_token)
                return redirect(
                    "assessments:fill_in", assessment.access_token, assessment.current_dimension + 1
                )
            if assessment is not None:
                error = _("This web belongs to an account. Log in to open it.")
            else:
                error = _("We do not know this code. Check it and try again.")
    status = 400 if error else 200
    return render(request, "assessments/resume.html", {"error": error, "code": code}, status=status)


def _submission_from_post(request: HttpRequest, assessment: Assessment, number: int) -> Submission:
    dimension = assessment.definition.dimensions[number - 1]
    answers = {
        item.id: request.POST[f"item-{item.id}"]
        for item in dimension.items
        if f"item-{item.id}" in request.POST
    }
    flags = [item.id for item in dimension.items if request.POST.get(f"talk-{item.id}")]
    notes = {dimension.id: request.POST["note"]} if "note" in request.POST else {}
    return Submission(
        answers=answers, flags=flags, notes=notes, shown_items=[i.id for i in dimension.items]
    )


def _fill_in_context(assessment: Assessment, number: int, language: str, errors=None, posted=None):
    definition = assessment.definition
    dimension = definition.dimensions[number - 1]
    stored = {a.item_id: a for a in assessment.answers.all()}
    note = assessment.notes.filter(dimension_id=dimension.id).first()
    items = []
    for item in dimension.items:
        answer = stored.get(item.id)
        value = answer.value if answer else None
        talk = bool(answer and answer.wants_to_talk)
        if posted is not None:
            raw = posted.get(f"item-{item.id}")
            value = raw if raw is not None else value
            talk = bool(posted.get(f"talk-{item.id}"))
        items.append(
            {
                "id": item.id,
                "text": item.text.get(language),
                "value": _value_key(value),
                "talk": talk,
                "error": (errors or {}).get(item.id, ""),
            }
        )
    scale = definition.scale
    if scale.choices:
        choices = [
            {"value": _value_key(c.value), "label": c.label.get(language), "symbol": c.symbol}
            for c in scale.choices
        ]
    else:
        choices = [{"value": str(v), "label": str(v), "symbol": ""} for v in range(11)]
    total = len(definition.dimensions)
    return {
        "assessment": assessment,
        "title": definition.name.get(language),
        "dimension": {
            "id": dimension.id,
            "name": dimension.name.get(language),
            "description": dimension.description.get(language),
        },
        "items": items,
        "choices": choices,
        "picture_scale": bool(scale.choices),
        "scale_low": scale.low.get(language),
        "scale_high": scale.high.get(language),
        "note": (posted.get("note") if posted is not None else (note.text if note else "")),
        "note_error": (errors or {}).get(dimension.id, ""),
        "number": number,
        "total": total,
        "is_last": number == total,
        "dimension_names": [d.name.get(language) for d in definition.dimensions],
        "errors": errors or {},
    }


def _value_key(value) -> str:
    """Form value of a stored or posted answer: '7' for 7.0, '2.5' for 2.5, '' for none."""
    if value is None or value == "":
        return ""
    try:
        number = float(str(value).replace(",", "."))
    except ValueError:
        return str(value)
    return str(int(number)) if number.is_integer() else str(number)


@require_http_methods(["GET", "POST"])
def fill_in(request: HttpRequest, token: str, number: int) -> HttpResponse:
    assessment = _own_web(request, token)
    total = len(assessment.definition.dimensions)
    if not 1 <= number <= total:
        raise Http404
    language = _language()
    if request.method == "POST":
        try:
            save_submission(
                assessment,
                _submission_from_post(request, assessment, number),
                current_dimension=number - 1,
            )
        except AnswerErrors as exc:
            context = _fill_in_context(assessment, number, language, exc.errors, request.POST)
            return render(request, "assessments/fill_in.html", context, status=400)
        action = request.POST.get("action", "next")
        if action == "previous" and number > 1:
            return redirect("assessments:fill_in", token, number - 1)
        if action == "later":
            messages.success(request, _("Your answers are saved. You can continue later."))
            return redirect("assessments:started", token)
        if action == "next" and number < total:
            Assessment.objects.filter(pk=assessment.pk).update(current_dimension=number)
            return redirect("assessments:fill_in", token, number + 1)
        if action == "next":
            return redirect("assessments:finish", token)
        return redirect("assessments:fill_in", token, number)
    return render(
        request, "assessments/fill_in.html", _fill_in_context(assessment, number, language)
    )


@require_POST
def save_answer(request: HttpRequest, token: str) -> HttpResponse:
    """Autosave with JavaScript: the page's answers are stored as soon as they change."""
    assessment = _own_web(request, token)
    try:
        number = int(request.POST.get("number", ""))
    except ValueError:
        number = 0
    if not 1 <= number <= len(assessment.definition.dimensions):
        return render(
            request,
            "assessments/_save_status.html",
            {"error": _("This part of the web does not exist.")},
            status=400,
        )
    try:
        save_submission(
            assessment,
            _submission_from_post(request, assessment, number),
            current_dimension=number - 1,
        )
    except AnswerErrors as exc:
        return render(request, "assessments/_save_status.html", {"error": str(exc)}, status=400)
    return render(request, "assessments/_save_status.html", {"saved": True})


@require_http_methods(["GET", "POST"])
def finish(request: HttpRequest, token: str) -> HttpResponse:
    assessment = _own_web(request, token)
    if request.method == "POST":
        complete_assessment(assessment)
        return redirect("assessments:result", token)
    web = build_web_view(assessment, _language())
    return render(request, "assessments/finish.html", {"assessment": assessment, "web": web})


def result(request: HttpRequest, token: str) -> HttpResponse:
    assessment = _own_web(request, token)
    web = build_web_view(assessment, _language())
    earlier = (
        webs_of_same_person(assessment)
        .exclude(pk=assessment.pk)
        .filter(status=Assessment.Status.COMPLETED)
    )
    return render(
        request,
        "assessments/result.html",
        {
            "assessment": assessment,
            "web": web,
            "questions": conversation_questions(),
            "has_earlier": earlier.exists(),
            "private_link": request.build_absolute_uri(reverse("assessments:result", args=[token])),
        },
    )


@require_POST
def fill_in_again(request: HttpRequest, token: str) -> HttpResponse:
    """A new web for the same person, so the two can be compared later."""
    assessment = _own_web(request, token)
    instrument = latest_version(assessment.instrument.instrument_id) or assessment.instrument
    new = start_assessment(instrument, owner=assessment.owner, series=assessment.series)
    remember_in_session(request, new)
    return redirect("assessments:started", new.access_token)


def history(request: HttpRequest, token: str) -> HttpResponse:
    assessment = _own_web(request, token)
    language = _language()
    webs = list(webs_of_same_person(assessment))
    dimension_names = [(d.id, d.name.get(language)) for d in assessment.definition.dimensions]
    rows = [
        {
            "web": web,
            "title": web.definition.name.get(language),
            "scores": [web.dimension_scores.get(dim_id) for dim_id, _name in dimension_names],
        }
        for web in webs
    ]
    return render(
        request,
        "assessments/history.html",
        {"assessment": assessment, "rows": rows, "dimension_names": dimension_names},
    )


def compare(request: HttpRequest, token: str) -> HttpResponse:
    assessment = _own_web(request, token)
    candidates = list(
        webs_of_same_person(assessment)
        .exclude(pk=assessment.pk)
        .filter(status=Assessment.Status.COMPLETED)
        .order_by("-created_at")
    )
    chosen = request.GET.get("met", "")
    earlier = next((w for w in candidates if str(w.public_id) == chosen), None)
    if chosen and earlier is None:
        messages.error(request, _("Choose one of your own earlier webs."))
    if earlier is None:
        earlier = next((w for w in candidates if w.created_at < assessment.created_at), None)
        earlier = earlier or (candidates[0] if candidates else None)
    web = build_web_view(assessment, _language(), earlier=earlier) if earlier else None
    return render(
        request,
        "assessments/compare.html",
        {"assessment": assessment, "web": web, "candidates": candidates, "earlier": earlier},
    )


def web_svg(request: HttpRequest, token: str) -> HttpResponse:
    assessment = _own_web(request, token)
    web = build_web_view(assessment, _language())
    return render(
        request, "assessments/_spider_web.svg", {"web": web}, content_type="image/svg+xml"
    )


def report_pdf(request: HttpRequest, token: str) -> HttpResponse:
    assessment = _own_web(request, token)
    pdf = render_report_pdf([assessment], _language())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="spinnenweb-{assessment.created_at:%Y-%m-%d}.pdf"'
    )
    return response
