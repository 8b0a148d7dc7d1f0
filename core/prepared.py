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

from django.db import connection


@cache
def _server_binding_cursor() -> type:
    # Imported on first use: it loads psycopg, which a worker on SQLite never needs.
    from django.db.backends.postgresql.base import ServerBindingCursor

    return ServerBindingCursor


def prepared_cursor():
    """A cursor (use it as a context manager) for statements the fill-in path runs often."""
    if connection.vendor != "postgresql" or connection.queries_logged:
        return connection.cursor()
    connection.ensure_connection()
    if connection.connection.prepare_threshold is None:
        return connection.cursor()
    connection.validate_thread_sharing()
    return connection.make_cursor(_server_binding_cursor()(connection.connection))
