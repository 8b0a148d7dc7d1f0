"""Reads of the social map: search, detail, entries that need checking."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from socialmap import search
from socialmap.models import Attribute, Service, ServiceArea, ServiceAtLocation
from socialmap.taxonomy import DIMENSIONS_TAXONOMY, TARGET_GROUPS_TAXONOMY

POSTCODE_AREA = re.compile(r"^\s*(\d{4})")


def postcode_area(text: str) -> str:
    """ "1234 AB" or "1234" -> "1234"; anything else -> ""."""
    match = POSTCODE_AREA.match(text or "")
    return match.group(1) if match else ""


@dataclass
class Query:
    text: str = ""
    dimension: str = ""
    postcode: str = ""
    target_group: str = ""
    include_inactive: bool = False
    extra: dict = field(default_factory=dict)


def _with_term(taxonomy: str, code: str) -> QuerySet:
    return Attribute.objects.filter(
        taxonomy_term__taxonomy__name=taxonomy, taxonomy_term__code=code
    ).values("link_id")


def filtered(query: Query) -> QuerySet[Service]:
    # Subqueries rather than joins: no duplicate rows, so no DISTINCT over the text columns.
    services = Service.objects.all()
    if not query.include_inactive:
        services = services.filter(status=Service.Status.ACTIVE)
    if query.dimension:
        services = services.filter(pk__in=_with_term(DIMENSIONS_TAXONOMY, query.dimension))
    if query.target_group:
        services = services.filter(pk__in=_with_term(TARGET_GROUPS_TAXONOMY, query.target_group))
    area = postcode_area(query.postcode)
    if area:
        services = services.filter(
            pk__in=ServiceArea.objects.filter(name=area).values("service_id")
        )
    for term in search.tokens(query.text):
        # Every word must appear somewhere (name or text), at a word start.
        services = services.filter(
            Q(search_name__contains=f" {term}") | Q(search_text__contains=f" {term}")
        )
    return services


# Every match is ranked, up to this many; beyond it the query is too broad to rank usefully.
MAX_CANDIDATES = 5000


def find_services(query: Query, limit: int = 200) -> list[Service]:
    """Matching services, best first (see socialmap.search.rank), with what a result card
    shows (terms, areas, locations) loaded in a fixed number of queries."""
    rows = filtered(query).values_list("pk", "name", "search_name", "search_text")
    candidates = [
        search.Candidate(pk, name, sname, stext) for pk, name, sname, stext in rows[:MAX_CANDIDATES]
    ]
    ordered = [c.key for c in search.rank(query.text, candidates)][:limit]
    cards = (
        Service.objects.filter(pk__in=ordered)
        .select_related("organization")
        .prefetch_related(
            Prefetch(
                "attributes", queryset=Attribute.objects.select_related("taxonomy_term__taxonomy")
            ),
            Prefetch(
                "service_at_locations",
                queryset=ServiceAtLocation.objects.select_related("location"),
            ),
            "service_areas",
        )
    )
    by_id = {s.pk: s for s in cards}
    return [by_id[pk] for pk in ordered]


def with_details(services: QuerySet[Service]) -> QuerySet[Service]:
    return services.select_related("organization").prefetch_related(
        Prefetch(
            "attributes",
            queryset=Attribute.objects.select_related("taxonomy_term__taxonomy"),
        ),
        Prefetch(
            "service_at_locations",
            queryset=ServiceAtLocation.objects.select_related("location").prefetch_related(
                "location__addresses"
            ),
        ),
        "service_areas",
        "phones",
        "schedules",
        "contacts",
    )


def terms_of(service: Service, taxonomy_name: str) -> list:
    return [
        a.taxonomy_term
        for a in service.attributes.all()
        if a.taxonomy_term.taxonomy and a.taxonomy_term.taxonomy.name == taxonomy_name
    ]


def known_areas() -> list[tuple[str, str]]:
    """(postcode area, neighbourhood name) pairs present on the map, for the filter."""
    seen: dict[str, str] = {}
    for name, description in ServiceArea.objects.values_list("name", "description").order_by(
        "name"
    ):
        if name not in seen or (description and not seen[name]):
            seen[name] = description
    return sorted(seen.items())


def overdue_for_check(today: datetime.date | None = None) -> QuerySet[Service]:
    """Entries nobody has confirmed in the last twelve months (or ever)."""
    today = today or timezone.localdate()
    try:
        limit = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        limit = today.replace(year=today.year - 1, day=28)
    return (
        Service.objects.filter(Q(last_verified__isnull=True) | Q(last_verified__lt=limit))
        .select_related("organization")
        .order_by("last_verified", "name")
    )
