"""How fast a large HSDS file is imported, and in how much memory: bulk against row by row.

    .venv/bin/python bench/hsds_import.py [--services 8600] [--postgres]

Builds a nested HSDS JSON file of N services (each with its organisation, a location with an
address, a phone, opening hours, a postcode area and a dimension attribute), then imports it
into a fresh throwaway database twice, each in its own process so that peak memory is its own:
once the way imports used to work (the whole file read and every record checked by the Python
schema validator, then per row: look up, full_clean(), save(), and a search reindex per service)
and once as the import command and the background job do now (socialmap.hsds_store.import_path:
records passed by the compiled schema check, bulk upserts a batch at a time, one set-based
reindex pass). Prints seconds, rows per second, peak memory and the ratios.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def configure(postgres: bool) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "bredeblik.settings"
    os.environ.setdefault("DJANGO_DEBUG", "1")  # settings.DEBUG is switched off below
    if postgres:
        os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bredeblik_bench")
    else:
        scratch = Path(tempfile.mkdtemp(prefix="bredeblik-bench-"))
        os.environ["DATABASE_URL"] = f"sqlite:///{scratch / 'bench.sqlite3'}"
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    settings.DEBUG = False
    if not postgres:
        # A file, as in use: Django's SQLite test database is otherwise held in this process's
        # memory, and its size would be counted as the import's.
        connection.settings_dict["TEST"]["NAME"] = str(scratch / "test.sqlite3")


def hsds_file(count: int) -> bytes:
    def uid() -> str:
        return str(uuid.uuid4())

    term = {
        "id": uid(),
        "code": "meedoen",
        "name": "Meedoen",
        "description": "Meedoen",
        "taxonomy_detail": {"id": uid(), "name": "bench-taxonomy", "description": "bench"},
    }
    services = []
    for number in range(count):
        location = {
            "id": uid(),
            "location_type": "physical",
            "name": f"Buurthuis {number}",
            "latitude": 53.0,
            "longitude": 6.5,
            "addresses": [
                {
                    "id": uid(),
                    "address_1": f"Dorpsstraat {number}",
                    "city": "Zonnedal",
                    "state_province": "Fictief",
                    "postal_code": "9991 AA",
                    "country": "NL",
                    "address_type": "physical",
                }
            ],
        }
        services.append(
            {
                "id": uid(),
                "name": f"Wandelgroep {number}",
                "description": "Samen wandelen in de buurt.",
                "status": "active",
                "organization": {
                    "id": uid(),
                    "name": f"Stichting {number}",
                    "description": "Een fictieve stichting.",
                },
                "service_at_locations": [{"id": uid(), "location": location}],
                "phones": [{"id": uid(), "number": "0591 123 456"}],
                "schedules": [
                    {"id": uid(), "freq": "WEEKLY", "byday": "MO", "opens_at": "09:30:00"}
                ],
                "service_areas": [{"id": uid(), "name": "9991"}],
                "attributes": [{"id": uid(), "link_type": "dimension", "taxonomy_term": term}],
            }
        )
    return json.dumps(services).encode()


def empty_map() -> None:
    from socialmap import hsds_store
    from socialmap.models import HsdsRecord

    HsdsRecord.objects.all().delete()
    for model in reversed(list(hsds_store.MODELS.values())):
        model.objects.all().delete()


def row_by_row(tables) -> int:
    """The former loader: one lookup, full_clean() and save() per row, reindex per service."""
    from django.db import transaction

    from socialmap import hsds_store
    from socialmap.models import Service
    from socialmap.services import reindex

    rows = 0
    with transaction.atomic():
        for table, model in hsds_store.MODELS.items():
            for row in tables.get(table, []):
                obj = model.objects.filter(pk=row["id"]).first() or model(pk=row["id"])
                for column, field in hsds_store.mapped_fields(table).items():
                    value = row.get(column)
                    if value is None and not field.null:
                        value = "" if field.empty_strings_allowed else field.get_default()
                    setattr(obj, field.attname, value)
                obj.full_clean()
                obj.save()
                rows += 1
        for service in Service.objects.all():
            reindex(service)
    return rows


class _NoQuickCheck:
    @staticmethod
    def is_valid(record) -> bool:
        return False


def run_one(way: str, path: Path) -> dict:
    """Import the file one way into a fresh database; time and peak memory of this process."""
    from django.db import connection

    from socialmap import hsds, hsds_store

    original_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        hsds.validator("service")  # the schemas load once, in both ways alike
        hsds._quick_check("service")
        gc.collect()
        base = reset_peak()
        started = time.perf_counter()
        if way == "before":
            hsds._quick_check = lambda table: _NoQuickCheck  # every record by the Python validator
            tables = hsds.read_json(path.read_bytes(), path.name, hsds.Report())
            rows = row_by_row(tables)
        else:
            report = hsds_store.import_path(path)
            rows = sum(report.counts.values())
        seconds = time.perf_counter() - started
        return {"seconds": seconds, "rows": rows, "base_mb": base, "peak_mb": memory("VmHWM")}
    finally:
        connection.creation.destroy_test_db(original_name, verbosity=0)


def memory(field: str) -> float:
    """VmRSS (now) or VmHWM (peak since the last reset) of this process, in MB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise LookupError(field)


def reset_peak() -> float:
    """Forget the peak so far (creating the database peaks higher than an import); the
    resident memory now."""
    Path("/proc/self/clear_refs").write_text("5")
    return memory("VmRSS")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=8600)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--way", choices=["before", "now"], help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.way:
        configure(args.postgres)
        print(json.dumps(run_one(args.way, args.file)))
        return
    scratch = Path(tempfile.mkdtemp(prefix="bredeblik-hsds-"))
    path = scratch / "bench.json"
    path.write_bytes(hsds_file(args.services))
    print(f"HSDS file: {args.services} services, {path.stat().st_size / 2**20:.1f} MB")
    results = {}
    for way in ("before", "now"):
        command = [sys.executable, __file__, "--way", way, "--file", str(path)]
        output = subprocess.run(
            command + ["--postgres"] * args.postgres, check=True, capture_output=True, text=True
        ).stdout
        results[way] = result = json.loads(output.strip().splitlines()[-1])
        label = "row by row (before)" if way == "before" else "streaming + bulk (now)"
        print(
            f"{label:24} {result['seconds']:7.1f} s  {result['rows'] / result['seconds']:7.0f} "
            f"rows/s  peak {result['peak_mb']:5.0f} MB ({result['peak_mb'] - result['base_mb']:.0f}"
            " MB above the process at rest)"
        )
    before, now = results["before"], results["now"]
    growth = [r["peak_mb"] - r["base_mb"] for r in (before, now)]
    print(
        f"now {before['seconds'] / now['seconds']:.1f}x as fast; the import itself takes "
        f"{growth[1] / max(growth[0], 1):.2f}x the memory it took before"
    )


if __name__ == "__main__":
    main()
