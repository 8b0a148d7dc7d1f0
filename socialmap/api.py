"""Read-only HSDS 3.0 API (plain JSON views): the paths and page envelope of the HSDS OpenAPI."""

from __future__ import annotations

import math
import uuid

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from socialmap import hsds, hsds_store, search
from socialmap.models import Organization, Service, Taxonomy, TaxonomyTerm

MAX_PER_PAGE = 200


def _int(request: HttpRequest, name: str, default: int) -> int:
    try:
        return max(1, int(request.GET.get(name, default)))
    except ValueError:
        return default


def _page(request: HttpRequest, queryset: QuerySet, render=None, render_all=None) -> JsonResponse:
    per_page = min(_int(request, "per_page", 50), MAX_PER_PAGE)
    total = queryset.count()
    pages = max(1, math.ceil(total / per_page))
    # A page past the last one is empty; capping it keeps a huge number out of the SQL OFFSET.
    number = min(_int(request, "page", 1), pages + 1)
    rows = list(queryset[(number - 1) * per_page : number * per_page])
    return JsonResponse(
        {
            "total_items": total,
            "total_pages": pages,
            "page_number": number,
            "size": len(rows),
            "first_page": number == 1,
            "last_page": number >= pages,
            "empty": not rows,
            "contents": render_all(rows) if render_all else [render(row) for row in rows],
        }
    )


def _uuid(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError as exc:
        raise Http404 from exc


def _services(request: HttpRequest) -> QuerySet[Service]:
    services = Service.objects.order_by("name", "id")
    for term in search.tokens(request.GET.get("search", "")):
        services = services.filter(search_name__contains=f" {term}") | services.filter(
            search_text__contains=f" {term}"
        )
    term_id = request.GET.get("taxonomy_term_id")
    if term_id:
        services = services.filter(attributes__taxonomy_term_id=_uuid(term_id))
    return services.distinct()


@require_GET
def services(request: HttpRequest) -> JsonResponse:
    return _page(
        request,
        _services(request),
        render_all=lambda rows: hsds_store.service_objects([s.pk for s in rows]),
    )


@require_GET
def service(request: HttpRequest, id: str) -> JsonResponse:
    if not Service.objects.filter(pk=_uuid(id)).exists():
        raise Http404
    return JsonResponse(hsds_store.service_objects([_uuid(id)])[0])


@require_GET
def organizations(request: HttpRequest) -> JsonResponse:
    queryset = Organization.objects.order_by("name", "id")
    text = request.GET.get("search", "")
    if text:
        queryset = queryset.filter(name__icontains=text)
    return _page(request, queryset, lambda o: hsds_store.row_of("organization", o))


@require_GET
def organization(request: HttpRequest, id: str) -> JsonResponse:
    try:
        found = Organization.objects.get(pk=_uuid(id))
    except Organization.DoesNotExist as exc:
        raise Http404 from exc
    body = hsds_store.row_of("organization", found)
    body["services"] = [hsds_store.row_of("service", s) for s in found.services.order_by("name")]
    return JsonResponse(body)


@require_GET
def taxonomies(request: HttpRequest) -> JsonResponse:
    return _page(
        request, Taxonomy.objects.order_by("name"), lambda t: hsds_store.row_of("taxonomy", t)
    )


@require_GET
def taxonomy_terms(request: HttpRequest) -> JsonResponse:
    queryset = TaxonomyTerm.objects.order_by("name", "id")
    taxonomy_id = request.GET.get("taxonomy_id")
    if taxonomy_id:
        queryset = queryset.filter(taxonomy_id=_uuid(taxonomy_id))
    return _page(request, queryset, lambda t: hsds_store.row_of("taxonomy_term", t))


def _parameters(*names: str) -> list[dict]:
    described = {
        "page": ("integer", "Page number, from 1."),
        "per_page": ("integer", f"Items per page, at most {MAX_PER_PAGE}; default 50."),
        "search": ("string", "Free text; accent- and case-insensitive."),
        "taxonomy_term_id": ("string", "Only services with this taxonomy term (UUID)."),
        "taxonomy_id": ("string", "Only terms of this taxonomy (UUID)."),
    }
    return [
        {
            "name": name,
            "in": "query",
            "required": False,
            "description": described[name][1],
            "schema": {"type": described[name][0]},
        }
        for name in names
    ]


def _operation(summary: str, parameters: list[dict], schema_ref: str, paged: bool) -> dict:
    item = {"$ref": f"#/components/schemas/{schema_ref}"}
    body = (
        {
            "allOf": [{"$ref": "#/components/schemas/Page"}],
            "properties": {"contents": {"type": "array", "items": item}},
        }
        if paged
        else item
    )
    return {
        "get": {
            "summary": summary,
            "parameters": parameters,
            "responses": {
                "200": {"description": "OK", "content": {"application/json": {"schema": body}}},
                "404": {"description": "Not found (unknown id, or an id that is not a UUID)"},
            },
        }
    }


def _components() -> dict:
    """The HSDS 3.0 schemas, with their file references turned into component references."""

    def rewrite(value):
        if isinstance(value, dict):
            return {
                k: (
                    f"#/components/schemas/{v.removesuffix('.json')}" if k == "$ref" else rewrite(v)
                )
                for k, v in value.items()
                if k not in ("$schema", "$id")
            }
        if isinstance(value, list):
            return [rewrite(v) for v in value]
        return value

    schemas = {table: rewrite(hsds.schema(table)) for table in hsds.table_names()}
    schemas["Page"] = {
        "type": "object",
        "required": [
            "total_items",
            "total_pages",
            "page_number",
            "size",
            "first_page",
            "last_page",
            "empty",
            "contents",
        ],
        "properties": {
            "total_items": {"type": "integer"},
            "total_pages": {"type": "integer"},
            "page_number": {"type": "integer"},
            "size": {"type": "integer"},
            "first_page": {"type": "boolean"},
            "last_page": {"type": "boolean"},
            "empty": {"type": "boolean"},
            "contents": {"type": "array"},
        },
    }
    return schemas


@require_GET
def openapi(request: HttpRequest) -> JsonResponse:
    """What this read-only subset of the HSDS 3.0 API offers, with the server it runs on."""
    listing = ("page", "per_page")
    by_id = [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}]
    base = request.build_absolute_uri(reverse("hsds:services")).removesuffix("/services")
    return JsonResponse(
        {
            "openapi": "3.1.0",
            "info": {
                "title": "Brede Blik social map – HSDS 3.0 (read only)",
                "version": "3.0",
                "description": "Paged responses use the HSDS page envelope: total_items, "
                "total_pages, page_number, size, first_page, last_page, empty, contents.",
            },
            "servers": [{"url": base}],
            "paths": {
                "/services": _operation(
                    "Services with nested objects",
                    _parameters(*listing, "search", "taxonomy_term_id"),
                    "service",
                    paged=True,
                ),
                "/services/{id}": _operation("One service", by_id, "service", paged=False),
                "/organizations": _operation(
                    "Organizations", _parameters(*listing, "search"), "organization", paged=True
                ),
                "/organizations/{id}": _operation(
                    "One organization with its services", by_id, "organization", paged=False
                ),
                "/taxonomies": _operation(
                    "Taxonomies", _parameters(*listing), "taxonomy", paged=True
                ),
                "/taxonomy_terms": _operation(
                    "Taxonomy terms",
                    _parameters(*listing, "taxonomy_id"),
                    "taxonomy_term",
                    paged=True,
                ),
            },
            "components": {"schemas": _components()},
        }
    )
