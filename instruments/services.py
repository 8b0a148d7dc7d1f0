"""Keeping the stored instrument versions in step with the shipped definition files."""

from __future__ import annotations

from django.db import transaction

from instruments.definition import InstrumentError, load_definition_file, shipped_definition_files
from instruments.models import InstrumentVersion


@transaction.atomic
def sync_shipped_instruments() -> list[InstrumentVersion]:
    """Store every shipped definition file that is not stored yet.

    A stored version is never rewritten: changed wording must come as a new version, otherwise
    old webs would silently render with text the person never saw.
    """
    stored = []
    for path in shipped_definition_files():
        definition, raw = load_definition_file(path)
        version, created = InstrumentVersion.objects.get_or_create(
            instrument_id=definition.id, version=definition.version, defaults={"definition": raw}
        )
        if not created and version.definition != raw:
            raise InstrumentError(
                f"{path.name}: version {definition.version} of '{definition.id}' is already stored "
                "with other content; give the changed definition a new version"
            )
        stored.append(version)
    return stored
