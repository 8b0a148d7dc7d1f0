import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import DatabaseError

ROOT = Path(__file__).resolve().parents[2]


def clean_environment(**overrides: str) -> dict[str, str]:
    """The environment of a production process: no test-only switches such as the browser's."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(overrides)
    return env


@pytest.mark.django_db
def test_healthz_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_healthz_503_when_the_database_does_not_answer(client, monkeypatch):
    from core import views

    def broken_cursor():
        raise DatabaseError("down")

    monkeypatch.setattr(views.connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503


@pytest.mark.django_db
def test_pages_send_a_content_security_policy(client):
    policy = client.get("/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_production_settings_pass_the_deploy_check():
    env = clean_environment(
        DJANGO_DEBUG="0",
        SECRET_KEY="k9#Vd2!xQ7zL$u4mN8pR1wT6yB3cF5hJ0gA*eS^oI&vK@lZ(qX)nM-rP_tY+uW=",
        ALLOWED_HOSTS="bredeblik.example.org",
        DATABASE_URL="sqlite:///:memory:",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = clean_environment(DJANGO_DEBUG="0", SECRET_KEY="", ALLOWED_HOSTS="x.example")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
