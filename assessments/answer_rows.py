"""Reading and writing a web's answer and note rows on the fill-in path, as plain statements.

Autosave runs on every changed answer, and every part page reads its answers and note.
Building a queryset or a bulk upsert through the ORM costs several times the statement itself,
so these statements are built from the models' fields and then only executed. Like
`bulk_create`, the upsert sends no signals (nothing listens for single answers); the web's own
update sends `post_save` as `save(update_fields=...)` does, for the figures that count it.

Every write of a web's answers also updates the web (its scores, and `updated_at`), so a web's
`updated_at` tells whether anything was saved to it since it was read.
"""

from __future__ import annotations

from contextlib import nullcontext
from functools import cache

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models.signals import post_save
from django.utils import timezone

from assessments.models import Answer, Assessment, DimensionNote
from core.prepared import prepared_cursor


@cache
def _column(name: str, model=Answer) -> str:
    return connection.ops.quote_name(model._meta.get_field(name).column)


@cache
def _table(model=Answer) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def stored_answers(assessment_id: int, item_ids: list[str]) -> dict[str, tuple[float | None, bool]]:
    """item id -> (value, wants to talk) of the stored answers among `item_ids`."""
    if not item_ids:
        return {}
    placeholders = ", ".join(["%s"] * len(item_ids))
    sql = (
        f"SELECT {_column('item_id')}, {_column('value')}, {_column('wants_to_talk')}"
        f" FROM {_table()} WHERE {_column('assessment')} = %s"
        f" AND {_column('item_id')} IN ({placeholders})"
    )
    with prepared_cursor() as cursor:
        cursor.execute(sql, [assessment_id, *item_ids])
        return {item_id: (value, bool(talk)) for item_id, value, talk in cursor.fetchall()}


AnswerRow = tuple[str, float | None, bool]  # item id, value, wants to talk


def _upsert_into() -> str:
    columns = [_column(name) for name in ("assessment", "item_id", "value", "wants_to_talk")]
    return f"INSERT INTO {_table()} ({', '.join(columns)}, {_column('updated_at')})"


def _upsert_conflict() -> str:
    item, value, talk, updated = (
        _column(name) for name in ("item_id", "value", "wants_to_talk", "updated_at")
    )
    return (
        f" ON CONFLICT ({_column('assessment')}, {item}) DO UPDATE SET"
        f" {value} = EXCLUDED.{value}, {talk} = EXCLUDED.{talk}, {updated} = EXCLUDED.{updated}"
    )


def upsert_answers(assessment_id: int, rows: list[AnswerRow]) -> None:
    """Insert or overwrite (item id, value, wants to talk) rows of one web in one statement."""
    if not rows:
        return
    now = connections[DEFAULT_DB_ALIAS].ops.adapt_datetimefield_value(timezone.now())
    sql = (
        f"{_upsert_into()} VALUES {', '.join(['(%s, %s, %s, %s, %s)'] * len(rows))}"
        f"{_upsert_conflict()}"
    )
    params = [
        part for item_id, value, talk in rows for part in (assessment_id, item_id, value, talk, now)
    ]
    with prepared_cursor() as cursor:
        cursor.execute(sql, params)


def stored_notes(assessment_id: int, dimension_ids: list[str]) -> dict[str, str]:
    """dimension id -> text of the stored notes among `dimension_ids`."""
    if not dimension_ids:
        return {}
    placeholders = ", ".join(["%s"] * len(dimension_ids))
    dimension = _column("dimension_id", DimensionNote)
    sql = (
        f"SELECT {dimension}, {_column('text', DimensionNote)} FROM {_table(DimensionNote)}"
        f" WHERE {_column('assessment', DimensionNote)} = %s AND {dimension} IN ({placeholders})"
    )
    with prepared_cursor() as cursor:
        cursor.execute(sql, [assessment_id, *dimension_ids])
        return dict(cursor.fetchall())


@cache
def _web_update_sql(fields: tuple[str, ...], if_unchanged: bool = False) -> str:
    columns = ", ".join(f"{_column(name, Assessment)} = %s" for name in fields)
    sql = f"UPDATE {_table(Assessment)} SET {columns} WHERE {_column('id', Assessment)} = %s"
    if if_unchanged:
        sql += f" AND {_column('updated_at', Assessment)} = %s"
    return sql


@cache
def _web_and_answers_update_sql(fields: tuple[str, ...], answers: int) -> str:
    """PostgreSQL: the web's update and its answers' upsert as one statement, the answers
    written only if the update found the web unchanged (a data-modifying WITH)."""
    row = "(%s, %s::double precision, %s::boolean, %s::timestamptz)"
    return (
        f"WITH web AS ({_web_update_sql(fields, True)} RETURNING {_column('id', Assessment)})"
        f" {_upsert_into()} SELECT web.{_column('id', Assessment)}, v.item, v.value, v.talk,"
        f" v.now FROM web CROSS JOIN (VALUES {', '.join([row] * answers)})"
        f" AS v (item, value, talk, now){_upsert_conflict()}"
    )


def _values_to_write(assessment: Assessment, fields: tuple[str, ...], database) -> list:
    # As Model.save: each field's pre_save runs (`updated_at` moves on).
    values = []
    for name in fields:
        field = Assessment._meta.get_field(name)
        values.append(field.get_db_prep_save(field.pre_save(assessment, False), database))
    return values


def update_web(assessment: Assessment, fields: tuple[str, ...]) -> None:
    """Write these fields of the stored web, as `assessment.save(update_fields=fields)` does:
    each field's `pre_save` runs (`updated_at` moves on), and `post_save` is sent."""
    database = connections[DEFAULT_DB_ALIAS]
    values = _values_to_write(assessment, fields, database)
    with prepared_cursor() as cursor:
        cursor.execute(_web_update_sql(fields), [*values, assessment.pk])
    _send_saved(assessment, fields, database)


def update_web_if_unchanged(
    assessment: Assessment, fields: tuple[str, ...], answers: list[AnswerRow]
) -> bool:
    """`update_web` plus `upsert_answers`, done only if the stored web still has the
    `updated_at` that `assessment` was read with; False, with nothing written, if another save
    came in between.

    One statement on PostgreSQL, so an autosave needs no transaction of its own; elsewhere the
    two statements in one transaction (SQLite's round trips cost little), on SQLite outside an
    atomic block one without Django's bookkeeping for it.
    """
    # The connection looked up once (each read through `connection` looks it up anew).
    database = connections[DEFAULT_DB_ALIAS]
    since = database.ops.adapt_datetimefield_value(assessment.updated_at)
    values = [*_values_to_write(assessment, fields, database), assessment.pk, since]
    with prepared_cursor() as cursor:
        if answers and database.vendor == "postgresql":
            now = database.ops.adapt_datetimefield_value(timezone.now())
            rows = [part for item, value, talk in answers for part in (item, value, talk, now)]
            cursor.execute(_web_and_answers_update_sql(fields, len(answers)), [*values, *rows])
            written = cursor.rowcount == len(answers)
        else:
            with _write_transaction(database) if answers else nullcontext():
                cursor.execute(_web_update_sql(fields, True), values)
                written = cursor.rowcount == 1
                if written:
                    upsert_answers(assessment.pk, answers)
    if written:
        _send_saved(assessment, fields, database)
    return written


def _write_transaction(database):
    # Our SQLite backend's lighter transaction where it can be used (core/sqlite/base.py).
    if hasattr(database, "write_transaction") and database.get_autocommit():
        return database.write_transaction()
    return transaction.atomic(savepoint=False)


def _send_saved(assessment: Assessment, fields: tuple[str, ...], database) -> None:
    post_save.send(
        sender=Assessment,
        instance=assessment,
        created=False,
        update_fields=frozenset(fields),
        raw=False,
        using=database.alias,
    )
