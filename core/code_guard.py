"""One guard for every door that takes a code or a private link.

Resume codes, private links, invitation codes and links, sharing codes, session codes and the
"add a web" form all draw on the same allowance per client address (see core.client_address):
`LIMIT` wrong guesses per quarter of an hour, counted together, so trying a second door does
not buy new guesses. A right code never counts against anyone.

A link or code in the address that this browser opened before is no guess: the browser keeps
short digests of those (never the links themselves) in a cookie the server signed, and such a
link is let through without reading the address's mark. Only a link that led somewhere is
added, so an exhausted allowance still refuses every link the browser did not already have.
"""

from __future__ import annotations

import hashlib

from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

from core.client_address import client_ip

GROUP = "code-guess"
LIMIT = 20
PERIOD = 15 * 60
RATE = f"{LIMIT}/{PERIOD}s"

KNOWN_LINKS_COOKIE = "bredeblik_links"
KNOWN_LINKS_KEPT = 10
KNOWN_LINKS_SALT = "core.code_guard.known_links"


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


def link_digest(link: str) -> str:
    """A short digest of a private link or code: what the browser keeps instead of the link."""
    return hashlib.sha256(link.encode()).hexdigest()[:16]


def known_links(cookie: str | None, max_age: int) -> tuple[str, ...]:
    """The digests of the links this browser opened, most recent first, as this server signed
    them within `max_age` seconds; none for a missing, altered or expired cookie."""
    if not cookie:
        return ()
    try:
        digests = signing.loads(cookie, salt=KNOWN_LINKS_SALT, max_age=max_age)
    except signing.BadSignature:
        return ()
    if not isinstance(digests, list):
        return ()
    return tuple(digest for digest in digests if isinstance(digest, str))


def with_known_link(digests: tuple[str, ...], digest: str) -> str:
    """The signed cookie value with `digest` first, keeping the most recent `KNOWN_LINKS_KEPT`."""
    kept = (digest, *(known for known in digests if known != digest))[:KNOWN_LINKS_KEPT]
    return signing.dumps(list(kept), salt=KNOWN_LINKS_SALT)
