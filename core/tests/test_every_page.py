"""Every page of the site, for the person it is for: it opens, passes axe at 360 px and 1280 px,
and never scrolls sideways. The list is checked against the URLconf, so a new page is walked too.
"""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.conf import settings
from django.test import Client

from core.tests.site_pages import NOT_PAGES, PAGES, USERS, World, build_world, named_urls
from sharing.tests.helpers import verified_login


def test_every_named_url_is_a_walked_page_or_listed_as_no_page():
    walked = {page.name for page in PAGES}
    everything = named_urls()
    forgotten = everything - walked - set(NOT_PAGES)
    assert not forgotten, f"Add these to core/tests/site_pages.py PAGES or NOT_PAGES: {forgotten}"
    assert not (walked & set(NOT_PAGES)), "a URL is both a page and no page"
    assert not (walked | set(NOT_PAGES)) - everything, "site_pages names a URL that is gone"


def client_for(world: World, who: str | None) -> Client:
    client = Client()
    if who is None:
        return client
    user = world.users[who]
    if USERS[who][1]:
        return verified_login(client, user)
    client.force_login(user)
    return client


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.mark.django_db
def test_every_page_opens_for_the_person_it_is_for(world):
    clients: dict = {}
    wrong = []
    for page in PAGES:
        if page.who not in clients:
            clients[page.who] = client_for(world, page.who)
        client = clients[page.who]
        url = page.url(world)
        response = client.get(url)
        if response.status_code != page.status:
            wrong.append(f"{page.name} {url} as {page.who}: {response.status_code}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
def test_form_actions_refuse_a_plain_visit(world):
    """What NOT_PAGES calls a form action really takes POST only: no page is hidden there."""
    from django.urls import get_resolver

    resolver = get_resolver()
    client = client_for(world, "professional")
    wrong = []
    for name, reason in NOT_PAGES.items():
        if reason != "form action: takes POST only":
            continue
        namespace, _, short = name.rpartition(":")
        patterns = resolver.namespace_dict[namespace][1] if namespace else resolver
        route = next(
            p for p in patterns.reverse_dict.getlist(short) if isinstance(p, tuple)
        )  # (possibilities, pattern, defaults, converters)
        params = {key: _dummy(converter) for key, converter in route[3].items()}
        url = _reverse(name, params)
        status = client.get(url).status_code
        # 404: the object is looked up before the method is checked; never a page either way.
        if status not in (404, 405):
            wrong.append(f"{name} {url}: {status}")
    assert not wrong, "\n".join(wrong)


def _dummy(converter) -> object:
    kind = type(converter).__name__
    return {
        "IntConverter": 1,
        "UUIDConverter": "00000000-0000-0000-0000-000000000000",
    }.get(kind, "x")


def _reverse(name: str, params: dict) -> str:
    from django.urls import reverse

    return reverse(name, kwargs=params)


# --- In the browser ---------------------------------------------------------------------------


def log_in_browser(page, base: str, world: World, who: str | None, cache: dict) -> None:
    page.context.clear_cookies()
    if who is None:
        return
    if who not in cache:
        cache[who] = client_for(world, who).cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cache[who], "url": base}]
    )


def problems_on(page, axe_check, url: str, status: int) -> list[str]:
    response = page.goto(url)
    page.wait_for_load_state()
    problems = []
    if response is not None and response.status != status:
        problems.append(f"{url}: answered {response.status}, expected {status}")
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    if widths[0] > widths[1]:
        wide = page.evaluate(
            """() => [...document.querySelectorAll('body *')]
                 .filter(e => e.getBoundingClientRect().right
                              > document.documentElement.clientWidth + 1)
                 .slice(0, 3).map(e => e.tagName + '.' + e.className)"""
        )
        problems.append(f"{url}: scrolls sideways ({widths[0]} > {widths[1]} px): {wide}")
    try:
        axe_check(page)
    except AssertionError as error:
        problems.append(f"{url}: {error}")
    return problems


def serve(html: str, status: int):
    def handler(route, request) -> None:
        route.fulfill(status=status, body=html, content_type="text/html; charset=utf-8")

    return handler


def error_page_html(code: str) -> str:
    """The 400 and 500 pages as the handlers render them (no URL raises them on purpose)."""
    from core import errors

    if code == "400":
        return Client().get("/", headers={"host": "not-allowed.invalid"}).content.decode()
    return errors.server_error(None).content.decode()


WHO = sorted({page.who or "" for page in PAGES}) + ["errors"]


@pytest.mark.browser
@pytest.mark.timeout(600)
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("who", WHO)
def test_every_page_passes_axe_and_fits_the_screen(new_page, live_server, axe_check, width, who):
    world = build_world()
    base = live_server.url
    page = new_page(width=width, height=800)
    sessions: dict = {}
    problems: list[str] = []
    if who == "errors":
        problems += error_page_problems(page, base, world, sessions, axe_check)
    else:
        log_in_browser(page, base, world, who or None, sessions)
        for each in PAGES:
            if (each.who or "") == who:
                problems += problems_on(page, axe_check, base + each.url(world), each.status)
    assert not problems, "\n\n".join(problems)


def error_page_problems(page, base: str, world: World, sessions: dict, axe_check) -> list[str]:
    """Not found, refused (a resident on a staff page), and the two that no address raises on
    purpose, served as their handlers render them. DEBUG is off, so these are the real pages."""
    problems = problems_on(page, axe_check, base + "/deze-pagina-bestaat-niet/", 404)
    log_in_browser(page, base, world, "resident", sessions)
    problems += problems_on(page, axe_check, base + "/inzicht/", 403)
    for code in ("400", "500"):
        page.route(f"{base}/fout-{code}/", serve(error_page_html(code), int(code)))
        problems += problems_on(page, axe_check, f"{base}/fout-{code}/", int(code))
    return problems


ENGLISH_DATE = re.compile(
    r"\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March"
    r"|April|June|July|August|September|October|November|December)\b|\b(AM|PM|a\.m\.|p\.m\.)\b"
)
ENGLISH_WORDS = re.compile(
    r"\b(the|and|your|you|with|fewer than|Mean score|conversation|trajectory|Monday|Tuesday"
    r"|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)


def visible_text(html: str) -> str:
    """The page's text and the texts a screen reader reads (titles, labels, alt, aria)."""
    html = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", html)
    attributes = re.findall(r'(?:aria-label|alt|title|placeholder)="([^"]*)"', html)
    text = re.sub(r"<[^>]+>", " ", html)
    return " ".join([unescape(text), *map(unescape, attributes)])


@pytest.mark.django_db
def test_dutch_pages_show_no_english(world):
    clients: dict = {}
    found = []
    for page in PAGES:
        if page.who not in clients:
            clients[page.who] = client_for(world, page.who)
        url = page.url(world)
        text = visible_text(clients[page.who].get(url).content.decode())
        for pattern in (ENGLISH_DATE, ENGLISH_WORDS):
            for match in pattern.finditer(text):
                around = text[max(0, match.start() - 60) : match.end() + 60]
                found.append(f"{page.name} {url}: {' '.join(around.split())!r}")
    assert not found, "\n".join(found)
