"""Reads of the social map: search, detail, entries that need checking."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Max, Prefetch, Q, QuerySet, Value, Window
from django.utils import timezone

from socialmap import search, search_index
from socialmap.models import Attribute, Service, ServiceArea, ServiceAtLocation, TaxonomyTerm
from socialmap.taxonomy import DIMENSIONS_TAXONOMY, TARGET_GROUPS_TAXONOMY, dimension_label

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


def _term_ids(wanted: dict[str, str]) -> dict[str, list]:
    """taxonomy name -> the ids of its terms with the wanted code, in one query.

    The services are then filtered on these ids as values: with a subquery by name and code
    instead, PostgreSQL's planner cannot use what it knows of each term and guessed a handful
    of services where thousands have the term, planning a probe per service (20 ms of a 25 ms
    search on a map of 10,000).
    """
    if not wanted:
        return {}  # no term filter: no query
    found: dict[str, list] = {taxonomy: [] for taxonomy in wanted}
    condition = Q()
    for taxonomy, code in wanted.items():
        condition |= Q(taxonomy__name=taxonomy, code=code)
    for taxonomy, term_id in TaxonomyTerm.objects.filter(condition).values_list(
        "taxonomy__name", "id"
    ):
        found[taxonomy].append(term_id)
    return found


def filtered(query: Query) -> QuerySet[Service]:
    # Subqueries rather than joins: no duplicate rows, so no DISTINCT over the text columns.
    services = Service.objects.all()
    if not query.include_inactive:
        services = services.filter(status=Service.Status.ACTIVE)
    wanted = {DIMENSIONS_TAXONOMY: query.dimension, TARGET_GROUPS_TAXONOMY: query.target_group}
    wanted = {taxonomy: code for taxonomy, code in wanted.items() if code}
    for term_ids in _term_ids(wanted).values():
        services = services.filter(
            pk__in=Attribute.objects.filter(taxonomy_term_id__in=term_ids).values("link_id")
        )
    area = postcode_area(query.postcode)
    if area:
        services = services.filter(
            pk__in=ServiceArea.objects.filter(name=area).values("service_id")
        )
    return search_index.matching(services, search.tokens(query.text))


def find_services(query: Query, limit: int = 200, offset: int = 0) -> list[Service]:
    """Matching services, best first (see socialmap.search.score), ranked by the database,
    with what a result card shows (terms, areas, locations) loaded in a fixed number of
    queries."""
    terms = search.tokens(query.text)
    best = search_index.ranked(filtered(query), terms, " ".join(terms)).values_list(
        "pk", "name", "search_name", "search_text"
    )[offset : offset + limit]
    # The database's order, with equal scores put in the accent-blind alphabetical order of
    # socialmap.search.rank, which no SQL collation gives on both databases.
    ordered = [c.key for c in search.rank(query.text, [search.Candidate(*row) for row in best])]
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


@dataclass
class Card:
    """What a result on the search page shows, read as plain values: no model instances."""

    pk: object
    name: str
    organization_name: str
    description: str
    dimensions: list = field(default_factory=list)
    target_groups: list = field(default_factory=list)
    areas: list = field(default_factory=list)
    # (location name, latitude, longitude) of the locations that have coordinates.
    places: list = field(default_factory=list)


@dataclass
class ResultPage:
    total: int
    cards: list[Card]


def search_page(query: Query, limit: int, offset: int = 0) -> ResultPage:
    """One page of results and the number of all matches, in five small queries whatever the
    size of the map: the ranked page with the total (a window count over the same matches),
    then the text, terms, areas and places of just the services on the page."""
    terms = search.tokens(query.text)
    ranked = search_index.ranked(filtered(query), terms, " ".join(terms))
    if not terms:
        ranked = ranked.annotate(search_score=Value(0.0))
    rows = list(
        ranked.annotate(total=Window(Count("*"))).values_list(
            "pk", "name", "search_score", "total"
        )[offset : offset + limit]
    )
    if not rows:
        # Past the last page the window has no row to report the total on.
        return ResultPage(total=count_services(query) if offset else 0, cards=[])
    # The database's order, with equal scores put in the accent-blind alphabetical order of
    # socialmap.search.rank, which no SQL collation gives on both databases.
    rows.sort(key=lambda row: (-row[2], search.normalise(row[1])))
    by_id = {
        row[0]: Card(pk=row[0], name=row[1], organization_name="", description="") for row in rows
    }
    ids = list(by_id)
    for service_id, organization, description in Service.objects.filter(pk__in=ids).values_list(
        "pk", "organization__name", "description"
    ):
        by_id[service_id].organization_name = organization
        by_id[service_id].description = description
    for service_id, taxonomy, code, name in Attribute.objects.filter(
        link_id__in=ids,
        taxonomy_term__taxonomy__name__in=[DIMENSIONS_TAXONOMY, TARGET_GROUPS_TAXONOMY],
    ).values_list(
        "link_id", "taxonomy_term__taxonomy__name", "taxonomy_term__code", "taxonomy_term__name"
    ):
        card = by_id[service_id]
        if taxonomy == DIMENSIONS_TAXONOMY:
            card.dimensions.append(dimension_label(code))
        else:
            card.target_groups.append(name)
    for service_id, area in (
        ServiceArea.objects.filter(service_id__in=ids)
        .order_by("name")
        .values_list("service_id", "name")
    ):
        by_id[service_id].areas.append(area)
    for service_id, *place in ServiceAtLocation.objects.filter(
        service_id__in=ids, location__latitude__isnull=False, location__longitude__isnull=False
    ).values_list("service_id", "location__name", "location__latitude", "location__longitude"):
        by_id[service_id].places.append(tuple(place))
    return ResultPage(total=rows[0][-1], cards=list(by_id.values()))


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


def count_services(query: Query) -> int:
    return filtered(query).count()


KNOWN_AREAS_KEY = "bredeblik:socialmap:known-areas"
KNOWN_AREAS_SECONDS = 300


def known_areas() -> list[tuple[str, str]]:
    """(postcode area, neighbourhood name) pairs present on the map, for the filter.

    Grouping every service area takes longer than the rest of a search, and the list only
    changes when a coordinator adds a neighbourhood: it is kept in the cache for five minutes.
    """
    areas = cache.get(KNOWN_AREAS_KEY)
    if areas is None:
        # One row per area, with a description where any service gives one.
        areas = list(
            ServiceArea.objects.values("name")
            .annotate(label=Max("description"))
            .order_by("name")
            .values_list("name", "label")
        )
        cache.set(KNOWN_AREAS_KEY, areas, KNOWN_AREAS_SECONDS)
    return areas


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
