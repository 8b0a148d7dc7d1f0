"""Error pages in the site's layout and language, each with a way home.

A refused staff page asks for the two-step code when that is all that is missing, instead of a
bare 403.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse

from organisations.models import Membership
from organisations.twofactor import has_confirmed_device


def _two_step_missing(request: HttpRequest) -> str | None:
    """The two-step page to send a staff member to, when they only lack the second step."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    check = getattr(user, "is_verified", None)
    if callable(check) and check():
        return None
    if has_confirmed_device(user):
        return "organisations:two_factor_verify"
    if Membership.objects.filter(user=user).exists():
        return "organisations:two_factor_setup"
    return None


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    target = _two_step_missing(request) if request.method == "GET" else None
    if target is not None:
        query = urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(f"{reverse(target)}?{query}")
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request's context processors: the error may come from the database.
    return HttpResponseServerError(loader.get_template("500.html").render({}))
