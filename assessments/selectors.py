"""Which webs a visitor may see, and which webs belong to the same person."""

from __future__ import annotations

from functools import cache

from django.db import connection
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from assessments.models import Assessment
from instruments.models import InstrumentVersion
from together.selectors import room_verdict

SESSION_KEY = "bredeblik_webs"


def remember_in_session(request: HttpRequest, assessment: Assessment) -> None:
    """Let this browser find an anonymous web again without the link (until the session ends).

    A client's web on a professional's device in the room is never remembered there.
    """
    if room_verdict(request.user, assessment) is not None:
        return
    tokens = list(request.session.get(SESSION_KEY, []))
    if assessment.access_token not in tokens:
        tokens.append(assessment.access_token)
        request.session[SESSION_KEY] = tokens[-50:]


def session_tokens(request: HttpRequest) -> list[str]:
    return list(request.session.get(SESSION_KEY, []))


def is_own_web(request: HttpRequest, assessment: Assessment) -> bool:
    """The person themselves: the account owner, or whoever holds the link of an ownerless web.

    Once a web belongs to an account, the link alone no longer opens it. A professional's
    device opens a client's web only while it is handed over in the room.
    """
    in_room = room_verdict(request.user, assessment)
    if in_room is not None:
        return in_room
    if assessment.owner_id is not None:
        return request.user.is_authenticated and request.user.pk == assessment.owner_id
    return True


def webs_of_visitor(request: HttpRequest) -> QuerySet[Assessment]:
    anonymous = Q(access_token__in=session_tokens(request), owner__isnull=True)
    if request.user.is_authenticated:
        return Assessment.objects.filter(Q(owner=request.user) | anonymous).select_related(
            "instrument"
        )
    return Assessment.objects.filter(anonymous).select_related("instrument")


def webs_of_same_person(assessment: Assessment) -> QuerySet[Assessment]:
    """All webs of the person this web belongs to, oldest first (the history)."""
    if assessment.owner_id is not None:
        webs = Assessment.objects.filter(owner_id=assessment.owner_id)
    else:
        webs = Assessment.objects.filter(series=assessment.series, owner__isnull=True)
    return webs.select_related("instrument").order_by("created_at")


@cache
def _web_by_token_sql(lock: bool) -> tuple[str, list[str], list[str]]:
    """The statement behind `web_by_token`, built once per process from the models' fields."""
    quote = connection.ops.quote_name
    web_fields = [f.attname for f in Assessment._meta.concrete_fields]
    instrument_fields = [
        f.attname for f in InstrumentVersion._meta.concrete_fields if f.name != "definition"
    ]
    web_table = quote(Assessment._meta.db_table)
    instrument_table = quote(InstrumentVersion._meta.db_table)
    columns = [f"w.{quote(Assessment._meta.get_field(a).column)}" for a in web_fields] + [
        f"i.{quote(InstrumentVersion._meta.get_field(a).column)}" for a in instrument_fields
    ]
    sql = (
        f"SELECT {', '.join(columns)} FROM {web_table} w JOIN {instrument_table} i"
        f" ON i.{quote('id')} = w.{quote('instrument_id')}"
        f" WHERE w.{quote('access_token')} = %s"
    )
    if lock and connection.features.has_select_for_update_of:
        sql += " FOR UPDATE OF w"
    return sql, web_fields, instrument_fields


@cache
def _converters() -> list[tuple[list, object]]:
    """Per selected column: what turns the database's value into the field's (as the ORM does)."""
    _sql, web_fields, instrument_fields = _web_by_token_sql(False)
    fields = [Assessment._meta.get_field(a) for a in web_fields] + [
        InstrumentVersion._meta.get_field(a) for a in instrument_fields
    ]
    result = []
    for field in fields:
        column = field.get_col(field.model._meta.db_table)
        converters = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        result.append((converters, column))
    return result


def _from_db(converters: list, value, column):
    for convert in converters:
        value = convert(value, column, connection)
    return value


def web_by_token(token: str, *, lock: bool = False) -> Assessment | None:
    """The web behind a private link with its instrument version (its stored JSON left out).

    Every page of a web starts here, so this is one prepared statement rather than a queryset
    built anew on each request (which costs several times the query itself). `lock` (inside a
    transaction): the web's row stays locked until the transaction ends, for a save.
    """
    sql, web_fields, instrument_fields = _web_by_token_sql(lock)
    with connection.cursor() as cursor:
        cursor.execute(sql, [token])
        row = cursor.fetchone()
    if row is None:
        return None
    row = [
        _from_db(converters, value, column)
        for (converters, column), value in zip(_converters(), row, strict=True)
    ]
    db = connection.alias
    web = Assessment.from_db(db, web_fields, row[: len(web_fields)])
    web.instrument = InstrumentVersion.from_db(db, instrument_fields, row[len(web_fields) :])
    return web
