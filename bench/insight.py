"""How fast the insight dashboard's figures come out of the rollups, against DuckDB.

    .venv/bin/python bench/insight.py [--webs 1000000] [--repeat 3]

Generates N synthetic counted webs (500 postcode areas, 7 age groups, 20 quarters over 5 years,
10% in one of 8 programmes of 4 organisations, six scores 0-10 with some skipped) straight into a
`web` table, builds the rollup table (the same sums as insights.DimensionRollup) with one
INSERT ... SELECT per dimension, and then times the dashboard's grouped queries (by
neighbourhood, age group, quarter and year) for one municipality (10 postcode areas) and for the
whole country, on:

- PostgreSQL at postgres://postgres@127.0.0.1:5432/test, in a schema of its own that is dropped
  afterwards (skipped with a message when unreachable);
- SQLite in a temporary file (db.sqlite3 is never opened);
- DuckDB in memory, over the same rows, as the baseline for the ratios.

Every engine must return the same figures; the run stops if they differ.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import duckdb

POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"
SCHEMA = "bench_insight_helper5"
DIMENSIONS = ("lf", "mw", "zi", "kl", "me", "df")
AGE_BANDS = ("0-11", "12-17", "18-29", "30-44", "45-64", "65-79", "80+")
AREAS = [str(1000 + 17 * i) for i in range(500)]
MUNICIPALITY = AREAS[100:110]
PERIODS = [f"{year}Q{q}" for year in range(2021, 2026) for q in range(1, 5)]
KEY = "area, age_band, period, organisation_id, programme_id"
BREAKDOWNS = {
    "area": "area",
    "age_band": "age_band",
    "quarter": "period",
    "year": "substr(period, 1, 4)",
}

WEB_TABLE = (
    "CREATE TABLE web (area varchar(4), age_band varchar(5), period varchar(6), "
    "organisation_id integer, programme_id integer, "
    + ", ".join(f"{d} double precision" for d in DIMENSIONS)
    + ")"
)
ROLLUP_TABLE = (
    "CREATE TABLE rollup (grain varchar(8), area varchar(4), age_band varchar(5), "
    "period varchar(6), "
    "organisation_id integer, programme_id integer, dimension varchar(8), n bigint, "
    "total double precision, total_squares double precision, "
    "b0 bigint, b1 bigint, b2 bigint, b3 bigint, b4 bigint)"
)


def rollup_inserts() -> list[str]:
    """The rebuild, as SQL every engine here understands."""
    statements = [
        f"INSERT INTO rollup SELECT 'full', {KEY}, '*', COUNT(*), 0, 0, 0, 0, 0, 0, 0 "
        f"FROM web GROUP BY {KEY}"
    ]
    for d in DIMENSIONS:
        bins = ", ".join(
            f"SUM(CASE WHEN {d} >= {low} AND {d} < {high} THEN 1 ELSE 0 END)"
            for low, high in ((-1, 2.5), (2.5, 4.5), (4.5, 6.5), (6.5, 8.5), (8.5, 99))
        )
        statements.append(
            f"INSERT INTO rollup SELECT 'full', {KEY}, '{d}', COUNT({d}), SUM({d}), "
            f"SUM({d} * {d}), {bins} FROM web WHERE {d} IS NOT NULL GROUP BY {KEY}"
        )
    sums = "SUM(n), SUM(total), SUM(total_squares), SUM(b0), SUM(b1), SUM(b2), SUM(b3), SUM(b4)"
    # The coarse grains, summed from the full one as insights.services does.
    statements.append(
        f"INSERT INTO rollup SELECT 'area', area, '', period, NULL, NULL, dimension, {sums} "
        "FROM rollup WHERE grain = 'full' GROUP BY area, period, dimension"
    )
    statements.append(
        "INSERT INTO rollup SELECT 'national', '', age_band, period, organisation_id, "
        f"programme_id, dimension, {sums} FROM rollup WHERE grain = 'full' "
        "GROUP BY age_band, period, organisation_id, programme_id, dimension"
    )
    return statements


def grain_for(areas, breakdown: str) -> str:
    """As insights.selectors.grain_for."""
    needs_area = areas is not None or breakdown == "area"
    needs_detail = breakdown == "age_band"
    if needs_area and needs_detail:
        return "full"
    return "area" if needs_area else "national"


def dashboard_queries(areas: Sequence[str] | None) -> list[str]:
    """What insights.selectors.rollup_rows sends, once per breakdown."""
    in_scope = ""
    if areas is not None:
        in_scope = "AND area IN (" + ", ".join(f"'{a}'" for a in areas) + ") "
    return [
        f"SELECT {expression} AS grp, dimension, SUM(n), SUM(total), SUM(total_squares), "
        f"SUM(b0), SUM(b1), SUM(b2), SUM(b3), SUM(b4) FROM rollup "
        f"WHERE grain = '{grain_for(areas, name)}' {in_scope}"
        f"GROUP BY {expression}, dimension ORDER BY 1, 2"
        for name, expression in BREAKDOWNS.items()
    ]


def generate(webs: int, path: Path) -> None:
    rng = random.Random(5)
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        for _ in range(webs):
            base = rng.gauss(6.3, 1.4)
            scores = []
            for _d in DIMENSIONS:
                if rng.random() < 0.03:
                    scores.append("")
                else:
                    scores.append(max(0, min(10, round(base + rng.gauss(0, 1.5)))))
            programme = rng.randrange(8) if rng.random() < 0.1 else None
            writer.writerow(
                [
                    rng.choice(AREAS),
                    rng.choice(AGE_BANDS),
                    rng.choice(PERIODS),
                    "" if programme is None else programme // 2 + 1,
                    "" if programme is None else programme + 1,
                    *scores,
                ]
            )


def normalise(rows) -> list[tuple]:
    return [
        (str(r[0]), r[1], *(round(float(v or 0), 6) for v in r[2:])) for r in sorted(rows, key=str)
    ]


def best_of(repeat: int, run: Callable[[], object]) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - started)
    return best, result


class Engine:
    name = ""

    def execute(self, sql: str) -> list[tuple]:
        raise NotImplementedError

    def load(self, path: Path) -> None:
        raise NotImplementedError

    def build(self) -> float:
        started = time.perf_counter()
        self.execute(ROLLUP_TABLE)
        for statement in rollup_inserts():
            self.execute(statement)
        self.execute("CREATE INDEX rollup_area_period ON rollup (grain, area, period)")
        self.execute("CREATE INDEX rollup_age_period ON rollup (grain, age_band, period)")
        self.commit()
        return time.perf_counter() - started

    def commit(self) -> None:
        pass

    def figures(self, areas) -> list[list[tuple]]:
        return [self.execute(sql) for sql in dashboard_queries(areas)]

    def close(self) -> None:
        pass


class DuckEngine(Engine):
    name = "DuckDB"

    def __init__(self) -> None:
        self.connection = duckdb.connect()

    def execute(self, sql):
        return self.connection.execute(sql).fetchall()

    def load(self, path):
        self.execute(WEB_TABLE)
        self.execute(f"INSERT INTO web SELECT * FROM read_csv('{path}', header=false)")


class SqliteEngine(Engine):
    name = "SQLite"

    def __init__(self, path: Path) -> None:
        self.connection = sqlite3.connect(path)
        self.connection.execute("PRAGMA journal_mode=WAL")

    def execute(self, sql):
        return self.connection.execute(sql).fetchall()

    def commit(self):
        self.connection.commit()

    def build(self):
        seconds = super().build()
        self.execute("ANALYZE")
        return seconds

    def load(self, path):
        self.execute(WEB_TABLE)
        with path.open(newline="") as handle:
            rows = ([v if v != "" else None for v in row] for row in csv.reader(handle))
            self.connection.executemany(f"INSERT INTO web VALUES ({', '.join('?' * 11)})", rows)
        self.commit()

    def close(self):
        self.connection.close()


class PostgresEngine(Engine):
    name = "PostgreSQL"

    def __init__(self) -> None:
        import psycopg

        self.connection = psycopg.connect(POSTGRES_URL, connect_timeout=3, autocommit=True)
        self.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
        self.execute(f"CREATE SCHEMA {SCHEMA}")
        self.execute(f"SET search_path TO {SCHEMA}")

    def execute(self, sql):
        with self.connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall() if cursor.description else []

    def load(self, path):
        self.execute(WEB_TABLE)
        copy_sql = "COPY web FROM STDIN WITH (FORMAT csv, NULL '')"
        with (
            self.connection.cursor() as cursor,
            path.open() as handle,
            cursor.copy(copy_sql) as copy,
        ):
            while chunk := handle.read(1 << 20):
                copy.write(chunk)
        self.execute("ANALYZE web")

    def build(self):
        seconds = super().build()
        self.execute("ANALYZE rollup")
        return seconds

    def close(self):
        self.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
        self.connection.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--webs", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-insight-") as folder:
        csv_path = Path(folder) / "webs.csv"
        started = time.perf_counter()
        generate(args.webs, csv_path)
        print(f"generated {args.webs:,} webs in {time.perf_counter() - started:.1f} s")

        engines: list[Engine] = [DuckEngine(), SqliteEngine(Path(folder) / "bench.sqlite3")]
        try:
            engines.append(PostgresEngine())
        except Exception as error:  # noqa: BLE001 - any reason PostgreSQL is unusable
            print(f"PostgreSQL skipped: {error}".splitlines()[0])

        scopes = {"one municipality (10 areas)": MUNICIPALITY, "whole country": None}
        timings: dict[tuple[str, str], float] = {}
        reference: dict[str, list] = {}
        for engine in engines:
            started = time.perf_counter()
            engine.load(csv_path)
            loaded = time.perf_counter() - started
            built = engine.build()
            rows = engine.execute("SELECT COUNT(*) FROM rollup")[0][0]
            print(
                f"{engine.name}: loaded in {loaded:.1f} s, rollup ({rows:,} rows) in {built:.1f} s"
            )
            for scope, areas in scopes.items():
                seconds, raw = best_of(args.repeat, lambda e=engine, a=areas: e.figures(a))
                figures = [normalise(rows) for rows in raw]
                if scope in reference and figures != reference[scope]:
                    print(f"{engine.name} figures differ from DuckDB for {scope}", file=sys.stderr)
                    return 1
                reference.setdefault(scope, figures)
                timings[(engine.name, scope)] = seconds
            engine.close()

        print()
        print(f"Dashboard figures (4 grouped queries, best of {args.repeat}), {args.webs:,} webs:")
        for scope in scopes:
            baseline = timings[("DuckDB", scope)]
            for engine in engines:
                seconds = timings[(engine.name, scope)]
                print(
                    f"  {scope:28} {engine.name:11} {seconds * 1000:9.1f} ms"
                    f"   ratio to DuckDB {seconds / baseline:6.2f}"
                )
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
