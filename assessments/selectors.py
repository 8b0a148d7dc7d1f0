"""Which webs a visitor may see, and which webs belong to the same person."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from django.db import connection
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from assessments.models import Answer, Assessment, DimensionNote, Drawing
from core.prepared import prepared_cursor
from instruments.definition import Dimension
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


@dataclass(frozen=True)
class _Columns:
    """The columns of one model in a statement, and what turns each value into the field's."""

    model: type
    attnames: list[str]
    converters: list[tuple[list, object]]

    @classmethod
    def of(cls, model, leave_out: str = "") -> _Columns:
        attnames = [f.attname for f in model._meta.concrete_fields if f.name != leave_out]
        converters = []
        for attname in attnames:
            column = model._meta.get_field(attname).get_col(model._meta.db_table)
            converters.append(
                (
                    connection.ops.get_db_converters(column) + column.get_db_converters(connection),
                    column,
                )
            )
        return cls(model, attnames, converters)

    def select(self, alias: str) -> str:
        quote = connection.ops.quote_name
        return ", ".join(
            f"{alias}.{quote(self.model._meta.get_field(a).column)}" for a in self.attnames
        )

    def instance(self, values):
        """The model instance (as the ORM makes it) from this model's values of a row."""
        converted = []
        for (converters, column), value in zip(self.converters, values, strict=True):
            for convert in converters:
                value = convert(value, column, connection)
            converted.append(value)
        return self.model.from_db(connection.alias, self.attnames, converted)


@cache
def _web_by_token_sql(lock: bool) -> tuple[str, _Columns, _Columns]:
    """The statement behind `web_by_token`, built once per process from the models' fields."""
    quote = connection.ops.quote_name
    web, instrument = _Columns.of(Assessment), _Columns.of(InstrumentVersion, "definition")
    sql = (
        f"SELECT {web.select('w')}, {instrument.select('i')}"
        f" FROM {quote(Assessment._meta.db_table)} w"
        f" JOIN {quote(InstrumentVersion._meta.db_table)} i"
        f" ON i.{quote('id')} = w.{quote('instrument_id')}"
        f" WHERE w.{quote('access_token')} = %s"
    )
    if lock and connection.features.has_select_for_update_of:
        sql += " FOR UPDATE OF w"
    return sql, web, instrument


def _web_from_row(row, web: _Columns, instrument: _Columns) -> Assessment:
    split = len(web.attnames)
    assessment = web.instance(row[:split])
    assessment.instrument = instrument.instance(row[split : split + len(instrument.attnames)])
    return assessment


def _web_by_token_sql_with(columns: str) -> tuple[str, _Columns, _Columns]:
    """`web_by_token`'s statement with more columns selected after the web's and its version's."""
    base_sql, web, instrument = _web_by_token_sql(False)
    select, rest = base_sql.split(" FROM ", 1)
    return f"{select}, {columns} FROM {rest}", web, instrument


def web_by_token(token: str, *, lock: bool = False) -> Assessment | None:
    """The web behind a private link with its instrument version (its stored JSON left out).

    Every page of a web starts here, so this is one prepared statement rather than a queryset
    built anew on each request (which costs several times the query itself). `lock` (inside a
    transaction): the web's row stays locked until the transaction ends, for a save.
    """
    sql, web, instrument = _web_by_token_sql(lock)
    with prepared_cursor() as cursor:
        cursor.execute(sql, [token])
        row = cursor.fetchone()
    if row is None:
        return None
    return _web_from_row(row, web, instrument)


@dataclass(frozen=True)
class StoredRows:
    """A web's answers and notes as stored, read in the same statement as the web."""

    answers: dict[str, tuple[float | None, bool]]  # item id -> (value, wants to talk)
    notes: dict[str, str]  # dimension id -> text


def _rows_as_json(columns: list[str]) -> str:
    """The aggregate of the selected rows as JSON text, a list of lists (null for no rows)."""
    if connection.vendor == "postgresql":
        return f"json_agg(json_build_array({', '.join(columns)}))::text"
    return f"json_group_array(json_array({', '.join(columns)}))"


def _exact_text(column: str) -> str:
    # A float as text that reads back as the same float (SQLite's JSON keeps 15 digits only).
    if connection.vendor == "postgresql":
        return f"{column}::text"
    return f"CASE WHEN {column} IS NULL THEN NULL ELSE printf('%%!.17g', {column}) END"


@cache
def _web_with_rows_sql(part_items: int = 0) -> tuple[str, _Columns, _Columns]:
    """`web_by_token`'s statement plus the web's answers and notes, each as one JSON text.

    `part_items`: only the answers among that many item ids and the note of one part, given
    as parameters before the token (the rest of the web is not read)."""
    quote = connection.ops.quote_name

    def column(model, name: str) -> str:
        return quote(model._meta.get_field(name).column)

    def rows_of(model, alias: str, columns: list[str], only: str) -> str:
        return (
            f"(SELECT {_rows_as_json(columns)} FROM {quote(model._meta.db_table)} {alias}"
            f" WHERE {alias}.{column(model, 'assessment')} = w.{quote('id')}{only})"
        )

    answers_of_part = notes_of_part = ""
    if part_items:
        placeholders = ", ".join(["%s"] * part_items)
        answers_of_part = f" AND a.{column(Answer, 'item_id')} IN ({placeholders})"
        notes_of_part = f" AND n.{column(DimensionNote, 'dimension_id')} = %s"
    answers = rows_of(
        Answer,
        "a",
        [
            f"a.{column(Answer, 'item_id')}",
            _exact_text(f"a.{column(Answer, 'value')}"),
            f"a.{column(Answer, 'wants_to_talk')}",
        ],
        answers_of_part,
    )
    notes = rows_of(
        DimensionNote,
        "n",
        [f"n.{column(DimensionNote, 'dimension_id')}", f"n.{column(DimensionNote, 'text')}"],
        notes_of_part,
    )
    return _web_by_token_sql_with(f"{answers}, {notes}")


def web_with_rows_by_token(
    token: str, part: Dimension | None = None
) -> tuple[Assessment, StoredRows] | None:
    """The web behind a private link, as `web_by_token` reads it, with its stored answers and
    notes from the same statement (autosave, which reads no other rows before it writes).

    With `part`, only that part's answers and note are read: a save of one page needs no more.
    The caller checks that `part` belongs to the web's own definition.
    """
    if part is None:
        params, part_items = [token], 0
    else:
        params, part_items = [*(item.id for item in part.items), part.id, token], len(part.items)
    sql, web, instrument = _web_with_rows_sql(part_items)
    with prepared_cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    *row, answers, notes = row
    stored = StoredRows(
        answers={
            item_id: (None if value is None else float(value), bool(talk))
            for item_id, value, talk in json.loads(answers or "[]")
        },
        notes=dict(json.loads(notes or "[]")),
    )
    return _web_from_row(row, web, instrument), stored


@dataclass(frozen=True)
class ResultPageWeb:
    """A web as its result page needs it, read in one statement (see `web_for_result_page`)."""

    web: Assessment
    has_earlier: bool  # an earlier completed web of the same person, to compare with
    # Every stored value of the rows the panels read besides the web (the consent to count in
    # the figures; the room the web was filled in together in, with the share given there, and
    # whether that share is in force now): a different text when any of them changed.
    related_version: str
    kept_page: bytes | None = None  # the page as last drawn (assessments.drawings), if recent

    def read_related(self) -> None:
        """Read the rows the panels show into the web's relations, as the panels ask for them."""
        web = self.web
        consent = Assessment._meta.get_field(CONSENT)
        room = Assessment._meta.get_field(ROOM)
        consent.set_cached_value(
            web, consent.related_model.objects.filter(assessment_id=web.pk).first()
        )
        room.set_cached_value(
            web,
            room.related_model.objects.filter(assessment_id=web.pk)
            .select_related(ROOM_SHARE)
            .first(),
        )


def row_values(row) -> list | None:
    """Every stored value of a row (None for no row), to tell whether it changed."""
    if row is None:
        return None
    return [getattr(row, field.attname) for field in row._meta.concrete_fields]


# What the result page's panels read of a web besides its own row: the consent to count in the
# figures, and the web filled in together in the room with the consent given there.
CONSENT, ROOM, ROOM_SHARE = "collective_consent", "room", "share"


def _as_text(alias: str, model) -> str:
    """SQL for every column of a row as one text, to tell whether the row changed."""
    if connection.vendor == "postgresql":
        return f"{alias}::text"  # its own text form of a row: far less to plan than the columns
    quote = connection.ops.quote_name
    return " || '|' || ".join(
        f"COALESCE(CAST({alias}.{quote(field.column)} AS TEXT), '-')"
        for field in model._meta.concrete_fields
    )


@cache
def _result_page_sql() -> tuple[str, _Columns, _Columns]:
    """`web_by_token`'s statement, plus whether an earlier completed web of the same person
    exists (as `webs_of_same_person` defines the person) and the panels' rows as text.

    Subqueries rather than joins: PostgreSQL plans this statement on every request, and
    joins cost it far more planning."""
    quote = connection.ops.quote_name
    consent = Assessment._meta.get_field(CONSENT).related_model
    room = Assessment._meta.get_field(ROOM).related_model
    share = room._meta.get_field(ROOM_SHARE).related_model
    webs = quote(Assessment._meta.db_table)
    owner, series, status = (
        quote(Assessment._meta.get_field(f).column) for f in ("owner", "series", "status")
    )
    pk = quote("id")
    by_web = quote(consent._meta.get_field("assessment").column)
    room_by_web = quote(room._meta.get_field("assessment").column)
    starts = quote(share._meta.get_field("starts_at").column)
    earlier = (
        f"CASE WHEN w.{owner} IS NOT NULL THEN EXISTS (SELECT 1 FROM {webs} e"
        f" WHERE e.{owner} = w.{owner} AND e.{pk} <> w.{pk} AND e.{status} = %s)"
        f" ELSE EXISTS (SELECT 1 FROM {webs} e WHERE e.{series} = w.{series}"
        f" AND e.{owner} IS NULL AND e.{pk} <> w.{pk} AND e.{status} = %s) END"
    )
    consent_text = (
        f"(SELECT {_as_text('c', consent)} FROM {quote(consent._meta.db_table)} c"
        f" WHERE c.{by_web} = w.{pk})"
    )
    room_text = (
        f"(SELECT {_as_text('r', room)} || '#' || COALESCE({_as_text('s', share)}, '-')"
        f" || '#' || CASE WHEN s.{starts} <= %s THEN 'now' ELSE 'later' END"
        f" FROM {quote(room._meta.db_table)} r LEFT JOIN {quote(share._meta.db_table)} s"
        f" ON s.{pk} = r.{quote(room._meta.get_field(ROOM_SHARE).column)}"
        f" WHERE r.{room_by_web} = w.{pk})"
    )
    drawing = Drawing._meta
    kept_page = (
        f"(SELECT d.{quote(drawing.get_field('content').column)}"
        f" FROM {quote(drawing.db_table)} d WHERE d.{quote(drawing.get_field('assessment').column)}"
        f" = w.{pk} AND d.{quote(drawing.get_field('kind').column)} = %s"
        f" AND d.{quote(drawing.get_field('language').column)} = %s"
        f" AND d.{quote(drawing.get_field('drawn_at').column)} > %s)"
    )
    return _web_by_token_sql_with(f"{earlier}, {consent_text}, {room_text}, {kept_page}")


def web_for_result_page(token: str, language: str, kept_since: datetime) -> ResultPageWeb | None:
    """The web behind a private link with what its result page shows besides it, in one
    statement: whether earlier webs exist, what the panels' rows are now, and the page as it
    was last drawn in `language`, if that was after `kept_since`."""
    sql, web_columns, instrument = _result_page_sql()
    completed = Assessment.Status.COMPLETED.value
    adapt = connection.ops.adapt_datetimefield_value
    with prepared_cursor() as cursor:
        page = [Drawing.Kind.PAGE.value, language, adapt(kept_since)]
        cursor.execute(sql, [completed, completed, adapt(timezone.now()), *page, token])
        row = cursor.fetchone()
    if row is None:
        return None
    *row, has_earlier, consent_text, room_text, kept_page = row
    web = _web_from_row(row, web_columns, instrument)
    return ResultPageWeb(
        web,
        bool(has_earlier),
        repr([consent_text, room_text]),
        None if kept_page is None else bytes(kept_page),
    )


def kept_drawing(web_pk: int, kind: str, language: str, kept_since: datetime) -> bytes | None:
    """The drawing of this kind and language as it was last kept, if after `kept_since`."""
    content = (
        Drawing.objects.filter(
            assessment_id=web_pk, kind=kind, language=language, drawn_at__gt=kept_since
        )
        .values_list("content", flat=True)
        .first()
    )
    return None if content is None else bytes(content)
