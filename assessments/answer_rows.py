"""Reading and writing a web's answer and note rows on the fill-in path, as plain statements.

Autosave runs on every changed answer, and every part page reads its answers and note.
Building a queryset or a bulk upsert through the ORM costs several times the statement itself,
so these statements are built from the models' fields and then only executed. Like
`bulk_create`, the upsert sends no signals (nothing listens for single answers); the web's own
update sends `post_save` as `save(update_fields=...)` does, for the figures that count it.
"""

from __future__ import annotations

from functools import cache

from django.db import connection
from django.db.models.signals import post_save
from django.utils import timezone

from assessments.models import Answer, Assessment, DimensionNote


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
    with connection.cursor() as cursor:
        cursor.execute(sql, [assessment_id, *item_ids])
        return {item_id: (value, bool(talk)) for item_id, value, talk in cursor.fetchall()}


def upsert_answers(assessment_id: int, rows: list[tuple[str, float | None, bool]]) -> None:
    """Insert or overwrite (item id, value, wants to talk) rows of one web in one statement."""
    if not rows:
        return
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    columns = [_column(name) for name in ("assessment", "item_id", "value", "wants_to_talk")]
    updated = _column("updated_at")
    sql = (
        f"INSERT INTO {_table()} ({', '.join(columns)}, {updated})"
        f" VALUES {', '.join(['(%s, %s, %s, %s, %s)'] * len(rows))}"
        f" ON CONFLICT ({columns[0]}, {columns[1]}) DO UPDATE SET"
        f" {columns[2]} = EXCLUDED.{columns[2]}, {columns[3]} = EXCLUDED.{columns[3]},"
        f" {updated} = EXCLUDED.{updated}"
    )
    params = [
        part for item_id, value, talk in rows for part in (assessment_id, item_id, value, talk, now)
    ]
    with connection.cursor() as cursor:
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
    with connection.cursor() as cursor:
        cursor.execute(sql, [assessment_id, *dimension_ids])
        return dict(cursor.fetchall())


@cache
def _web_update_sql(fields: tuple[str, ...]) -> str:
    columns = ", ".join(f"{_column(name, Assessment)} = %s" for name in fields)
    return f"UPDATE {_table(Assessment)} SET {columns} WHERE {_column('id', Assessment)} = %s"


def update_web(assessment: Assessment, fields: tuple[str, ...]) -> None:
    """Write these fields of the stored web, as `assessment.save(update_fields=fields)` does:
    each field's `pre_save` runs (`updated_at` moves on), and `post_save` is sent."""
    values = []
    for name in fields:
        field = Assessment._meta.get_field(name)
        values.append(field.get_db_prep_save(field.pre_save(assessment, False), connection))
    with connection.cursor() as cursor:
        cursor.execute(_web_update_sql(fields), [*values, assessment.pk])
    post_save.send(
        sender=Assessment,
        instance=assessment,
        created=False,
        update_fields=frozenset(fields),
        raw=False,
        using=connection.alias,
    )
