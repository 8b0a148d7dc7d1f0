"""Social-map search speed on a map of 10,000 services, against a bare primary-key lookup.

    .venv/bin/python bench/socialmap.py [--services 10000] [--seconds 4]

Runs once on SQLite (a temporary file) and once on PostgreSQL ($DATABASE_URL if it is
PostgreSQL, else postgres://postgres@127.0.0.1:5432/test; skipped with a message when it
cannot be reached). Each run happens in its own process, on a throwaway test database made
with Django's test-database utilities (test_helper4_socialmap_bench on PostgreSQL), so
db.sqlite3 and the project's test database are never touched.

Search = socialmap.selectors.find_services (filters + LIKE on the normalised column + the
ranking in socialmap.search), with a mix of free text, dimension, postcode and target group.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/test"
WORDS = [
    "wandelen",
    "sport",
    "bewegen",
    "schuld",
    "geld",
    "hulp",
    "koffie",
    "buurthuis",
    "taal",
    "digitaal",
    "bibliotheek",
    "rouw",
    "zingeving",
    "vrijwilliger",
    "tuin",
    "koken",
    "eten",
    "jongeren",
    "ouderen",
    "mantelzorg",
    "zwemmen",
    "slaap",
    "opvoeden",
    "werk",
    "cultuur",
    "formulieren",
    "maatje",
    "café",
    "ontmoeting",
]
QUERIES = [
    {"text": "wandelen"},
    {"text": "Café"},
    {"dimension": "zingeving", "postcode": "9993"},
    {"dimension": "meedoen", "text": "koffie"},
    {"postcode": "9991", "target_group": "ouderen"},
    {"text": "schuld hulp", "postcode": "9992"},
]


def configure(database_url: str, scratch: Path | None) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "bredeblik.settings"
    os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    settings.DEBUG = False
    connection.settings_dict["TEST"]["NAME"] = (
        str(scratch / "test.sqlite3") if scratch else "test_helper4_socialmap_bench"
    )


def build_map(count: int) -> list:
    from socialmap import search
    from socialmap.models import Attribute, Organization, Service, ServiceArea
    from socialmap.taxonomy import DIMENSIONS, TARGET_GROUPS, ensure_defaults, stable_id

    ensure_defaults()
    rng = random.Random(7)
    organizations = Organization.objects.bulk_create(
        Organization(name=f"Organisatie {n}", description="Fictief") for n in range(200)
    )
    services, areas, attributes = [], [], []
    dimension_ids = {code: stable_id("positieve-gezondheid", code) for code in DIMENSIONS}
    group_ids = {code: stable_id("doelgroep", code) for code in TARGET_GROUPS}
    for n in range(count):
        name = f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {n}"
        # A realistic spread: a few domain words among many others.
        description = " ".join(
            rng.choice(WORDS) if rng.random() < 0.15 else f"woord{rng.randrange(3000)}"
            for _ in range(30)
        )
        organization = rng.choice(organizations)
        service = Service(
            name=name,
            description=description,
            organization=organization,
            search_name=search.index_text([name]),
            search_text=search.index_text([description, organization.name]),
        )
        services.append(service)
        for area in rng.sample(range(9990, 10000), rng.randint(1, 3)):
            areas.append(ServiceArea(service=service, name=str(area)))
        for code in rng.sample(sorted(dimension_ids), rng.randint(1, 3)):
            attributes.append(Attribute(link=service, taxonomy_term_id=dimension_ids[code]))
        attributes.append(
            Attribute(link=service, taxonomy_term_id=group_ids[rng.choice(sorted(group_ids))])
        )
    Service.objects.bulk_create(services, batch_size=1000)
    ServiceArea.objects.bulk_create(areas, batch_size=2000)
    Attribute.objects.bulk_create(attributes, batch_size=2000)
    return [s.pk for s in services]


def measure(operation, seconds: float) -> tuple[float, float]:
    """Operations per second and p95 latency in milliseconds."""
    timings = []
    deadline = time.perf_counter() + seconds
    n = 0
    while time.perf_counter() < deadline:
        start = time.perf_counter()
        operation(n)
        timings.append(time.perf_counter() - start)
        n += 1
    p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) > 20 else max(timings)
    return len(timings) / sum(timings), p95 * 1000


def run_one(backend: str, database_url: str, count: int, seconds: float) -> None:
    scratch = Path(tempfile.mkdtemp(prefix="socialmap-bench-")) if backend == "sqlite" else None
    configure(database_url, scratch)
    from django.db import connection

    from socialmap import selectors
    from socialmap.models import Service

    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        started = time.perf_counter()
        ids = build_map(count)
        built = time.perf_counter() - started
        rng = random.Random(1)

        def lookup(n: int) -> None:
            Service.objects.get(pk=ids[rng.randrange(len(ids))])

        def find(n: int) -> None:
            selectors.find_services(selectors.Query(**QUERIES[n % len(QUERIES)]), limit=20)

        hits = [len(selectors.find_services(selectors.Query(**q), limit=20)) for q in QUERIES]
        base_qps, base_p95 = measure(lookup, seconds / 2)
        qps, p95 = measure(find, seconds)
        print(f"[{backend}] map of {count} services built in {built:.1f} s; hits per query {hits}")
        print(f"[{backend}] baseline primary-key lookup: {base_qps:8.0f}/s  p95 {base_p95:6.2f} ms")
        print(f"[{backend}] social-map search (top 20): {qps:8.1f}/s  p95 {p95:6.2f} ms")
        print(f"[{backend}] ratio search/baseline: {qps / base_qps:.4f} (1/{base_qps / qps:.0f})")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    url = url if url.startswith("postgres") else DEFAULT_POSTGRES
    try:
        import psycopg

        with psycopg.connect(url.replace("postgres://", "postgresql://", 1), connect_timeout=3):
            return url
    except Exception as exc:  # any failure means: skip PostgreSQL, and say why
        print(f"[postgresql] skipped: {url} not reachable ({exc.__class__.__name__})")
        return None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"])
    parser.add_argument("--url")
    args = parser.parse_args()
    if args.backend:
        run_one(args.backend, args.url, args.services, args.seconds)
        return
    runs = [("sqlite", "sqlite:///unused.sqlite3")]
    url = postgres_url()
    if url:
        runs.append(("postgresql", url))
    for backend, database_url in runs:
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--backend",
                backend,
                "--url",
                database_url,
                "--services",
                str(args.services),
                "--seconds",
                str(args.seconds),
            ],
            check=True,
        )


if __name__ == "__main__":
    main()
