"""Remembers the organisation whose link a resident followed, so its brand stays on every page."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from organisations.theming import remember_organisation


class OrganisationThemeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        slug = request.GET.get("organisatie")
        if slug:
            remember_organisation(request, slug)
        return self.get_response(request)
