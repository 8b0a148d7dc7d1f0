"""One guard for every door that takes a code or a private link.

Resume codes, private links, invitation codes and links, sharing codes, session codes and the
"add a web" form all draw on the same allowance per client address (see core.client_address):
`LIMIT` wrong guesses per quarter of an hour, counted together, so trying a second door does
not buy new guesses. A right code never counts against anyone.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

from core.client_address import client_ip

GROUP = "code-guess"
LIMIT = 20
PERIOD = 15 * 60
RATE = f"{LIMIT}/{PERIOD}s"


def too_many_tries_message() -> str:
    return _("Too many tries. Wait a quarter of an hour and try again.")


def _blocked_key(request: HttpRequest) -> str:
    # Hashed, as the counter's own key is: the cache holds no address in plain text.
    address = hashlib.sha256(client_ip(request).encode()).hexdigest()
    return f"{GROUP}-blocked:{address}"


def is_blocked(request: HttpRequest) -> bool:
    """True when this address has used up its wrong guesses: refuse before looking anything up.

    Every page behind a private link asks this, so it is one cache read: the guess that uses up
    the allowance leaves a mark for a quarter of an hour (reading the counter itself would also
    write it, each time).
    """
    return cache.get(_blocked_key(request)) is not None


def count_wrong_guess(request: HttpRequest) -> None:
    usage = get_usage(request, group=GROUP, key="ip", rate=RATE, increment=True)
    if usage is not None and usage["count"] >= LIMIT:
        cache.set(_blocked_key(request), True, PERIOD)
