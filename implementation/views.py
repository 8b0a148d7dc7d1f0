"""Pages of the route for organisations that start working with Positive Health. Thin."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from implementation import selectors, services
from implementation.forms import (
    ChecklistItemForm,
    ChecklistTextForm,
    JoinRoundForm,
    ReflectionForm,
    RouteEntryForm,
)
from implementation.models import ChecklistItem, TeamWebRound
from implementation.route import HELPFUL_QUESTIONS, QUESTION_NUMBERS, ROUTE_BY_ID, SIDES
from instruments.models import InstrumentVersion
from organisations.models import Organisation, Team
from sharing.consent import professional_required

TEAM_WEB_INSTRUMENT = "bredeblik-kort"


def _followed_team(request: HttpRequest, team_id: int) -> Team:
    team = get_object_or_404(Team.objects.select_related("organisation"), pk=team_id)
    if not selectors.can_follow_team(request.user, team):
        raise PermissionDenied
    return team


def _member_team(request: HttpRequest, team_id: int) -> Team:
    """Changing a team's route or reflection is for the team's own members."""
    team = get_object_or_404(Team.objects.select_related("organisation"), pk=team_id)
    if not selectors.is_team_member(request.user, team):
        raise PermissionDenied
    return team


@professional_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    for organisation in Organisation.objects.filter(memberships__user=request.user).distinct():
        services.ensure_checklist(organisation)
    return render(
        request,
        "implementation/index.html",
        {
            "teams": selectors.teams_to_follow(request.user),
            "checklists": selectors.checklists_of(request.user),
            "administered": Organisation.objects.filter(
                memberships__user=request.user, memberships__role="organisation_admin"
            ).distinct(),
            "team_web_instrument": InstrumentVersion.objects.filter(
                instrument_id=TEAM_WEB_INSTRUMENT, organisation__isnull=True, is_active=True
            ).first(),
        },
    )


def _team_context(request: HttpRequest, team: Team) -> dict:
    rounds = list(team.web_rounds.select_related("instrument")[:5])
    open_round = next((r for r in rounds if r.is_open), None)
    return {
        "team": team,
        "is_member": selectors.is_team_member(request.user, team),
        "sides": [
            (side, label, [(s, e) for s, e in selectors.route_state(team) if s.side == side])
            for side, label in SIDES
        ],
        "questions": [
            (q, services.latest_reflections(team).get(q.number)) for q in HELPFUL_QUESTIONS
        ],
        "open_round": open_round,
        "closed_rounds": [r for r in rounds if not r.is_open],
    }


@professional_required
@require_GET
def team(request: HttpRequest, team_id: int) -> HttpResponse:
    team = _followed_team(request, team_id)
    return render(request, "implementation/team.html", _team_context(request, team))


@professional_required
@require_http_methods(["GET", "POST"])
def route_step(request: HttpRequest, team_id: int, step_id: str) -> HttpResponse:
    team = _followed_team(request, team_id)
    step = ROUTE_BY_ID.get(step_id)
    if step is None:
        raise PermissionDenied
    form = RouteEntryForm(request.POST or None)
    if request.method == "POST":
        if not selectors.is_team_member(request.user, team):
            raise PermissionDenied
        if form.is_valid():
            services.record_route_step(team, step.id, by=request.user, **form.cleaned_data)
            messages.success(request, _("Saved. Your team can see it on the route."))
            return redirect("implementation:team", team.pk)
    return render(
        request,
        "implementation/route_step.html",
        {
            "team": team,
            "step": step,
            "form": form,
            "history": selectors.route_history(team, step.id),
            "is_member": selectors.is_team_member(request.user, team),
        },
    )


@professional_required
@require_http_methods(["GET", "POST"])
def reflection(request: HttpRequest, team_id: int, number: int) -> HttpResponse:
    team = _followed_team(request, team_id)
    if number not in QUESTION_NUMBERS:
        raise PermissionDenied
    question = HELPFUL_QUESTIONS[number - 1]
    form = ReflectionForm(request.POST or None)
    if request.method == "POST":
        if not selectors.is_team_member(request.user, team):
            raise PermissionDenied
        if form.is_valid():
            services.save_reflection(team, number, form.cleaned_data["answer"], request.user)
            messages.success(request, _("Saved. Earlier answers stay below."))
            return redirect("implementation:team", team.pk)
    return render(
        request,
        "implementation/reflection.html",
        {
            "team": team,
            "question": question,
            "form": form,
            "history": team.reflections.filter(question=number).select_related("written_by"),
            "is_member": selectors.is_team_member(request.user, team),
        },
    )


@professional_required
@require_POST
def tick(request: HttpRequest, item_id: int) -> HttpResponse:
    item = get_object_or_404(ChecklistItem, pk=item_id)
    if not selectors.may_tick(request.user, item):
        raise PermissionDenied
    services.toggle_tick(item, request.user)
    return redirect("implementation:index")


def _administered(request: HttpRequest, slug: str) -> Organisation:
    organisation = get_object_or_404(Organisation, slug=slug)
    if not selectors.is_organisation_admin(request.user, organisation):
        raise PermissionDenied
    return organisation


@professional_required
@require_http_methods(["GET", "POST"])
def checklist(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _administered(request, slug)
    services.ensure_checklist(organisation)
    form = ChecklistItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_checklist_item(organisation, **form.cleaned_data)
        messages.success(request, _("The point is added."))
        return redirect("implementation:checklist", organisation.slug)
    return render(
        request,
        "implementation/checklist.html",
        {"organisation": organisation, "form": form, "items": organisation.checklist_items.all()},
    )


@professional_required
@require_http_methods(["GET", "POST"])
def checklist_item(request: HttpRequest, slug: str, item_id: int) -> HttpResponse:
    organisation = _administered(request, slug)
    item = get_object_or_404(ChecklistItem, pk=item_id, organisation=organisation)
    if request.method == "POST" and request.POST.get("action") == "remove":
        item.delete()
        messages.success(request, _("The point is removed."))
        return redirect("implementation:checklist", organisation.slug)
    form = ChecklistTextForm(
        request.POST or None, instance=item, initial={"text": item.display_text}
    )
    if request.method == "POST" and form.is_valid():
        services.change_checklist_item(item, form.cleaned_data["text"])
        messages.success(request, _("The point is changed."))
        return redirect("implementation:checklist", organisation.slug)
    return render(
        request,
        "implementation/checklist_item.html",
        {"organisation": organisation, "item": item, "form": form},
    )


@professional_required
@require_POST
def open_round(request: HttpRequest, team_id: int) -> HttpResponse:
    team = _member_team(request, team_id)
    instrument = get_object_or_404(
        InstrumentVersion,
        instrument_id=TEAM_WEB_INSTRUMENT,
        organisation__isnull=True,
        is_active=True,
    )
    try:
        services.open_round(team, instrument, request.user)
    except services.RouteError:
        messages.error(request, _("Your team already has an open round."))
    return redirect("implementation:team", team.pk)


def _round(request: HttpRequest, team_id: int, round_id: int) -> tuple[Team, TeamWebRound]:
    team = _followed_team(request, team_id)
    round_ = get_object_or_404(
        TeamWebRound.objects.select_related("instrument"), pk=round_id, team=team
    )
    return team, round_


@professional_required
@require_http_methods(["GET", "POST"])
def round_detail(request: HttpRequest, team_id: int, round_id: int) -> HttpResponse:
    team, round_ = _round(request, team_id, round_id)
    webs = selectors.own_webs_for_round(request.user, round_)
    form = JoinRoundForm(request.POST or None, webs=webs)
    is_member = selectors.is_team_member(request.user, team)
    if request.method == "POST":
        if not (is_member and round_.is_open):
            raise PermissionDenied
        if request.POST.get("action") == "leave":
            services.leave_round(round_, request.user)
            messages.success(request, _("You no longer take part. Your web stays yours."))
            return redirect("implementation:round", team.pk, round_.pk)
        if form.is_valid():
            services.join_round(round_, request.user, form.cleaned_data["assessment"])
            messages.success(request, _("You take part. Nobody sees your own web."))
            return redirect("implementation:round", team.pk, round_.pk)
    return render(
        request,
        "implementation/round.html",
        {
            "team": team,
            "round": round_,
            "is_member": is_member,
            "form": form,
            "has_webs": webs.exists(),
            "taking_part": round_.participations.filter(user=request.user).exists(),
            "count": round_.participations.count(),
            "may_close": selectors.can_manage_round(request.user, team, round_),
            "picture": _picture_rows(round_),
        },
    )


def _picture_rows(round_: TeamWebRound) -> list[tuple[str, int | None]]:
    language = (get_language() or "nl")[:2]
    return [
        (dimension.name.get(language), round_.picture.get(dimension.id))
        for dimension in round_.instrument.parsed.dimensions
    ]


@professional_required
@require_POST
def close_round(request: HttpRequest, team_id: int, round_id: int) -> HttpResponse:
    team, round_ = _round(request, team_id, round_id)
    if not selectors.can_manage_round(request.user, team, round_):
        raise PermissionDenied
    round_ = services.close_round(round_)
    if round_.picture:
        messages.success(request, _("The round is closed. The team picture is ready."))
    else:
        messages.info(request, _("The round is closed. Too few took part for a team picture."))
    return redirect("implementation:round", team.pk, round_.pk)
