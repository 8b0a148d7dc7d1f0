"""Dutch pages speak Dutch: dates, the access log on /delen/, and the API's own answers."""

from __future__ import annotations

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from sharing.audit import record_access
from sharing.tests.helpers import member, organisation, person


def test_dates_on_dutch_pages_name_the_whole_month():
    moment = datetime.datetime(2026, 9, 17, 14, 5)
    with translation.override("nl"):
        for template in ('{{ d|date:"j F Y" }}', '{{ d|date:"j F Y H:i" }}'):
            text = Template(template).render(Context({"d": moment}))
            assert text.startswith("17 september 2026"), text


@pytest.mark.django_db
def test_the_access_log_names_every_look_in_dutch(client):
    owner = person()
    professional = member(organisation())
    for what, context in [
        ("referral", "referral (referrer)"),
        ("referral", "referral (receiver)"),
        ("meeting", "network: Thuis blijven wonen"),
        ("steps", "api"),
        ("web", "fhir read"),
        ("web", "trajectory"),
        ("conversation", "conversation"),
    ]:
        record_access(professional, owner, what, context)
    client.force_login(owner)
    page = client.get("/delen/").content.decode()
    for dutch in (
        "verwijzing",
        "omdat die persoon je doorverwees",
        "omdat je naar deze organisatie bent doorverwezen",
        "overleg van het netwerk",
        "netwerk Thuis blijven wonen",
        "stappen van het plan",
        "een web, gelezen door een gekoppeld systeem",
        "overzicht van het traject",
    ):
        assert dutch in page, dutch
    for english in ("referral (", "network:", "fhir read", "meeting<", "steps<", ">trajectory"):
        assert english not in page, english


@pytest.mark.django_db
def test_the_api_answers_in_dutch(client):
    unauthorised = client.get("/api/v1/shares")
    assert unauthorised.status_code == 401
    assert unauthorised.json()["detail"].startswith("Log in, of stuur een geldige sleutel mee")
    client.force_login(person())
    bad = client.post("/api/v1/shares", data="{}", content_type="application/json")
    assert bad.status_code in (400, 403)
    assert bad.json()["detail"] in (
        "De vraag klopt niet. Bij errors staat per veld wat er mis is.",
        "De veiligheidscontrole ging mis. Laad de pagina opnieuw en probeer het nog een keer.",
    )
