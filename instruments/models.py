from __future__ import annotations

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from instruments.definition import InstrumentDefinition, parse_definition

# Versions never change once stored, so a parsed definition can be kept for the process's life.
# The key holds the creation time too: an id freed by a rolled-back insert (SQLite reuses it)
# must not bring back another version's definition.
_parsed_cache: dict[tuple[int, str, str, datetime.datetime], InstrumentDefinition] = {}
# The same definitions by version id alone, for a caller that knows only the id (and checks
# the version it then reads: see `parsed_if_known`).
_parsed_by_id: dict[int, InstrumentDefinition] = {}


def forget_parsed(version: InstrumentVersion) -> None:
    """Drop a version's parsed definition after its introduction text was corrected."""
    for key in [key for key in _parsed_cache if key[0] == version.pk]:
        del _parsed_cache[key]
    _parsed_by_id.pop(version.pk, None)


def parsed_if_known(version_id: int) -> InstrumentDefinition | None:
    """The definition this process parsed last for the version with this id, if any.

    Only a guess: the caller must check it against the version it reads (`version.parsed is`
    the guess), as an id freed by a rolled-back insert can come back as another version.
    """
    return _parsed_by_id.get(version_id)


class InstrumentVersion(models.Model):
    """One immutable version of an instrument, stored whole so old webs always render as filled in.

    Shipped versions come from the data files in instruments/definitions; an organisation's own
    version (with an extra dimension) is stored with that organisation.
    """

    instrument_id = models.CharField(max_length=64)
    version = models.CharField(max_length=32)
    definition = models.JSONField()
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="instrument_versions",
    )
    is_active = models.BooleanField(
        default=True, help_text=_("Offered for new webs. Old webs keep their version either way.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["instrument_id", "version"], name="unique_instrument_version"
            )
        ]
        ordering = ["instrument_id", "version"]
        verbose_name = _("instrument version")
        verbose_name_plural = _("instrument versions")

    def __str__(self) -> str:
        return f"{self.instrument_id}@{self.version}"

    @property
    def identity(self) -> tuple[int, str, str, datetime.datetime]:
        """What tells this stored version from every other, for what is kept per version."""
        return (self.pk, self.instrument_id, self.version, self.created_at)

    @property
    def parsed(self) -> InstrumentDefinition:
        key = self.identity
        cached = _parsed_cache.get(key)
        if cached is None:
            # Checked against the schema when it was stored (instruments.services / .custom).
            cached = parse_definition(self.definition, str(self), checked=True)
            if self.pk is not None:
                _parsed_cache[key] = cached
                _parsed_by_id[self.pk] = cached
        return cached
