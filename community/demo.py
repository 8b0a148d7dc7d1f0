"""A fictional resident session about a wind farm (after seed 002), halfway through step 2, and
an earlier, closed one in the same postcode area."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from community.models import CommunitySession, Contribution, DimensionChoice, Participant
from community.services import create_session
from insights.services import period_bounds, period_of
from people.models import User

FACILITATOR_EMAIL = "gespreksleider@zonnedal.example"
FACILITATOR_PASSWORD = "demo-wachtwoord-2026"
CODE = "WNDPRK"
CHOICES = [
    ("dagelijks_functioneren", "Het geluid van de molens in de nacht."),
    ("meedoen", "Misschien kunnen we als buurt mee-investeren."),
    ("mentaal_welbevinden", "Ik maak me zorgen over het uitzicht."),
    ("meedoen", ""),
    ("lichaamsfuncties", "Slaap ik nog goed?"),
    ("zingeving", "Schone energie voor onze kinderen."),
]
AREA = "9991"
CONTRIBUTIONS = [
    (1, "meedoen", "opportunity", "connection", "Een buurtfonds van de opbrengst."),
    (1, "dagelijks_functioneren", "barrier", "noise", "Geluid 's nachts bij de Oostweg."),
    (1, "lichaamsfuncties", "barrier", "noise", "Slecht slapen door het zoemen."),
    (2, "kwaliteit_van_leven", "opportunity", "green_space", "Nieuw wandelpad langs het park."),
    (2, "mentaal_welbevinden", "barrier", "information", "We horen te laat wat er gebeurt."),
    (2, "lichaamsfuncties", "opportunity", "cycle_paths", "Een fietspad naar de molens."),
    (3, "meedoen", "opportunity", "meeting_places", "Informatieavond in het buurthuis."),
    (3, "mentaal_welbevinden", "barrier", "noise", "Het geluid maakt me onrustig."),
    (3, "zingeving", "opportunity", "work", "Werk voor jongeren bij het onderhoud."),
]
# An earlier session in the same area, closed last quarter, so the neighbourhood report and the
# analyst's overview of factors have something to show.
EARLIER_CODE = "SPTWST"
EARLIER = [
    (1, "lichaamsfuncties", "opportunity", "play", "Een trapveldje voor de grotere kinderen."),
    (1, "meedoen", "opportunity", "meeting_places", "Bankjes bij de speeltuin om te praten."),
    (1, "mentaal_welbevinden", "barrier", "safety", "'s Avonds is het er donker."),
    (2, "kwaliteit_van_leven", "opportunity", "green_space", "Meer bomen voor schaduw."),
    (2, "lichaamsfuncties", "barrier", "air", "Veel uitlaatgas van de doorgaande weg."),
    (2, "meedoen", "barrier", "safety", "Auto's rijden te hard langs de speeltuin."),
]


@transaction.atomic
def load() -> str:
    facilitator, created = User.objects.get_or_create(
        email=FACILITATOR_EMAIL, defaults={"display_name": "Gespreksleider Zonnedal (fictief)"}
    )
    if created:
        facilitator.set_password(FACILITATOR_PASSWORD)
        facilitator.save()
    summary = (
        f"facilitator {FACILITATOR_EMAIL} / {FACILITATOR_PASSWORD}, "
        f"session code {CODE} at /bijeenkomst/{CODE}/"
    )
    if CommunitySession.objects.filter(code=CODE).exists():
        return summary + " (already loaded)"
    session = create_session(
        facilitator,
        title="Windpark Zonnedal-Oost (fictief)",
        description="De gemeente wil vier windmolens plaatsen ten oosten van de wijk. "
        "Wat betekent dat voor jou?",
        neighbourhood="Zonnedal-Oost",
        postcode_area=AREA,
        groups=3,
    )
    session.code = CODE
    session.step = CommunitySession.Step.MAP
    session.save()
    for dimension, reason in CHOICES:
        participant = Participant.objects.create(session=session)
        DimensionChoice.objects.create(
            session=session, participant=participant, dimension=dimension, reason=reason
        )
    _contribute(session, CONTRIBUTIONS)
    earlier = create_session(
        facilitator,
        title="Speeltuin Zonnedal-West (fictief)",
        description="De speeltuin aan de Lindelaan wordt opnieuw ingericht.",
        neighbourhood="Zonnedal-West",
        postcode_area=AREA,
        groups=2,
    )
    _contribute(earlier, EARLIER)
    start_of_quarter = period_bounds(period_of(timezone.now()))[0]
    earlier.code = EARLIER_CODE
    earlier.step = CommunitySession.Step.CLOSED
    earlier.closed_at = start_of_quarter - timedelta(days=20)
    earlier.save()
    CommunitySession.objects.filter(pk=earlier.pk).update(
        created_at=earlier.closed_at - timedelta(hours=2)
    )
    return summary


def _contribute(session: CommunitySession, rows) -> None:
    groups = {group.number: group for group in session.groups.all()}
    Contribution.objects.bulk_create(
        Contribution(
            session=session,
            group=groups[number],
            dimension=dimension,
            kind=kind,
            factor=factor,
            text=text,
        )
        for number, dimension, kind, factor, text in rows
    )
