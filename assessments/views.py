"""Pages for filling in, seeing and comparing a web. Thin: the rules live in services/selectors."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.messages import get_messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from assessments import drawings
from assessments.answer_rows import stored_answers, stored_notes
from assessments.fill_in_questions import questions
from assessments.models import Assessment
from assessments.presentation import build_web_view
from assessments.selectors import (
    StoredRows,
    is_own_web,
    remember_in_session,
    web_by_token,
    web_for_result_page,
    web_with_rows_by_token,
    webs_of_same_person,
)
from assessments.services import (
    AnswerErrors,
    SavedMeanwhile,
    Submission,
    complete_assessment,
    open_dimensions,
    save_submission,
    start_assessment,
)
from core import code_guard
from core.parts import shared_part
from instruments.models import InstrumentVersion, parsed_if_known
from instruments.selectors import latest_version
from organisations.context_processors import theme
from together.selectors import room_verdict


def _own_web(
    request: HttpRequest, token: str, *, remember: bool = True, lock: bool = False
) -> Assessment:
    """The web behind a private link, if this visitor is its person; 404 for everyone else.

    `lock` (inside a transaction): the row stays locked until it ends, for a save.
    """
    # The instrument's stored JSON is only parsed once per process (InstrumentVersion.parsed),
    # so it is not read on every request.
    return _as_own_web(request, web_by_token(token, lock=lock), remember=remember)


def _as_own_web(
    request: HttpRequest, assessment: Assessment | None, *, remember: bool = True
) -> Assessment:
    if assessment is None or not is_own_web(request, assessment):
        raise Http404
    if remember:
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
            "description": assessment.definition.description.get(_language()),
        },
    )


@require_http_methods(["GET", "POST"])
def resume(request: HttpRequest) -> HttpResponse:
    error = ""
    code = ""
    if request.method == "POST":
        code = request.POST.get("code", "").strip().upper().replace(" ", "")
        if len(code) == 8 and "-" not in code:
            code = f"{code[:4]}-{code[4:]}"
        if code_guard.is_blocked(request):
            error = code_guard.too_many_tries_message()
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
                code_guard.count_wrong_guess(request)
                error = _("We do not know this resume code. Check it and try again.")
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
    stored = stored_answers(assessment.pk, [i.id for i in dimension.items])
    note = stored_notes(assessment.pk, [dimension.id]).get(dimension.id)
    items = []
    for item in dimension.items:
        value, talk = stored.get(item.id, (None, False))
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
    context = {
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
        "note": (posted.get("note") if posted is not None else (note or "")),
        "note_error": (errors or {}).get(dimension.id, ""),
        "number": number,
        "total": total,
        "is_last": number == total,
        "dimension_names": [d.name.get(language) for d in definition.dimensions],
        "errors": errors or {},
        # The easy-language and children's webs offer to read each question aloud.
        "read_aloud": definition.kind in ("simple", "child"),
    }
    context["questions"] = questions(assessment.instrument, number, language, context)
    # The same buttons on every page of a part's kind: rendered once per process and language.
    context["actions"] = shared_part(
        "assessments/_fill_in_actions.html", has_previous=number > 1, is_last=number == total
    ).fill()
    return context


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
    if request.method == "POST":
        return _save_page(request, token, number)
    assessment = _own_web(request, token)
    if not 1 <= number <= len(assessment.definition.dimensions):
        raise Http404
    return render(
        request, "assessments/fill_in.html", _fill_in_context(assessment, number, _language())
    )


def _save_page(request: HttpRequest, token: str, number: int) -> HttpResponse:
    """Without JavaScript: store the page, then go where the person asked."""
    action = request.POST.get("action", "next")
    with transaction.atomic():
        assessment = _own_web(request, token, lock=True)
        total = len(assessment.definition.dimensions)
        if not 1 <= number <= total:
            raise Http404
        moves_on = action == "next" and number < total
        # "Ready" on the last part: with every part answered, the page before the web would
        # only say so, so the web is finished at once; else that page names the open parts.
        ready = action == "next" and not moves_on
        try:
            save_submission(
                assessment,
                _submission_from_post(request, assessment, number),
                current_dimension=number if moves_on else number - 1,
                locked=True,
                finish_if_whole=ready,
            )
        except AnswerErrors as exc:
            context = _fill_in_context(assessment, number, _language(), exc.errors, request.POST)
            return render(request, "assessments/fill_in.html", context, status=400)
    if ready and not open_dimensions(assessment):
        return _after_finishing(request, assessment)
    if action == "previous" and number > 1:
        return redirect("assessments:fill_in", token, number - 1)
    if action == "later":
        messages.success(request, _("Your answers are saved. You can continue later."))
        return redirect("assessments:started", token)
    if moves_on:
        return redirect("assessments:fill_in", token, number + 1)
    if action == "next":
        return redirect("assessments:finish", token)
    return redirect("assessments:fill_in", token, number)


@require_POST
def save_answer(request: HttpRequest, token: str) -> HttpResponse:
    """Autosave with JavaScript: the page's answers are stored as soon as they change.

    The web is read without a lock and written only if no other save reached it meanwhile,
    so the usual autosave is one read and one write. When another save did come in between
    (two quick changes, two tabs), it is done again holding the web.
    """
    try:
        return _autosave(request, token, locked=False)
    except SavedMeanwhile:
        with transaction.atomic():
            return _autosave(request, token, locked=True)


def _autosave(request: HttpRequest, token: str, *, locked: bool) -> HttpResponse:
    # The page that sends this already put the web in the session, and the status snippet
    # needs no request context: the session is only read when the web belongs to an account.
    number = _int_or_zero(request.POST.get("number", ""))
    if locked:
        assessment, stored = _own_web(request, token, remember=False, lock=True), None
    else:
        assessment, stored = _web_with_rows_of_part(request, token, number)
    if not 1 <= number <= len(assessment.definition.dimensions):
        return _not_saved(_("This part of the web does not exist."))
    try:
        save_submission(
            assessment,
            _submission_from_post(request, assessment, number),
            current_dimension=number - 1,
            locked=locked,
            if_unchanged=not locked,
            stored=stored,
        )
    except AnswerErrors as exc:
        return _not_saved(str(exc))
    return _saved()


def _web_with_rows_of_part(
    request: HttpRequest, token: str, number: int
) -> tuple[Assessment, StoredRows | None]:
    """The web and the stored rows of part `number`, read in one statement.

    The page names its web's instrument version, so the part's items are known before the web
    is read. A page of another version than the web's (an old page, or a made-up one) gets the
    whole web read instead.
    """
    definition = parsed_if_known(_int_or_zero(request.POST.get("version", "")))
    part = None
    if definition is not None and 1 <= number <= len(definition.dimensions):
        part = definition.dimensions[number - 1]
    found = web_with_rows_by_token(token, part)
    if found is not None and part is not None and found[0].definition is not definition:
        found = web_with_rows_by_token(token)
    assessment, stored = found or (None, None)
    return _as_own_web(request, assessment, remember=False), stored


def _int_or_zero(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return 0


def _saved() -> HttpResponse:
    # The same words after every save: rendered once per process and language.
    return HttpResponse(shared_part("assessments/_save_status.html", saved=True).fill())


def _not_saved(error: str) -> HttpResponse:
    context = {"error": error}
    return HttpResponse(render_to_string("assessments/_save_status.html", context), status=400)


def _after_finishing(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    if room_verdict(request.user, assessment):
        # Filled in together: the client now decides, on this device, about sharing.
        return redirect("together:consent", assessment.public_id)
    return redirect("assessments:result", assessment.access_token)


@require_http_methods(["GET", "POST"])
def finish(request: HttpRequest, token: str) -> HttpResponse:
    assessment = _own_web(request, token)
    if request.method == "POST":
        complete_assessment(assessment)
        return _after_finishing(request, assessment)
    web = build_web_view(assessment, _language())
    return render(request, "assessments/finish.html", {"assessment": assessment, "web": web})


def result(request: HttpRequest, token: str) -> HttpResponse:
    language = _language()
    found = web_for_result_page(token, language, drawings.kept_since())
    assessment = _as_own_web(request, found.web if found else None)
    visitor = (
        None
        if request.user.is_authenticated
        else drawings.Visitor(request.get_full_path(), theme(request))
    )
    page = drawings.draw_result_page(found, language, visitor=visitor)
    # One token for every form of the page (the layout's included): masking one costs.
    csrf_token = get_token(request)
    origin = request.build_absolute_uri("/")[:-1]
    if page.document is not None and not get_messages(request):
        return HttpResponse(page.document.fill(csrf_token=csrf_token, origin=origin))
    return render(
        request,
        "assessments/result.html",
        {
            "assessment": assessment,
            "csrf_token": csrf_token,
            "web_part": page.web.fill(csrf_token=csrf_token),
            "panels": page.panels.fill(csrf_token=csrf_token) if page.panels else None,
            "keep_part": page.keep.fill(origin=origin),
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
    return HttpResponse(drawings.draw_svg(assessment, _language()), content_type="image/svg+xml")


def report_pdf(request: HttpRequest, token: str) -> HttpResponse:
    assessment = _own_web(request, token)
    pdf = drawings.draw_pdf(assessment, _language())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="spinnenweb-{assessment.created_at:%Y-%m-%d}.pdf"'
    )
    return response
