"""Running a bench on SQLite and on PostgreSQL, each database in a process of its own."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Callable

SQLITE = "sqlite:///unused.sqlite3"  # each bench makes its own throwaway file
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/bredeblik_bench"


def postgres_url() -> str | None:
    """$DATABASE_URL when it is PostgreSQL, else the default; None (and why) when unreachable."""
    url = os.environ.get("DATABASE_URL", "")
    url = url if url.startswith("postgres") else DEFAULT_POSTGRES
    try:
        import psycopg

        with psycopg.connect(url.replace("postgres://", "postgresql://", 1), connect_timeout=3):
            return url
    except Exception as exc:  # any failure means: skip PostgreSQL, and say why
        print(f"[postgresql] skipped: {url} not reachable ({exc.__class__.__name__})")
        return None


def url_for(backend: str, given: str | None) -> str | None:
    if given:
        return given
    return postgres_url() if backend == "postgresql" else SQLITE


def run_on_each(script: str, options: list[str]) -> None:
    """Run `script --backend … --url … options` once per reachable database."""
    runs = [("sqlite", SQLITE)]
    url = postgres_url()
    if url:
        runs.append(("postgresql", url))
    for backend, database_url in runs:
        command = [sys.executable, script, "--backend", backend, "--url", database_url, *options]
        subprocess.run(command, check=True)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--backend", choices=["sqlite", "postgresql"])
    parser.add_argument("--url")


def run(
    args: argparse.Namespace, script: str, run_one: Callable[[str, str], None], options: list[str]
) -> None:
    """With --backend, `run_one(backend, url)` here if that database is reachable; without it,
    `script` again with `options` on each reachable database."""
    if args.backend:
        url = url_for(args.backend, args.url)
        if url:
            run_one(args.backend, url)
        return
    run_on_each(script, options)
