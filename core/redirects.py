"""Where a form may send the person next: only to a page on this site (no open redirects)."""

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, target: str) -> str:
    """`target` if it stays on this site, otherwise an empty string."""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and allowed else ""
