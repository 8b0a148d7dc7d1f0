"""Worker memory while people fill in webs, against a bare Django worker, as servers run them.

    .venv/bin/python bench/memory.py [--backend sqlite|postgresql]

Each side is a gunicorn server with one worker, as docs/deployment.md runs it, on a throwaway
database (SQLite, then PostgreSQL from $DATABASE_URL or the local default; skipped with a message
when unreachable):
- Brede Blik with production settings: three residents in turn start the full web, autosave
  and then send each part, finish, and see the result page;
- bare Django: only auth, contenttypes and sessions, and one view that renders a one-line
  template, requested as often.
Printed: the worker's resident memory (VmRSS) after the requests, and which large libraries it
had imported (they should load only where they are used: PDF, QR codes, FHIR, the JSON API).

The worker is measured, not a process driving Django's test Client: the test Client brings
unittest, Jinja2 and xml.dom along, some 10 MB on both sides that no server worker holds.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import backends
import load

LARGE = ["reportlab", "openpyxl", "fhir", "jsonschema", "pydantic", "ninja", "segno", "PIL"]
ROUNDS = 3

# A gunicorn configuration that makes the worker list its modules when it stops.
LIST_MODULES_ON_EXIT = """
import json, os, sys

def worker_exit(server, worker):
    with open(os.environ["BENCH_MODULES_FILE"], "w") as listing:
        json.dump(sorted(sys.modules), listing)
"""

BARE_SETTINGS = """
import dj_database_url
SECRET_KEY = "bench-only-" + "x" * 40
ALLOWED_HOSTS = ["127.0.0.1"]
ROOT_URLCONF = "bare_urls"
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sessions"]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates"}]
DATABASES = {"default": dj_database_url.parse(%r)}
USE_TZ = True
"""

BARE_URLS = """
from django.http import HttpResponse
from django.template import engines
from django.urls import path

trivial = engines["django"].from_string("<p>{{ greeting }}</p>")
urlpatterns = [
    path("healthz", lambda request: HttpResponse(trivial.render({"greeting": "hallo"}, request)))
]
"""

ITEM = re.compile(r'name="item-([^"]+)"')
INSTRUMENT = re.compile(r'name="instrument" value="(\d+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return float("nan")


def worker_of(master: int) -> int:
    """The one worker process the gunicorn master started."""
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if parent == master:
                return int(entry.name)
    raise RuntimeError("the gunicorn worker was not found")


def measure(env: dict[str, str], app: str, requests, scratch: Path) -> tuple[float, list[str]]:
    """Run `requests(port)` against a one-worker gunicorn serving `app`: the worker's memory
    afterwards and the large libraries it had loaded."""
    config = scratch / "gunicorn_config.py"
    config.write_text(LIST_MODULES_ON_EXIT)
    modules = scratch / "modules.json"
    env = {**env, "BENCH_MODULES_FILE": str(modules)}
    port = load.free_port()
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    command = [gunicorn, app, "--bind", f"127.0.0.1:{port}", "--workers", "1", "-c", str(config)]
    server = load.start_server(command, env, port)
    try:
        requests(port)
        memory = rss_mb(worker_of(server.pid))
    finally:
        load.stop([server])
    loaded = set(json.loads(modules.read_text()))
    return memory, [name for name in LARGE if name in loaded]


def fill_in_full_webs(port: int) -> None:
    """Residents in turn fill in the full web: each part autosaved, then sent; then the result."""
    for round_ in range(ROUNDS):
        phone = load.Phone(port, load.Timings(), https=True)
        _status, _path, home = phone.follow("GET", "/")
        full = INSTRUMENT.findall(home)[1]  # the home page offers the quick web, then the full
        status, path, _page = phone.follow("POST", "/web/start/", {"instrument": full})
        token = path.split("/")[2]
        answered = 0
        for number in itertools.count(1):
            part = f"/web/{token}/deel/{number}/"
            _status, _path, page = phone.follow("GET", part)
            answers = {f"item-{item}": str((round_ + number) % 11) for item in ITEM.findall(page)}
            answered += len(answers)
            page_fields = {"number": str(number), "version": VERSION.search(page).group(1)}
            status, _l, _t = phone.request(
                "POST", f"/web/{token}/antwoord/", {**page_fields, **answers}
            )
            assert status == 200, f"autosave of part {number} gave {status}"
            status, location, _t = phone.request("POST", part, {**answers, "action": "next"})
            assert status == 302, f"part {number} gave {status}"
            if "/deel/" not in location:
                break  # "Ready" on the last part finished the web
        assert answered == 42, f"the full web has 42 questions, {answered} were answered"
        status, _path, _page = phone.follow("GET", urlsplit(location).path)
        assert status == 200, f"the result page gave {status}"


def trivial_pages(port: int) -> None:
    phone = load.Phone(port, load.Timings())
    for _ in range(60):
        assert phone.request("GET", "/healthz")[0] == 200


@contextmanager
def throwaway_database(backend: str, url: str, name: str, scratch: Path):
    """A new, empty database: a SQLite file in `scratch`, or a PostgreSQL database beside the
    one `url` names, dropped afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{scratch / name}.sqlite3"
        return
    import psycopg

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/')}_{name}"
    admin = parts._replace(path="/postgres").geturl().replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
        try:
            yield parts._replace(path=f"/{name}").geturl()
        finally:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def brede_blik(database_url: str, scratch: Path) -> tuple[float, list[str]]:
    env = load.server_env(database_url, production=True)
    load.manage(env, "migrate", "--noinput")
    load.manage(env, "createcachetable")
    # --clear: files a run before this one collected (an app since removed) would be indexed too.
    load.manage(env, "collectstatic", "--noinput", "--clear")
    return measure(env, "bredeblik.wsgi", fill_in_full_webs, scratch)


def bare(database_url: str, scratch: Path) -> tuple[float, list[str]]:
    (scratch / "bare_settings.py").write_text(BARE_SETTINGS % database_url)
    (scratch / "bare_urls.py").write_text(BARE_URLS)
    env = load.server_env(database_url, production=False)
    env.update(DJANGO_SETTINGS_MODULE="bare_settings", PYTHONPATH=str(scratch))
    django_admin = [sys.executable, "-m", "django", "migrate", "--noinput"]
    subprocess.run(django_admin, cwd=scratch, env=env, check=True, capture_output=True)
    app = "django.core.wsgi:get_wsgi_application()"
    return measure(env, app, trivial_pages, scratch)


def run_one(backend: str, database_url: str) -> None:
    rows = []
    sides = (("bare Django", bare, "memory_bare"), ("Brede Blik fill-in", brede_blik, "memory"))
    for label, side, name in sides:
        with (
            tempfile.TemporaryDirectory(prefix="bredeblik-memory-") as scratch,
            throwaway_database(backend, database_url, name, Path(scratch)) as url,
        ):
            rows.append((label, *side(url, Path(scratch))))
    print(f"Worker memory ({backend}; one gunicorn worker, VmRSS after the requests)")
    for label, memory, loaded in rows:
        libraries = ", ".join(loaded) or "none"
        print(f"{label:<20} {memory:6.1f} MB   large libraries loaded: {libraries}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    backends.add_arguments(parser)
    backends.run(parser.parse_args(), __file__, run_one, [])


if __name__ == "__main__":
    main()
