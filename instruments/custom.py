"""An organisation's own version of an instrument, with one extra dimension (e.g. "Werk").

Stored versions never change, so adding a dimension always makes a new version; webs already
filled in keep the version they were filled in with.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from instruments.definition import MAX_DIMENSIONS, InstrumentError, parse_definition
from instruments.models import InstrumentVersion

DIMENSION_ID = re.compile(r"^[a-z0-9][a-z0-9_]*$")
TEXT_MAX_LENGTH = 300


class CustomDimensionError(ValueError):
    """The dimension cannot be added; the message says why, in the reader's language."""


def custom_instrument_id(base: InstrumentVersion, organisation) -> str:
    suffix = f"-{organisation.slug}"
    root = base.instrument_id
    # A custom version of a custom version stays in the same family.
    if base.organisation_id == organisation.pk and root.endswith(suffix):
        return root
    return f"{root}{suffix}"[:64]


def next_version(instrument_id: str) -> str:
    numbers = [
        int(v)
        for v in InstrumentVersion.objects.filter(instrument_id=instrument_id).values_list(
            "version", flat=True
        )
        if v.isdigit()
    ]
    return str(max(numbers, default=0) + 1)


def _required(value: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise CustomDimensionError(message)
    if len(value) > TEXT_MAX_LENGTH:
        raise CustomDimensionError(
            _("A text can be at most %(max)d characters.") % {"max": TEXT_MAX_LENGTH}
        )
    return value


@transaction.atomic
def add_dimension(
    base: InstrumentVersion,
    organisation,
    dimension_id: str,
    name_nl: str,
    name_en: str,
    description_nl: str,
    description_en: str,
    items: Sequence[tuple[str, str]],
) -> InstrumentVersion:
    """Copy `base`, append the dimension and store it as the organisation's newest version."""
    if base.organisation_id is not None and base.organisation_id != organisation.pk:
        raise CustomDimensionError(_("This instrument belongs to another organisation."))
    raw = copy.deepcopy(base.definition)
    if len(raw["dimensions"]) >= MAX_DIMENSIONS:
        raise CustomDimensionError(
            _("A web can have at most %(max)d parts.") % {"max": MAX_DIMENSIONS}
        )
    if not DIMENSION_ID.match(dimension_id or "") or len(dimension_id) > 40:
        raise CustomDimensionError(_("The short name may only hold small letters, digits and _."))
    if any(d["id"] == dimension_id for d in raw["dimensions"]):
        raise CustomDimensionError(_("The web already has a part with this name."))
    names = {
        "nl": _required(name_nl, _("Give the name in Dutch.")),
        "en": _required(name_en, _("Give the name in English.")),
    }
    descriptions = {
        "nl": _required(description_nl, _("Give the description in Dutch.")),
        "en": _required(description_en, _("Give the description in English.")),
    }
    new_items = []
    for number, (text_nl, text_en) in enumerate(items, start=1):
        new_items.append(
            {
                "id": f"{dimension_id}-{number}",
                "text": {
                    "nl": _required(text_nl, _("Give every question in Dutch.")),
                    "en": _required(text_en, _("Give every question in English.")),
                },
            }
        )
    if not new_items:
        raise CustomDimensionError(_("Give at least one question."))
    existing_items = {i["id"] for d in raw["dimensions"] for i in d["items"]}
    if existing_items & {i["id"] for i in new_items}:
        raise CustomDimensionError(_("The web already has a part with this name."))

    instrument_id = custom_instrument_id(base, organisation)
    raw["dimensions"].append(
        {"id": dimension_id, "name": names, "description": descriptions, "items": new_items}
    )
    raw["id"] = instrument_id
    raw["version"] = next_version(instrument_id)
    if base.organisation_id is None:
        raw["name"] = {lang: f"{text} – {organisation.name}" for lang, text in raw["name"].items()}
    try:
        parse_definition(raw, instrument_id)
    except InstrumentError as exc:
        raise CustomDimensionError(str(exc)) from exc
    return InstrumentVersion.objects.create(
        instrument_id=instrument_id,
        version=raw["version"],
        definition=raw,
        organisation=organisation,
    )
