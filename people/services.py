"""Accounts: creating one, and bringing webs made without an account into it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlparse

from django.contrib.auth import password_validation
from django.db import transaction
from django.urls import Resolver404, resolve

from assessments.models import Assessment
from assessments.services import attach_to_account
from people.models import User

RESUME_CODE = re.compile(r"^[A-Z0-9]{4}-?[A-Z0-9]{4}$")


class AccountExists(ValueError):
    pass


@transaction.atomic
def create_account(email: str, password: str) -> User:
    """A new account; the password must pass the configured validators (raises ValidationError)."""
    email = User.objects.normalize_email(email).strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise AccountExists(email)
    password_validation.validate_password(password, user=User(email=email))
    return User.objects.create_user(email=email, password=password)


def _token_from_link(reference: str) -> str:
    """The access token in a private link such as https://…/web/<token>/, or the text itself."""
    path = urlparse(reference).path if "/" in reference else ""
    if not path:
        return reference
    try:
        match = resolve(path)
    except Resolver404:
        return ""
    return match.kwargs.get("token", "") if match.namespace == "assessments" else ""


def find_web_by_reference(reference: str) -> Assessment | None:
    """An ownerless web by its private link, its token or its resume code (as typed by a person)."""
    reference = reference.strip()
    # PostgreSQL cannot even compare a text containing NUL; no code or link has one.
    if not reference or "\x00" in reference:
        return None
    compact = reference.upper().replace(" ", "")
    if RESUME_CODE.match(compact):
        code = compact if "-" in compact else f"{compact[:4]}-{compact[4:]}"
        web = Assessment.objects.filter(resume_code=code, owner__isnull=True).first()
        if web is not None:
            return web
    token = _token_from_link(reference)
    if not token:
        return None
    return Assessment.objects.filter(access_token=token, owner__isnull=True).first()


def attach_chosen(user: User, offered: Iterable[Assessment], chosen_ids: Iterable[str]) -> int:
    """Attach those of the offered webs the person ticked; anything not offered is ignored."""
    chosen = {str(i) for i in chosen_ids}
    return attach_to_account([w for w in offered if str(w.public_id) in chosen], user)
