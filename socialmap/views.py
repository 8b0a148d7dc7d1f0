from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.middleware import large_upload
from core.redirects import safe_next
from socialmap import selectors, services
from socialmap.access import is_coordinator
from socialmap.forms import (
    AddressForm,
    ImportForm,
    LocationForm,
    OrganizationForm,
    SearchForm,
    ServiceForm,
)
from socialmap.models import ImportJob, Location, Organization, Service, ServiceAtLocation
from socialmap.plot import plot_locations
from socialmap.taxonomy import DIMENSIONS_TAXONOMY, TARGET_GROUPS_TAXONOMY, dimension_label

RESULTS_PER_PAGE = 25


def search(request: HttpRequest) -> HttpResponse:
    filters = request.GET.copy()
    try:
        page = max(1, int(filters.pop("pagina", ["1"])[-1]))
    except ValueError:
        page = 1
    form = SearchForm(filters or None, areas=selectors.known_areas())
    found = selectors.ResultPage(total=0, cards=[])
    searched = False
    query = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        query = selectors.Query(
            text=data["q"],
            dimension=data["dimension"],
            postcode=data["postcode"] or data["neighbourhood"],
            target_group=data["target_group"],
        )
        searched = True
    elif not form.is_bound:
        query = selectors.Query()
    if query is not None:
        found = selectors.search_page(
            query, limit=RESULTS_PER_PAGE, offset=(page - 1) * RESULTS_PER_PAGE
        )
    return render(
        request,
        "socialmap/search.html",
        {
            "form": form,
            "results": found.cards,
            "total": found.total,
            "first_number": (page - 1) * RESULTS_PER_PAGE + 1,
            "page": page,
            "pages": max(1, -(-found.total // RESULTS_PER_PAGE)),
            "filters": filters.urlencode(),
            "searched": searched,
            "plot": plot_locations(
                (card.name, *place) for card in found.cards for place in card.places
            ),
            "is_coordinator": is_coordinator(request.user),
        },
    )


def _card(service: Service) -> dict:
    return {
        "service": service,
        "dimensions": [
            dimension_label(t.code) for t in selectors.terms_of(service, DIMENSIONS_TAXONOMY)
        ],
        "target_groups": [t.name for t in selectors.terms_of(service, TARGET_GROUPS_TAXONOMY)],
        "areas": [a.name for a in service.service_areas.all()],
        "locations": [link.location for link in service.service_at_locations.all()],
    }


def detail(request: HttpRequest, service_id) -> HttpResponse:
    service = get_object_or_404(selectors.with_details(Service.objects.all()), pk=service_id)
    return render(
        request,
        "socialmap/detail.html",
        {
            "card": _card(service),
            "service": service,
            "plot": plot_locations(
                (service.name, link.location.name, link.location.latitude, link.location.longitude)
                for link in service.service_at_locations.all()
                if link.location.latitude is not None and link.location.longitude is not None
            ),
            "is_coordinator": is_coordinator(request.user),
        },
    )


# ------------------------------------------------------------------ coordinators


def _require_coordinator(request: HttpRequest) -> None:
    if not is_coordinator(request.user):
        raise PermissionDenied


def manage(request: HttpRequest) -> HttpResponse:
    _require_coordinator(request)
    return render(
        request,
        "socialmap/manage.html",
        {
            "overdue": selectors.overdue_for_check(),
            "services": Service.objects.select_related("organization"),
            "organizations": Organization.objects.all(),
            "locations": Location.objects.all(),
            "import_form": ImportForm(),
        },
    )


def _initial(service: Service) -> dict:
    if not service.pk or service._state.adding:
        return {}
    codes = [t.code for t in selectors.terms_of(service, DIMENSIONS_TAXONOMY)]
    return {
        "dimensions": [
            c for c in codes if c in dict(ServiceForm.base_fields["dimensions"].choices)
        ],
        "extra_dimensions": ", ".join(
            c for c in codes if c not in dict(ServiceForm.base_fields["dimensions"].choices)
        ),
        "target_groups": [t.code for t in selectors.terms_of(service, TARGET_GROUPS_TAXONOMY)],
        "areas": ", ".join(service.service_areas.values_list("name", flat=True)),
        "locations": [link.location_id for link in service.service_at_locations.all()],
    }


def edit_service(request: HttpRequest, service_id=None) -> HttpResponse:
    _require_coordinator(request)
    service = get_object_or_404(Service, pk=service_id) if service_id else Service()
    form = ServiceForm(request.POST or None, instance=service, initial=_initial(service))
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = services.save_service(
                form.save(commit=False),
                dimensions=form.cleaned_data["dimensions"] + form.cleaned_data["extra_dimensions"],
                target_groups=form.cleaned_data["target_groups"],
                areas=form.cleaned_data["areas"],
            )
            wanted = set(form.cleaned_data["locations"])
            saved.service_at_locations.exclude(location__in=wanted).delete()
            for location in wanted:
                ServiceAtLocation.objects.get_or_create(service=saved, location=location)
            services.reindex(saved)
        messages.success(request, _("The service is saved."))
        return redirect("socialmap:edit_service", service_id=saved.pk)
    history = (
        service.history.select_related("history_user")[:20]
        if service.pk and not service._state.adding
        else []
    )
    return render(
        request,
        "socialmap/edit_service.html",
        {
            "form": form,
            "service": service if not service._state.adding else None,
            "history": history,
        },
    )


@require_POST
def verify_service(request: HttpRequest, service_id) -> HttpResponse:
    _require_coordinator(request)
    service = get_object_or_404(Service, pk=service_id)
    services.mark_verified(service)
    messages.success(request, _("Marked as checked today."))
    return redirect(safe_next(request, request.POST.get("next", "")) or "socialmap:manage")


def edit_organization(request: HttpRequest, organization_id=None) -> HttpResponse:
    _require_coordinator(request)
    organization = (
        get_object_or_404(Organization, pk=organization_id) if organization_id else Organization()
    )
    form = OrganizationForm(request.POST or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The organisation is saved."))
        return redirect("socialmap:manage")
    history = organization.history.all()[:20] if organization_id else []
    return render(
        request,
        "socialmap/edit_simple.html",
        {"forms": [form], "title": _("Organisation"), "history": history},
    )


def edit_location(request: HttpRequest, location_id=None) -> HttpResponse:
    _require_coordinator(request)
    location = get_object_or_404(Location, pk=location_id) if location_id else Location()
    address = location.addresses.first() if location_id else None
    form = LocationForm(request.POST or None, instance=location, prefix="location")
    address_form = AddressForm(request.POST or None, instance=address, prefix="address")
    if request.method == "POST" and form.is_valid() and address_form.is_valid():
        with transaction.atomic():
            saved = form.save()
            address = address_form.save(commit=False)
            address.location = saved
            address.save()
            for link in saved.service_at_locations.select_related("service"):
                services.reindex(link.service)
        messages.success(request, _("The location is saved."))
        return redirect("socialmap:manage")
    history = location.history.all()[:20] if location_id else []
    return render(
        request,
        "socialmap/edit_simple.html",
        {"forms": [form, address_form], "title": _("Location"), "history": history},
    )


@large_upload
@require_POST
def import_file(request: HttpRequest) -> HttpResponse:
    """Queue the upload as a background job: a large map takes longer than a request may."""
    _require_coordinator(request)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to import."))
        return redirect("socialmap:manage")
    # The HSDS reader and writer load only in the workers that import or export a map.
    from socialmap.tasks import run_import

    upload = form.cleaned_data["file"]
    job = ImportJob.objects.create(
        filename=upload.name[:255], data=upload.read(), created_by=request.user
    )
    run_import.enqueue(str(job.pk))
    return redirect("socialmap:import_job", job_id=job.pk)


def import_job(request: HttpRequest, job_id) -> HttpResponse:
    _require_coordinator(request)
    job = get_object_or_404(ImportJob, pk=job_id)
    finished = job.status in (ImportJob.Status.DONE, ImportJob.Status.REJECTED)
    return render(request, "socialmap/import_job.html", {"job": job, "finished": finished})


def export_file(request: HttpRequest) -> HttpResponse:
    _require_coordinator(request)
    from socialmap import hsds_store  # see import_file

    if request.GET.get("format") == "zip":
        response = HttpResponse(hsds_store.export_zip(), content_type="application/zip")
        response["Content-Disposition"] = 'attachment; filename="sociale-kaart-hsds.zip"'
    else:
        response = HttpResponse(hsds_store.export_json(), content_type="application/json")
        response["Content-Disposition"] = 'attachment; filename="sociale-kaart-hsds.json"'
    return response
