"""The living environment and the six parts of the web, after the Louis Bolk model.

Which factors in a neighbourhood affect which parts of health, with a short description of our
own. The mapping is data: the session report and the neighbourhood report read it to group what
residents raised, and to show which linked factors nobody raised.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from community.models import Factor

LICHAAM = "lichaamsfuncties"
MENTAAL = "mentaal_welbevinden"
ZINGEVING = "zingeving"
KWALITEIT = "kwaliteit_van_leven"
MEEDOEN = "meedoen"
DAGELIJKS = "dagelijks_functioneren"

# The parts of the web each factor affects, most direct first.
FACTOR_DIMENSIONS: dict[str, tuple[str, ...]] = {
    Factor.NOISE: (MENTAAL, LICHAAM, KWALITEIT),
    Factor.GREEN_SPACE: (LICHAAM, MENTAAL, KWALITEIT),
    Factor.CYCLE_PATHS: (LICHAAM, DAGELIJKS),
    Factor.BENCHES: (LICHAAM, MEEDOEN, DAGELIJKS),
    Factor.SHOPS: (DAGELIJKS, MEEDOEN),
    Factor.INFORMATION: (DAGELIJKS, MEEDOEN),
    Factor.CONNECTION: (MENTAAL, MEEDOEN, ZINGEVING),
    Factor.MEETING_PLACES: (MEEDOEN, ZINGEVING, MENTAAL),
    Factor.SAFETY: (MENTAAL, KWALITEIT, MEEDOEN),
    Factor.AIR: (LICHAAM, KWALITEIT),
    Factor.HOUSING: (KWALITEIT, DAGELIJKS, MENTAAL),
    Factor.TRANSPORT: (DAGELIJKS, MEEDOEN),
    Factor.PLAY: (LICHAAM, MEEDOEN, KWALITEIT),
    Factor.WORK: (ZINGEVING, DAGELIJKS, MEEDOEN),
}

FACTOR_DESCRIPTIONS: dict[str, Promise] = {
    Factor.NOISE: _("Traffic, machines or neighbours can keep you awake and make you tense."),
    Factor.GREEN_SPACE: _("Parks, trees and water invite you outside and help you calm down."),
    Factor.CYCLE_PATHS: _("Safe routes make it easy to walk or cycle to where you need to be."),
    Factor.BENCHES: _("A place to sit lets you go out for longer and have a chat."),
    Factor.SHOPS: _("Shops, a doctor and a pharmacy close by make your day easier to arrange."),
    Factor.INFORMATION: _("Knowing what happens and where to ask helps you arrange things."),
    Factor.CONNECTION: _("Knowing your neighbours means help nearby and feeling at home."),
    Factor.MEETING_PLACES: _("A community centre or a square where you meet others."),
    Factor.SAFETY: _("Feeling safe in the street lets you go out, also after dark."),
    Factor.AIR: _("Clean air is good for your lungs and makes being outside pleasant."),
    Factor.HOUSING: _("A good, affordable home gives you rest and a base for your day."),
    Factor.TRANSPORT: _("A bus or train nearby lets you reach work, care and friends."),
    Factor.PLAY: _("Places to play and do sports keep children and adults moving together."),
    Factor.WORK: _("Work or volunteering nearby gives you a role, money and people around you."),
}


def dimensions_of(factor: str) -> tuple[str, ...]:
    """The parts of the web a factor affects; none for an unknown or empty factor."""
    return FACTOR_DIMENSIONS.get(factor, ())


def factors_of(dimension: str) -> list[str]:
    """The factors that affect a part of the web, in the order of the factor list."""
    return [factor for factor in Factor.values if dimension in FACTOR_DIMENSIONS.get(factor, ())]


def description(factor: str) -> str:
    return str(FACTOR_DESCRIPTIONS.get(factor, ""))
