"""The SQLite cursor (core/sqlite) converts each statement text to SQLite's placeholders once
per process, and gets the same rows as Django's own conversion."""

import pytest
from django.db.utils import ConnectionHandler

from core.sqlite.base import _in_qmark_style


@pytest.mark.parametrize("name", ["file", ":memory:"])
def test_a_statement_run_again_with_other_values_gets_its_own_rows(
    name, tmp_path, django_db_blocker
):
    database = {"ENGINE": "core.sqlite", "NAME": str(tmp_path / name) if name == "file" else name}
    connection = ConnectionHandler({"default": database})["default"]
    with django_db_blocker.unblock():
        cursor = connection.cursor()
        cursor.execute("CREATE TABLE note (text varchar)")
        for text in ("50% done", "half", "5%"):
            cursor.execute("INSERT INTO note VALUES (%s)", [text])
        # A literal percent sign is written %% in Django's style, as in this pattern.
        like = "SELECT text FROM note WHERE text LIKE %s || '%%' ORDER BY text"
        before = _in_qmark_style.cache_info()
        cursor.execute(like, ["5"])
        assert [row[0] for row in cursor.fetchall()] == ["5%", "50% done"]
        cursor.execute(like, ["h"])
        assert [row[0] for row in cursor.fetchall()] == ["half"]
        assert _in_qmark_style.cache_info().hits > before.hits
        cursor.execute("SELECT %(text)s || '%%'", {"text": "named"})
        assert cursor.fetchone() == ("named%",)
        connection.close()
