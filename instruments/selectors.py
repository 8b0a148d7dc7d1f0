from __future__ import annotations

from django.db.models import QuerySet

from instruments.models import InstrumentVersion


def offered_instruments(organisation=None) -> QuerySet[InstrumentVersion]:
    """Active versions a person may start a web with: the shipped ones plus the organisation's."""
    versions = InstrumentVersion.objects.filter(is_active=True)
    if organisation is None:
        return versions.filter(organisation__isnull=True)
    return versions.filter(organisation__isnull=True) | versions.filter(organisation=organisation)


def latest_version(instrument_id: str) -> InstrumentVersion | None:
    """The newest active version of an instrument (versions sort as numbers where they are)."""
    versions = list(InstrumentVersion.objects.filter(instrument_id=instrument_id, is_active=True))
    if not versions:
        return None

    def sort_key(v: InstrumentVersion):
        return tuple(int(p) if p.isdigit() else 0 for p in v.version.split("."))

    return max(versions, key=sort_key)
