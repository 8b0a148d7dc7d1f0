"""Worker memory while people fill in webs, against bare Django serving a trivial page.

    .venv/bin/python bench/memory.py

Each side is measured in a fresh process on a throwaway SQLite database (migrated first by
another process):
- Brede Blik: the project's settings and URLs; through Django's test Client a web is started,
  every part filled in and autosaved, finished and its result page shown, three times;
- bare Django: a settings module with only auth, contenttypes and sessions, and one view that
  renders a one-line template, requested as often.
Printed: resident memory (VmRSS) after the requests, and which large libraries the worker had
imported (they should load only where they are used: PDF, QR codes, FHIR, the JSON API).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LARGE = ["reportlab", "openpyxl", "fhir", "jsonschema", "pydantic", "ninja", "segno", "PIL"]


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return float("nan")


def brede_blik(scratch: Path, prepare: bool) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "bredeblik.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch / 'memory.sqlite3'}"
    os.environ.setdefault("DJANGO_DEBUG", "1")  # a bench is a development run
    import warnings

    import django

    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    if prepare:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        return
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    settings.DEBUG = False  # as in production (and on the bare side): no query log kept

    from instruments.selectors import latest_version

    full = latest_version("bredeblik-volwassenen")
    definition = full.parsed
    client = Client()
    for round_ in range(3):
        started = client.post(reverse("assessments:start"), {"instrument": full.pk})
        token = started.url.strip("/").split("/")[-2]
        client.get(started.url)
        for number, dimension in enumerate(definition.dimensions, start=1):
            page = reverse("assessments:fill_in", args=[token, number])
            client.get(page)
            answers = {f"item-{item.id}": (round_ + number) % 11 for item in dimension.items}
            client.post(
                reverse("assessments:save_answer", args=[token]), {"number": number, **answers}
            )
            client.post(page, {**answers, "action": "next"})  # "Ready" on the last finishes
        assert client.get(reverse("assessments:result", args=[token])).status_code == 200
    report("Brede Blik fill-in")


def bare(scratch: Path, prepare: bool) -> None:
    settings = types.ModuleType("bare_settings")
    settings.SECRET_KEY = "bench"
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.ROOT_URLCONF = "bare_urls"
    settings.INSTALLED_APPS = [
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.sessions",
    ]
    settings.MIDDLEWARE = [
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
    ]
    settings.TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates"}]
    settings.DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(scratch / "bare.sqlite3"),
        }
    }
    settings.USE_TZ = True
    sys.modules["bare_settings"] = settings
    os.environ["DJANGO_SETTINGS_MODULE"] = "bare_settings"
    import django

    django.setup()
    from django.http import HttpResponse
    from django.template import engines
    from django.urls import path

    trivial = engines["django"].from_string("<p>{{ greeting }}</p>")
    urls = types.ModuleType("bare_urls")
    urls.urlpatterns = [
        path("", lambda request: HttpResponse(trivial.render({"greeting": "hallo"}, request)))
    ]
    sys.modules["bare_urls"] = urls
    if prepare:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        return
    from django.test import Client

    client = Client()
    for _ in range(60):
        assert client.get("/").status_code == 200
    report("bare Django")


def report(label: str) -> None:
    loaded = [name for name in LARGE if name in sys.modules]
    print(f"{label:<20} {rss_mb():6.1f} MB   large libraries loaded: {', '.join(loaded) or 'none'}")


def main() -> None:
    if len(sys.argv) == 4:
        side = {"brede_blik": brede_blik, "bare": bare}[sys.argv[1]]
        side(Path(sys.argv[2]), prepare=sys.argv[3] == "prepare")
        return
    for side in ("bare", "brede_blik"):
        with tempfile.TemporaryDirectory(prefix="bredeblik-memory-") as scratch:
            # Migrating loads every migration module: done in a process of its own.
            for step in ("prepare", "measure"):
                subprocess.run([sys.executable, __file__, side, scratch, step], check=True)


if __name__ == "__main__":
    main()
