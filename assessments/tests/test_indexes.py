"""The tables every save writes carry no index that another index already covers.

Each index costs a write on every new row (an answer, a note, a web); an index on the first
column of another serves no lookup the other does not.
"""

import pytest
from django.db import connection

from assessments.models import Answer, Assessment, DimensionNote


def indexes_of(table: str) -> list[tuple[str, tuple[str, ...], bool]]:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, table)
    return [
        (name, tuple(info["columns"]), bool(info["unique"]))
        for name, info in found.items()
        if info["index"] or info["unique"]
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("model", [Assessment, Answer, DimensionNote], ids=lambda m: m.__name__)
def test_no_index_is_covered_by_another(model):
    indexes = indexes_of(model._meta.db_table)
    covered = [
        name
        for name, columns, unique in indexes
        if not unique
        and any(
            other != name and len(wider) > len(columns) and wider[: len(columns)] == columns
            for other, wider, _unique in indexes
        )
    ]
    assert covered == []
    # The lookups a dropped index served (a web's answers or notes, a person's webs) are
    # still served by the wider one.
    assert any(len(columns) > 1 for _name, columns, _unique in indexes)
