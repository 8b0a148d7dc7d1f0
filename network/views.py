"""Pages of the network around a person. Thin: rules live in services and selectors."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from network import selectors, services
from network.forms import AgreementForm, MeetingForm, MemberForm, NetworkForm, SeesWebsForm
from network.models import Agreement, Meeting, Network, NetworkMember
from sharing.audit import record_access
from sharing.consent import needs_two_factor, require_verified_professional


def verified_if_staff(view):
    """Logged in; and staff who are members of someone's network use their second step too."""

    @wraps(view)
    @login_required
    def wrapper(request: HttpRequest, *args, **kwargs):
        if needs_two_factor(request.user):
            return require_verified_professional(request)
        return view(request, *args, **kwargs)

    return wrapper


def _own_network(request: HttpRequest, network_id: int) -> Network:
    network = get_object_or_404(Network, pk=network_id)
    if not selectors.is_person(network, request.user):
        raise Http404
    return network


def _network_for_member(request: HttpRequest, network_id: int) -> tuple[Network, NetworkMember]:
    network = get_object_or_404(Network.objects.select_related("person"), pk=network_id)
    member = selectors.active_member(network, request.user)
    if member is None:
        raise Http404
    return network, member


@verified_if_staff
@require_http_methods(["GET", "POST"])
def index(request: HttpRequest) -> HttpResponse:
    form = NetworkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        network = services.create_network(request.user, form.cleaned_data["name"])
        return redirect("network:manage", network.pk)
    return render(
        request,
        "network/index.html",
        {
            "form": form,
            "own": Network.objects.filter(person=request.user),
            "joined": selectors.networks_joined(request.user),
        },
    )


@verified_if_staff
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, network_id: int) -> HttpResponse:
    network = _own_network(request, network_id)
    form = MemberForm(request.POST or None)
    if request.method == "POST" and network.is_active and form.is_valid():
        try:
            services.invite_member(
                network,
                **form.cleaned_data,
                link_for=lambda token: request.build_absolute_uri(
                    reverse("network:join", args=[token])
                ),
            )
        except services.NetworkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The invitation is sent."))
            return redirect("network:manage", network.pk)
    members = network.members.exclude(removed_at__isnull=False).select_related("user")
    return render(
        request,
        "network/manage.html",
        {
            "network": network,
            "form": form,
            "members": [
                (m, SeesWebsForm(initial={"sees_webs": m.sees_webs}, prefix=m.pk)) for m in members
            ],
            "meetings": network.meetings.all(),
        },
    )


@verified_if_staff
@require_POST
def member_action(request: HttpRequest, network_id: int, member_id: int) -> HttpResponse:
    network = _own_network(request, network_id)
    member = get_object_or_404(NetworkMember, pk=member_id, network=network)
    if request.POST.get("action") == "remove":
        services.remove_member(member)
        messages.success(request, _("%(who)s is no longer in your network.") % {"who": member})
    else:
        form = SeesWebsForm(request.POST, prefix=member.pk)
        if form.is_valid():
            services.change_what_member_sees(member, form.cleaned_data["sees_webs"])
            messages.success(request, _("Saved: what %(who)s may see.") % {"who": member})
        else:
            messages.error(request, _("Choose what this person may see."))
    return redirect("network:manage", network.pk)


@verified_if_staff
@require_POST
def end(request: HttpRequest, network_id: int) -> HttpResponse:
    network = _own_network(request, network_id)
    services.end_network(network)
    messages.success(request, _("The network has ended. Nobody in it sees anything any more."))
    return redirect("network:index")


@verified_if_staff
@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, token: str) -> HttpResponse:
    member = get_object_or_404(NetworkMember.objects.select_related("network__person"), token=token)
    if request.method == "POST":
        if request.POST.get("action") == "decline":
            if request.user.email.lower() == member.email.lower():
                services.decline(member)
            messages.info(request, _("You declined the invitation."))
            return redirect("network:index")
        try:
            services.accept(member, request.user)
        except services.NetworkError as error:
            messages.error(request, str(error))
            return redirect("network:join", token)
        return redirect("network:detail", member.network_id)
    return render(
        request,
        "network/join.html",
        {
            "member": member,
            "valid": member.removed_at is None and member.network.is_active,
        },
    )


@verified_if_staff
def detail(request: HttpRequest, network_id: int) -> HttpResponse:
    network, member = _network_for_member(request, network_id)
    return render(
        request,
        "network/detail.html",
        {
            "network": network,
            "member": member,
            "webs": selectors.webs_visible_to(member),
            "meetings": network.meetings.all(),
        },
    )


@verified_if_staff
def member_web(request: HttpRequest, network_id: int, web_id: str) -> HttpResponse:
    network, member = _network_for_member(request, network_id)
    web = next((w for w in selectors.webs_visible_to(member) if w.public_id == web_id), None)
    if web is None:
        raise Http404
    record_access(request.user, network.person, "web", f"network: {network.name}", assessment=web)
    return render(request, "network/web.html", {"network": network, "assessment": web})


def _meeting_access(request: HttpRequest, network_id: int, meeting_id: int):
    network = get_object_or_404(Network.objects.select_related("person"), pk=network_id)
    meeting = get_object_or_404(Meeting, pk=meeting_id, network=network)
    if selectors.is_person(network, request.user):
        return network, meeting, None
    member = selectors.active_member(network, request.user)
    if member is None:
        raise Http404
    return network, meeting, member


@verified_if_staff
@require_http_methods(["GET", "POST"])
def meeting(request: HttpRequest, network_id: int, meeting_id: int) -> HttpResponse:
    network, meeting, member = _meeting_access(request, network_id, meeting_id)
    if member is not None:
        record_access(request.user, network.person, "meeting", f"network: {network.name}")
    members = [m for m in network.members.filter(removed_at__isnull=True) if m.is_active]
    person_label = (
        _("I do it myself")
        if member is None
        else _("%(person)s does it") % {"person": network.person}
    )
    form = AgreementForm(request.POST or None, members=members, person_label=person_label)
    if request.method == "POST":
        if not network.is_active:
            raise PermissionDenied
        if form.is_valid():
            services.add_agreement(
                meeting,
                text=form.cleaned_data["text"],
                member=form.cleaned_data["member"],
                due_date=form.cleaned_data["due_date"],
                by=request.user,
            )
            messages.success(request, _("The agreement is saved."))
            return redirect("network:meeting", network.pk, meeting.pk)
    return render(
        request,
        "network/meeting.html",
        {
            "network": network,
            "meeting": meeting,
            "member": member,
            "form": form,
            "agreements": meeting.agreements.select_related("member"),
        },
    )


@verified_if_staff
@require_POST
def agreement_done(request: HttpRequest, network_id: int, agreement_id: int) -> HttpResponse:
    agreement = get_object_or_404(
        Agreement.objects.select_related("meeting"), pk=agreement_id, meeting__network_id=network_id
    )
    network, meeting, _member = _meeting_access(request, network_id, agreement.meeting_id)
    if not network.is_active:
        raise PermissionDenied
    services.set_done(agreement, request.POST.get("done") == "1")
    return redirect("network:meeting", network.pk, meeting.pk)


@verified_if_staff
@require_http_methods(["GET", "POST"])
def plan(request: HttpRequest, network_id: int) -> HttpResponse:
    network = _own_network(request, network_id)
    suggestions = selectors.agenda_suggestions(request.user, (get_language() or "nl")[:2])
    form = MeetingForm(
        request.POST or None, initial={"agenda": "\n".join(s.text for s in suggestions)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            created = services.plan_meeting(network, **form.cleaned_data)
        except services.NetworkError as error:
            form.add_error(None, str(error))
        else:
            return redirect("network:meeting", network.pk, created.pk)
    return render(
        request,
        "network/plan.html",
        {"network": network, "form": form, "suggestions": suggestions},
    )
