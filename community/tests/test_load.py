"""200 residents post at the same moment; every contribution must be stored."""

import http.cookiejar
import re
import threading
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.management import call_command
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connections
from django.test.testcases import LiveServerThread

from community import services
from community.models import Contribution
from people.models import User

RESIDENTS = 200
ATTEMPTS = 8


def send(opener, request_or_url):
    """Like a phone on busy wifi: retry when the test server's small backlog refuses us.

    A refused or reset connection never reached Django, so a retry cannot store twice (and the
    exact count asserted below would catch it if it did).
    """
    for attempt in range(ATTEMPTS):
        try:
            with opener.open(request_or_url, timeout=60) as response:
                return response.status, response.read().decode()
        except (ConnectionResetError, ConnectionRefusedError):
            if attempt == ATTEMPTS - 1:
                raise
            time.sleep(0.05 * 2**attempt)
    raise AssertionError("unreachable")


WORKERS = 16


class WorkerPoolServer(ThreadedWSGIServer):
    """Like a deployed app server: a fixed number of workers, the rest wait in the queue.

    (The plain live server starts a thread, and so a database connection, per request: 200 at
    once exhaust PostgreSQL's max_connections.)
    """

    request_queue_size = 2 * RESIDENTS
    workers = threading.BoundedSemaphore(WORKERS)

    def process_request(self, request, client_address):
        self.workers.acquire()
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.workers.release()


class WorkerPoolServerThread(LiveServerThread):
    server_class = WorkerPoolServer


@pytest.fixture
def server_url(tmp_path):
    """Django's live server thread with a worker pool, on a database that takes concurrency.

    On PostgreSQL that is the test database. The SQLite test database lives in memory, shared by
    every server thread through one connection, which cannot take concurrent writers; there we
    migrate a temporary file database (WAL, IMMEDIATE, busy timeout, as deployed) instead.
    """
    old = connections["default"]
    settings_dict = old.settings_dict
    memory_name = settings_dict["NAME"]
    in_memory = old.vendor == "sqlite" and old.is_in_memory_db()
    if in_memory:
        settings_dict["NAME"] = str(tmp_path / "load.sqlite3")
        connections["default"] = old.__class__(settings_dict, alias="default")
    thread = WorkerPoolServerThread("localhost", lambda handler: handler, connections_override={})
    try:
        if in_memory:
            call_command("migrate", verbosity=0, interactive=False)
        thread.daemon = True
        thread.start()
        thread.is_ready.wait()
        if thread.error:
            raise thread.error
        yield f"http://localhost:{thread.port}"
    finally:
        thread.terminate()
        if in_memory:
            connections["default"].close()
            settings_dict["NAME"] = memory_name
            connections["default"] = old


@pytest.mark.django_db(transaction=True)
def test_two_hundred_residents_posting_at_once_lose_nothing(server_url):
    facilitator = User.objects.create_user("leider@example.org", "a-long-test-password")
    session = services.create_session(facilitator, title="Windpark (fictief)", groups=4)
    services.set_step(session, facilitator, 2)
    url = f"{server_url}/bijeenkomst/{session.code}/"
    ready = threading.Barrier(RESIDENTS, timeout=60)

    def resident(number: int) -> int:
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        _status, page = send(opener, url)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token,
                "action": "contribute",
                "group": str(number % 4 + 1),
                "dimension": "meedoen",
                "kind": "opportunity",
                "text": f"Idee {number}",
            }
        ).encode()
        request = urllib.request.Request(url, data=body, headers={"Referer": url})
        ready.wait()
        status, _page = send(opener, request)
        return status

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=RESIDENTS) as pool:
        statuses = list(pool.map(resident, range(RESIDENTS)))
    elapsed = time.monotonic() - started
    assert statuses == [200] * RESIDENTS  # after the redirect back to the page
    assert Contribution.objects.filter(session=session).count() == RESIDENTS
    assert set(Contribution.objects.values_list("text", flat=True)) == {
        f"Idee {n}" for n in range(RESIDENTS)
    }
    assert elapsed < 120
