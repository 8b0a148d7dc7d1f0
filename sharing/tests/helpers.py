"""Builders for people, organisations and verified sessions in the sharing/organisation tests."""

from __future__ import annotations

import itertools

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from organisations.models import Membership, Organisation, Team
from people.models import User

_numbers = itertools.count(1)


def person(name: str = "client") -> User:
    return User.objects.create_user(f"{name}{next(_numbers)}@example.org", "a-long-password-1")


def organisation(name: str = "Wijkteam") -> Organisation:
    number = next(_numbers)
    return Organisation.objects.create(name=f"{name} {number}", slug=f"org-{number}")


def team(org: Organisation, name: str = "Noord") -> Team:
    return Team.objects.create(organisation=org, name=name)


def member(
    org: Organisation, role: str = Membership.Role.PROFESSIONAL, team: Team | None = None
) -> User:
    user = person(role)
    Membership.objects.create(user=user, organisation=org, role=role, team=team)
    return user


def device(user: User) -> TOTPDevice:
    return TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": "t"})[0]


def verified_login(client, user: User):
    """Log in and mark the session as two-step verified, as a correct TOTP code would."""
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device(user).persistent_id
    session.save()
    return client


def Viewer(user: User, verified: bool = True) -> User:  # noqa: N802 - reads like a type in tests
    """A fresh copy of the user as request.user would be: django-otp's `is_verified()` set."""
    viewer = User.objects.get(pk=user.pk)
    viewer.is_verified = lambda: verified
    return viewer
