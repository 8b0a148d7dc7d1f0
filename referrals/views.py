from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from conversations.models import Conversation
from referrals import lifecycle, selectors, services
from referrals.forms import ReferralForm, TransitionForm
from referrals.models import Referral
from sharing.audit import record_access
from socialmap.models import Service
from socialmap.taxonomy import dimension_label


@login_required
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "referrals/index.html",
        {
            "received": selectors.received_by(request.user),
            "made": selectors.made_by(request.user),
        },
    )


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    return render(request, "referrals/mine.html", {"referrals": selectors.of_person(request.user)})


def _conversation_for_referrer(request: HttpRequest, public_id) -> Conversation:
    conversation = get_object_or_404(Conversation, public_id=public_id)
    if not selectors.can_refer(request.user, conversation):
        raise Http404
    return conversation


def _service_choices(conversation: Conversation):
    suggested = [s.pk for s in selectors.suggestions(conversation)]
    return Service.objects.filter(pk__in=suggested) if suggested else None


@login_required
def create(request: HttpRequest, conversation_id) -> HttpResponse:
    conversation = _conversation_for_referrer(request, conversation_id)
    form = ReferralForm(request.POST or None, services=_service_choices(conversation))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral = services.create_referral(
                person=conversation.person,
                referrer=request.user,
                service=data["service"],
                consent=data["consent"],
                share=data["share"],
                dimension=selectors.conversation_dimension(conversation),
                note=data["note"],
                conversation=conversation,
            )
        except services.ReferralRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("The referral is ready. Check it and send it."))
            return redirect("referrals:detail", referral_id=referral.public_id)
    return render(
        request,
        "referrals/create.html",
        {
            "form": form,
            "conversation": conversation,
            "dimension": dimension_label(selectors.conversation_dimension(conversation)),
        },
    )


def _visible(request: HttpRequest, referral_id) -> tuple[Referral, str]:
    referral = get_object_or_404(
        Referral.objects.select_related("service", "organization", "person"),
        public_id=referral_id,
    )
    role = selectors.role_of(request.user, referral)
    if role is None:
        raise Http404
    return referral, role


@login_required
def detail(request: HttpRequest, referral_id) -> HttpResponse:
    referral, role = _visible(request, referral_id)
    if role != selectors.PERSON:
        record_access(request.user, referral.person, "referral", f"referral ({role})")
    return render(
        request,
        "referrals/detail.html",
        {
            "referral": referral,
            "role": role,
            "steps": [
                (to, lifecycle.Status(to).label)
                for to in lifecycle.next_steps(referral.status, role)
            ],
            "form": TransitionForm(),
            "events": referral.events.select_related("actor"),
            "dimension": dimension_label(referral.shared_dimension)
            if referral.shared_dimension
            else "",
        },
    )


@login_required
@require_POST
def move(request: HttpRequest, referral_id) -> HttpResponse:
    referral, role = _visible(request, referral_id)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The note is too long."))
        return redirect("referrals:detail", referral_id=referral.public_id)
    try:
        lifecycle.transition(
            referral, request.POST.get("to", ""), role, request.user, form.cleaned_data["note"]
        )
    except lifecycle.TransitionNotAllowed as refused:
        messages.error(request, str(refused))
        return redirect("referrals:detail", referral_id=referral.public_id)
    messages.success(
        request, _("The status is now: %(status)s.") % {"status": referral.get_status_display()}
    )
    return redirect("referrals:detail", referral_id=referral.public_id)
