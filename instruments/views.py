"""The organisation admin's page for an own dimension (routed in conversations/urls.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from instruments.custom import CustomDimensionError, add_dimension
from instruments.forms import CustomDimensionForm
from instruments.models import InstrumentVersion
from instruments.selectors import offered_instruments
from organisations.models import Membership, Organisation
from organisations.selectors import is_member_with_role


@login_required
def custom_dimension(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    verified = getattr(request.user, "is_verified", lambda: False)()
    if not verified or not is_member_with_role(
        request.user, organisation, [Membership.Role.ORGANISATION_ADMIN]
    ):
        raise PermissionDenied
    bases = list(offered_instruments(organisation))
    form = CustomDimensionForm(request.POST or None, bases=bases)
    created = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            base = InstrumentVersion.objects.get(pk=form.cleaned_data["base"])
            dimension_id = slugify(form.cleaned_data["name_en"]).replace("-", "_")[:40]
            try:
                created = add_dimension(
                    base,
                    organisation,
                    dimension_id,
                    form.cleaned_data["name_nl"],
                    form.cleaned_data["name_en"],
                    form.cleaned_data["description_nl"],
                    form.cleaned_data["description_en"],
                    form.item_pairs(),
                )
            except CustomDimensionError as exc:
                form.add_error(None, str(exc))
                status = 400
            else:
                messages.success(
                    request,
                    _("The new version %(version)s is stored. New webs can use it.")
                    % {"version": created},
                )
        else:
            status = 400
    return render(
        request,
        "instruments/custom_dimension.html",
        {
            "form": form,
            "organisation": organisation,
            "created": created,
            "custom_versions": InstrumentVersion.objects.filter(organisation=organisation),
        },
        status=status,
    )
