"""Accounts: creating one, and bringing webs made without an account into it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import timedelta
from urllib.parse import urlparse

from django.contrib.auth import password_validation
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from assessments.models import Assessment
from assessments.services import attach_to_account
from people.models import User

RESUME_CODE = re.compile(r"^[A-Z0-9]{4}-?[A-Z0-9]{4}$")


# An account asked for but never confirmed is removed after this long (purge_expired).
UNCONFIRMED_KEPT = timedelta(days=7)


@transaction.atomic
def request_account(email: str, link_for: Callable[[User], str]) -> None:
    """Sign-up: always one e-mail to the address, and the same answer on screen either way.

    A new address gets an account that stays switched off, without a password, until the
    link in the e-mail is opened and a password is chosen there; so whoever types someone
    else's address gains nothing. An address that already has an account gets a note
    saying so, with the way to log in or choose a new password.
    """
    email = User.objects.normalize_email(email).strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None, is_active=False)
    if user.is_active:
        _mail(user, "people/email/account_exists", {})
    else:
        _mail(user, "people/email/confirm_account", {"link": link_for(user)})


def confirmation_link_parts(user: User) -> tuple[str, str]:
    return urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)


def unconfirmed_user(uidb64: str, token: str) -> User | None:
    """The switched-off account this link belongs to, if the link is genuine and unused."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (ValueError, TypeError, OverflowError):
        return None
    user = User.objects.filter(pk=pk, is_active=False).first()
    if user is None or not default_token_generator.check_token(user, token):
        return None
    return user


@transaction.atomic
def confirm_account(user: User, password: str) -> User:
    password_validation.validate_password(password, user=user)
    user.set_password(password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    return user


def purge_unconfirmed(now=None) -> int:
    now = now or timezone.now()
    removed, _ = User.objects.filter(
        is_active=False, last_login__isnull=True, date_joined__lt=now - UNCONFIRMED_KEPT
    ).delete()
    return removed


def _mail(user: User, template: str, context: dict) -> None:
    context = {"user": user, **context}
    subject = render_to_string(f"{template}_subject.txt", context).strip()
    body = render_to_string(f"{template}.txt", context)
    send_mail(subject, body, None, [user.email])


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
