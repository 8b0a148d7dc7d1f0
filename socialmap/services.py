"""Writes to the social map. Every change that touches what search sees ends in reindex()."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from socialmap import search
from socialmap.models import Address, Attribute, Service, ServiceArea, ServiceAtLocation
from socialmap.taxonomy import (
    DIMENSIONS_TAXONOMY,
    TARGET_GROUPS_TAXONOMY,
    dimension_term,
    target_group_term,
)


def reindex(service: Service) -> None:
    reindex_many([service.pk])


def reindex_many(service_ids) -> None:
    """The search index of these services from what they show: five reads and one batched
    write, whether for one edited service or a whole import.

    Reads plain values rather than model objects, and writes with one UPDATE per service in a
    batch: bulk_update's CASE over the whole batch cost more than the import's own inserts."""
    ids = list(service_ids)
    names: dict = {}
    texts: dict = {}
    for pk, name, alternate, description, eligibility, organisation in Service.objects.filter(
        pk__in=ids
    ).values_list(
        "pk",
        "name",
        "alternate_name",
        "description",
        "eligibility_description",
        "organization__name",
    ):
        names[pk] = [name, alternate]
        texts[pk] = [description, eligibility, organisation or ""]
    for pk, term in Attribute.objects.filter(link_id__in=ids).values_list(
        "link_id", "taxonomy_term__name"
    ):
        texts[pk].append(term)
    links = list(
        ServiceAtLocation.objects.filter(service_id__in=ids).values_list(
            "service_id", "location_id", "location__name"
        )
    )
    cities = defaultdict(list)
    for location, city in Address.objects.filter(
        location_id__in={location for _s, location, _n in links}
    ).values_list("location_id", "city"):
        cities[location].append(city)
    for pk, location, location_name in links:
        texts[pk].append(location_name)
        texts[pk].extend(cities[location])
    for pk, description in ServiceArea.objects.filter(service_id__in=ids).values_list(
        "service_id", "description"
    ):
        texts[pk].append(description)
    key = Service._meta.pk
    rows = [
        (
            search.index_text(names[pk]),
            search.index_text(texts[pk]),
            key.get_db_prep_value(pk, connection),
        )
        for pk in names
    ]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {quote(Service._meta.db_table)} SET {quote('search_name')} = %s, "
            f"{quote('search_text')} = %s WHERE {quote(key.column)} = %s",
            rows,
        )


def _set_terms(service: Service, taxonomy_name: str, terms: Iterable) -> None:
    wanted = {term.pk: term for term in terms}
    existing = Attribute.objects.filter(link=service, taxonomy_term__taxonomy__name=taxonomy_name)
    existing.exclude(taxonomy_term_id__in=wanted).delete()
    have = set(existing.values_list("taxonomy_term_id", flat=True))
    for pk, term in wanted.items():
        if pk not in have:
            Attribute.objects.create(link=service, taxonomy_term=term, link_type=taxonomy_name)


def set_dimensions(service: Service, codes: Iterable[str]) -> None:
    """The Positive Health dimensions the service supports; unknown ids become extra terms."""
    _set_terms(service, DIMENSIONS_TAXONOMY, [dimension_term(code) for code in codes])


def set_target_groups(service: Service, codes: Iterable[str]) -> None:
    _set_terms(service, TARGET_GROUPS_TAXONOMY, [target_group_term(code) for code in codes])


def set_areas(service: Service, areas: Iterable[str], names: dict[str, str] | None = None) -> None:
    """The 4-digit postcode areas the service serves."""
    names = names or {}
    wanted = set(areas)
    service.service_areas.exclude(name__in=wanted).delete()
    have = set(service.service_areas.values_list("name", flat=True))
    for area in sorted(wanted - have):
        ServiceArea.objects.create(service=service, name=area, description=names.get(area, ""))


@transaction.atomic
def save_service(
    service: Service,
    dimensions: Iterable[str],
    target_groups: Iterable[str],
    areas: Iterable[str],
) -> Service:
    service.save()
    set_dimensions(service, dimensions)
    set_target_groups(service, target_groups)
    set_areas(service, areas)
    reindex(service)
    return service


def mark_verified(service: Service, today: datetime.date | None = None) -> Service:
    service.last_verified = today or timezone.localdate()
    service.save(update_fields=["last_verified"])
    return service
