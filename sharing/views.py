"""Pages for consent, invitations, a professional's view of a shared web and API keys."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessments.models import Assessment
from assessments.selectors import is_own_web, remember_in_session, session_tokens
from core import code_guard
from instruments.selectors import offered_instruments
from organisations.models import Team
from organisations.selectors import organisations_of, team_members, teams_of
from sharing import guardian_consent, services
from sharing.audit import log_of_person, record_access
from sharing.consent import (
    can_view_assessment,
    is_verified,
    persons_shared_with,
    professional_required,
    visible_assessments,
)
from sharing.forms import (
    CodeEntryForm,
    GuardianConsentForm,
    InvitationForm,
    StatedAgeForm,
    TokenForm,
)
from sharing.models import ApiToken, Invitation, Share
from sharing.selectors import invitation_of, invitations_by, tokens_of

# --- The person -----------------------------------------------------------------------------


@never_cache
@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    """Who can see my data: every share (with a way to stop it) and who looked."""
    shares = list(services.shares_of(request.user))
    for share in shares:
        # Consent to a team reaches whoever is in it today: show the person exactly who that is.
        share.current_members = team_members(share.team) if share.team_id else []
    return render(
        request,
        "sharing/overview.html",
        {
            "active_shares": [s for s in shares if s.is_active],
            "ended_shares": [s for s in shares if not s.is_active],
            "log": log_of_person(request.user)[:200],
        },
    )


@login_required
@require_POST
def revoke(request: HttpRequest, share_id: int) -> HttpResponse:
    """First POST asks to confirm; the confirming POST ends the share at once."""
    share = get_object_or_404(
        Share.objects.select_related("professional", "team", "organisation"),
        pk=share_id,
        owner=request.user,
    )
    if request.POST.get("confirm") != "yes":
        return render(request, "sharing/revoke_confirm.html", {"share": share})
    services.revoke_share(request.user, share.pk)
    messages.success(request, _("You stopped sharing. From now on they cannot see this anymore."))
    return redirect("sharing:overview")


def _signup_url() -> str:
    return reverse("people:signup")


@require_POST
def share_web(request: HttpRequest, token: str) -> HttpResponse:
    """The result page's sharing form: with the inviting professional, by code, or with a team."""
    assessment = get_object_or_404(Assessment, access_token=token)
    if not is_own_web(request, assessment):
        raise Http404
    result_url = reverse("assessments:result", args=[assessment.access_token])
    if not request.user.is_authenticated or assessment.owner_id != request.user.pk:
        messages.error(
            request, _("Create an account first, so that you can manage who sees your web.")
        )
        return redirect(f"{_signup_url()}?next={result_url}")
    include_future = request.POST.get("scope") == "future"
    how = request.POST.get("how", "")
    if how == "code" and code_guard.is_blocked(request):
        messages.error(request, code_guard.too_many_tries_message())
        return redirect(result_url)
    try:
        if how in {"invitation", "invitation_team"}:
            invitation = invitation_of(assessment)
            if invitation is None:
                raise services.SharingError(_("This web did not come with an invitation."))
            services.share_from_invitation(
                request.user,
                assessment,
                invitation,
                include_future=include_future,
                with_team=how == "invitation_team",
            )
        elif how == "code":
            invitation = services.find_invitation(request.POST.get("code", ""))
            if invitation is None:
                code_guard.count_wrong_guess(request)
                raise services.SharingError(_("We do not know this code. Check it and try again."))
            services.share_from_invitation(
                request.user, assessment, invitation, include_future=include_future, with_team=False
            )
        elif how == "team":
            team = (
                Team.objects.select_related("organisation")
                .filter(pk=request.POST.get("team") or 0)
                .first()
                if (request.POST.get("team") or "").isdigit()
                else None
            )
            if team is None:
                raise services.SharingError(_("Choose an organisation and team."))
            services.share(
                request.user,
                assessment,
                organisation=team.organisation,
                team=team,
                include_future=include_future,
            )
        else:
            raise services.SharingError(_("Choose with whom you want to share."))
    except services.SharingError as error:
        messages.error(request, error.message)
        return redirect(result_url)
    messages.success(
        request, _("Your web is shared. You can stop this at any time under “Who can see my data”.")
    )
    return redirect(result_url)


@require_http_methods(["GET", "POST"])
def invitation_enter(request: HttpRequest) -> HttpResponse:
    form = CodeEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if code_guard.is_blocked(request):
            form.add_error("code", code_guard.too_many_tries_message())
        else:
            invitation = Invitation.objects.filter(
                code=services.normalise_code(form.cleaned_data["code"])
            ).first()
            if invitation is None:
                code_guard.count_wrong_guess(request)
                form.add_error("code", _("We do not know this code. Check it and try again."))
            else:
                return _start_from_invitation(request, invitation)
    return render(
        request, "sharing/invitation_enter.html", {"form": form}, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
def invitation_link(request: HttpRequest, token: str) -> HttpResponse:
    """The link shows who invites; starting is a deliberate button (no web on a mere GET)."""
    invitation = get_object_or_404(
        Invitation.objects.select_related("professional", "organisation", "instrument"), token=token
    )
    if request.method == "POST":
        return _start_from_invitation(request, invitation)
    return render(request, "sharing/invitation_link.html", {"invitation": invitation})


def _started_here(request: HttpRequest, invitation: Invitation) -> Assessment | None:
    """The web this invitation already started, if this visitor is its person.

    The professional knows the code too, so the code alone never reopens a web.
    """
    web = invitation.assessment
    if web is None:
        return None
    if web.owner_id is not None:
        return web if request.user.is_authenticated and web.owner_id == request.user.pk else None
    return web if web.access_token in session_tokens(request) else None


def _start_from_invitation(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    earlier = _started_here(request, invitation)
    if earlier is not None:
        return redirect(reverse("assessments:started", args=[earlier.access_token]))
    owner = request.user if request.user.is_authenticated else None
    try:
        assessment = services.accept_invitation(invitation, owner=owner)
    except services.SharingError as error:
        messages.error(request, error.message)
        return redirect("sharing:invitation_enter")
    remember_in_session(request, assessment)
    return redirect(reverse("assessments:started", args=[assessment.access_token]))


# --- The professional -----------------------------------------------------------------------


def _invitation_form(request: HttpRequest, data=None) -> InvitationForm:
    organisations = organisations_of(request.user, services.INVITING_ROLES)
    instruments = offered_instruments(None)
    for organisation in organisations:
        instruments = instruments | offered_instruments(organisation)
    return InvitationForm(
        data,
        organisations=organisations,
        instruments=instruments.distinct(),
        teams=Team.objects.filter(organisation__in=organisations),
    )


@professional_required
@require_http_methods(["GET", "POST"])
def invitation_new(request: HttpRequest) -> HttpResponse:
    form = _invitation_form(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.create_invitation(
                request.user,
                form.cleaned_data["organisation"],
                form.cleaned_data["instrument"],
                moment=form.cleaned_data["moment"] or "",
                team=form.cleaned_data["team"],
            )
        except services.SharingError as error:
            form.add_error(None, error.message)
        else:
            return redirect("sharing:invitation_print", invitation.pk)
    return render(
        request,
        "sharing/invitation_new.html",
        {"form": form, "invitations": invitations_by(request.user)[:50]},
        status=400 if form.errors else 200,
    )


@professional_required
@require_GET
def invitation_print(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(
        Invitation.objects.select_related("organisation", "instrument", "professional"),
        pk=pk,
        professional=request.user,
    )
    link = request.build_absolute_uri(reverse("sharing:invitation_link", args=[invitation.token]))
    return render(
        request,
        "sharing/invitation_print.html",
        {
            "invitation": invitation,
            "link": link,
            "enter_url": request.build_absolute_uri(reverse("sharing:invitation_enter")),
        },
    )


@professional_required
@require_GET
def shared_with_me(request: HttpRequest) -> HttpResponse:
    """The people who share with me, and their webs I may open."""
    webs = (
        visible_assessments(request.user)
        .select_related("owner")
        .order_by("owner_id", "-created_at")
    )
    return render(
        request,
        "sharing/shared_with_me.html",
        {
            "persons": persons_shared_with(request.user),
            "webs": webs,
            "teams": teams_of(request.user),
        },
    )


@never_cache
@professional_required
@require_GET
def shared_web(request: HttpRequest, public_id) -> HttpResponse:
    assessment = (
        Assessment.objects.select_related("instrument", "owner").filter(public_id=public_id).first()
    )
    if assessment is None or not can_view_assessment(request.user, assessment):
        raise Http404
    record_access(
        request.user,
        assessment.owner,
        what="web",
        context="shared web page",
        assessment=assessment,
    )
    return render(request, "sharing/shared_web.html", {"assessment": assessment})


# --- API keys -------------------------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        _token, new_key = ApiToken.issue(
            request.user,
            form.cleaned_data["name"],
            verified=is_verified(request.user),
            scope=form.cleaned_data["scope"],
            lifetime=timedelta(days=int(form.cleaned_data["days"])),
        )
        form = TokenForm()
    return render(
        request,
        "sharing/tokens.html",
        {"form": form, "tokens": tokens_of(request.user), "new_key": new_key},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    token.delete()
    messages.success(request, _("The key no longer works."))
    return redirect("sharing:tokens")


# --- A young person's age and a guardian's consent, on the device in the room -------------


def _young_persons_web(request: HttpRequest, token: str) -> Assessment:
    assessment = get_object_or_404(
        Assessment.objects.select_related("instrument"), access_token=token
    )
    if not is_own_web(request, assessment):
        raise Http404
    return assessment


def _back_to_result(token: str) -> HttpResponse:
    return redirect(reverse("assessments:result", args=[token]) + "#guardian-panel")


@require_POST
def state_age(request: HttpRequest, token: str) -> HttpResponse:
    assessment = _young_persons_web(request, token)
    if not guardian_consent.asks_age(assessment):
        raise Http404
    form = StatedAgeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an age from 12 to 18."))
        return _back_to_result(token)
    guardian_consent.state_age(assessment, form.cleaned_data["age"])
    return _back_to_result(token)


@require_POST
def give_guardian_consent(request: HttpRequest, token: str) -> HttpResponse:
    assessment = _young_persons_web(request, token)
    if not guardian_consent.needs_guardian(assessment):
        raise Http404
    form = GuardianConsentForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return _back_to_result(token)
    try:
        guardian_consent.give_guardian_consent(
            assessment,
            guardian_name=form.cleaned_data["guardian_name"],
            relationship=form.cleaned_data["relationship"],
        )
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Thank you. Your yes is saved with your name and the time."))
    return _back_to_result(token)


@require_POST
def revoke_guardian_consent(request: HttpRequest, token: str) -> HttpResponse:
    assessment = _young_persons_web(request, token)
    if guardian_consent.revoke_guardian_consent(assessment):
        messages.success(
            request,
            _("The yes is taken back. Nobody else sees this web now, and it is not counted."),
        )
    return _back_to_result(token)
