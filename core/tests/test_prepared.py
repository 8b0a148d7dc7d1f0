"""On PostgreSQL the fill-in path's statements are planned once per connection, not per request."""

import pytest
from django.db import connection
from django.urls import reverse

from assessments.tests.test_fill_in import start

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"
)


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [statement for (statement,) in cursor.fetchall()]


def autosave_twice(client) -> None:
    web = start(client, "bredeblik-volwassenen")
    item = web.definition.dimensions[0].items[0].id
    for value in ("4", "5"):
        response = client.post(
            reverse("assessments:save_answer", args=[web.access_token]),
            {"number": "1", f"item-{item}": value},
        )
        assert response.status_code == 200


@pytest.mark.django_db
def test_an_autosave_runs_prepared_statements_for_its_read_and_its_write(client):
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")

    autosave_twice(client)

    statements = prepared_statements()
    assert any("json_agg" in s and "access_token" in s for s in statements), statements
    assert any(s.startswith("WITH web AS (UPDATE") for s in statements), statements


@pytest.mark.django_db
def test_with_prepared_statements_turned_off_nothing_is_prepared(client, monkeypatch):
    connection.ensure_connection()
    monkeypatch.setattr(connection.connection, "prepare_threshold", None)
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")

    autosave_twice(client)

    assert prepared_statements() == []
