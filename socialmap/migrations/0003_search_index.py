"""Full-text search in the database: on PostgreSQL pg_trgm and a GIN full-text index over the
normalised columns; on SQLite the FTS5 table is made after every migrate (see
socialmap.search_index), so this migration does nothing there."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations



# The expression socialmap.search_index.PG_VECTOR queries with.
VECTOR = (
    "(setweight(to_tsvector('simple', socialmap_service.search_name), 'A') || "
    "setweight(to_tsvector('simple', socialmap_service.search_text), 'B'))"
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX socialmap_service_search ON socialmap_service USING gin ({VECTOR})"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS socialmap_service_search")


class Migration(migrations.Migration):
    dependencies = [("socialmap", "0002_hsds_records_kept_whole_and_import_jobs")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_index, drop_index),
    ]
