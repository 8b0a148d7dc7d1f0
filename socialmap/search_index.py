"""The database side of social-map search: a full-text index per database, and the ranking.

Both databases match the same normalised, stemmed columns (Service.search_name / search_text,
see socialmap.search), so a word matches at the start of a word on either, exactly as the
Python rules say:

- SQLite: an FTS5 table over those two columns, kept current by triggers. Django rebuilds a
  SQLite table whenever a migration alters it (dropping its triggers and renumbering rows), so
  the index and its triggers are made again after every `migrate` (`ensure_sqlite_index`).
- PostgreSQL: a stored full-text vector of the same columns with a GIN index (migration 0003),
  queried with prefix terms; trigram similarity (pg_trgm) to the query orders results of equal
  score.

The score itself (socialmap.search.score: a word in the name counts three times a word
elsewhere, whole words more than word starts, the whole query in the name earns a bonus) is
computed by the database too, so only the page of results leaves it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    ExpressionWrapper,
    F,
    FloatField,
    Model,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import RawSQL

FTS_TABLE = "socialmap_service_search"
# The generated column of migration 0003; Django's model does not know it, so it is named here.
PG_VECTOR = "socialmap_service.search_vector"

_SQLITE_SETUP = [
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_insert",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_delete",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_update",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
    "search_name, search_text, content='socialmap_service', content_rowid='rowid', "
    "prefix='2 3 4')",
    f"CREATE TRIGGER {FTS_TABLE}_insert AFTER INSERT ON socialmap_service BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, search_name, search_text) "
    "VALUES (new.rowid, new.search_name, new.search_text); END",
    f"CREATE TRIGGER {FTS_TABLE}_delete AFTER DELETE ON socialmap_service BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_name, search_text) "
    "VALUES ('delete', old.rowid, old.search_name, old.search_text); END",
    f"CREATE TRIGGER {FTS_TABLE}_update AFTER UPDATE OF search_name, search_text "
    "ON socialmap_service BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_name, search_text) "
    "VALUES ('delete', old.rowid, old.search_name, old.search_text); "
    f"INSERT INTO {FTS_TABLE}(rowid, search_name, search_text) "
    "VALUES (new.rowid, new.search_name, new.search_text); END",
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
]


def ensure_sqlite_index(using: str = "default") -> None:
    """(Re)build the FTS5 table and its triggers; a no-op on other databases."""
    from django.db import connections

    target = connections[using]
    if target.vendor != "sqlite":
        return
    with target.cursor() as cursor:
        tables = target.introspection.table_names(cursor)
        if "socialmap_service" not in tables:
            return
        for statement in _SQLITE_SETUP:
            cursor.execute(statement)


def refresh_statistics(models: Iterable[type[Model]]) -> None:
    """On PostgreSQL, let the planner see at once what a large import wrote.

    Until autovacuum gets to a freshly filled table, PostgreSQL plans as if it were nearly
    empty: a search with a dimension filter then scanned the wrong index and took five times
    as long. SQLite plans without such statistics, so it needs nothing.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def matching(services: QuerySet, terms: list[str]) -> QuerySet:
    """Services in which every term starts a word, in the name or anywhere else.

    The condition sits on the services table itself (its rowid, or the indexed expression), so
    each database answers it from its full-text index without a detour through the ids.
    """
    if not terms:
        return services
    if connection.vendor == "postgresql":
        query = " & ".join(f"{term}:*" for term in terms)
        return services.filter(
            RawSQL(f"{PG_VECTOR} @@ to_tsquery('simple', %s)", [query], BooleanField())
        )
    if connection.vendor == "sqlite":
        query = " AND ".join(f'"{term}"*' for term in terms)
        return services.filter(
            RawSQL(
                "socialmap_service.rowid IN "
                f"(SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)",
                [query],
                BooleanField(),
            )
        )
    for term in terms:  # any other database: the same rule as a plain LIKE
        services = services.filter(
            Q(search_name__contains=f" {term}") | Q(search_text__contains=f" {term}")
        )
    return services


def ranked(services: QuerySet, terms: list[str], normalised_query: str) -> QuerySet:
    """Best first by socialmap.search.score, computed in the database."""
    if not terms:
        return services.order_by("name")
    parts = []
    for term in terms:
        parts.append(
            Case(
                When(search_name__contains=f" {term} ", then=Value(3.0)),
                When(search_name__contains=f" {term}", then=Value(2.0)),
                default=Value(0.0),
            )
        )
        parts.append(
            Case(
                When(search_text__contains=f" {term} ", then=Value(1.0)),
                When(search_text__contains=f" {term}", then=Value(0.5)),
                default=Value(0.0),
            )
        )
    if len(terms) > 1:
        parts.append(
            Case(
                When(search_name__contains=f" {' '.join(terms)}", then=Value(2.0)),
                default=Value(0.0),
            )
        )
    total = parts[0]
    for part in parts[1:]:
        total = total + part
    services = services.annotate(search_score=ExpressionWrapper(total, output_field=FloatField()))
    order = [F("search_score").desc()]
    if connection.vendor == "postgresql":
        services = services.annotate(
            search_likeness=RawSQL(
                "similarity(socialmap_service.search_name, %s)",
                [normalised_query],
                output_field=FloatField(),
            )
        )
        order.append(F("search_likeness").desc())
    return services.order_by(*order, "name")
