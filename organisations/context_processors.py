"""The organisation theme of the current visitor, for the page header and its stylesheet link."""

from django.http import HttpRequest

from organisations.theming import organisation_for


def theme(request: HttpRequest) -> dict:
    organisation = organisation_for(request)
    if organisation is None:
        return {"theme_organisation": None}
    return {"theme_organisation": organisation, "organisation_theme": organisation.theme}
