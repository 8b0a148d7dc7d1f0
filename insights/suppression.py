"""Small-group protection for published tables.

A table is its cells plus row totals, column totals and the grand total. Signing the margins turns
it into an (R+1)x(C+1) matrix whose every row and column sums to zero; an unknown entry can then be
worked out from the published ones exactly when it is a bridge in the bipartite graph of unknown
entries (rows and columns as nodes). So we suppress: every entry below the threshold (primary),
then, until stable, another entry on any line with exactly one unknown, and an entry that closes a
cycle around any remaining bridge (secondary).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MINIMUM_GROUP = 10

Entry = tuple[int, int]


@dataclass(frozen=True)
class ProtectedTable:
    """Counts with their margins; None where a number may not be shown."""

    cells: list[list[int | None]]
    row_totals: list[int | None]
    column_totals: list[int | None]
    grand_total: int | None

    def cell_shown(self, row: int, column: int) -> bool:
        return self.cells[row][column] is not None


def extended_matrix(cells: Sequence[Sequence[int]]) -> list[list[int]]:
    """Cells with a row-total column and a column-total row appended (grand total bottom right)."""
    rows = [list(row) + [sum(row)] for row in cells]
    columns = len(rows[0]) if rows else 1
    rows.append([sum(row[c] for row in rows) for c in range(columns)])
    return rows


def _connected(edges: set[Entry], start: tuple[str, int], goal: tuple[str, int]) -> bool:
    neighbours: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for r, c in edges:
        neighbours.setdefault(("r", r), []).append(("c", c))
        neighbours.setdefault(("c", c), []).append(("r", r))
    seen = {start}
    stack = [start]
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        for nxt in neighbours.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return False


def _component(edges: set[Entry], start: tuple[str, int]) -> set[tuple[str, int]]:
    nodes = {start}
    changed = True
    while changed:
        changed = False
        for r, c in edges:
            a, b = ("r", r), ("c", c)
            if (a in nodes) != (b in nodes):
                nodes |= {a, b}
                changed = True
    return nodes


def bridges(suppressed: set[Entry]) -> list[Entry]:
    """Suppressed entries that the published numbers determine (see the module docstring)."""
    return [
        (r, c)
        for r, c in sorted(suppressed)
        if not _connected(suppressed - {(r, c)}, ("r", r), ("c", c))
    ]


def suppressed_entries(matrix: Sequence[Sequence[int]], minimum: int = MINIMUM_GROUP) -> set[Entry]:
    """Entries of an extended matrix to hide: primary below `minimum`, then secondary."""
    height, width = len(matrix), len(matrix[0])
    hidden = {(r, c) for r in range(height) for c in range(width) if matrix[r][c] < minimum}

    def smallest_shown(candidates: list[Entry]) -> Entry | None:
        shown = [e for e in candidates if e not in hidden]
        return min(shown, key=lambda e: (matrix[e[0]][e[1]], e)) if shown else None

    changed = True
    while changed:
        changed = False
        lines = [[(r, c) for c in range(width)] for r in range(height)]
        lines += [[(r, c) for r in range(height)] for c in range(width)]
        for line in lines:
            if sum(1 for e in line if e in hidden) == 1:
                extra = smallest_shown(line)
                if extra is not None:
                    hidden.add(extra)
                    changed = True
        if changed:
            continue
        for r, c in bridges(hidden):
            rest = hidden - {(r, c)}
            row_side = _component(rest, ("r", r))
            column_side = _component(rest, ("c", c))
            # An entry from the column's side of the bridge back to the row's side closes a cycle.
            candidates = [
                (rr, cc)
                for kind_r, rr in column_side
                if kind_r == "r"
                for kind_c, cc in row_side
                if kind_c == "c"
            ]
            extra = smallest_shown(candidates)
            if extra is not None:
                hidden.add(extra)
                changed = True
                break
    return hidden


def protect(cells: Sequence[Sequence[int]], minimum: int = MINIMUM_GROUP) -> ProtectedTable:
    """The table as it may be published: every hidden number is None."""
    if not cells:
        return ProtectedTable(cells=[], row_totals=[], column_totals=[], grand_total=None)
    matrix = extended_matrix(cells)
    hidden = suppressed_entries(matrix, minimum)
    shown = [
        [None if (r, c) in hidden else value for c, value in enumerate(row)]
        for r, row in enumerate(matrix)
    ]
    return ProtectedTable(
        cells=[row[:-1] for row in shown[:-1]],
        row_totals=[row[-1] for row in shown[:-1]],
        column_totals=shown[-1][:-1],
        grand_total=shown[-1][-1],
    )
