"""Building people, roles, consent and conversations for the tests."""

from __future__ import annotations

import datetime

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from assessments.models import Assessment
from assessments.tests.factories import make_web
from conversations import services
from conversations.models import Conversation, Step
from organisations.models import Membership, Organisation, Team
from people.models import User
from sharing.models import Share
from sharing.services import revoke_share
from sharing.services import share as give_consent

SECRET_ANSWER = "Ik wil weer wandelen met de hond"
SECRET_STEP = "Bel de buurtvereniging"
PERSON_NAME = "Anna Fictief"


def user(email: str, name: str = "") -> User:
    return User.objects.create_user(email, "een-lang-wachtwoord-42", display_name=name)


def member(u: User, organisation: Organisation, role: str, team: Team | None = None) -> User:
    Membership.objects.create(user=u, organisation=organisation, role=role, team=team)
    return u


def share(person: User, professional: User, webs) -> None:
    """The person shares these webs, and all later ones, with the professional."""
    organisation = Membership.objects.filter(user=professional).first().organisation
    for web in webs:
        give_consent(
            person, web, organisation=organisation, professional=professional, include_future=True
        )


def verified(u: User) -> User:
    """The user as after the two-step check (what django-otp gives a view), for service calls."""
    u.is_verified = lambda: True
    return u


def revoke(person: User, professional: User) -> None:
    for item in Share.objects.active().filter(owner=person, professional=professional):
        revoke_share(person, item.pk)


def login(client, u: User, *, verified: bool = True) -> None:
    """force_login, and with `verified` an OTP-verified session, as after the 2FA step."""
    client.force_login(u)
    if verified:
        device, _ = TOTPDevice.objects.get_or_create(
            user=u, name="test", defaults={"confirmed": True}
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


def webs_for(person: User) -> tuple[Assessment, Assessment]:
    intake = make_web((4, 5, 6, 5, 3, 6), owner=person)
    intake.moment = Assessment.Moment.INTAKE
    intake.save()
    midway = make_web((6, 5, 7, 5, 5, 6), owner=person)
    midway.moment = Assessment.Moment.MIDWAY
    midway.save()
    return intake, midway


def conversation_with_steps(professional: User, person: User, webs) -> Conversation:
    conversation = services.start_conversation(
        verified(professional), person, webs, theme_kind="own_words", theme="Meer bewegen"
    )
    services.update_conversation(conversation, answers={"wheel_want": SECRET_ANSWER})
    services.add_step(
        conversation,
        text=SECRET_STEP,
        actor=Step.Actor.PERSON,
        due_date=datetime.date.today() - datetime.timedelta(days=3),
    )
    services.add_step(
        conversation,
        text="Wandelroute zoeken",
        actor=Step.Actor.OTHER,
        actor_name="Buurman Piet",
        due_date=datetime.date.today() + datetime.timedelta(days=14),
    )
    return conversation
