"""Social-map search speed on a map of 10,000 services: the search page and the search itself.

    .venv/bin/python bench/socialmap.py [--services 10000] [--seconds 4]

Runs once on SQLite (a temporary file) and once on PostgreSQL ($DATABASE_URL if it is
PostgreSQL, else postgres://postgres@127.0.0.1:5432/bredeblik_bench; skipped with a message
when it cannot be reached). Each run happens in its own process, on a throwaway test database made
with Django's test-database utilities (test_<database>_socialmap_bench on PostgreSQL), so
db.sqlite3 and the project's test database are never touched.

Measured, with a mix of free text, dimension, postcode and target group:
- the whole page, GET /sociale-kaart/?q=… through Django's test Client, through every
  middleware and the site's base template (p95 is the goal: under 50 ms), against a bare view
  rendering a one-line template in the same process and through the same middleware;
- the search alone, socialmap.selectors.find_services (matching and ranking in the database),
  against a primary-key lookup.
The two sides of each pair are interleaved over --repeats rounds; medians are printed.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import types
from importlib import import_module
from pathlib import Path

import backends

ROOT = Path(__file__).resolve().parent.parent
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
    os.environ.setdefault("DJANGO_DEBUG", "1")  # a bench is a development run
    os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    settings.DEBUG = False
    # The cache as production has it: a read (the known service areas) is a query.
    settings.CACHES = {"default": settings.SHARED_CACHE}
    # Named after the database in the URL, so benches on other databases never share one.
    connection.settings_dict["TEST"]["NAME"] = (
        str(scratch / "test.sqlite3")
        if scratch
        else f"test_{connection.settings_dict['NAME']}_socialmap_bench"
    )


def build_map(count: int) -> list:
    from socialmap import search
    from socialmap.models import Attribute, Organization, Service, ServiceArea
    from socialmap.search_index import refresh_statistics
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
    # As the HSDS import does after writing this much (socialmap.hsds_store.load).
    refresh_statistics([Organization, Service, ServiceArea, Attribute])
    return [s.pk for s in services]


def timings(operation, seconds: float, start: int = 0) -> list[float]:
    """Seconds per call of operation(n), for `seconds`."""
    spent = []
    deadline = time.perf_counter() + seconds
    n = start
    while time.perf_counter() < deadline:
        began = time.perf_counter()
        operation(n)
        spent.append(time.perf_counter() - began)
        n += 1
    return spent


def p95_ms(spent: list[float]) -> float:
    return (statistics.quantiles(spent, n=20)[-1] if len(spent) > 20 else max(spent)) * 1000


def install_baseline_url() -> None:
    from django.conf import settings
    from django.http import HttpResponse
    from django.template import engines
    from django.urls import path

    trivial = engines["django"].from_string("<!DOCTYPE html><title>t</title><p>{{ greeting }}</p>")

    def bare_render(request):
        return HttpResponse(trivial.render({"greeting": "hallo"}, request))

    module = types.ModuleType("bench_socialmap_urls")
    module.urlpatterns = [
        path("bench/render/", bare_render),
        # The product's patterns at the root, as production has them (not one include deeper).
        *import_module("bredeblik.urls").urlpatterns,
    ]
    sys.modules["bench_socialmap_urls"] = module
    settings.ROOT_URLCONF = "bench_socialmap_urls"


def page_params(query: dict) -> dict:
    names = {"text": "q", "dimension": "dimension", "postcode": "postcode"}
    return {names.get(key, key): value for key, value in query.items()}


def run_one(backend: str, database_url: str, count: int, seconds: float, repeats: int) -> None:
    scratch = Path(tempfile.mkdtemp(prefix="socialmap-bench-")) if backend == "sqlite" else None
    configure(database_url, scratch)
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from socialmap import selectors
    from socialmap.models import Service

    setup_test_environment()
    install_baseline_url()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        started = time.perf_counter()
        ids = build_map(count)
        built = time.perf_counter() - started
        rng = random.Random(1)
        client = Client()
        search_url = reverse("socialmap:search")

        def page(n: int) -> None:
            response = client.get(search_url, page_params(QUERIES[n % len(QUERIES)]))
            assert response.status_code == 200

        def bare_page(n: int) -> None:
            assert client.get("/bench/render/").status_code == 200

        def lookup(n: int) -> None:
            Service.objects.get(pk=ids[rng.randrange(len(ids))])

        def find(n: int) -> None:
            selectors.find_services(selectors.Query(**QUERIES[n % len(QUERIES)]), limit=20)

        hits = [len(selectors.find_services(selectors.Query(**q), limit=20)) for q in QUERIES]
        pairs = {"page": (page, bare_page), "search": (find, lookup)}
        spent = {name: ([], []) for name in pairs}
        ratios = {name: [] for name in pairs}
        for repeat in range(repeats):
            for name, (real, base) in pairs.items():
                if repeat % 2:
                    base_t, real_t = timings(base, seconds / 2), timings(real, seconds)
                else:
                    real_t, base_t = timings(real, seconds), timings(base, seconds / 2)
                spent[name][0].extend(real_t)
                spent[name][1].extend(base_t)
                ratios[name].append((len(real_t) / sum(real_t)) / (len(base_t) / sum(base_t)))
        print(f"[{backend}] map of {count} services built in {built:.1f} s; hits per query {hits}")
        for name, label, base_label in [
            ("page", "search page GET /sociale-kaart/", "trivial template page"),
            ("search", "find_services (top 20)", "primary-key lookup"),
        ]:
            real_t, base_t = spent[name]
            print(
                f"[{backend}] {label:<32} p95 {p95_ms(real_t):6.1f} ms "
                f"{len(real_t) / sum(real_t):7.1f}/s | {base_label:<22} p95 "
                f"{p95_ms(base_t):6.2f} ms | median ratio {statistics.median(ratios[name]):.3f}"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--repeats", type=int, default=3)
    backends.add_arguments(parser)
    args = parser.parse_args()
    backends.run(
        args,
        __file__,
        lambda backend, url: run_one(backend, url, args.services, args.seconds, args.repeats),
        [
            "--services",
            str(args.services),
            "--seconds",
            str(args.seconds),
            "--repeats",
            str(args.repeats),
        ],
    )


if __name__ == "__main__":
    main()
