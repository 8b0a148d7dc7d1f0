"""Organisation admin pages and two-factor setup. Thin: rules live in services and selectors."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.exports import safe_row
from core.redirects import safe_next
from organisations import services, twofactor
from organisations.forms import CodeForm, MemberForm, TeamForm
from organisations.models import Membership, Organisation, Theme
from organisations.selectors import administered_by, is_member_with_role, memberships_of
from organisations.theming import theme_css
from sharing.audit import log_of_organisation
from sharing.consent import professional_required


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    return safe_next(request, target) or "organisations:index"


def _administered(request: HttpRequest, slug: str) -> Organisation:
    """The organisation, if this verified user is its admin; 403 for every other member or not."""
    organisation = get_object_or_404(Organisation, slug=slug)
    if not is_member_with_role(request.user, organisation, [Membership.Role.ORGANISATION_ADMIN]):
        raise PermissionDenied
    return organisation


@professional_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "organisations/index.html",
        {
            "memberships": memberships_of(request.user),
            "administered": administered_by(request.user),
        },
    )


def _manage_context(organisation: Organisation, **forms) -> dict:
    context = {
        "organisation": organisation,
        "teams": organisation.teams.all(),
        "members": organisation.memberships.select_related("user", "team").order_by(
            "user__email", "role"
        ),
        "team_form": TeamForm(),
        "member_form": MemberForm(organisation=organisation),
        "offers": organisation.membership_offers.select_related("team"),
        "events": organisation.membership_events.select_related("user", "actor", "team")[:100],
    }
    context.update(forms)
    return context


@professional_required
@require_GET
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _administered(request, slug)
    return render(request, "organisations/manage.html", _manage_context(organisation))


@professional_required
@require_POST
def create_team(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _administered(request, slug)
    form = TeamForm(request.POST)
    if form.is_valid():
        try:
            team = services.create_team(organisation, form.cleaned_data["name"])
        except services.OrganisationError as error:
            form.add_error("name", error.message)
        else:
            messages.success(request, _("Team “%(name)s” was created.") % {"name": team.name})
            return redirect("organisations:manage", organisation.slug)
    return render(
        request,
        "organisations/manage.html",
        _manage_context(organisation, team_form=form),
        status=400,
    )


@professional_required
@require_POST
def add_member(request: HttpRequest, slug: str) -> HttpResponse:
    """Propose a role; the person accepts it themselves (see `offers`)."""
    organisation = _administered(request, slug)
    form = MemberForm(request.POST, organisation=organisation)
    if form.is_valid():
        try:
            services.offer_membership(
                organisation,
                form.cleaned_data["email"],
                form.cleaned_data["role"],
                form.cleaned_data["team"],
                by=request.user,
            )
        except services.OrganisationError as error:
            form.add_error("email", error.message)
        else:
            messages.success(
                request,
                _(
                    "If %(email)s has an account, that person now sees your invitation and "
                    "becomes a member once they accept it."
                )
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("organisations:manage", organisation.slug)
    return render(
        request,
        "organisations/manage.html",
        _manage_context(organisation, member_form=form),
        status=400,
    )


@login_required
@require_http_methods(["GET", "POST"])
def offers(request: HttpRequest) -> HttpResponse:
    """Invitations to join an organisation or team: nobody becomes a member without saying yes."""
    if request.method == "POST":
        offer_id = request.POST.get("offer", "")
        try:
            if not offer_id.isdigit():
                raise services.OrganisationError(_("This invitation was not found."))
            if request.POST.get("answer") == "accept":
                membership = services.accept_offer(request.user, int(offer_id))
                messages.success(
                    request,
                    _("You are now %(role)s at %(organisation)s.")
                    % {
                        "role": membership.get_role_display(),
                        "organisation": membership.organisation,
                    },
                )
            else:
                services.decline_offer(request.user, int(offer_id))
                messages.success(request, _("You declined the invitation."))
        except services.OrganisationError as error:
            messages.error(request, error.message)
        return redirect("organisations:offers")
    return render(
        request, "organisations/offers.html", {"offers": services.offers_for(request.user)}
    )


@professional_required
@require_POST
def remove_member(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    organisation = _administered(request, slug)
    membership = get_object_or_404(Membership, pk=membership_id, organisation=organisation)
    if (
        membership.user_id == request.user.pk
        and membership.role == Membership.Role.ORGANISATION_ADMIN
    ):
        messages.error(request, _("You cannot remove your own admin role."))
    else:
        services.remove_member(membership, by=request.user)
        messages.success(request, _("The role was removed."))
    return redirect("organisations:manage", organisation.slug)


@professional_required
@require_GET
def audit_csv(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _administered(request, slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-{organisation.slug}.csv"'
    writer = csv.writer(response)
    writer.writerow(["when", "viewer", "viewer_email", "person_id", "what", "context", "web"])
    for entry in log_of_organisation(organisation).iterator():
        writer.writerow(
            safe_row(
                [
                    entry.at.isoformat(),
                    entry.viewer_label,
                    entry.viewer.email if entry.viewer else "",
                    entry.subject_id,
                    entry.what,
                    entry.context,
                    str(entry.assessment.public_id) if entry.assessment_id else "",
                ]
            )
        )
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    if twofactor.has_confirmed_device(request.user):
        return redirect(
            f"{redirect('organisations:two_factor_verify').url}?next={_next_url(request)}"
        )
    device = twofactor.pending_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if twofactor.confirm_device(request, device, form.cleaned_data["code"]):
            messages.success(request, _("Two-step login is on."))
            return redirect(_next_url(request))
        form.add_error(
            "code", _("This code is not right. Check the time on your phone and try again.")
        )
    return render(
        request,
        "organisations/two_factor_setup.html",
        {
            "form": form,
            "qr": twofactor.qr_svg(device, _("QR code for your authenticator app")),
            "secret": twofactor.secret_of(device),
            "next": request.GET.get("next") or request.POST.get("next", ""),
        },
        status=400 if form.errors else 200,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    if not twofactor.has_confirmed_device(request.user):
        return redirect("organisations:two_factor_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if twofactor.verify_session(request, form.cleaned_data["code"]):
            return redirect(_next_url(request))
        form.add_error(
            "code", _("This code is not right. Check the time on your phone and try again.")
        )
    return render(
        request,
        "organisations/two_factor_verify.html",
        {"form": form, "next": request.GET.get("next") or request.POST.get("next", "")},
        status=400 if form.errors else 200,
    )


LOGO_TYPES = {
    "svg": "image/svg+xml",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "webp": "image/webp",
}


@require_GET
def theme_stylesheet(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisation's design tokens as a stylesheet (a URL, so CSP needs no inline styles)."""
    theme = get_object_or_404(Theme, organisation__slug=slug)
    response = HttpResponse(theme_css(theme), content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_GET
def theme_logo(request: HttpRequest, slug: str) -> HttpResponse:
    theme = get_object_or_404(Theme, organisation__slug=slug)
    extension = theme.logo.name.rsplit(".", 1)[-1].lower() if theme.logo else ""
    if extension not in LOGO_TYPES:
        raise Http404
    response = FileResponse(theme.logo.open("rb"), content_type=LOGO_TYPES[extension])
    response["Cache-Control"] = "public, max-age=300"
    return response
