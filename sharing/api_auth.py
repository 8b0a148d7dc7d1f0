"""API authentication: the browser session (with CSRF) or a personal bearer token.

Import `api_auth` and pass it as `auth=` to a router or operation.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja.errors import HttpError
from ninja.security.http import HttpBearer
from ninja.utils import check_csrf

from core.roles import requires_two_factor
from organisations.twofactor import has_confirmed_device
from sharing.models import ApiToken, hash_token_key

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

# The API's own answers, in the caller's language like every other message of the API.
NOT_LOGGED_IN = gettext_lazy("Log in, or send a valid key: Authorization: Bearer <key>.")
INVALID_REQUEST = gettext_lazy("The request is not valid: see errors for each field.")


def _mark_verified(user, verified: bool):
    # Same interface as django-otp's request.user, so consent checks treat both alike.
    user.is_verified = lambda: verified
    return user


class SessionOrToken(HttpBearer):
    """`Authorization: Bearer <token>` (create one at /delen/api-sleutels/), or a logged-in session.

    A token created in a two-factor verified session counts as verified; session requests
    that change data need the CSRF token like any form.
    """

    def __call__(self, request: HttpRequest) -> Any | None:
        if request.headers.get(self.header):
            return super().__call__(request)
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        needs_csrf = request.method in UNSAFE_METHODS and not getattr(
            request, "_ninja_csrf_exempt", False
        )
        if needs_csrf and check_csrf(request):
            raise HttpError(403, _("The security check failed. Reload the page and try again."))
        return user

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        if not token:
            return None
        found = (
            ApiToken.objects.select_related("user")
            .filter(
                key_hash=hash_token_key(token),
                user__is_active=True,
                expires_at__gt=timezone.now(),
            )
            .first()
        )
        if found is None or not still_backed(found):
            return None
        if request.method in UNSAFE_METHODS and found.scope != ApiToken.Scope.WRITE:
            raise HttpError(403, _("This key may only read, not change."))
        ApiToken.objects.filter(pk=found.pk).update(last_used=timezone.now())
        user = _mark_verified(found.user, found.verified)
        request.user = user
        return user


def still_backed(token: ApiToken) -> bool:
    """A key made in a two-step session works only while its owner still has two-step login
    and still holds a role that needed it: leaving the organisation or losing the phone's
    device ends the key's power at once."""
    if not token.verified:
        return True
    return has_confirmed_device(token.user) and requires_two_factor(token.user)


api_auth = [SessionOrToken()]
