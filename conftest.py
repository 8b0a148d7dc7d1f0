"""Shared fixtures. Browser tests drive Debian's Chromium through Playwright (no downloads)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


def find_chromium() -> str | None:
    configured = os.environ.get("CHROMIUM_PATH")
    if configured and os.path.exists(configured):
        return configured
    for candidate in CHROMIUM_CANDIDATES:
        if os.path.exists(candidate):
            return candidate
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def browser() -> Iterator:
    path = find_chromium()
    if path is None:
        message = (
            "Chromium not found: browser tests need Debian's chromium "
            "(apt-get install -y chromium) or CHROMIUM_PATH."
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " CI=true, so a missing browser is a failure.")
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # around it are ordinary synchronous ones.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=path,
            args=[
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-gpu",
                "--no-first-run",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def new_page(browser, live_server):
    """Factory for browser pages, each its own context (own cookies): several people at once."""
    contexts = []

    def make(width: int = 1024, height: int = 800, javascript: bool = True):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            locale="nl-NL",
            java_script_enabled=javascript,
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def phone_page(new_page):
    return new_page(width=360, height=740)


def assert_no_axe_violations(page) -> None:
    """axe-core over the current page: no WCAG 2.0/2.1 A or AA violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
        },
    )
    violations = results.response["violations"]
    assert not violations, results.generate_report()


@pytest.fixture
def axe_check():
    return assert_no_axe_violations


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache; one test's attempts must not lock out the next."""
    from django.core.cache import cache

    yield
    cache.clear()


@pytest.fixture(autouse=True, scope="session")
def _quick_password_hashing():
    """Argon2 is slow on purpose; the hundreds of accounts the tests make use a quick hash.
    The test of how real passwords are stored puts the project's own hashers back."""
    from django.test import override_settings

    with override_settings(
        PASSWORD_HASHERS=[
            "django.contrib.auth.hashers.MD5PasswordHasher",
            "django.contrib.auth.hashers.Argon2PasswordHasher",
        ]
    ):
        yield


@pytest.fixture(autouse=True, scope="session")
def _tasks_run_at_once():
    """Queued work runs inside the test at enqueue time; the database queue is tested on its own."""
    from django.test import override_settings

    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    ):
        yield
