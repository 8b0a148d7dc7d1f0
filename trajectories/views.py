"""Pages for planning a client's trajectory moments. Thin: the rules live in services."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sharing.consent import persons_shared_with, professional_required
from trajectories import services
from trajectories.forms import PlanForm
from trajectories.models import PlannedMoment


@professional_required
@require_http_methods(["GET", "POST"])
def plan(request: HttpRequest, person_id: int) -> HttpResponse:
    """The professional sets the dates of intake, midway, end and return day for one client."""
    person = persons_shared_with(request.user).filter(pk=person_id).first()
    if person is None:
        raise Http404
    existing = {
        m.moment: m.due_on
        for m in PlannedMoment.objects.filter(client=person, professional=request.user)
    }
    form = PlanForm(request.POST or None, initial_dates=existing)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_moments(request.user, person, form.dates())
        except services.PlanningError as error:
            for message in error.errors.values():
                form.add_error(None, message)
        else:
            messages.success(
                request, _("The dates are saved. The client gets an email when a moment is due.")
            )
            return redirect("trajectories:plan", person.pk)
    return render(
        request,
        "trajectories/plan.html",
        {"form": form, "person": person},
        status=400 if form.errors else 200,
    )
