"""The HSDS 3.0 read API. Mount with path("hsds/", include("socialmap.hsds_urls"))."""

from django.urls import path

from socialmap import api

app_name = "hsds"

urlpatterns = [
    path("openapi.json", api.openapi, name="openapi"),
    path("services", api.services, name="services"),
    path("services/<str:id>", api.service, name="service"),
    path("organizations", api.organizations, name="organizations"),
    path("organizations/<str:id>", api.organization, name="organization"),
    path("taxonomies", api.taxonomies, name="taxonomies"),
    path("taxonomy_terms", api.taxonomy_terms, name="taxonomy_terms"),
]
