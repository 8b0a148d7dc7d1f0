"""Full-text search in the database: on PostgreSQL pg_trgm and a stored, GIN-indexed full-text
vector of the normalised columns; on SQLite the FTS5 table is made after every migrate (see
socialmap.search_index), so this migration does nothing there.

The vector is a stored generated column rather than an index over an expression: when a
dimension or area filter makes PostgreSQL check the text row by row, reading a stored vector
costs microseconds where computing it again cost 150 ms per search at 10,000 services."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

# socialmap.search_index.PG_VECTOR queries this column.
VECTOR = (
    "(setweight(to_tsvector('simple', search_name), 'A') || "
    "setweight(to_tsvector('simple', search_text), 'B'))"
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE socialmap_service ADD COLUMN search_vector tsvector "
            f"GENERATED ALWAYS AS {VECTOR} STORED"
        )
        schema_editor.execute(
            "CREATE INDEX socialmap_service_search ON socialmap_service USING gin (search_vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS socialmap_service_search")
        schema_editor.execute("ALTER TABLE socialmap_service DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):
    dependencies = [("socialmap", "0002_hsds_records_kept_whole_and_import_jobs")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_index, drop_index),
    ]
