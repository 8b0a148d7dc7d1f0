"""A fictional resident session about a wind farm (after seed 002), halfway through step 2."""

from __future__ import annotations

from django.db import transaction

from community.models import CommunitySession, Contribution, DimensionChoice, Participant
from community.services import create_session
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
CONTRIBUTIONS = [
    (1, "meedoen", "opportunity", "connection", "Een buurtfonds van de opbrengst."),
    (1, "dagelijks_functioneren", "barrier", "noise", "Geluid 's nachts bij de Oostweg."),
    (2, "kwaliteit_van_leven", "opportunity", "green_space", "Nieuw wandelpad langs het park."),
    (2, "mentaal_welbevinden", "barrier", "information", "We horen te laat wat er gebeurt."),
    (3, "meedoen", "opportunity", "meeting_places", "Informatieavond in het buurthuis."),
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
    groups = {group.number: group for group in session.groups.all()}
    for number, dimension, kind, factor, text in CONTRIBUTIONS:
        Contribution.objects.create(
            session=session,
            group=groups[number],
            dimension=dimension,
            kind=kind,
            factor=factor,
            text=text,
        )
    return summary
