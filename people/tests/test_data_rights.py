"""The person's export holds everything; deleting an account leaves nothing about them."""

from __future__ import annotations

import json

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from pypdf import PdfReader

from assessments.tests.factories import make_web
from insights import services as insight_services
from people.models import User
from people.tests.conftest import PASSWORD
from sharing.audit import record_access
from sharing.services import share
from sharing.tests.helpers import member, organisation, verified_login

pytestmark = pytest.mark.django_db


def _person(email="anna@example.org") -> User:
    return User.objects.create_user(email=email, password=PASSWORD, display_name="Anna Fictief")


def _login(client, user: User):
    response = client.post(reverse("people:login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302


def _referral_for(person, professional):
    from referrals import services as referral_services
    from socialmap import demo
    from socialmap.models import Service

    demo.load()
    return referral_services.create_referral(
        person=person,
        referrer=professional,
        service=Service.objects.first(),
        consent=True,
        share=["name", "note"],
        note="Graag samen koken",
    )


def test_the_export_holds_referrals_collective_consent_and_login_history(client):
    person = _person()
    web = make_web(owner=person, complete=False)
    insight_services.opt_in(web, postcode_area="9991", age_band="45-64", programme=None)
    org = organisation()
    professional = member(org)
    share(person, web, organisation=org, professional=professional)
    _referral_for(person, professional)
    client.post(reverse("people:login"), {"username": person.email, "password": "wrong-password"})
    _login(client, person)
    data = json.loads(client.get(reverse("people:export_json")).content)
    assert data["referrals"]["referrals"][0]["passed_on"]["note"] == "Graag samen koken"
    consent = data["insights"]["collective_figures_consent"][0]
    assert (consent["postcode_area"], consent["age_band"]) == ("9991", "45-64")
    results = [entry["result"] for entry in data["people"]["login_history"]]
    assert "logged in" in results
    assert any(r.startswith("wrong password") for r in results)


def _rows_mentioning(user_id: int, email: str, *, ignore=()) -> list[str]:
    """Every row in every table that points to this account or contains its address."""
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            label = f"{model._meta.label}.{field.name}"
            if label in ignore:
                continue
            manager = model._default_manager
            if isinstance(field, models.ForeignKey) and field.related_model is User:
                if manager.filter(**{field.attname: user_id}).exists():
                    found.append(label)
            elif (
                isinstance(field, models.CharField | models.TextField)
                and manager.filter(**{f"{field.name}__icontains": email}).exists()
            ):
                found.append(label)
    return found


def test_deleting_an_account_leaves_no_row_about_the_person_login_history_included(client):
    person = _person()
    web = make_web(owner=person, complete=False)
    insight_services.opt_in(web, postcode_area="9991", age_band="45-64", programme=None)
    org = organisation()
    professional = member(org)
    share(person, web, organisation=org, professional=professional)
    record_access(professional, person, "web", "visit", assessment=web)
    _referral_for(person, professional)
    other_browser = type(client)()
    _login(other_browser, person)
    _login(client, person)
    user_id = person.pk
    response = client.post(
        reverse("people:delete_account"), {"confirm": "on", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert _rows_mentioning(user_id, "anna@example.org") == []
    # The other browser's session is gone too.
    assert other_browser.get(reverse("people:export_json")).status_code == 302


def test_a_professional_who_referred_can_delete_their_account_and_the_referral_stays(client):
    person = _person()
    make_web(owner=person)
    org = organisation()
    professional = member(org)
    professional.set_password(PASSWORD)
    professional.save()
    share(person, make_web(owner=person), organisation=org, professional=professional)
    referral = _referral_for(person, professional)
    verified_login(client, professional)
    response = client.post(
        reverse("people:delete_account"), {"confirm": "on", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert not User.objects.filter(pk=professional.pk).exists()
    referral.refresh_from_db()
    assert referral.referrer_id is None
    assert referral.organization_id is not None
    # The access log keeps who looked, for the person it is about (see docs/privacy.md).
    assert (
        _rows_mentioning(
            professional.pk, professional.email, ignore={"sharing.AccessLogEntry.viewer_label"}
        )
        == []
    )


@pytest.mark.parametrize(
    "note",
    ['<img src="/etc/passwd" width="400" height="400"/>', "<b>vet", "Tom & Jerry <3", "</para>"],
)
def test_notes_print_as_typed_in_the_pdf_and_never_break_it(client, note):
    from assessments.models import DimensionNote

    person = _person()
    web = make_web(owner=person)
    DimensionNote.objects.update_or_create(
        assessment=web, dimension_id=web.definition.dimensions[0].id, defaults={"text": note}
    )
    response = client.get(reverse("assessments:report_pdf", args=[web.access_token]))
    client.force_login(person)
    response = client.get(reverse("assessments:report_pdf", args=[web.access_token]))
    assert response.status_code == 200
    reader = PdfReader(__import__("io").BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert note.split()[0].replace("\n", "") in text
    assert not any("/XObject" in page.get("/Resources", {}) for page in reader.pages)


def test_the_social_map_verify_form_only_goes_back_to_this_site(client):
    from socialmap import demo
    from socialmap.models import Coordinator, Service

    demo.load()
    coordinator = _person("coord@example.org")
    Coordinator.objects.create(user=coordinator)
    verified_login(client, coordinator)
    service = Service.objects.first()
    response = client.post(
        reverse("socialmap:verify", args=[service.pk]), {"next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
    response = client.post(
        reverse("socialmap:verify", args=[service.pk]), {"next": "//evil.example/x"}
    )
    assert "evil.example" not in response["Location"]
