"""One guard for every door that takes a code or a private link.

Resume codes, private links, invitation codes and links, sharing codes, session codes and the
"add a web" form all draw on the same allowance per client address (see core.client_address):
`LIMIT` wrong guesses per quarter of an hour, counted together, so trying a second door does
not buy new guesses. A right code never counts against anyone.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

GROUP = "code-guess"
LIMIT = 20
RATE = f"{LIMIT}/15m"


def too_many_tries_message() -> str:
    return _("Too many tries. Wait a quarter of an hour and try again.")


def _usage(request: HttpRequest, *, increment: bool) -> dict | None:
    return get_usage(request, group=GROUP, key="ip", rate=RATE, increment=increment)


def is_blocked(request: HttpRequest) -> bool:
    """True when this address has used up its wrong guesses: refuse before looking anything up."""
    usage = _usage(request, increment=False)
    return usage is not None and usage["count"] >= LIMIT


def count_wrong_guess(request: HttpRequest) -> None:
    _usage(request, increment=True)
