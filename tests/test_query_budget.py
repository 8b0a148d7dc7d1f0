"""Query budgets per page: a later change cannot quietly add a query per row (an N+1).

Each page is loaded with a few rows and with many more; the budget is the same for both, so a
query per row fails here. The numbers are this page's queries today plus the session and user.
"""

from __future__ import annotations

import copy

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.services import Submission, save_submission, start_assessment
from assessments.tests.factories import instrument, make_web
from conversations.tests.helpers import conversation_with_steps, login, member, share, user
from conversations.tests.helpers import webs_for as two_webs_of
from core import code_guard, navigation
from insights.tests.helpers import analyst
from organisations.models import Membership, Organisation
from sharing.tests.helpers import verified_login
from socialmap import demo
from socialmap.models import Organization, Service, ServiceArea

pytestmark = pytest.mark.django_db

# What the menu and permission checks may spend on a logged-in page, besides the session and
# the user (issue: at most four).
MENU_AND_PERMISSIONS = 4


def full_web():
    version = instrument("bredeblik-volwassenen")
    web = start_assessment(version)
    save_submission(web, Submission(answers={item.id: 6 for item in version.parsed.items}))
    return web


@pytest.fixture
def visitor(client):
    """A visitor who opened a web with its private link (as the start page does)."""
    web = full_web()
    client.get(reverse("assessments:fill_in", args=[web.access_token, 1]))
    return client, web


def test_fill_in_page(visitor, django_assert_max_num_queries):
    client, web = visitor
    with django_assert_max_num_queries(4):
        assert (
            client.get(reverse("assessments:fill_in", args=[web.access_token, 2])).status_code
            == 200
        )


def test_saving_a_page_without_javascript(visitor, django_assert_max_num_queries):
    client, web = visitor
    dimension = web.definition.dimensions[1]
    answers = {f"item-{item.id}": 4 for item in dimension.items}
    with django_assert_max_num_queries(9):
        response = client.post(
            reverse("assessments:fill_in", args=[web.access_token, 2]),
            {**answers, "note": "Even iets kwijt", "action": "next"},
        )
    assert response.status_code == 302


def test_autosave_of_one_answer(visitor, django_assert_max_num_queries):
    client, web = visitor
    item = web.definition.dimensions[0].items[0]
    # 6, plus reading the session: since idle sessions and two-step login, every request with
    # a session cookie must learn whether a logged-in person sends it.
    with django_assert_max_num_queries(7):
        response = client.post(
            reverse("assessments:save_answer", args=[web.access_token]),
            {"number": 1, f"item-{item.id}": 9},
        )
    assert response.status_code == 200


@pytest.fixture
def shared_cache(settings):
    """The cache as production has it, where every read is a query."""
    settings.CACHES = {"default": copy.deepcopy(settings.SHARED_CACHE)}
    call_command("createcachetable", verbosity=0)


def guess_mark_reads(queries) -> list[str]:
    return [query["sql"] for query in queries if code_guard.GROUP in query["sql"]]


def test_the_browser_that_opened_a_web_saves_and_sees_it_without_reading_a_guess_mark(
    visitor, shared_cache
):
    client, web = visitor
    item = web.definition.dimensions[0].items[0]
    save = reverse("assessments:save_answer", args=[web.access_token])
    answer = {"number": 1, "version": web.instrument_id, f"item-{item.id}": 9}
    with CaptureQueriesContext(connection) as saving:
        assert client.post(save, answer).status_code == 200
    with CaptureQueriesContext(connection) as showing:
        assert client.get(reverse("assessments:result", args=[web.access_token])).status_code == 200
    assert guess_mark_reads(saving.captured_queries) == []
    assert guess_mark_reads(showing.captured_queries) == []
    # Another browser with the same link has not shown it works: its guess mark is read.
    with CaptureQueriesContext(connection) as stranger:
        Client().post(save, answer)
    assert len(guess_mark_reads(stranger.captured_queries)) == 1


def test_result_page_does_not_grow_with_earlier_webs(client, django_assert_max_num_queries):
    web = make_web(instrument_id="bredeblik-volwassenen")
    for _ in range(5):
        make_web(series=web.series)
    client.get(reverse("assessments:result", args=[web.access_token]))
    with django_assert_max_num_queries(8):
        page = client.get(reverse("assessments:result", args=[web.access_token]))
    assert page.status_code == 200


@pytest.fixture
def big_map(db):
    demo.load()
    organization = Organization.objects.create(name="Buurtnetwerk", description="")
    for n in range(40):
        service = Service.objects.create(
            organization=organization,
            name=f"Wandelgroep {n}",
            search_name=f" wandelgroep {n} ",
            search_text=" elke week samen ",
        )
        ServiceArea.objects.create(service=service, name="9991")


@pytest.mark.parametrize("query", ["", "?q=wandelen", "?q=wandelen&postcode=9991"])
def test_map_search_page(client, big_map, query, django_assert_max_num_queries):
    with django_assert_max_num_queries(9):
        page = client.get(reverse("socialmap:search") + query)
    assert page.status_code == 200


CLIENTS = 6


@pytest.fixture
def caseload(db):
    organisation = Organisation.objects.create(name="Wijkteam Budget", slug="wijkteam-budget")
    professional = member(
        user("budget-prof@example.org", "Pim Prof"), organisation, Membership.Role.PROFESSIONAL
    )
    for n in range(CLIENTS):
        person = user(f"client{n}@example.org", f"Cliënt {n}")
        webs = two_webs_of(person)
        share(person, professional, webs)
        conversation_with_steps(professional, person, webs)
    return professional


# Which webs a client shares with the professional is checked per client (sharing.consent);
# everything else on the caseload is read in a fixed number of queries.
CONSENT_CHECKS_PER_CLIENT = 3
# Fixed checks added since this budget was set, none of them per client:
# - two-step login: the user's device and whether their roles need it (2);
# - the access log of all listed clients: the organisations of their shares in one read,
#   then the hash chain (savepoint, head lock, one insert, one chain update, head update,
#   release) (7);
# - conversations count only while every linked web is still shared: the visible webs, the
#   conversations and their webs (3).
CASELOAD_FIXED = 9 + 2 + 7 + 3


def test_caseload_page(client, caseload, django_assert_max_num_queries):
    login(client, caseload)
    client.get(reverse("conversations:caseload"))
    with django_assert_max_num_queries(CASELOAD_FIXED + CONSENT_CHECKS_PER_CLIENT * CLIENTS):
        page = client.get(reverse("conversations:caseload"))
    assert page.status_code == 200


def queries_of(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("page", ["core:home", "socialmap:search"])
def test_menu_and_permissions_of_a_logged_in_page(client, caseload, page):
    """What a logged-in professional costs a page beyond what a visitor costs: the session,
    the user and their two-step device, plus what menu and permission checks read."""
    url = reverse(page)
    visitor = Client()
    visitor.get(url)
    login(client, caseload)
    client.get(url)
    extra = queries_of(client, url) - queries_of(visitor, url)
    assert extra - 3 <= MENU_AND_PERMISSIONS


# What a page needs without any menu or permission work: sessions, the user and the
# two-step device (django-otp), messages. Everything the full settings add on top (the
# two-step check, the menu, the organisation theme, ...) counts as menu and permissions.
BARE_MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
BARE_CONTEXT = [
    "django.template.context_processors.request",
    "django.template.context_processors.i18n",
    "django.contrib.auth.context_processors.auth",
    "django.contrib.messages.context_processors.messages",
]


@pytest.fixture
def staff(db):
    """An analyst of the figures who also runs an organisation: the most menu entries."""
    person = analyst("budget-analyst@example.org")
    organisation = Organisation.objects.create(name="Wijkteam Staf", slug="wijkteam-staf")
    Membership.objects.create(
        user=person, organisation=organisation, role=Membership.Role.ORGANISATION_ADMIN
    )
    return person


def bare_queries(client, url: str, settings) -> int:
    settings.MIDDLEWARE = BARE_MIDDLEWARE
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["OPTIONS"]["context_processors"] = BARE_CONTEXT
    settings.TEMPLATES = templates
    try:
        return queries_of(client, url)
    finally:
        del settings.MIDDLEWARE
        del settings.TEMPLATES


@pytest.mark.parametrize("page", ["insights:dashboard", "core:home", "socialmap:search"])
def test_menu_and_permissions_of_a_staff_page(client, staff, page, settings):
    url = reverse(page)
    verified_login(client, staff)
    client.get(url)
    full = queries_of(client, url)
    assert full - bare_queries(client, url, settings) <= MENU_AND_PERMISSIONS


def test_the_menu_is_worked_out_in_a_few_queries_and_then_kept(client, staff):
    """Every few minutes the menu is made afresh: the answers several apps need (roles,
    analyst) are read once, not once per app."""
    url = reverse("insights:dashboard")
    verified_login(client, staff)
    client.get(url)
    kept = queries_of(client, url)
    session = client.session
    session.pop(navigation.SESSION_KEY)
    session.save()
    # Worked out: the memberships, invitations, referrals, analyst and programmes (5), and
    # writing the session (savepoint, update, release: 3).
    assert queries_of(client, url) - kept <= 5 + 3
    assert [item["label"] for item in client.session[navigation.SESSION_KEY]["entries"]] == [
        item["label"] for item in client.get(url).context["nav_items"]
    ]
