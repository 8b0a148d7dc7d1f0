"""The two short questionnaires of programme evaluation, in the project's own words.

Every item is a statement answered on the same five-step scale, so a mean of 1 to 5 reads the same
everywhere. Ids are stored with the answers; wording can change in a later release.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

SCALE: tuple[tuple[int, Promise], ...] = (
    (1, pgettext_lazy("agreement scale", "Not at all")),
    (2, pgettext_lazy("agreement scale", "Not really")),
    (3, pgettext_lazy("agreement scale", "Partly")),
    (4, pgettext_lazy("agreement scale", "Mostly")),
    (5, pgettext_lazy("agreement scale", "Completely")),
)
SCALE_VALUES = frozenset(value for value, _label in SCALE)
TEXT_MAX_LENGTH = 1000


@dataclass(frozen=True)
class Item:
    id: str
    text: Promise
    short: Promise  # the column heading in the report


EXPERIENCE_ITEMS: tuple[Item, ...] = (
    Item("heard", _("I felt listened to."), _("Listened to")),
    Item(
        "what_matters",
        _("We talked about what matters to me."),
        _("About what matters to me"),
    ),
    Item("steps_fit", _("The steps we agreed on fit my life."), _("Steps fit my life")),
    Item("own_strength", _("I can do more myself now."), _("Can do more myself")),
    Item(
        "recommend",
        _("I would tell someone in my situation to do this too."),
        _("Would recommend it"),
    ),
)

JOY_ITEMS: tuple[Item, ...] = (
    Item("energy", _("My work gives me energy."), _("Energy")),
    Item("meaning", _("I find my work meaningful."), _("Meaning")),
    Item(
        "room",
        _("I have room to work the Positive Health way, with time for what matters to a person."),
        _("Room to work this way"),
    ),
    Item("colleagues", _("My colleagues support me when I need it."), _("Support from colleagues")),
    Item("own_choices", _("I can make my own choices in my work."), _("Own choices")),
)
