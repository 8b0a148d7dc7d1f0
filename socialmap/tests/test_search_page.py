"""The search page pages through many results; the database index follows every change."""

import json

import pytest
from django.urls import reverse

from socialmap import hsds_store, search, selectors
from socialmap.models import Organization, Service

pytestmark = pytest.mark.django_db


def add_service(organization, name, text=""):
    return Service.objects.create(
        organization=organization,
        name=name,
        search_name=search.index_text([name]),
        search_text=search.index_text([text]),
    )


@pytest.fixture
def organization():
    return Organization.objects.create(name="Buurtnetwerk Fictief", description="")


def test_many_results_come_in_pages_of_25_with_the_total(client, organization):
    for n in range(30):
        add_service(organization, f"Wandelgroep {n:02d}")
    first = client.get(reverse("socialmap:search"), {"q": "wandelen"}).content.decode()
    assert "30 resultaten" in first
    assert first.count("service-card") == 25
    assert "pagina=2" in first and "Volgende pagina" in first
    second = client.get(reverse("socialmap:search"), {"q": "wandelen", "pagina": "2"})
    text = second.content.decode()
    assert "Pagina 2 van 2" in text and "Vorige pagina" in text
    shown = [f"Wandelgroep {n:02d}" for n in range(30) if f"Wandelgroep {n:02d}<" in text]
    assert len(shown) == 5


def test_a_renamed_or_removed_service_is_found_by_its_new_name_only(organization):
    service = add_service(organization, "Koffieochtend")
    assert [s.name for s in selectors.find_services(selectors.Query(text="koffie"))] == [
        "Koffieochtend"
    ]
    Service.objects.filter(pk=service.pk).update(
        name="Zwemles", search_name=search.index_text(["Zwemles"])
    )
    assert selectors.find_services(selectors.Query(text="koffie")) == []
    assert len(selectors.find_services(selectors.Query(text="zwemmen"))) == 1
    Service.objects.filter(pk=service.pk).delete()
    assert selectors.find_services(selectors.Query(text="zwemmen")) == []


def test_ranking_in_the_database_keeps_name_matches_first(organization):
    add_service(organization, "Maatjesproject", "samen een wandeling maken")
    add_service(organization, "Wandelgroep", "elke dinsdag")
    names = [s.name for s in selectors.find_services(selectors.Query(text="wandelen"))]
    assert names == ["Wandelgroep", "Maatjesproject"]


def test_an_hsds_import_keeps_the_search_index_in_step(client, demo_map):
    """The import writes services in bulk (upserts); the page finds what the file says."""
    exported = hsds_store.export_services()
    record = next(s for s in exported if s["name"] == "Taalcafé")
    record["name"] = "Zwemclub Dolfijn"
    record["service_areas"] = [dict(record["service_areas"][0], name="9998")]
    hsds_store.import_upload("map.json", json.dumps(exported).encode())

    def shown(**params) -> str:
        return client.get(reverse("socialmap:search"), params).content.decode()

    assert "Zwemclub Dolfijn" in shown(q="zwemmen")
    assert "Zwemclub Dolfijn" not in shown(q="taalcafe")
    assert "Zwemclub Dolfijn" in shown(q="dolfijn", postcode="9998")
