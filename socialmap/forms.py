from __future__ import annotations

import re
from functools import partial

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import QuickSelect
from socialmap.models import Address, Location, Organization, Service
from socialmap.taxonomy import DIMENSIONS, TARGET_GROUPS

EXTRA_DIMENSION = re.compile(r"^[a-z][a-z0-9_]{1,40}$")
AREA = re.compile(r"^\d{4}$")


def _split(text: str) -> list[str]:
    return [part for part in re.split(r"[\s,;]+", text or "") if part]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search words"), required=False, max_length=200)
    dimension = forms.ChoiceField(
        label=_("Part of Positive Health"),
        required=False,
        choices=[("", _("All parts"))] + list(DIMENSIONS.items()),
        widget=QuickSelect,
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        required=False,
        max_length=7,
        help_text=_("The four digits are enough, for example 9991."),
    )
    neighbourhood = forms.ChoiceField(
        label=_("Neighbourhood"), required=False, choices=[], widget=QuickSelect
    )
    target_group = forms.ChoiceField(
        label=_("For whom"),
        required=False,
        choices=[("", _("Everyone"))] + list(TARGET_GROUPS.items()),
        widget=QuickSelect,
    )

    def __init__(self, *args, areas: list[tuple[str, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["neighbourhood"].choices = [("", _("All neighbourhoods"))] + [
            (code, f"{code} {name}".strip()) for code, name in areas
        ]

    def clean_postcode(self) -> str:
        value = self.cleaned_data["postcode"].strip().upper().replace(" ", "")
        if value and not re.match(r"^\d{4}([A-Z]{2})?$", value):
            raise forms.ValidationError(_("Enter a Dutch postcode, for example 9991 or 9991 AB."))
        return value[:4]


class ServiceForm(forms.ModelForm):
    dimensions = forms.MultipleChoiceField(
        label=_("Parts of Positive Health this service helps with"),
        choices=list(DIMENSIONS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    extra_dimensions = forms.CharField(
        label=_("Extra parts (optional)"),
        required=False,
        help_text=_("The id of an extra part your organisation uses, for example werk."),
    )
    target_groups = forms.MultipleChoiceField(
        label=_("For whom"),
        choices=list(TARGET_GROUPS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    areas = forms.CharField(
        label=_("Postcode areas served"),
        help_text=_("Four digits each, separated by commas, for example 9991, 9992."),
    )
    locations = forms.ModelMultipleChoiceField(
        label=_("Locations"),
        queryset=Location.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Service
        fields = [
            "organization",
            "name",
            "alternate_name",
            "description",
            "eligibility_description",
            "fees_description",
            "url",
            "email",
            "status",
        ]
        # Addresses typed without a scheme are taken as https, as Django 6 will do.
        field_classes = {"url": partial(forms.URLField, assume_scheme="https")}

    def clean_extra_dimensions(self) -> list[str]:
        codes = _split(self.cleaned_data["extra_dimensions"].lower())
        wrong = [code for code in codes if not EXTRA_DIMENSION.match(code)]
        if wrong:
            raise forms.ValidationError(
                _("Use small letters, digits and _ only: %(codes)s"),
                params={"codes": ", ".join(wrong)},
            )
        return codes

    def clean_areas(self) -> list[str]:
        areas = _split(self.cleaned_data["areas"])
        wrong = [area for area in areas if not AREA.match(area)]
        if wrong:
            raise forms.ValidationError(
                _("A postcode area is four digits: %(areas)s"),
                params={"areas": ", ".join(wrong)},
            )
        if not areas:
            raise forms.ValidationError(_("Enter at least one postcode area."))
        return sorted(set(areas))


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = ["name", "alternate_name", "description", "email", "website"]
        field_classes = {"website": partial(forms.URLField, assume_scheme="https")}


class LocationForm(forms.ModelForm):
    class Meta:
        model = Location
        fields = ["organization", "name", "location_type", "description", "latitude", "longitude"]

    def clean(self):
        cleaned = super().clean()
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if (latitude is None) != (longitude is None):
            raise forms.ValidationError(_("Fill in both latitude and longitude, or neither."))
        if latitude is not None and not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise forms.ValidationError(_("These coordinates are not on earth."))
        return cleaned


class AddressForm(forms.ModelForm):
    class Meta:
        model = Address
        fields = ["address_1", "postal_code", "city", "state_province"]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("HSDS file"),
        help_text=_("A JSON file with services, or a zip with datapackage.json and CSV files."),
    )
