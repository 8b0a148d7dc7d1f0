"""An analyst tries to take the figures apart; nothing about a group of 1-9 people comes out.

The property test marks every person: person i scores 2**i on the first dimension, so the sum a
row publishes names exactly who is in it. Then it asks every filter combination an analyst can
ask and checks the strongest form of the promise: split the people by which published rows they
are in; every part holds 0 or at least 10 people. Any sum or difference of published counts,
sums or bins (pairs of queries, total minus parts, two scopes) only ever combines whole parts.
"""

import csv
import io
import itertools
from collections import defaultdict

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from insights import disclosure, selectors, services
from insights.models import DimensionRollup, PublishedFigure, PublishedPeriod
from insights.statistics import BIN_FIELDS
from insights.tests.helpers import analyst, counted_web, in_quarter, publish
from sharing.tests.helpers import verified_login

AREAS = ["9990", "9991", "9992", "9981"]
AGES = ["18-29", "30-44", "45-64"]
YEAR = in_quarter().year
PERIODS = [f"{YEAR - 1}Q4", f"{YEAR}Q1", f"{YEAR}Q2"]

people = st.lists(
    st.tuples(
        st.sampled_from(AREAS),
        st.sampled_from(AGES),
        st.sampled_from([None, "p"]),
        st.sampled_from(PERIODS),
    ),
    min_size=0,
    max_size=45,
)


def _store(persons, programme) -> None:
    """Rollup cells for these people, as the counting would leave them; then publish."""
    DimensionRollup.objects.all().delete()
    PublishedFigure.objects.all().delete()
    PublishedPeriod.objects.all().delete()
    cells = defaultdict(list)
    for index, (area, age, prog, period) in enumerate(persons):
        cells[(area, age, prog, period)].append(index)
    dims = selectors.dimension_ids()
    rows = []
    for (area, age, prog, period), members in cells.items():
        keys = {
            "postcode_area": area,
            "age_band": age,
            "period": period,
            "programme": programme if prog else None,
            "organisation_id": programme.organisation_id if prog else None,
        }
        n = len(members)
        rows.append(DimensionRollup(dimension="*", count=n, **keys))
        marks = float(sum(2**i for i in members))
        for position, dimension in enumerate(dims):
            total = marks if position == 0 else 5.0 * n
            rows.append(
                DimensionRollup(
                    dimension=dimension, count=n, total=total, bin_5_6=n, total_squares=0, **keys
                )
            )
    DimensionRollup.objects.bulk_create(rows)
    for period in PERIODS:
        services.publish_period(period)


def _members(count: int | None, mean: float | None) -> frozenset[int]:
    if not count:
        return frozenset()
    marks = round(mean * count)
    return frozenset(i for i in range(marks.bit_length()) if marks >> i & 1)


def every_question(programme_id: int):
    breakdowns = list(selectors.BREAKDOWNS)
    for breakdown, area, age, years, programme in itertools.product(
        breakdowns,
        ["", *AREAS],
        ["", *AGES],
        [(None, None), (YEAR, None), (None, YEAR - 1)],
        [None, programme_id],
    ):
        yield selectors.Filters(breakdown, area, age, years[0], years[1], programme)


def published_groups(scopes, programme_id: int) -> list[frozenset[int]]:
    """Everyone each shown number covers, over every question and scope."""
    groups = []
    for scope in scopes:
        for filters in every_question(programme_id):
            figures = selectors.dashboard(scope, filters)
            first = figures.dimensions[0]
            for row in [*first.rows, first.total]:
                groups.append(_members(row.count, row.mean))
            assert sum(figures.webs) == (figures.webs_total or 0)
    return groups


def parts(groups: list[frozenset[int]]) -> dict[frozenset[int], set[int]]:
    """People split by exactly which published numbers include them."""
    everyone = set().union(*groups) if groups else set()
    by_signature: dict[frozenset[int], set[int]] = defaultdict(set)
    for person in everyone:
        signature = frozenset(i for i, g in enumerate(groups) if person in g)
        by_signature[signature].add(person)
    return by_signature


@pytest.fixture
def programme(db):
    from insights.models import Programme
    from organisations.models import Organisation

    organisation = Organisation.objects.create(name="Coaches (fictief)", slug="coaches")
    return Programme.objects.create(organisation=organisation, name="Coaching")


@pytest.mark.django_db
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(persons=people)
def test_no_combination_of_questions_isolates_fewer_than_ten_people(programme, persons):
    _store(persons, programme)
    municipality = selectors.Q(area_label__in=["9990", "9991", "9992"])
    from insights.models import Analyst

    scoped = Analyst(postcode_areas=["9990", "9991", "9992"])
    scopes = [selectors.Q(), selectors.scope_filter(scoped)]
    assert municipality is not None
    groups = published_groups(scopes, programme.pk)
    for group in groups:
        assert len(group) == 0 or len(group) >= disclosure.MINIMUM_GROUP
    for signature, members in parts(groups).items():
        assert len(members) >= disclosure.MINIMUM_GROUP, (signature, members)
    # The same, said the way an attacker works: any two numbers, one inside the other.
    for first, second in itertools.combinations(set(groups), 2):
        if second < first or first < second:
            assert len(first ^ second) >= disclosure.MINIMUM_GROUP


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["1011", "1012", "1021", "9990", "9991", "9999", "5000"]),
            st.sampled_from(AGES),
            st.sampled_from([None, 1, 2]),
            st.integers(1, 14),
        ),
        max_size=30,
    )
)
def test_blocks_are_disjoint_groups_of_ten_that_say_only_what_they_may_hold(raw):
    cells = [
        disclosure.Cell(area, age, prog, prog, webs, {"d": disclosure.Figures(webs, 5.0 * webs)})
        for area, age, prog, webs in raw
    ]
    blocks = disclosure.blocks(cells)
    assert all(block.webs >= disclosure.MINIMUM_GROUP for block in blocks)
    assert sum(block.webs for block in blocks) <= sum(c.webs for c in cells)
    left_out = sum(c.webs for c in cells) - sum(block.webs for block in blocks)
    assert left_out < disclosure.MINIMUM_GROUP
    for cell in cells:
        homes = [
            b
            for b in blocks
            if b.areas.contains(cell.area)
            and b.age_band in (cell.age_band, disclosure.COMBINED)
            and (b.programme_combined or b.programme_id == cell.programme_id)
        ]
        assert len({b.areas for b in homes}) <= 1  # an area lies in one area set only


@pytest.fixture
def zonnedal(db):
    """9992: 14 webs of 18-29 year olds, one of them in the previous year; 9998 and 9999 small."""
    for _ in range(13):
        counted_web((6, 6, 6, 6, 6, 6), area="9992", age="18-29")
    counted_web((1, 9, 2, 8, 3, 7), area="9992", age="18-29", when=in_quarter(YEAR - 1))
    for _ in range(20):
        counted_web((7, 7, 7, 7, 7, 7), area="9991", age="45-64")
    for _ in range(5):
        counted_web((2, 2, 2, 2, 2, 2), area="9998", age="65-79")
    for _ in range(3):
        counted_web((3, 3, 3, 3, 3, 3), area="9999", age="65-79")
    publish()


def _api(client, **params):
    return client.get(reverse("insights:api_figures"), params).json()


@pytest.mark.django_db
def test_nested_age_and_year_queries_give_no_single_resident_away(client, zonnedal):
    """The issue's first attack: 14 webs, then 13 with year_from; 14*a - 13*b is one person."""
    verified_login(client, analyst(areas=[str(a) for a in range(9990, 10000)]))
    wide = _api(client, breakdown="area", age_band="18-29")
    narrow = _api(client, breakdown="area", age_band="18-29", year_from=YEAR)
    for a, b in zip(wide["dimensions"], narrow["dimensions"], strict=True):
        rows_a = {r["label"]: r for r in a["rows"]}
        rows_b = {r["label"]: r for r in b["rows"]}
        for label in rows_a.keys() & rows_b.keys():
            difference = (rows_a[label]["count"] or 0) - (rows_b[label]["count"] or 0)
            assert difference == 0 or difference >= 10
    # the single web of the year before sits in no block of its own: both answers agree
    assert wide["webs_total"] == narrow["webs_total"] == 13


@pytest.mark.django_db
def test_total_minus_shown_areas_reveals_no_hidden_area(client, zonnedal):
    """The issue's second attack: the total minus the shown areas used to give 9998+9999."""
    verified_login(client, analyst(areas=[str(a) for a in range(9990, 10000)]))
    data = _api(client, breakdown="area")
    for dimension in data["dimensions"]:
        *rows, total = dimension["rows"]
        assert total["count"] == sum(r["count"] for r in rows)
        assert sum(b for r in rows for b in r["bins"]) == sum(total["bins"])
        assert all(r["count"] >= 10 for r in rows)
    labels = [g["label"] for g in data["groups"]]
    assert "9998" not in labels and "9999" not in labels
    response = client.get(reverse("insights:export_csv"), {"breakdown": "area"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert all(int(row[2]) >= 10 for row in rows[1:])


@pytest.mark.django_db
def test_a_filter_the_published_set_cannot_answer_gets_a_message(client, zonnedal):
    verified_login(client, analyst(areas=[str(a) for a in range(9990, 10000)]))
    data = _api(client, area="9998")
    assert data["groups"] == [] and data["webs_total"] is None
    assert data["messages"]
    assert all(r["count"] is None for d in data["dimensions"] for r in d["rows"])
    # the JSON shape the API always had
    assert set(data) >= {"breakdown", "groups", "dimensions", "webs_total", "bins"}
    assert set(data["dimensions"][0]["rows"][0]) == {"label", "count", "mean", "bins"}


@pytest.mark.django_db
def test_two_scopes_cannot_be_subtracted(client, zonnedal):
    """A national and a municipal analyst compare totals: the difference is whole blocks."""
    verified_login(client, analyst("land@example.org", national=True))
    national = _api(client)["webs_total"]
    verified_login(client, analyst("gemeente@example.org", areas=["9991", "9992"]))
    municipal = _api(client)["webs_total"]
    assert national - municipal in (0,) or national - municipal >= 10


def test_bins_of_published_rows_are_sums_of_blocks():
    cells = [
        disclosure.Cell("9991", "18-29", None, None, 12, {"d": disclosure.Figures(12, 60.0)}),
        disclosure.Cell("9991", "30-44", None, None, 3, {"d": disclosure.Figures(3, 15.0)}),
    ]
    (block,) = disclosure.blocks(cells)  # 3 alone would be too few: one block of 15
    assert block.webs == 15 and block.age_band == disclosure.COMBINED
    assert len(BIN_FIELDS) == disclosure.BIN_COUNT
