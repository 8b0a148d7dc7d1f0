"""How fast the collective figures are counted, published and shown, by the product's own code.

    .venv/bin/python bench/insight.py [--webs 100000] [--sparse 3000] [--repeat 3] [--postgres]
                                      [--only save]

Builds a throwaway database (a temporary SQLite file, or with --postgres a test database on
$DATABASE_URL / postgres://postgres@127.0.0.1:5432/bredeblik_bench), migrates it, stores N
counted webs (500 postcode areas, 7 age groups, 8 closed quarters, 10% in one of 8 programmes)
and prints each row as a ratio against a baseline measured in the same run:

- saving a web that counts vs one that does not: `save_submission` of one changed answer into a
  completed web (the save marks its cell pending; the counting is left to the database task
  queue, which the first mark of a cell queues); `--only save` runs this row alone;
- `rebuild_insights` (insights.services.rebuild_all, one grouped query) vs the former per-web
  Python loop, kept below as the baseline;
- publishing a quarter (small-group protection, insights.disclosure.blocks), once per quarter,
  against a page view it no longer runs in; its time is printed as well;
- the national analyst's default dashboard (GET /inzicht/, by neighbourhood, 500 areas) vs a
  bare view rendering a one-line template; p95 in ms, at N webs and with sparse data (only
  `--sparse` webs, so that nearly every area is small).

Interleaved repeats; the median of the ratios is printed. db.sqlite3 is never opened.
"""

from __future__ import annotations

import argparse
import datetime
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
import warnings
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from backends import postgres_url  # noqa: E402
from fill_in import configure, install_urls_with_baselines  # noqa: E402

AGE_BANDS = ("0-11", "12-17", "18-29", "30-44", "45-64", "65-79", "80+")
AREAS = [str(1000 + 17 * i) for i in range(500)]


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def closed_quarters(count: int) -> list[tuple[int, int]]:
    today = datetime.date.today()
    year, quarter = today.year, (today.month - 1) // 3 + 1
    result = []
    for _ in range(count):
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
        result.append((year, quarter))
    return result


def store_webs(count: int, seed: int) -> None:
    """Counted webs straight into the tables, as if filled in over the last eight quarters."""
    from django.db import connection
    from django.utils import timezone

    from assessments.models import Assessment
    from insights.models import CollectiveConsent, Programme
    from insights.selectors import dimension_ids
    from instruments.models import InstrumentVersion
    from organisations.models import Organisation

    rng = random.Random(seed)
    version = InstrumentVersion.objects.get(instrument_id="bredeblik-kort", organisation=None)
    programmes = []
    for number in range(4):
        organisation, _ = Organisation.objects.get_or_create(
            slug=f"bench-{number}", defaults={"name": f"Bench {number}"}
        )
        for half in range(2):
            programme, _ = Programme.objects.get_or_create(
                organisation=organisation, name=f"Programma {number}.{half}"
            )
            programmes.append(programme)
    quarters = closed_quarters(8)
    zone = timezone.get_current_timezone()
    for offset in range(0, count, 5000):
        webs, consents = [], []
        for _ in range(min(5000, count - offset)):
            year, quarter = rng.choice(quarters)
            moment = timezone.make_aware(
                datetime.datetime(year, 3 * quarter - 2, 1 + rng.randrange(28), 12), zone
            )
            scores = {d: float(rng.randint(0, 10)) for d in dimension_ids()}
            webs.append(
                Assessment(
                    instrument=version,
                    status=Assessment.Status.COMPLETED,
                    completed_at=moment,
                    series=uuid.uuid4(),
                    dimension_scores=scores,
                )
            )
            consents.append(
                (
                    rng.choice(AREAS),
                    rng.choice(AGE_BANDS),
                    rng.choice(programmes) if rng.random() < 0.1 else None,
                    moment,
                )
            )
        Assessment.objects.bulk_create(webs)
        CollectiveConsent.objects.bulk_create(
            CollectiveConsent(
                assessment=web, postcode_area=a, age_band=b, programme=p, opted_in_at=m
            )
            for web, (a, b, p, m) in zip(webs, consents, strict=True)
        )
    if connection.vendor == "postgresql":
        # Statistics, as autovacuum gathers them on a server soon after rows come in: without
        # them the planner takes the tables it has just seen filled for nearly empty.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def former_rebuild() -> int:
    """The rebuild as it was: every counted web read into Python and added up cell by cell."""
    from insights.models import DimensionRollup
    from insights.services import counted_consents, period_of
    from insights.statistics import BIN_FIELDS, bin_index

    cells: dict[tuple, dict[str, DimensionRollup]] = defaultdict(dict)
    counted = 0
    for consent in counted_consents().select_related("assessment").iterator(chunk_size=2000):
        web = consent.assessment
        key = (
            consent.postcode_area,
            consent.age_band,
            period_of(max(web.completed_at, consent.opted_in_at)),
            consent.programme_id,
        )
        rows = cells[key]

        def row(dimension: str, key=key, rows=rows) -> DimensionRollup:
            if dimension not in rows:
                rows[dimension] = DimensionRollup(
                    postcode_area=key[0],
                    age_band=key[1],
                    period=key[2],
                    programme_id=key[3],
                    dimension=dimension,
                )
            return rows[dimension]

        row(DimensionRollup.WEBS).count += 1
        for dimension, score in web.dimension_scores.items():
            target = row(dimension)
            target.count += 1
            target.total += score
            target.total_squares += score * score
            field = BIN_FIELDS[bin_index(score)]
            setattr(target, field, getattr(target, field) + 1)
        counted += 1
    DimensionRollup.objects.all().delete()
    DimensionRollup.objects.bulk_create(
        (r for rows in cells.values() for r in rows.values()), batch_size=2000
    )
    return counted


def rollup_rows() -> list[tuple]:
    """Every rollup row, ordered, without ids (the former loop kept no organisation)."""
    from insights.models import DimensionRollup

    fields = ["postcode_area", "age_band", "period", "programme_id", "dimension", "count"]
    fields += ["total", "total_squares", "bin_0_2", "bin_3_4", "bin_5_6", "bin_7_8", "bin_9_10"]
    return sorted(DimensionRollup.objects.values_list(*fields), key=repr)


def republish() -> float:
    """Seconds to publish every closed quarter afresh (what a new quarter costs, times eight)."""
    from insights.models import PublishedFigure, PublishedPeriod
    from insights.services import publish_closed_periods

    PublishedFigure.objects.all().delete()
    PublishedPeriod.objects.all().delete()
    return timed(publish_closed_periods)


def page_times(client, url: str, repeat: int) -> list[float]:
    client.get(url)
    return [timed(lambda: client.get(url)) for _ in range(repeat)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--webs", type=int, default=100_000)
    parser.add_argument("--sparse", type=int, default=3_000)
    parser.add_argument("--repeat", type=int, default=3, help="interleaved repeats")
    parser.add_argument("--pages", type=int, default=20, help="page views per repeat")
    parser.add_argument("--postgres", action="store_true", help="use PostgreSQL instead of SQLite")
    parser.add_argument(
        "--only", choices=["save"], help="run one row alone: save = the counted save"
    )
    args = parser.parse_args()
    scratch = None if args.postgres else Path(tempfile.mkdtemp(prefix="bredeblik-bench-"))
    url = postgres_url() if args.postgres else "sqlite:///unused.sqlite3"
    if url is None:
        return
    configure(url, scratch)

    from django.conf import settings
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    warnings.filterwarnings("ignore", message="No directory at")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    install_urls_with_baselines(False)
    if args.postgres:
        connection.settings_dict["TEST"]["NAME"] = "test_bredeblik_bench_insight"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run(args, Client, transaction)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


def run(args, client_class, transaction) -> None:
    from assessments.services import Submission, save_submission
    from assessments.tests.factories import make_web
    from insights import disclosure, services
    from insights.models import Analyst, CollectiveConsent, DimensionRollup
    from people.models import User

    engine = "PostgreSQL" if args.postgres else "SQLite"
    print(f"{engine}, {args.webs} counted webs, {args.repeat} interleaved repeats")
    store_webs(args.webs, seed=1)

    counted, uncounted = make_web(), make_web()
    CollectiveConsent.objects.create(
        assessment=counted, postcode_area="1000", age_band="30-44", opted_in_at=counted.completed_at
    )
    item = counted.instrument.parsed.dimensions[0].items[0].id

    def autosave(web, i: int) -> None:
        with transaction.atomic():
            save_submission(web, Submission(answers={item: 3 + i % 2}))

    analyst = User.objects.create_user("bench@example.org", "a-long-bench-password")
    Analyst.objects.create(user=analyst, is_national=True)
    client = client_class()
    from sharing.tests.helpers import verified_login

    verified_login(client, analyst)

    ratios = defaultdict(list)
    extra = defaultdict(list)
    for _round in range(args.repeat):
        # 200 saves of each, alternating in batches of 20 so both meet the same load on the machine.
        base = slow = 0.0
        for _batch in range(10):
            base += timed(lambda: [autosave(uncounted, i) for i in range(20)])
            slow += timed(lambda: [autosave(counted, i) for i in range(20)])
        ratios["saving a counted web vs one that does not count (goal <= 1.5x)"].append(slow / base)
        if args.only == "save":
            continue

        old = timed(former_rebuild)
        former_rows = rollup_rows() if _round == 0 else None
        new = timed(services.rebuild_all)
        if former_rows is not None:
            assert rollup_rows() == former_rows, "the set-based rebuild counts differently"
        ratios["rebuild_insights, former loop / set-based (goal >= 10x)"].append(old / new)

        publish_all = republish()
        cells = services._cells_of(DimensionRollup.objects.values_list("period")[0][0])
        protect = min(timed(lambda c=cells: disclosure.partition(c)) for _ in range(5))
        summed = min(timed(lambda c=cells: disclosure.blocks(c)) for _ in range(5))
        extra["protection of one quarter (partition into blocks), ms (goal < 20)"].append(
            protect * 1000
        )
        extra["protection and block sums of one quarter, ms"].append(summed * 1000)
        extra["publishing all 8 quarters, ms"].append(publish_all * 1000)

        bare = page_times(client, "/bench/render/", args.pages)
        page = page_times(client, "/inzicht/", args.pages)
        extra["national dashboard by neighbourhood, p95 ms (goal < 300)"].append(p95(page) * 1000)
        ratios["dashboard p95 vs bare template page (times slower)"].append(p95(page) / p95(bare))

    if args.only == "save":
        report(ratios, extra)
        return

    from insights.models import PublishedFigure
    from insights.selectors import Filters, dashboard

    with_queries = client.get("/inzicht/")
    assert with_queries.status_code == 200
    figures = dashboard(services.Q(), Filters())
    extra["rows on the default dashboard"].append(len(figures.groups))
    extra["published figure rows"].append(PublishedFigure.objects.count())

    # Sparse: only a few thousand webs over 500 areas, so nearly every area is small.
    CollectiveConsent.objects.all().delete()
    store_webs(args.sparse, seed=2)
    services.rebuild_all()
    republish()
    for _round in range(args.repeat):
        bare = page_times(client, "/bench/render/", args.pages)
        page = page_times(client, "/inzicht/", args.pages)
        extra[f"sparse ({args.sparse} webs) dashboard p95 ms (goal < 300)"].append(p95(page) * 1000)
        ratios["sparse dashboard p95 vs bare template page"].append(p95(page) / p95(bare))
    report(ratios, extra)


def report(ratios: dict[str, list[float]], extra: dict[str, list[float]]) -> None:
    for label, values in ratios.items():
        print(f"  {label}: {statistics.median(values):.2f}x")
    for label, values in extra.items():
        print(f"  {label}: {statistics.median(values):.1f}")


if __name__ == "__main__":
    main()
