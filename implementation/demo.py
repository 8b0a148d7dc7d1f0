"""The fictional neighbourhood team has walked part of the route and answered one question."""

from implementation.models import RouteEntry, TeamReflection
from organisations.demo import ORGANISATION_SLUG, TEAM_NAME
from organisations.models import Team


def load() -> str:
    team = Team.objects.filter(organisation__slug=ORGANISATION_SLUG, name=TEAM_NAME).first()
    if team is None:
        return "no demo team"
    RouteEntry.objects.get_or_create(
        team=team,
        step="why",
        defaults={
            "status": RouteEntry.Status.PART_OF_WORK,
            "where_we_stand": "We willen minder over klachten praten en meer over wat iemand "
            "zelf belangrijk vindt.",
            "next_action": "Op de teamdag ieder een eigen web invullen.",
        },
    )
    RouteEntry.objects.get_or_create(
        team=team,
        step="tomorrow",
        defaults={
            "status": RouteEntry.Status.WORKING,
            "where_we_stand": "Twee collega's gebruiken het web al bij een intake.",
            "next_action": "Iedereen voert deze maand één gesprek met het web.",
        },
    )
    TeamReflection.objects.get_or_create(
        team=team,
        question=5,
        defaults={
            "answer": "We kijken elk kwartaal samen naar de webs over tijd en naar verhalen."
        },
    )
    return f"{TEAM_NAME}: route and one reflection"
