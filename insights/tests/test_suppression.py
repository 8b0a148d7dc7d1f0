from hypothesis import given, settings
from hypothesis import strategies as st

from insights.suppression import bridges, extended_matrix, protect


def hidden_entries(table) -> set[tuple[int, int]]:
    rows = [list(row) + [total] for row, total in zip(table.cells, table.row_totals, strict=True)]
    rows.append(list(table.column_totals) + [table.grand_total])
    return {(r, c) for r, row in enumerate(rows) for c, v in enumerate(row) if v is None}


def test_small_cells_are_hidden_and_large_ones_shown():
    table = protect([[25, 30, 3], [40, 12, 50]])
    assert table.cells[0][2] is None
    assert table.cells[0][1] == 30
    assert table.grand_total == 160


def test_one_hidden_cell_in_a_row_takes_a_second_with_it():
    # Row 0 total 58 is published; 3 alone hidden would be 58 - 25 - 30.
    table = protect([[25, 30, 3], [40, 12, 50]])
    hidden_in_row = [c for c in table.cells[0] if c is None]
    assert len(hidden_in_row) >= 2
    hidden_in_column = [row[2] for row in table.cells if row[2] is None]
    assert len(hidden_in_column) >= 2 or table.column_totals[2] is None


def test_a_single_column_table_never_leaves_one_group_recoverable_from_the_total():
    table = protect([[120], [4], [300]])
    assert table.cells[1][0] is None
    assert table.cells[0][0] is None  # next-smallest, else 424 - 120 - 300 = 4
    assert table.cells[2][0] == 300


def test_empty_table():
    assert protect([]).grand_total is None


def recoverable(published: list[list[int | None]], truth: list[list[int]]) -> set:
    """An attacker's subtraction: repeatedly solve any line with one unknown."""
    known = {
        (r, c): v for r, row in enumerate(published) for c, v in enumerate(row) if v is not None
    }
    height, width = len(truth), len(truth[0])
    found = set()
    changed = True
    while changed:
        changed = False
        lines = [[(r, c) for c in range(width)] for r in range(height)]
        lines += [[(r, c) for r in range(height)] for c in range(width)]
        for line in lines:
            unknown = [e for e in line if e not in known]
            if len(unknown) == 1:
                (entry,) = unknown
                # total entries are last in a line; a line says cells sum to its total
                *cells, total = line
                if entry == total:
                    value = sum(known[e] for e in cells)
                else:
                    value = known[total] - sum(known[e] for e in cells if e != entry)
                known[entry] = value
                found.add(entry)
                changed = True
    return found


counts = st.integers(min_value=0, max_value=40)
tables = st.integers(1, 5).flatmap(
    lambda width: st.lists(st.lists(counts, min_size=width, max_size=width), min_size=1, max_size=6)
)


@settings(max_examples=300, deadline=None)
@given(tables)
def test_no_suppressed_number_can_be_worked_out_from_published_ones(cells):
    table = protect(cells)
    hidden = hidden_entries(table)
    truth = extended_matrix(cells)
    # Every number below 10 (cells and totals) is hidden.
    for r, row in enumerate(truth):
        for c, value in enumerate(row):
            if value < 10:
                assert (r, c) in hidden
    published = [
        [None if (r, c) in hidden else v for c, v in enumerate(row)] for r, row in enumerate(truth)
    ]
    # Chained subtraction along rows and columns recovers nothing hidden...
    assert recoverable(published, truth) == set()
    # ...and neither does any linear combination of totals (no hidden entry is a bridge).
    assert bridges(hidden) == []
