"""How fast a web is filled in and shown, against bare Django doing the least it can.

    .venv/bin/python bench/fill_in.py [--seconds 3] [--postgres]

Builds a fresh throwaway database (a temporary SQLite file, or with --postgres a test database
on $DATABASE_URL / postgres://postgres@127.0.0.1:5432/bredeblik_bench), migrates it, and drives
the real views through Django's test Client, one request at a time:

- answers saved per second: POST to assessments:save_answer with a single answer, cycling through
  the items of the full adult web; baseline: a bare view that inserts one row;
- result pages per second: GET assessments:result of a completed web; baseline: a bare view that
  renders a one-line template.

db.sqlite3 is never opened: DATABASE_URL is pointed elsewhere before Django reads its settings.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import types
import warnings
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def configure(postgres: bool) -> Path | None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "bredeblik.settings"
    scratch = None
    if postgres:
        os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bredeblik_bench")
        if not os.environ["DATABASE_URL"].startswith("postgres"):
            sys.exit("--postgres needs DATABASE_URL to point at PostgreSQL")
    else:
        scratch = Path(tempfile.mkdtemp(prefix="bredeblik-bench-"))
        os.environ["DATABASE_URL"] = f"sqlite:///{scratch / 'bench.sqlite3'}"
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False  # no query log: measure the code, not the debug bookkeeping
    from django.db import connection

    connection.settings_dict["TEST"]["NAME"] = (
        str(scratch / "test.sqlite3") if scratch else "test_bredeblik_bench"
    )
    return scratch


def install_urls_with_baselines():
    """The real URLs plus two bare views, in a urlconf that exists only in this process."""
    from django.conf import settings
    from django.db import models
    from django.http import HttpResponse
    from django.template import engines
    from django.urls import include, path

    class BenchRow(models.Model):
        value = models.FloatField()

        class Meta:
            app_label = "bench"

        def __str__(self) -> str:
            return str(self.value)

    trivial = engines["django"].from_string("<!DOCTYPE html><title>t</title><p>{{ greeting }}</p>")

    def bare_insert(request):
        BenchRow.objects.create(value=float(request.POST["value"]))
        return HttpResponse("ok")

    def bare_render(request):
        return HttpResponse(trivial.render({"greeting": "hallo"}, request))

    module = types.ModuleType("bench_urls")
    module.urlpatterns = [
        path("bench/insert/", bare_insert, name="bench_insert"),
        path("bench/render/", bare_render, name="bench_render"),
        path("", include("bredeblik.urls")),
    ]
    sys.modules["bench_urls"] = module
    settings.ROOT_URLCONF = "bench_urls"
    return BenchRow


def rate(action: Callable[[int], None], seconds: float) -> float:
    """Calls per second of action(i), after a short warm-up."""
    for i in range(20):
        action(i)
    count, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        action(count)
        count += 1
    return count / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time per measurement")
    parser.add_argument("--postgres", action="store_true", help="use PostgreSQL instead of SQLite")
    args = parser.parse_args()
    scratch = configure(args.postgres)

    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    setup_test_environment()
    warnings.filterwarnings("ignore", message="No directory at")
    bench_row = install_urls_with_baselines()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        with connection.schema_editor() as editor:
            editor.create_model(bench_row)

        from assessments.services import (
            Submission,
            complete_assessment,
            save_submission,
            start_assessment,
        )
        from instruments.models import InstrumentVersion

        full = InstrumentVersion.objects.get(instrument_id="bredeblik-volwassenen")
        definition = full.parsed
        positions = [
            (number, item.id)
            for number, dimension in enumerate(definition.dimensions, start=1)
            for item in dimension.items
        ]
        client = Client()
        draft = start_assessment(full)
        save_url = reverse("assessments:save_answer", args=[draft.access_token])

        def save_answer(i: int) -> None:
            number, item_id = positions[i % len(positions)]
            response = client.post(save_url, {"number": number, f"item-{item_id}": i % 11})
            assert response.status_code == 200, response.content

        def bare_insert(i: int) -> None:
            response = client.post("/bench/insert/", {"value": i % 11})
            assert response.status_code == 200

        done = start_assessment(full)
        save_submission(done, Submission(answers={item.id: 6 for item in definition.items}))
        complete_assessment(done)
        result_url = reverse("assessments:result", args=[done.access_token])

        def result_page(_i: int) -> None:
            response = client.get(result_url)
            assert response.status_code == 200

        def bare_render(_i: int) -> None:
            assert client.get("/bench/render/").status_code == 200

        saved = rate(save_answer, args.seconds)
        inserted = rate(bare_insert, args.seconds)
        shown = rate(result_page, args.seconds)
        rendered = rate(bare_render, args.seconds)
        database = connection.vendor
    finally:
        connection.creation.destroy_test_db(
            connection.settings_dict["NAME"], verbosity=0, keepdb=False
        )
        if scratch is not None:
            for leftover in scratch.iterdir():
                leftover.unlink()
            scratch.rmdir()

    print(f"Brede Blik fill-in bench ({database}, {args.seconds:g} s per measurement, one client)")
    print(f"{'measurement':<34}{'per second':>12}{'bare Django':>14}{'ratio':>9}")
    for label, real, base in [
        ("answers saved (POST save_answer)", saved, inserted),
        ("result pages (GET result)", shown, rendered),
    ]:
        print(f"{label:<34}{real:>12.1f}{base:>14.1f}{real / base:>8.2f}x")
    print("ratio = real view / bare view doing one insert or rendering a trivial template")


if __name__ == "__main__":
    main()
