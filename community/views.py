from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from community import selectors, services
from community.models import CommunitySession, Contribution, Factor
from community.qr import qr_svg
from core import code_guard

# A signed cookie rather than the session: joining writes nothing but the participant row.
COOKIE_SALT = "community.participant"


def _session(code: str) -> CommunitySession:
    return get_object_or_404(CommunitySession, code=(code or "").strip().upper())


def _cookie_name(session: CommunitySession) -> str:
    return f"bb_participant_{session.code}"


def _participant(request: HttpRequest, session: CommunitySession):
    """Looking at the page joins nobody: a participant is made by the first thing they send."""
    token = request.get_signed_cookie(_cookie_name(session), default=None, salt=COOKIE_SALT)
    if request.method == "POST":
        return services.join(session, token)
    return services.existing_participant(session, token)


def _remember(response: HttpResponse, session: CommunitySession, participant) -> HttpResponse:
    if participant is None:
        return response
    response.set_signed_cookie(
        _cookie_name(session),
        str(participant.token),
        salt=COOKIE_SALT,
        max_age=60 * 60 * 24,
        httponly=True,
        samesite="Lax",
    )
    return response


def _messages_from(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _is_facilitator(request: HttpRequest, session: CommunitySession) -> bool:
    return request.user.is_authenticated and request.user.pk == session.facilitator_id


def _board_context(request: HttpRequest, session: CommunitySession) -> dict:
    return {
        "session": session,
        "distribution": selectors.distribution(session),
        "pitch": (
            selectors.contributions_by_dimension(session, group=session.pitching_group)
            if session.step == CommunitySession.Step.PITCH and session.pitching_group
            else None
        ),
        "mapped": (
            selectors.contributions_by_dimension(session)
            if session.step == CommunitySession.Step.MAP
            else None
        ),
        "people": session.participants.count(),
    }


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    code = (request.GET.get("code") or "").strip().upper()[:20]
    if code and code_guard.is_blocked(request):
        messages.error(request, code_guard.too_many_tries_message())
    elif code:
        if CommunitySession.objects.filter(code=code).exists():
            return redirect("community:take_part", code=code)
        code_guard.count_wrong_guess(request)
        messages.error(
            request, _("There is no session with this code. Check the code on the screen.")
        )
    own = (
        CommunitySession.objects.filter(facilitator=request.user)
        if request.user.is_authenticated
        else CommunitySession.objects.none()
    )
    return render(request, "community/home.html", {"sessions": own, "code": code})


@login_required
def create(request: HttpRequest) -> HttpResponse:
    values = request.POST if request.method == "POST" else {}
    if request.method == "POST":
        groups = values.get("groups", "4")
        try:
            session = services.create_session(
                request.user,
                title=values.get("title", ""),
                description=values.get("description", ""),
                neighbourhood=values.get("neighbourhood", ""),
                postcode_area=values.get("postcode_area", ""),
                groups=int(groups) if str(groups).isdigit() else 0,
            )
        except ValidationError as error:
            _messages_from(request, error)
        else:
            return redirect("community:facilitate", code=session.code)
    return render(request, "community/create.html", {"values": values})


def take_part(request: HttpRequest, code: str) -> HttpResponse:
    """The resident's phone: the current step's form and the live board."""
    session = _session(code)
    participant = _participant(request, session)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "choose":
                services.choose_dimension(
                    session,
                    participant,
                    request.POST.get("dimension", ""),
                    request.POST.get("reason", ""),
                )
                messages.success(request, _("Thank you, your choice has been counted."))
            else:
                services.add_contribution(
                    session,
                    participant,
                    group_number=request.POST.get("group", ""),
                    dimension=request.POST.get("dimension", ""),
                    kind=request.POST.get("kind", ""),
                    factor=request.POST.get("factor", ""),
                    text=request.POST.get("text", ""),
                )
                messages.success(request, _("Thank you, it is on the board."))
        except ValidationError as error:
            _messages_from(request, error)
            response = render(
                request,
                "community/take_part.html",
                _take_part_context(request, session, participant),
                status=400,
            )
            return _remember(response, session, participant)
        return _remember(redirect("community:take_part", code=session.code), session, participant)
    response = render(
        request, "community/take_part.html", _take_part_context(request, session, participant)
    )
    return _remember(response, session, participant)


def _take_part_context(request: HttpRequest, session: CommunitySession, participant) -> dict:
    choice = getattr(participant, "choice", None)
    return {
        **_board_context(request, session),
        "participant": participant,
        "choice": choice,
        "dimensions": selectors.dimension_names().items(),
        "factors": Factor.choices,
        "kinds": Contribution.Kind.choices,
        "groups": session.groups.all(),
        "values": request.POST if request.method == "POST" else {},
        "my_group": request.POST.get("group")
        or str(getattr(getattr(participant, "group", None), "number", "")),
    }


@require_GET
def board(request: HttpRequest, code: str) -> HttpResponse:
    session = _session(code)
    context = _board_context(request, session)
    context["qr"] = qr_svg(
        request.build_absolute_uri(reverse("community:take_part", args=[session.code]))
    )
    return render(request, "community/board.html", context)


@require_GET
def board_partial(request: HttpRequest, code: str) -> HttpResponse:
    session = _session(code)
    context = _board_context(request, session)
    step = request.GET.get("step", "")
    context["page_step"] = int(step) if step.isdigit() else None
    return render(request, "community/_board.html", context)


@login_required
def facilitate(request: HttpRequest, code: str) -> HttpResponse:
    session = _session(code)
    if not _is_facilitator(request, session):
        raise PermissionDenied
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "step":
                step = request.POST.get("step", "")
                services.set_step(session, request.user, int(step) if step.isdigit() else 0)
            elif action == "group":
                services.show_group(session, request.user, request.POST.get("group", ""))
            elif action in ("hide", "show"):
                pk = request.POST.get("pk", "")
                services.set_hidden(
                    session,
                    request.user,
                    request.POST.get("kind", ""),
                    int(pk) if pk.isdigit() else 0,
                    action == "hide",
                )
            elif action == "area":
                services.set_postcode_area(
                    session, request.user, request.POST.get("postcode_area", "")
                )
                messages.success(request, _("The postcode area has been saved."))
            elif action == "close":
                services.close_session(session, request.user)
                messages.success(request, _("The session is closed. You can download the report."))
        except ValidationError as error:
            _messages_from(request, error)
        return redirect("community:facilitate", code=session.code)
    return render(
        request,
        "community/facilitate.html",
        {
            **_board_context(request, session),
            "qr": qr_svg(
                request.build_absolute_uri(reverse("community:take_part", args=[session.code]))
            ),
            "all_contributions": session.contributions.select_related("group"),
            "all_choices": session.choices.exclude(reason=""),
            "steps": CommunitySession.Step.choices[:3],
            "names": selectors.dimension_names(),
        },
    )


def _facilitator_session(request: HttpRequest, code: str) -> CommunitySession:
    session = _session(code)
    if not _is_facilitator(request, session):
        raise PermissionDenied
    return session


@login_required
@require_GET
def report(request: HttpRequest, code: str) -> HttpResponse:
    session = _facilitator_session(request, code)
    return render(
        request,
        "community/report.html",
        {
            "session": session,
            "distribution": selectors.distribution(session),
            "factor_report": selectors.session_factors(session),
            "factor_list": selectors.factor_list(),
        },
    )


@login_required
@require_GET
def download_pdf(request: HttpRequest, code: str) -> HttpResponse:
    session = _facilitator_session(request, code)
    from community.report import report_pdf  # ReportLab loads only for a PDF

    response = HttpResponse(report_pdf(session), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="bijeenkomst-{session.code}.pdf"'
    return response


@login_required
@require_GET
def download_csv(request: HttpRequest, code: str) -> HttpResponse:
    session = _facilitator_session(request, code)
    from community.report import report_csv

    response = HttpResponse(report_csv(session), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="bijeenkomst-{session.code}.csv"'
    return response
