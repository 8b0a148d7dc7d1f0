import io
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from sharing.tests.helpers import verified_login
from socialmap import hsds_store
from socialmap.models import ImportJob, Location, Organization, Service

pytestmark = pytest.mark.django_db


def test_public_search_needs_no_login(client, demo_map):
    response = client.get(
        reverse("socialmap:search"), {"dimension": "zingeving", "postcode": "9993"}
    )
    assert response.status_code == 200
    assert "Jongerenwerk Westerveld" in response.content.decode()
    assert "Samen eten in Oosterhof" not in response.content.decode()


def test_bad_postcode_gets_a_message(client, demo_map):
    response = client.get(
        reverse("socialmap:search"), {"postcode": "abc"}, HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert "Vul een Nederlandse postcode in" in response.content.decode()


def test_detail_page(client, demo_map):
    service = Service.objects.get(name="Taalcafé")
    response = client.get(reverse("socialmap:detail", args=[service.pk]))
    assert response.status_code == 200
    assert "Boekenhof 2" in response.content.decode()


@pytest.mark.parametrize(
    "name,args,method",
    [
        ("socialmap:manage", [], "get"),
        ("socialmap:new_service", [], "post"),
        ("socialmap:new_organization", [], "post"),
        ("socialmap:new_location", [], "post"),
        ("socialmap:import", [], "post"),
        ("socialmap:export", [], "get"),
    ],
)
def test_others_are_refused(client, resident, name, args, method):
    for user in (None, resident):
        if user:
            verified_login(client, user)
        response = getattr(client, method)(reverse(name, args=args))
        assert response.status_code == 403
    assert Organization.objects.count() == 0


def test_resident_cannot_edit_or_verify(client, resident, demo_map):
    service = Service.objects.get(name="Taalcafé")
    verified_login(client, resident)
    assert client.get(reverse("socialmap:edit_service", args=[service.pk])).status_code == 403
    assert client.post(reverse("socialmap:verify", args=[service.pk])).status_code == 403
    service.refresh_from_db()
    assert service.history.count() == 1


def _service_data(organization, **overrides):
    data = {
        "organization": organization.pk,
        "name": "Schaakclub De Toren",
        "description": "Schaken op woensdagavond.",
        "status": "active",
        "dimensions": ["mentaal_welbevinden", "meedoen"],
        "extra_dimensions": "werk",
        "target_groups": ["ouderen"],
        "areas": "9991, 9992",
    }
    data.update(overrides)
    return data


def test_coordinator_creates_and_edits_a_service(client, coordinator, demo_map):
    verified_login(client, coordinator)
    organization = Organization.objects.first()
    response = client.post(reverse("socialmap:new_service"), _service_data(organization))
    service = Service.objects.get(name="Schaakclub De Toren")
    assert response.status_code == 302
    assert sorted(service.service_areas.values_list("name", flat=True)) == ["9991", "9992"]
    codes = {a.taxonomy_term.code for a in service.attributes.all()}
    assert {"mentaal_welbevinden", "meedoen", "werk", "ouderen"} == codes
    # Now findable in the public search.
    found = client.get(reverse("socialmap:search"), {"q": "schaken", "dimension": "meedoen"})
    assert "Schaakclub De Toren" in found.content.decode()

    client.post(
        reverse("socialmap:edit_service", args=[service.pk]),
        _service_data(organization, description="Nu ook op zaterdag."),
    )
    page = client.get(reverse("socialmap:edit_service", args=[service.pk]))
    assert page.context["history"].count() == 2
    assert "werk" in page.content.decode()


def test_invalid_areas_are_refused_with_a_dutch_message(client, coordinator, demo_map):
    verified_login(client, coordinator)
    organization = Organization.objects.first()
    response = client.post(
        reverse("socialmap:new_service"),
        _service_data(organization, areas="99A1"),
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert response.status_code == 200
    assert "Een postcodegebied heeft vier cijfers" in response.content.decode()
    assert not Service.objects.filter(name="Schaakclub De Toren").exists()


def test_permission_makes_a_coordinator_too(client, resident, demo_map):
    resident.user_permissions.add(Permission.objects.get(codename="change_service"))
    verified_login(client, resident)
    assert client.get(reverse("socialmap:manage")).status_code == 200


def test_mark_verified_and_overdue_page(client, coordinator, demo_map):
    verified_login(client, coordinator)
    service = Service.objects.get(name="Wandelgroep Samen op Pad")
    assert service in client.get(reverse("socialmap:manage")).context["overdue"]
    client.post(reverse("socialmap:verify", args=[service.pk]))
    service.refresh_from_db()
    assert service.last_verified is not None
    assert service not in client.get(reverse("socialmap:manage")).context["overdue"]


def test_upload_and_download(client, coordinator, demo_map):
    verified_login(client, coordinator)
    data = client.get(reverse("socialmap:export"), {"format": "json"}).content
    bad = data.replace(b'"active"', b'"sometimes"', 1)
    upload = io.BytesIO(bad)
    upload.name = "kaart.json"
    response = client.post(reverse("socialmap:import"), {"file": upload}, follow=True)
    text = response.content.decode()
    assert "kaart.json" in text and "status" in text
    zipped = client.get(reverse("socialmap:export"), {"format": "zip"}).content
    upload = io.BytesIO(zipped)
    upload.name = "kaart.zip"
    before = hsds_store.tables_from_db()
    client.post(reverse("socialmap:import"), {"file": upload})
    assert hsds_store.tables_from_db() == before


def test_coordinator_adds_a_location_with_address(client, coordinator, demo_map):
    verified_login(client, coordinator)
    data = {
        "location-name": "Dorpshuis Zuid",
        "location-location_type": "physical",
        "location-latitude": "53.08",
        "location-longitude": "",
        "address-address_1": "Zuiderweg 1",
        "address-postal_code": "9996 AA",
        "address-city": "Zonnedal",
        "address-state_province": "Fictief",
    }
    response = client.post(reverse("socialmap:new_location"), data, HTTP_ACCEPT_LANGUAGE="nl")
    assert "Vul zowel de breedtegraad als de lengtegraad in" in response.content.decode()
    data["location-longitude"] = "6.5"
    assert client.post(reverse("socialmap:new_location"), data).status_code == 302
    location = Location.objects.get(name="Dorpshuis Zuid")
    assert location.addresses.get().postal_code == "9996 AA"


def test_upload_runs_as_a_job_with_a_progress_and_report_page(client, coordinator, resident):
    example = Path(__file__).parent / "hsds_examples" / "service_full.json"
    upload = io.BytesIO(example.read_bytes())
    upload.name = "service_full.json"
    verified_login(client, resident)
    assert client.post(reverse("socialmap:import"), {"file": upload}).status_code == 403
    assert not ImportJob.objects.exists()
    upload.seek(0)
    verified_login(client, coordinator)
    response = client.post(reverse("socialmap:import"), {"file": upload})
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("socialmap:import_job", args=[job.pk])
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The import is finished." in page
    assert "cost_option" in page and "service.additional_urls" in page
    assert job.report["counts"]["service"] == 1 and bytes(job.data) == b""
    verified_login(client, resident)
    assert client.get(reverse("socialmap:import_job", args=[job.pk])).status_code == 403
