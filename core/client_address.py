"""The address of the person's own machine, also behind reverse proxies we trust.

Rate limits (django-ratelimit) and login lockouts (django-axes) both key on this one function.
`TRUSTED_PROXY_COUNT` says how many proxies of our own stand in front of the app. Each of them
appends the address it received the request from to `X-Forwarded-For`, so the client is the
entry added by the outermost one: the N-th from the right. Everything left of it was written by
the client and is ignored, so changing that header changes nothing. With 0 (no proxy) the
header is not read at all.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest


# Every request behind a private link asks for the address (core.code_guard); a person sends
# many in a row from the same one.
@lru_cache(maxsize=1024)
def _valid(address: str) -> str:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return ""


# A server on a unix socket (or a bare WSGI call) gives no peer address; the limits then count
# all such requests together rather than fail on an empty key.
UNKNOWN_PEER = "0.0.0.0"


def client_ip(request: HttpRequest) -> str:
    remote = _valid(request.META.get("REMOTE_ADDR", "")) or UNKNOWN_PEER
    hops = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0))
    if hops <= 0:
        return remote
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part]
    if len(forwarded) < hops:
        # The proxies did not add what they should; the nearest peer is all we can trust.
        return remote
    return _valid(forwarded[-hops]) or remote
