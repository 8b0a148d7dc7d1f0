"""Keeping the stored instrument versions in step with the shipped definition files."""

from __future__ import annotations

from django.db import transaction

from instruments.definition import InstrumentError, load_definition_file, shipped_definition_files
from instruments.models import InstrumentVersion, forget_parsed

# What the start page says about a version, not what a person answered: a web does not record
# these, so a better wording reaches old and new webs alike without a new version.
INTRODUCTION_FIELDS = ("description", "audience")


def _without_introduction(raw: dict) -> dict:
    return {key: value for key, value in raw.items() if key not in INTRODUCTION_FIELDS}


@transaction.atomic
def sync_shipped_instruments() -> list[InstrumentVersion]:
    """Store every shipped definition file that is not stored yet.

    A stored version's questions, scale and parts are never rewritten: changed wording there
    must come as a new version, otherwise old webs would silently render with text the person
    never saw. Only its introduction (INTRODUCTION_FIELDS) follows the file.
    """
    stored = []
    for path in shipped_definition_files():
        definition, raw = load_definition_file(path)
        version, created = InstrumentVersion.objects.get_or_create(
            instrument_id=definition.id, version=definition.version, defaults={"definition": raw}
        )
        if not created and version.definition != raw:
            if _without_introduction(version.definition) == _without_introduction(raw):
                version.definition = raw
                version.save(update_fields=["definition"])
                forget_parsed(version)
                stored.append(version)
                continue
            raise InstrumentError(
                f"{path.name}: version {definition.version} of '{definition.id}' is already stored "
                "with other content; give the changed definition a new version"
            )
        stored.append(version)
    return stored
