"""Disclosure control for the collective figures: the published blocks of one closed quarter.

Every number any output shows (screen, CSV, XLSX, JSON API, neighbourhood report) is a sum over
*blocks*: disjoint groups of at least MINIMUM_GROUP webs, fixed once per quarter. Whatever an
analyst adds or subtracts, the result describes a union of whole blocks, so it covers either nobody
or at least MINIMUM_GROUP people. That holds for any combination of filters, tables, downloads and
scopes, which is why no table needs its own suppression at page view.

A quarter's blocks are cut along fixed classifications, coarse to fine: postcode area, age group,
programme. A value with fewer than MINIMUM_GROUP webs is not split off: small postcode areas are
combined by shared leading digits (999x, then 99xx, ...), and small age groups or programmes go
into a "combined" block. Each block records what it *may* contain (the declared classes), never
which small classes actually occur, so the blocks themselves do not betray that a small group
exists. Webs that fit in no block of at least MINIMUM_GROUP are left out of every figure.

Plain Python, no database: the service layer feeds in rollup cells and stores the blocks.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

MINIMUM_GROUP = 10
BIN_COUNT = 5
COMBINED = ""  # declared age group / programme of a block that holds several


@dataclass(frozen=True)
class Figures:
    """Sums for one dimension over a group: count, sum, sum of squares and the score bins."""

    count: int = 0
    total: float = 0.0
    total_squares: float = 0.0
    bins: tuple[int, ...] = (0,) * BIN_COUNT

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            self.count + other.count,
            self.total + other.total,
            self.total_squares + other.total_squares,
            tuple(a + b for a, b in zip(self.bins, other.bins, strict=True)),
        )


@dataclass(frozen=True)
class Cell:
    """The finest counted unit (a rollup cell): webs of one area, age group and programme."""

    area: str
    age_band: str
    programme_id: int | None
    organisation_id: int | None
    webs: int
    figures: Mapping[str, Figures]


@dataclass(frozen=True)
class AreaSet:
    """The postcode areas a block may contain: those starting with `prefix`, minus `excluded`.

    A four-digit prefix without exclusions is one area; a shorter prefix is small areas combined,
    without the areas (or finer combinations) published on their own.
    """

    prefix: str
    excluded: tuple[str, ...] = ()

    @property
    def is_single(self) -> bool:
        return len(self.prefix) == 4

    @property
    def key(self) -> str:
        if self.is_single:
            return self.prefix
        return f"{self.prefix}*" + ("-" + ",".join(self.excluded) if self.excluded else "")

    @property
    def label(self) -> str:
        return self.prefix if self.is_single else f"{self.prefix}*"

    def contains(self, area: str) -> bool:
        return area.startswith(self.prefix) and not any(area.startswith(x) for x in self.excluded)

    def within(self, scope: frozenset[str]) -> bool:
        """True when every area this block may contain lies in `scope`."""
        if self.is_single:
            return self.prefix in scope
        return _all_within(self.prefix, self.excluded, scope)

    @classmethod
    def from_key(cls, key: str) -> AreaSet:
        if "*" not in key:
            return cls(key)
        prefix, _star, rest = key.partition("*")
        return cls(prefix, tuple(rest[1:].split(",")) if rest else ())


@functools.lru_cache(maxsize=4096)
def _all_within(prefix: str, excluded: tuple[str, ...], scope: frozenset[str]) -> bool:
    digits = 4 - len(prefix)
    first = 1 if not prefix else 0  # postcode areas never start with 0
    for number in range(first * 10 ** (digits - 1) if digits else 0, 10**digits):
        area = prefix + (str(number).zfill(digits) if digits else "")
        if not any(area.startswith(x) for x in excluded) and area not in scope:
            return False
    return True


@dataclass(frozen=True)
class Block:
    """A published group of at least MINIMUM_GROUP webs and its sums per dimension."""

    areas: AreaSet
    age_band: str  # COMBINED when the block holds several age groups
    programme_id: int | None
    programme_combined: bool
    organisation_id: int | None
    webs: int
    figures: dict[str, Figures] = field(default_factory=dict)


def _webs(cells: Iterable[Cell]) -> int:
    return sum(cell.webs for cell in cells)


def _split_areas(cells: Sequence[Cell]) -> list[tuple[AreaSet, list[Cell]]]:
    """Areas with enough webs on their own; the rest combined by ever shorter shared prefixes."""
    pending: dict[str, list[Cell]] = defaultdict(list)
    for cell in cells:
        pending[cell.area].append(cell)
    # Published prefixes by every shorter prefix they start with, so finding those inside a
    # prefix does not scan all of them.
    published_under: dict[str, list[str]] = defaultdict(list)
    parts: list[tuple[AreaSet, list[Cell]]] = []
    for length in (4, 3, 2, 1, 0):
        grouped: dict[str, list[Cell]] = defaultdict(list)
        for key, members in pending.items():
            grouped[key[:length]].extend(members)
        pending = {}
        for prefix, members in sorted(grouped.items()):
            if _webs(members) >= MINIMUM_GROUP:
                inner = set(published_under[prefix])
                # Only the outermost published prefixes; finer ones lie inside them.
                excluded = tuple(
                    sorted(p for p in inner if not any(p[:k] in inner for k in range(len(p))))
                )
                parts.append((AreaSet(prefix, excluded), members))
                for k in range(len(prefix)):
                    published_under[prefix[:k]].append(prefix)
            else:
                pending[prefix] = members
    return parts  # what is still pending has fewer than MINIMUM_GROUP webs in the whole quarter


def _split(
    cells: Sequence[Cell], key: Callable[[Cell], Hashable]
) -> list[tuple[Hashable, bool, list[Cell]]]:
    """(value, combined, cells): values with enough webs apart, the others together.

    When the others together are still too few, the smallest separate value joins them.
    """
    groups: dict[Hashable, list[Cell]] = defaultdict(list)
    for cell in cells:
        groups[key(cell)].append(cell)
    size = {value: _webs(members) for value, members in groups.items()}
    separate = sorted(
        (value for value in groups if size[value] >= MINIMUM_GROUP),
        key=lambda value: (size[value], str(value)),
    )
    rest = [value for value in groups if size[value] < MINIMUM_GROUP]
    while 0 < sum(size[v] for v in rest) < MINIMUM_GROUP and separate:
        rest.append(separate.pop(0))
    parts: list[tuple[Hashable, bool, list[Cell]]] = [
        (value, False, groups[value]) for value in sorted(separate, key=str)
    ]
    if rest:
        parts.append((None, True, [cell for value in rest for cell in groups[value]]))
    return parts


def _block(areas: AreaSet, age_band: str, programme, combined: bool, cells: list[Cell]) -> Block:
    per_dimension: dict[str, list[Figures]] = defaultdict(list)
    for cell in cells:
        for dimension, figures in cell.figures.items():
            per_dimension[dimension].append(figures)
    sums = {}
    for dimension, figures in per_dimension.items():
        sums[dimension] = Figures(
            int(sum(f.count for f in figures)),
            sum(f.total for f in figures),
            sum(f.total_squares for f in figures),
            tuple(int(total) for total in map(sum, zip(*(f.bins for f in figures), strict=True))),
        )
    return Block(
        areas=areas,
        age_band=age_band,
        programme_id=None if combined else programme,
        programme_combined=combined,
        organisation_id=None if combined else cells[0].organisation_id,
        webs=_webs(cells),
        figures=sums,
    )


def partition(cells: Sequence[Cell]) -> list[tuple[AreaSet, str, Hashable, bool, list[Cell]]]:
    """The small-group protection itself: which cells form each block (areas, age group,
    programme, programme combined, cells). Only web counts decide; every block has at least
    MINIMUM_GROUP webs."""
    result = []
    for areas, area_cells in _split_areas(cells):
        for age, age_combined, age_cells in _split(area_cells, lambda c: c.age_band):
            age_band = COMBINED if age_combined else str(age)
            for programme, combined, programme_cells in _split(age_cells, lambda c: c.programme_id):
                result.append((areas, age_band, programme, combined, programme_cells))
    return result


def blocks(cells: Sequence[Cell]) -> list[Block]:
    """The published blocks of one quarter; every block holds at least MINIMUM_GROUP webs."""
    return [_block(*part) for part in partition(cells)]
