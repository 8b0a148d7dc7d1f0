"""A session with many phones at once: residents fill in the quick web through the pages
(start, six parts, result), all at the same time, against real servers on loopback.

    .venv/bin/python bench/load.py [--residents 200] [--setup sqlite|postgres|both]

- sqlite: the `make run` set-up (manage.py runserver, a fresh SQLite file in WAL mode);
- postgres: the production set-up (two gunicorn app servers, DJANGO_DEBUG=0, on one
  PostgreSQL database from $DATABASE_URL, default postgres://postgres@127.0.0.1:5432/
  bredeblik_load; each resident switches server halfway, as behind a load balancer).

Prints per set-up: residents finished, server errors, answer saves per second and their p95,
and, under the same concurrency in the same run, GET /healthz (a trivial view) per second and
its p95, with the ratio between them. The tests in tests/test_load.py use the same pieces.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ---------------------------------------------------------------- servers


def server_env(database_url: str, production: bool, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env["DATABASE_URL"] = database_url
    env["DJANGO_SETTINGS_MODULE"] = "bredeblik.settings"
    if production:
        env.update(
            DJANGO_DEBUG="0",
            SECRET_KEY="load-test-only-" + "x" * 40,
            ALLOWED_HOSTS="127.0.0.1",
            SECURE_SSL_REDIRECT="0",
            STATIC_ROOT=str(Path(tempfile.gettempdir()) / "bredeblik-load-static"),
        )
    else:
        env["DJANGO_DEBUG"] = "1"  # as `make run` sets it
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)


def wait_until_up(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            process.log.seek(0)
            raise RuntimeError(f"server on {port} stopped: {process.log.read()[-2000:]!r}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz", headers={"X-Forwarded-Proto": "https"})
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"server on {port} did not start")


def start_server(command: list[str], env: dict[str, str], port: int) -> subprocess.Popen:
    # The log goes to a file, not a pipe: nobody reads a pipe while the load runs, and the
    # development server, which logs every request, stops once the pipe's buffer is full.
    log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 - closed by stop()
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log, text=True
    )
    process.log = log
    wait_until_up(port, process)
    return process


def start_runserver(env: dict[str, str], port: int) -> subprocess.Popen:
    """`make run`'s server: Django's threaded development server."""
    command = [PYTHON, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
    return start_server(command, env, port)


def start_gunicorn(env: dict[str, str], port: int, workers: int = 2) -> subprocess.Popen:
    gunicorn = str(Path(PYTHON).parent / "gunicorn")
    command = [gunicorn, "bredeblik.wsgi", "--bind", f"127.0.0.1:{port}"]
    return start_server([*command, "--workers", str(workers), "--threads", "4"], env, port)


def log_of(process: subprocess.Popen) -> str:
    """What the server wrote to its log so far (tracebacks of server errors among it)."""
    process.log.seek(0)
    return process.log.read()


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        process.log.close()


# ---------------------------------------------------------------- a resident's phone


@dataclass
class Timings:
    saves: list[float] = field(default_factory=list)
    trivial: list[float] = field(default_factory=list)
    server_errors: list[str] = field(default_factory=list)  # 5xx answers
    client_problems: list[str] = field(default_factory=list)  # timeouts, unexpected pages
    finished: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float) -> None:
        with self.lock:
            getattr(self, kind).append(seconds)


class Phone:
    """A browser on loopback: keeps its cookies across servers (HTTPS as behind the proxy,
    so production's Secure cookies and CSRF origin checks apply), follows redirects."""

    def __init__(self, port: int, timings: Timings, https: bool = False):
        self.port = port
        self.https = https
        self.timings = timings
        self.cookies: dict[str, str] = {}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)

    def switch(self, port: int) -> None:
        self.connection.close()
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)

    def request(self, method: str, path: str, data: dict | None = None) -> tuple[int, str, str]:
        origin = f"{'https' if self.https else 'http'}://127.0.0.1:{self.port}"
        headers = {
            "X-Forwarded-Proto": "https" if self.https else "http",
            "Accept-Language": "nl",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        body = None
        if data is not None:
            data = {**data, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
            body = urlencode(data)
            headers.update(
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": origin,
                    "Referer": origin + path,
                }
            )
        for _attempt in range(2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                text = response.read().decode("utf-8", "replace")
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.switch(self.port)  # a worker closed the kept-alive connection
        else:
            raise RuntimeError(f"{method} {path}: no answer")
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        if response.status >= 500:
            with self.timings.lock:
                self.timings.server_errors.append(f"{response.status} {method} {path}")
        return response.status, response.headers.get("Location", ""), text

    def follow(self, method: str, path: str, data: dict | None = None) -> tuple[int, str, str]:
        status, location, text = self.request(method, path, data)
        while status in (301, 302, 303) and location:
            path = urlsplit(location).path
            status, location, text = self.request("GET", path)
        return status, path, text


ITEM = re.compile(r'name="item-([^"]+)"')
QUICK = re.compile(r'name="instrument" value="(\d+)"')


def fill_in_quick_web(phone: Phone, switch_to: int | None = None, parts: int = 99) -> str:
    """Start, answer every part (or the first `parts`): returns the result page's path
    (or, when stopping early, the page of the next part)."""
    status, _path, home = phone.follow("GET", "/")
    instrument = QUICK.search(home).group(1)
    status, path, _page = phone.follow("POST", "/web/start/", {"instrument": instrument})
    if status != 200:
        raise RuntimeError(f"starting gave {status}")
    token = path.split("/")[2]
    number = 1
    while True:
        status, path, page = phone.follow("GET", f"/web/{token}/deel/{number}/")
        items = ITEM.findall(page)
        if status != 200 or not items:
            raise RuntimeError(f"part {number} gave {status} without questions")
        answers = {f"item-{item}": str(random.randint(0, 10)) for item in dict.fromkeys(items)}
        started = time.perf_counter()
        status, location, _page = phone.request(
            "POST", f"/web/{token}/deel/{number}/", {**answers, "action": "next"}
        )
        phone.timings.add("saves", time.perf_counter() - started)
        if status != 302:
            raise RuntimeError(f"saving part {number} gave {status}")
        if switch_to is not None and number == 3:
            phone.switch(switch_to)  # the load balancer sends the next request elsewhere
        if "/deel/" not in location:
            break  # "Ready" on the last part: the web is finished, its page is next
        if number == parts:
            with phone.timings.lock:
                phone.timings.finished += 1
            return urlsplit(location).path
        number += 1
    status, path, page = phone.follow("GET", urlsplit(location).path)
    if status != 200:
        raise RuntimeError(f"the web's page gave {status}")
    with phone.timings.lock:
        phone.timings.finished += 1
    return path


def trivial_requests(port: int, timings: Timings, count: int, https: bool) -> None:
    phone = Phone(port, timings, https)
    for _ in range(count):
        started = time.perf_counter()
        phone.request("GET", "/healthz")
        timings.add("trivial", time.perf_counter() - started)


def crowd(
    ports: list[int],
    residents: int,
    switch: bool,
    https: bool = False,
    baseline: bool = True,
    parts: int = 99,
) -> tuple[Timings, float, float]:
    """All residents at once; then (with `baseline`) as many trivial requests, equally
    concurrent."""
    timings = Timings()

    def one(index: int) -> None:
        port = ports[index % len(ports)]
        other = ports[(index + 1) % len(ports)] if switch and len(ports) > 1 else None
        try:
            fill_in_quick_web(Phone(port, timings, https), switch_to=other, parts=parts)
        except (RuntimeError, OSError, AttributeError) as exc:
            with timings.lock:
                timings.client_problems.append(f"resident {index}: {exc!r}")

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=residents) as pool:
        list(pool.map(one, range(residents)))
    crowd_seconds = time.perf_counter() - started
    if not baseline:
        return timings, crowd_seconds, 0.0
    per_thread = max(1, len(timings.saves) // residents)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=residents) as pool:
        list(
            pool.map(
                lambda i: trivial_requests(ports[i % len(ports)], timings, per_thread, https),
                range(residents),
            )
        )
    trivial_seconds = time.perf_counter() - started
    return timings, crowd_seconds, trivial_seconds


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[int(0.95 * (len(ordered) - 1))] if ordered else float("nan")


def report(label: str, residents: int, timings: Timings, crowd_s: float, trivial_s: float):
    saves_per_s = len(timings.saves) / crowd_s
    trivial_per_s = len(timings.trivial) / trivial_s
    print(f"== {label}: {residents} residents at once")
    print(
        f"   finished {timings.finished}/{residents}, server errors: {len(timings.server_errors)}"
    )
    for line in timings.server_errors[:5]:
        print(f"     {line}")
    if timings.client_problems:
        print(f"   residents who did not finish: {len(timings.client_problems)}, for example")
        for line in timings.client_problems[:3]:
            print(f"     {line}")
    print(f"   answer saves   {saves_per_s:8.1f}/s   p95 {1000 * p95(timings.saves):7.0f} ms")
    print(f"   trivial view   {trivial_per_s:8.1f}/s   p95 {1000 * p95(timings.trivial):7.0f} ms")
    print(
        f"   saves run at {saves_per_s / trivial_per_s:.2f}x the trivial view's rate, "
        f"p95 {p95(timings.saves) / p95(timings.trivial):.1f}x its p95"
    )


# ---------------------------------------------------------------- the two set-ups


def run_sqlite(residents: int) -> None:
    scratch = Path(tempfile.mkdtemp(prefix="bredeblik-load-"))
    env = server_env(f"sqlite:///{scratch / 'load.sqlite3'}", production=False)
    manage(env, "migrate", "--noinput")
    port = free_port()
    server = start_runserver(env, port)
    try:
        report("SQLite, make run (runserver)", residents, *crowd([port], residents, False))
    finally:
        stop([server])


def run_postgres(residents: int, database_url: str) -> None:
    env = server_env(database_url, production=True)
    manage(env, "migrate", "--noinput")
    manage(env, "createcachetable")
    manage(env, "collectstatic", "--noinput", "--clear")  # only what this checkout has
    ports = [free_port(), free_port()]
    servers = [start_gunicorn(env, port) for port in ports]
    try:
        report(
            "PostgreSQL, 2 gunicorn app servers (2 workers x 4 threads each)",
            residents,
            *crowd(ports, residents, True, https=True),
        )
    finally:
        stop(servers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=200)
    parser.add_argument("--setup", choices=["sqlite", "postgres", "both"], default="both")
    args = parser.parse_args()
    if args.setup in ("sqlite", "both"):
        run_sqlite(args.residents)
    if args.setup in ("postgres", "both"):
        url = os.environ.get("DATABASE_URL", "")
        if not url.startswith("postgres"):
            url = "postgres://postgres@127.0.0.1:5432/bredeblik_load"
        _create_database(url)
        run_postgres(args.residents, url)


def _create_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


if __name__ == "__main__":
    main()
