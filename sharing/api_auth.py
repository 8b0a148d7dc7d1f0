"""API authentication: the browser session (with CSRF) or a personal bearer token.

Import `api_auth` and pass it as `auth=` to a router or operation.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import HttpError
from ninja.security.http import HttpBearer
from ninja.utils import check_csrf

from sharing.models import ApiToken, hash_token_key

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


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
            raise HttpError(403, "CSRF check failed.")
        return user

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        if not token:
            return None
        found = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=hash_token_key(token), user__is_active=True)
            .first()
        )
        if found is None:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used=timezone.now())
        user = _mark_verified(found.user, found.verified)
        request.user = user
        return user


api_auth = [SessionOrToken()]
