import pytest

from socialmap.models import Service, TaxonomyTerm
from socialmap.taxonomy import stable_id

pytestmark = [pytest.mark.django_db, pytest.mark.urls("socialmap.tests.urls")]


def test_services_are_paged(client, demo_map):
    body = client.get("/hsds/services", {"per_page": 10, "page": 3}).json()
    assert body["total_items"] == 25
    assert body["total_pages"] == 3
    assert body["page_number"] == 3
    assert body["size"] == 5
    assert body["last_page"] and not body["first_page"] and not body["empty"]
    assert body["contents"][0]["organization"]["name"]


def test_page_beyond_the_end_is_empty(client, demo_map):
    body = client.get("/hsds/services", {"per_page": 10, "page": 9}).json()
    assert body["empty"] and body["contents"] == []


def test_search_and_taxonomy_filters(client, demo_map):
    body = client.get("/hsds/services", {"search": "wandelen"}).json()
    assert {s["name"] for s in body["contents"]} == {
        "Wandelgroep Samen op Pad",
        "Maatjesproject Samen Sterk",
    }
    term = TaxonomyTerm.objects.get(code="mantelzorgers")
    body = client.get("/hsds/services", {"taxonomy_term_id": str(term.pk)}).json()
    assert [s["name"] for s in body["contents"]] == ["Mantelzorgsteunpunt"]


def test_single_service_and_organization(client, demo_map):
    service = Service.objects.get(name="Taalcafé")
    body = client.get(f"/hsds/services/{service.pk}").json()
    assert body["id"] == str(service.pk)
    assert body["service_at_locations"][0]["location"]["addresses"][0]["city"] == "Zonnedal"
    organization = client.get(f"/hsds/organizations/{service.organization_id}").json()
    assert "Taalcafé" in {s["name"] for s in organization["services"]}
    assert client.get("/hsds/services/not-a-uuid").status_code == 404
    assert client.get(f"/hsds/services/{stable_id('nothing')}").status_code == 404


def test_taxonomies_and_terms(client, demo_map):
    taxonomies = client.get("/hsds/taxonomies").json()
    assert {t["name"] for t in taxonomies["contents"]} == {"positieve-gezondheid", "doelgroep"}
    dimension_taxonomy = stable_id("positieve-gezondheid")
    terms = client.get("/hsds/taxonomy_terms", {"taxonomy_id": str(dimension_taxonomy)}).json()
    assert terms["total_items"] == 6
    assert client.get("/hsds/organizations", {"per_page": 5}).json()["size"] == 5


def test_api_services_are_valid_hsds(client, demo_map):
    from socialmap import hsds

    body = client.get("/hsds/services", {"per_page": 25}).json()
    errors = [e for s in body["contents"] for e in hsds.schema_errors("service", s, "api")]
    assert errors == []


def test_openapi_document_lists_every_path(client):
    paths = client.get("/hsds/openapi.json").json()["paths"]
    assert set(paths) == {
        "/services",
        "/services/{id}",
        "/organizations",
        "/organizations/{id}",
        "/taxonomies",
        "/taxonomy_terms",
    }
    names = {p["name"] for p in paths["/services"]["get"]["parameters"]}
    assert {"page", "per_page", "search", "taxonomy_term_id"} <= names
