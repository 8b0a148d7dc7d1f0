"""The load of a region, on loopback with real servers (the pieces of bench/load.py):

- the default `make run` set-up (runserver on a SQLite file) takes 200 residents saving their
  answers at the same moment without a single server error;
- the production set-up (gunicorn + PostgreSQL): two app servers on one database behave as
  one: a resident who starts on one continues on the other, and sessions and rate limits are
  shared. Runs only when DATABASE_URL points at PostgreSQL.
"""

import importlib.util
import os
import re
import sys
import tempfile
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("bench_load", ROOT / "bench" / "load.py")
load = importlib.util.module_from_spec(_spec)
sys.modules["bench_load"] = load  # its dataclasses look themselves up there
_spec.loader.exec_module(load)


@pytest.mark.timeout(900)  # real servers and a migration; minutes on a busy two-core machine
def test_two_hundred_residents_at_once_on_the_default_sqlite_setup_get_no_server_error():
    scratch = Path(tempfile.mkdtemp(prefix="bredeblik-load-test-"))
    env = load.server_env(f"sqlite:///{scratch / 'db.sqlite3'}", production=False)
    load.manage(env, "migrate", "--noinput")
    port = load.free_port()
    server = load.start_runserver(env, port)
    try:
        # Each starts a web and saves its first three parts, all at the same time.
        timings, _crowd_s, _trivial_s = load.crowd(
            [port], residents=200, switch=False, baseline=False, parts=3
        )
        log = load.log_of(server)
    finally:
        load.stop([server])
    tracebacks = "\n".join(re.findall(r"Traceback.*?\n\S[^\n]*", log, flags=re.DOTALL)[:2])
    assert timings.server_errors == [], tracebacks
    assert timings.client_problems == []
    assert timings.finished == 200
    assert len(timings.saves) == 200 * 3


on_postgres = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="two app servers on one database: run with DATABASE_URL=postgres://...",
)


@pytest.fixture
def two_servers(transactional_db):
    """Two gunicorn app servers (production settings) on this test's PostgreSQL database."""
    database = settings.DATABASES["default"]
    url = (
        f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@{database['HOST']}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )
    env = load.server_env(url, production=True)
    # The servers' production settings keep the cache in the database; the test's own settings
    # do not, so the table is made with the servers' settings.
    load.manage(env, "createcachetable")
    load.manage(env, "collectstatic", "--noinput")
    ports = [load.free_port(), load.free_port()]
    servers = [load.start_gunicorn(env, port, workers=1) for port in ports]
    yield ports
    load.stop(servers)


@on_postgres
@pytest.mark.timeout(900)
def test_two_app_servers_on_one_database_behave_as_one(two_servers):
    first, second = two_servers
    timings = load.Timings()
    phone = load.Phone(first, timings, https=True)
    result = load.fill_in_quick_web(phone, switch_to=second)  # parts 4-6 and the result on B
    assert phone.port == second
    status, _path, page = phone.follow("GET", result)
    assert status == 200 and "<svg" in page
    # The session made on the first server is known on the second: it lists the web.
    token = result.split("/")[2]
    status, _path, page = phone.follow("GET", "/account/mijn-webs/")
    assert status == 200 and token in page
    phone.switch(first)
    assert token in phone.follow("GET", "/account/mijn-webs/")[2]
    assert timings.server_errors == []


@on_postgres
@pytest.mark.timeout(900)
def test_rate_limits_count_across_both_app_servers(two_servers):
    first, second = two_servers
    timings = load.Timings()
    guesser = load.Phone(first, timings, https=True)
    guesser.follow("GET", "/")
    limited = re.compile("Te veel pogingen")
    for attempt in range(20):  # 20 tries per 15 minutes per address, spread over both
        guesser.switch(first if attempt % 2 else second)
        status, _path, page = guesser.follow("POST", "/web/hervatten/", {"code": "AAAA-AAAA"})
        assert status == 400 and not limited.search(page)  # an unknown code, not yet the limit
    guesser.switch(first)
    status, _path, page = guesser.follow("POST", "/web/hervatten/", {"code": "AAAA-AAAA"})
    assert limited.search(page)
    assert timings.server_errors == []
