"""Cursors whose statements PostgreSQL plans once per connection instead of on every request.

Django binds parameters in the client, so the server parses and plans each statement anew;
for the short statements of the fill-in path that costs as much as running them. These
cursors bind on the server, and the connection prepares a statement on its first use
(`prepare_threshold` in the database OPTIONS, see settings). With the threshold unset, on
SQLite, and while queries are logged (DEBUG, or a test counting them: the log then shows each
statement with its values), they are Django's ordinary cursors.
"""

from __future__ import annotations

from functools import cache

from django.db import DEFAULT_DB_ALIAS, connections


@cache
def _server_binding_cursor() -> type:
    # Imported on first use: it loads psycopg, which a worker on SQLite never needs.
    from django.db.backends.postgresql.base import ServerBindingCursor

    return ServerBindingCursor


def prepared_cursor():
    """A cursor (use it as a context manager) for statements the fill-in path runs often."""
    # The connection looked up once: each attribute read through `django.db.connection` looks
    # it up anew (about a microsecond each, several times per save).
    database = connections[DEFAULT_DB_ALIAS]
    if database.vendor != "postgresql" or database.queries_logged:
        return database.cursor()
    database.ensure_connection()
    if database.connection.prepare_threshold is None:
        return database.cursor()
    database.validate_thread_sharing()
    return database.make_cursor(_server_binding_cursor()(database.connection))
