"""Pages of the quadruple aim. Thin: the rules live in services and selectors."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from evaluation import selectors, services
from evaluation.forms import CostsForm, EndForm, ExperienceForm, JoyForm, RegisterForm
from evaluation.models import AimFigures, JoyRound, ProgrammeTrajectory
from evaluation.questions import JOY_ITEMS
from organisations.models import Organisation, Team
from sharing.consent import persons_shared_with, professional_required
from trajectories.models import PlannedMoment


def _add_errors(form, error: services.EvaluationError) -> None:
    for key, message in error.errors.items():
        form.add_error(key if key in form.fields else None, message)


def _end_date_suggestion(professional, client):
    """The planned end moment when it has passed, otherwise today."""
    today = timezone.localdate()
    planned = PlannedMoment.objects.filter(
        client=client, professional=professional, moment=PlannedMoment.Moment.END
    ).first()
    return planned.due_on if planned is not None and planned.due_on <= today else today


@professional_required
@require_http_methods(["GET", "POST"])
def trajectory(request: HttpRequest, person_id: int) -> HttpResponse:
    """The professional puts a client's trajectory in a programme and ends it."""
    person = persons_shared_with(request.user).filter(pk=person_id).first()
    if person is None:
        raise Http404
    programmes = selectors.programmes_for_professional(request.user)
    action = request.POST.get("action") if request.method == "POST" else None
    register_form = RegisterForm(
        request.POST if action == "register" else None,
        programmes=programmes,
        initial={"started_on": timezone.localdate()},
    )
    trajectories = selectors.trajectories_of_client(request.user, person)
    chosen_id = request.POST.get("trajectory") if action == "end" else None
    suggestion = _end_date_suggestion(request.user, person)
    end_forms = {
        str(item.public_id): EndForm(
            request.POST if str(item.public_id) == chosen_id else None,
            initial={"ended_on": suggestion},
            auto_id=f"id_%s_{item.pk}",
        )
        for item in trajectories
        if item.ended_on is None
    }
    end_form = end_forms.get(chosen_id) if chosen_id else None
    if action == "end" and end_form is None:
        raise Http404
    if action == "register" and register_form.is_valid():
        try:
            services.register(
                register_form.cleaned_data["programme"],
                person,
                request.user,
                register_form.cleaned_data["started_on"],
            )
        except services.EvaluationError as error:
            _add_errors(register_form, error)
        else:
            messages.success(request, _("The trajectory is part of the programme now."))
            return redirect("evaluation:trajectory", person.pk)
    if end_form is not None and end_form.is_valid():
        chosen = trajectories.get(public_id=chosen_id)
        try:
            services.end(chosen, end_form.cleaned_data["ended_on"])
        except services.EvaluationError as error:
            _add_errors(end_form, error)
        else:
            messages.success(
                request,
                _(
                    "The trajectory has ended. The client is asked how the support was; "
                    "you will not see their answers."
                ),
            )
            return redirect("evaluation:trajectory", person.pk)
    failed = (register_form.is_bound and register_form.errors) or (
        end_form is not None and end_form.errors
    )
    return render(
        request,
        "evaluation/trajectory.html",
        {
            "person": person,
            "trajectories": [(item, end_forms.get(str(item.public_id))) for item in trajectories],
            "register_form": register_form,
            "has_programmes": programmes.exists(),
        },
        status=400 if failed else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def experience(request: HttpRequest, public_id) -> HttpResponse:
    """The person's own questions at the end of a trajectory; anyone else gets 'not found'."""
    trajectory = get_object_or_404(
        ProgrammeTrajectory.objects.select_related("programme"),
        public_id=public_id,
        client=request.user,
        ended_on__isnull=False,
    )
    if trajectory.experience != ProgrammeTrajectory.Experience.OPEN:
        return render(request, "evaluation/experience_done.html", {"trajectory": trajectory})
    form = ExperienceForm(request.POST or None)
    if request.method == "POST" and request.POST.get("action") == "skip":
        services.skip_experience(trajectory, request.user)
        messages.success(request, _("That is fine. We will not ask you again."))
        return redirect("conversations:my_trajectory")
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_experience(
                trajectory, request.user, form.cleaned_data, form.cleaned_data.get("text", "")
            )
        except services.EvaluationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Thank you. Your answers are stored without your name."))
            return redirect("conversations:my_trajectory")
    return render(
        request,
        "evaluation/experience.html",
        {"trajectory": trajectory, "form": form},
        status=400 if form.errors else 200,
    )


@professional_required
@require_http_methods(["GET", "POST"])
def costs(request: HttpRequest, slug: str) -> HttpResponse:
    """Organisation admins and team managers enter contact hours and costs per trajectory."""
    organisation = get_object_or_404(Organisation, slug=slug)
    if not selectors.may_enter_costs(request.user, organisation):
        raise PermissionDenied
    trajectories = selectors.trajectories_for_costs(organisation)
    failed = None
    if request.method == "POST":
        chosen = trajectories.filter(public_id=request.POST.get("trajectory") or None).first()
        if chosen is None:
            raise Http404
        form = CostsForm(request.POST)
        if form.is_valid():
            try:
                services.set_costs(
                    chosen, form.cleaned_data["contact_hours"], form.cleaned_data["costs"]
                )
            except services.EvaluationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("The hours and costs are saved."))
                if (
                    chosen.ended_on
                    and AimFigures.objects.filter(
                        programme=chosen.programme, period=period_of_date(chosen.ended_on)
                    ).exists()
                ):
                    messages.info(
                        request,
                        _(
                            "The figures of the quarter in which this trajectory ended are "
                            "published already; they do not change any more."
                        ),
                    )
                return redirect("evaluation:costs", organisation.slug)
        failed = (chosen.pk, form)
    rows = []
    for item in trajectories:
        if failed and failed[0] == item.pk:
            form = failed[1]
        else:
            form = CostsForm(
                initial={"contact_hours": item.contact_hours or "", "costs": item.costs or ""},
                auto_id=f"id_%s_{item.pk}",
            )
        rows.append((item, form))
    return render(
        request,
        "evaluation/costs.html",
        {"organisation": organisation, "rows": rows},
        status=400 if failed else 200,
    )


def period_of_date(day) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def _followed_team(request: HttpRequest, team_id: int) -> Team:
    team = get_object_or_404(Team.objects.select_related("organisation"), pk=team_id)
    if not selectors.can_follow_joy(request.user, team):
        raise PermissionDenied
    return team


@professional_required
@require_http_methods(["GET", "POST"])
def joy_team(request: HttpRequest, team_id: int) -> HttpResponse:
    team = _followed_team(request, team_id)
    is_member = selectors.is_team_member(request.user, team)
    if request.method == "POST":
        if not is_member:
            raise PermissionDenied
        try:
            services.open_joy_round(team, request.user)
        except services.EvaluationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The round is open. Ask your colleagues to answer."))
        return redirect("evaluation:joy_team", team.pk)
    rounds = list(JoyRound.objects.filter(team=team))
    open_round = next((r for r in rounds if r.is_open), None)
    closed = [(r, _item_means(JOY_ITEMS, services.joy_means(r))) for r in rounds if not r.is_open]
    return render(
        request,
        "evaluation/joy_team.html",
        {
            "team": team,
            "is_member": is_member,
            "open_round": open_round,
            "answered": open_round is not None
            and open_round.participations.filter(user=request.user).exists(),
            "may_close": open_round is not None
            and selectors.can_close_joy(request.user, team, open_round),
            "closed_rounds": closed,
        },
    )


def _item_means(items, means: dict) -> list[tuple[str, float | None]]:
    return [(str(item.short), means.get(item.id)) for item in items] if means else []


@professional_required
@require_http_methods(["GET", "POST"])
def joy_round(request: HttpRequest, round_id: int) -> HttpResponse:
    """The questionnaire: only for the team's own members, once per round."""
    round_ = get_object_or_404(JoyRound.objects.select_related("team"), pk=round_id)
    if not selectors.is_team_member(request.user, round_.team):
        raise PermissionDenied
    if not round_.is_open or round_.participations.filter(user=request.user).exists():
        return redirect("evaluation:joy_team", round_.team_id)
    form = JoyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_joy(round_, request.user, form.cleaned_data)
        except services.EvaluationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Thank you. Your answers only count in the team's sums."))
        return redirect("evaluation:joy_team", round_.team_id)
    return render(
        request,
        "evaluation/joy_round.html",
        {"round": round_, "team": round_.team, "form": form},
        status=400 if form.errors else 200,
    )


@professional_required
@require_POST
def joy_close(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = get_object_or_404(JoyRound.objects.select_related("team"), pk=round_id)
    if not selectors.can_close_joy(request.user, round_.team, round_):
        raise PermissionDenied
    round_ = services.close_joy_round(round_)
    if services.joy_means(round_):
        messages.success(request, _("The round is closed. The team's figures are ready."))
    else:
        messages.info(request, _("The round is closed. There are too few answers to show."))
    return redirect("evaluation:joy_team", round_.team_id)
