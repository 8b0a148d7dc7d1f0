"""Request-wide safeguards: guessing limits, two-step login, idle sessions, caching, body size."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse

from core import code_guard
from core.roles import requires_two_factor

# URL parts that carry a private link or a code: a wrong one counts as a guess.
CODE_KWARGS = ("token", "code")


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/") or "/api/" in request.path


def refuse_too_many_tries(request: HttpRequest) -> HttpResponse:
    message = code_guard.too_many_tries_message()
    if _is_api(request):
        return JsonResponse({"detail": message}, status=429)
    return render(request, "core/too_many_tries.html", {"message": message}, status=429)


class CodeGuardMiddleware:
    """Private links and codes in the URL: refuse when the guesses are used up, count misses.

    A link this browser opened before is let through without reading the address's mark (see
    core.code_guard): every save of a web would otherwise read the cache, a query in
    production, and residents behind an address that someone else used up keep working on the
    webs they already had open.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        link = getattr(request, "_code_link", None)
        if link is None:
            return response
        digest, known = link
        if response.status_code == 404:
            code_guard.count_wrong_guess(request)
        elif response.status_code < 400 and digest not in known:
            response.set_cookie(
                code_guard.KNOWN_LINKS_COOKIE,
                code_guard.with_known_link(known, digest),
                max_age=settings.SESSION_COOKIE_AGE,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        link = next((str(view_kwargs[name]) for name in CODE_KWARGS if name in view_kwargs), None)
        if link is None:
            return None
        digest = code_guard.link_digest(link)
        cookie = request.COOKIES.get(code_guard.KNOWN_LINKS_COOKIE)
        known = code_guard.known_links(cookie, settings.SESSION_COOKIE_AGE)
        request._code_link = (digest, known)
        if digest not in known and code_guard.is_blocked(request):
            return refuse_too_many_tries(request)
        return None


class SecondStepMiddleware:
    """Everyone who can see personal or derived data verifies a second step before anything else.

    Also ends idle sessions: after `SESSION_IDLE_STAFF` seconds for those people, after
    `SESSION_IDLE_ACCOUNT` for other accounts. The expiry moves on with use (written at most
    once a minute), so an active person is never thrown out.
    """

    ALWAYS_OPEN = ("/organisatie/tweestaps/", "/account/uitloggen/", "/i18n/", "/static/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        privileged = requires_two_factor(user)
        self._keep_alive(request, privileged)
        if privileged and not user.is_verified() and not self._open(request):
            return self._ask_second_step(request, user)
        return self.get_response(request)

    def _open(self, request: HttpRequest) -> bool:
        if request.path.startswith(self.ALWAYS_OPEN) or request.path == "/healthz":
            return True
        # An API key carries its own two-step state; the API checks it.
        return _is_api(request) and bool(request.headers.get("Authorization"))

    def _keep_alive(self, request: HttpRequest, privileged: bool) -> None:
        timeout = settings.SESSION_IDLE_STAFF if privileged else settings.SESSION_IDLE_ACCOUNT
        now = int(time.time())
        if now - request.session.get("_idle_mark", 0) >= 60 or (
            request.session.get_expiry_age() > timeout
        ):
            request.session["_idle_mark"] = now
            request.session.set_expiry(timeout)

    def _ask_second_step(self, request: HttpRequest, user) -> HttpResponse:
        if _is_api(request):
            return JsonResponse({"detail": "Two-step verification needed."}, status=403)
        if request.path.startswith("/fhir/"):
            # A FHIR client cannot follow a redirect to a web page: it gets an OperationOutcome.
            from interop.views import outcome

            return outcome(403, "security", [("", "Two-step verification needed.")])
        from organisations.twofactor import has_confirmed_device

        target = (
            "organisations:two_factor_verify"
            if has_confirmed_device(user)
            else "organisations:two_factor_setup"
        )
        return HttpResponseRedirect(
            f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}"
        )


class NoStoreMiddleware:
    """Pages may hold someone's health data: no browser or proxy cache keeps a copy.

    Static files are served before this (WhiteNoise) and keep their long cache; a view that
    sets its own Cache-Control keeps it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = "no-store, private"
        return response


def large_upload(view):
    """Mark a view that takes a file up to MAX_UPLOAD_BODY_SIZE (a whole social map) and
    answers at once, leaving the work to a background task."""
    view.large_upload = True
    return view


def _body_limit(request: HttpRequest) -> int:
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        return settings.MAX_REQUEST_BODY_SIZE
    if getattr(view, "large_upload", False):
        return settings.MAX_UPLOAD_BODY_SIZE
    return settings.MAX_REQUEST_BODY_SIZE


class BodySizeMiddleware:
    """A body larger than allowed gets 413 before anything reads it (Django would answer 400)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BODY_SIZE and length > _body_limit(request):
            return HttpResponse(
                "Request body too large.", status=413, content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)
