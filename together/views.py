"""Pages for filling in together in the room and on paper. Thin: rules live in services."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessments.models import Assessment
from assessments.selectors import is_own_web
from assessments.services import AnswerErrors, Submission
from instruments.selectors import latest_version, offered_instruments
from organisations.selectors import organisations_of
from sharing.consent import persons_shared_with, professional_required
from sharing.services import INVITING_ROLES
from together import services
from together.forms import ClientWebForm, PaperWebForm
from together.models import RoomWeb
from together.selectors import room_webs_of

PAPER_LANGUAGES = ("nl", "en")


def _language() -> str:
    return get_language() or "nl"


def _client_web_form(request: HttpRequest, data=None) -> ClientWebForm:
    organisations = organisations_of(request.user, INVITING_ROLES)
    instruments = offered_instruments(None)
    for organisation in organisations:
        instruments = instruments | offered_instruments(organisation)
    return ClientWebForm(
        data,
        clients=persons_shared_with(request.user).order_by("display_name", "email"),
        organisations=organisations,
        instruments=instruments.distinct(),
    )


@never_cache
@professional_required
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    """Start a web for a client on this device, to hand over or read aloud."""
    form = _client_web_form(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            room = services.start_in_room(
                request.user,
                form.cleaned_data["organisation"],
                form.cleaned_data["instrument"],
                client=form.chosen_client(),
                moment=form.cleaned_data["moment"] or "",
            )
        except services.RoomError as error:
            form.add_error(None, error.message)
        else:
            return redirect("together:room", room.assessment.public_id)
    return render(
        request,
        "together/start.html",
        {"form": form, "rooms": room_webs_of(request.user)[:50]},
        status=400 if form.errors else 200,
    )


def _room_of(request: HttpRequest, public_id) -> RoomWeb:
    """404 unless this professional started this web: no hint that it exists."""
    room = (
        RoomWeb.objects.select_related("assessment__instrument", "assessment__owner", "share")
        .filter(assessment__public_id=public_id, professional=request.user)
        .first()
    )
    if room is None:
        raise Http404
    return room


@never_cache
@professional_required
@require_GET
def room(request: HttpRequest, public_id) -> HttpResponse:
    """The professional's view of one web started in the room: hand over, or what was decided."""
    room = _room_of(request, public_id)
    web = room.assessment
    return render(
        request,
        "together/room.html",
        {
            "room": room,
            "web": web,
            "title": web.definition.name.get(_language()),
            "fill_in_url": reverse(
                "assessments:fill_in", args=[web.access_token, web.current_dimension + 1]
            )
            if room.is_open
            else "",
            "shared": room.share is not None and room.share.is_active,
        },
    )


@never_cache
@professional_required
@require_http_methods(["GET", "POST"])
def consent(request: HttpRequest, public_id) -> HttpResponse:
    """Asked of the client on the professional's device, right after finishing the web."""
    room = _room_of(request, public_id)
    if not room.is_open:
        return redirect("together:room", public_id)
    web = room.assessment
    if not web.is_completed:
        return redirect("assessments:fill_in", web.access_token, web.current_dimension + 1)
    error = ""
    if request.method == "POST":
        answer = request.POST.get("answer", "")
        if answer not in {"yes", "no"}:
            error = _("Choose yes or no.")
        else:
            try:
                room = services.record_consent(room, shares=answer == "yes")
            except services.RoomError as exc:
                error = exc.message
            else:
                web.refresh_from_db()
                # Shown once, in this answer only: the new code is for the client to take along.
                return render(request, "together/handed_back.html", {"room": room, "web": web})
    return render(
        request,
        "together/consent.html",
        {"room": room, "web": web, "error": error},
        status=400 if error else 200,
    )


def _printable(request: HttpRequest):
    """The shipped webs for everyone, and an organisation's own webs for its members."""
    versions = offered_instruments(None)
    for organisation in organisations_of(request.user):
        versions = versions | offered_instruments(organisation)
    return versions.distinct()


@require_GET
def paper_forms(request: HttpRequest) -> HttpResponse:
    """Every web as a blank form to print, in Dutch and English."""
    rows = {}
    for version in _printable(request).order_by("instrument_id"):
        latest = latest_version(version.instrument_id)
        if latest is not None:
            rows[latest.instrument_id] = latest.parsed.name.get(_language())
    return render(
        request,
        "together/paper_forms.html",
        {"rows": [{"id": key, "name": name} for key, name in rows.items()]},
    )


@require_GET
def paper_pdf(request: HttpRequest, instrument_id: str, language: str) -> HttpResponse:
    if language not in PAPER_LANGUAGES:
        raise Http404
    version = latest_version(instrument_id)
    if version is None or not _printable(request).filter(pk=version.pk).exists():
        raise Http404
    from together.paper import render_blank_pdf  # ReportLab loads only when a form is printed

    response = HttpResponse(
        render_blank_pdf(version.parsed, language), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{instrument_id}-{language}.pdf"'
    return response


@never_cache
@professional_required
@require_http_methods(["GET", "POST"])
def paper_enter(request: HttpRequest) -> HttpResponse:
    """Type in a web filled in on paper: first for whom and which web, then every answer."""
    data = request.POST if request.method == "POST" else (request.GET or None)
    choice = _client_web_form(request, data)
    if not choice.is_valid():
        return render(
            request,
            "together/paper_choose.html",
            {"form": choice},
            status=400 if request.method == "POST" else 200,
        )
    instrument = choice.cleaned_data["instrument"]
    language = _language()
    form = PaperWebForm(
        request.POST if request.method == "POST" else None,
        definition=instrument.parsed,
        language=language,
    )
    if request.method == "POST" and form.is_valid():
        try:
            room = services.enter_paper_web(
                request.user,
                choice.cleaned_data["organisation"],
                instrument,
                Submission(**form.submission_data()),
                client=choice.chosen_client(),
                moment=choice.cleaned_data["moment"] or "",
                client_consents=form.cleaned_data["client_consents"],
            )
        except AnswerErrors as exc:
            for key, message in exc.errors.items():
                field = f"item-{key}" if f"item-{key}" in form.fields else f"note-{key}"
                form.add_error(field if field in form.fields else None, message)
        except services.RoomError as exc:
            form.add_error("client_consents", exc.message)
        else:
            room.assessment.refresh_from_db()
            return render(
                request,
                "together/handed_back.html",
                {"room": room, "web": room.assessment, "paper": True},
            )
    return render(
        request,
        "together/paper_enter.html",
        {
            "choice": choice,
            "form": form,
            "title": instrument.parsed.name.get(language),
            "client": choice.chosen_client(),
        },
        status=400 if form.errors else 200,
    )


@require_POST
def stop_room_share(request: HttpRequest, token: str, share_id: int) -> HttpResponse:
    """The person of a web without an account stops the consent given in the room."""
    web = get_object_or_404(Assessment, access_token=token)
    if web.owner_id is not None or not is_own_web(request, web):
        raise Http404
    try:
        services.revoke_room_share(web, share_id)
    except services.RoomError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You stopped sharing. From now on they cannot see this web."))
    return redirect("assessments:result", web.access_token)
