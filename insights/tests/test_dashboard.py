import csv
import io

import pytest
from django.db.models import Q
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from insights.models import Programme, ProgrammeQuote
from insights.services import closed_quarters
from insights.templatetags.insight_figures import one_decimal
from insights.tests.helpers import analyst, counted_web, moment_in, publish
from organisations.models import Organisation
from people.models import User
from sharing.tests.helpers import verified_login

# Session, second step, menu and analyst, then the figures: one grouped read, the programmes,
# the newest published quarter.
DASHBOARD_QUERIES = 10


@pytest.fixture
def neighbourhood(db):
    """12 webs in 9991, 3 in 9990, 20 in 1011 (outside Zonnedal)."""
    for _ in range(12):
        counted_web((6, 7, 5, 8, 4, 6), area="9991")
    for _ in range(3):
        counted_web((1, 1, 1, 1, 1, 1), area="9990")
    for _ in range(20):
        counted_web((9, 9, 9, 9, 9, 9), area="1011")
    publish()


def response_context_webs(client):
    return client.get(reverse("insights:dashboard")).context["webs_rows"]


PAGES = [
    "insights:dashboard",
    "insights:export_csv",
    "insights:export_xlsx",
    "insights:api_figures",
]


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_people_who_are_not_analysts_are_refused(client, name):
    response = client.get(reverse(name))
    assert response.status_code in (302, 403)
    user = User.objects.create_user("bewoner@example.org", "a-long-test-password")
    verified_login(client, user)
    assert client.get(reverse(name)).status_code == 403


@pytest.mark.django_db
def test_dashboard_shows_own_area_and_suppresses_small_groups(client, neighbourhood):
    verified_login(client, analyst())
    html = client.get(reverse("insights:dashboard")).content.decode()
    assert "9991" in html
    assert "1011" not in html  # outside this analyst's areas
    webs = response_context_webs(client)
    assert webs == [("9991", 12)]  # 9990 has 3 webs: never on its own, nor as a remainder
    assert "<svg" in html and "<table" in html
    assert "Lichaamsfuncties" in html


@pytest.mark.django_db
def test_small_group_cannot_be_computed_from_the_total(client, neighbourhood):
    verified_login(client, analyst())
    data = client.get(reverse("insights:api_figures")).json()
    webs = {g["label"]: g["webs"] for g in data["groups"]}
    # 9990 (3 webs) is in no block of 10; the total is the sum of what is shown.
    assert webs == {"9991": 12}
    assert data["webs_total"] == 12
    body = client.get(reverse("insights:export_csv")).content.decode()
    rows = list(csv.reader(io.StringIO(body)))
    for row in rows[1:]:
        assert int(row[2]) >= 10  # every row is a group of at least 10; bins describe it


@pytest.mark.django_db
def test_exports_have_the_same_figures_as_the_api(client, neighbourhood):
    verified_login(client, analyst(national=True))
    data = client.get(reverse("insights:api_figures"), {"area": "1011"}).json()
    body_dimension = data["dimensions"][0]
    assert body_dimension["rows"][0] == {
        "label": "1011",
        "count": 20,
        "mean": 9.0,
        "bins": [0, 0, 0, 0, 20],
    }
    response = client.get(reverse("insights:export_xlsx"), {"area": "1011"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[1][1:4] == ("1011", 20, 9.0)


@pytest.mark.django_db
def test_analyst_cannot_reach_an_area_outside_their_scope(client, neighbourhood):
    verified_login(client, analyst())
    data = client.get(reverse("insights:api_figures"), {"area": "1011"}).json()
    assert all(g["label"] != "1011" for g in data["groups"])
    assert data["messages"]
    assert client.get(reverse("insights:report", args=["1011"])).status_code == 404


@pytest.mark.django_db
def test_bad_filters_give_a_message_not_an_error(client, neighbourhood):
    verified_login(client, analyst())
    response = client.get(reverse("insights:dashboard"), {"breakdown": "x", "year_from": "abc"})
    assert response.status_code == 200
    assert len(response.context["errors"]) == 2
    assert 'role="alert"' in response.content.decode()


@pytest.mark.django_db
def test_breakdown_by_quarter_and_printable_report(client, neighbourhood):
    verified_login(client, analyst(national=True))
    response = client.get(reverse("insights:dashboard"), {"breakdown": "quarter"})
    assert response.status_code == 200
    html = client.get(reverse("insights:report", args=["1011"])).content.decode()
    assert html.count("<h2") >= 6
    assert "insights.css" in html


@pytest.fixture
def programme_with_pairs(db):
    organisation = Organisation.objects.create(name="Buurtcoaches (fictief)", slug="coach")
    programme = Programme.objects.create(organisation=organisation, name="Coaching")
    last, before = closed_quarters(2)
    for person in range(12):
        first = counted_web((4, 4, 4, 4, 4, 4), programme=programme, when=moment_in(before))
        counted_web(
            (5 + person % 3, 4, 4, 4, 4, 4),
            programme=programme,
            series=first.series,
            when=moment_in(last),
        )
    publish()
    return programme


@pytest.mark.django_db
def test_programme_evaluation_with_enough_pairs(client, programme_with_pairs):
    admin = User.objects.create_user("beheer@example.org", "a-long-test-password")
    programme_with_pairs.organisation.memberships.create(user=admin, role="organisation_admin")
    verified_login(client, admin)
    url = reverse("insights:programme", args=[programme_with_pairs.pk])
    response = client.get(url)
    (evaluation,) = response.context["evaluations"]
    assert evaluation.period == closed_quarters(1)[0]
    rows = {row.id: row for row in evaluation.rows}
    assert rows["lichaamsfuncties"].result.pairs == 12
    assert rows["lichaamsfuncties"].result.mean_difference == pytest.approx(2.0)
    assert rows["zingeving"].result.effect_size is None
    client.post(url, {"text": "Ik durf weer naar buiten.", "dimension": "meedoen"})
    assert ProgrammeQuote.objects.get().added_by == admin
    assert "Ik durf weer naar buiten." in client.get(url).content.decode()


@pytest.mark.django_db
def test_programme_evaluation_refused_to_others_and_hidden_with_few_pairs(client, db):
    organisation = Organisation.objects.create(name="Klein (fictief)", slug="klein")
    programme = Programme.objects.create(organisation=organisation, name="Klein")
    first = counted_web(programme=programme)
    counted_web(programme=programme, series=first.series)
    outsider = User.objects.create_user("buiten@example.org", "a-long-test-password")
    verified_login(client, outsider)
    url = reverse("insights:programme", args=[programme.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"text": "x"}).status_code == 404
    assert not ProgrammeQuote.objects.exists()
    verified_login(client, analyst(national=True))
    response = client.get(url)
    assert response.context["evaluations"] == []


@pytest.mark.django_db
def test_every_grain_gives_the_same_figures(client, neighbourhood):
    """National questions read a small table; the answer must match the detailed one."""
    verified_login(client, analyst(national=True))
    by_year = client.get(reverse("insights:api_figures"), {"breakdown": "year"}).json()
    by_area_and_age = client.get(
        reverse("insights:api_figures"), {"breakdown": "year", "age_band": "45-64"}
    ).json()
    assert by_year["webs_total"] == by_area_and_age["webs_total"] == 32
    first = [d["rows"][-1] for d in by_year["dimensions"]]
    second = [d["rows"][-1] for d in by_area_and_age["dimensions"]]
    assert first == second


# The site layout (menu, permissions) costs the same on every page; it is measured on a plain page
# in the same test, and a figures page may add only this much to it.
OWN_BUDGET = 6
FIGURES_BUDGET = 3


def layout_queries(client) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        client.get("/privacy/")
    return len(context)


def figure_queries(context) -> list[str]:
    return [q["sql"] for q in context.captured_queries if "insights_published" in q["sql"]]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, params",
    [
        ("insights:dashboard", {}),
        ("insights:dashboard", {"breakdown": "age_band", "year_from": "2000"}),
        ("insights:api_figures", {"breakdown": "programme"}),
        ("insights:export_csv", {"breakdown": "quarter"}),
        ("insights:export_xlsx", {}),
    ],
)
def test_dashboard_pages_keep_to_a_query_budget(
    client, django_assert_max_num_queries, name, params
):
    """The page reads the published figures in one grouped query, however many areas there are."""
    for area in range(9990, 10000):
        for _ in range(10):
            counted_web(area=str(area))
    publish()
    verified_login(client, analyst(areas=[str(a) for a in range(9990, 10000)]))
    budget = layout_queries(client) + OWN_BUDGET
    with django_assert_max_num_queries(budget) as context:
        response = client.get(reverse(name), params)
    assert response.status_code == 200
    assert len(figure_queries(context)) <= FIGURES_BUDGET


@pytest.mark.django_db
def test_neighbourhood_report_keeps_to_a_query_budget(client, django_assert_max_num_queries):
    for _ in range(10):
        counted_web(area="9991")
    publish()
    verified_login(client, analyst())
    budget = layout_queries(client) + OWN_BUDGET
    with django_assert_max_num_queries(budget) as context:
        response = client.get(reverse("insights:report", args=["9991"]))
    assert "9991" in response.content.decode()
    assert len(figure_queries(context)) <= FIGURES_BUDGET


@pytest.mark.django_db
def test_programme_evaluation_does_not_move_when_one_more_participant_counts(
    client, programme_with_pairs
):
    """Watching the evaluation grow pair by pair would give each newcomer's change away."""
    verified_login(client, analyst(national=True))
    url = reverse("insights:programme", args=[programme_with_pairs.pk])
    before = client.get(url).context["evaluations"][0].rows[0].result
    last, earlier = closed_quarters(2)
    first = counted_web((0, 4, 4, 4, 4, 4), programme=programme_with_pairs, when=moment_in(earlier))
    counted_web(
        (10, 4, 4, 4, 4, 4),
        programme=programme_with_pairs,
        series=first.series,
        when=moment_in(last),
    )
    publish()
    after = client.get(url).context["evaluations"][0].rows[0].result
    assert after == before


@settings(max_examples=300, deadline=None)
@given(
    value=st.builds(
        lambda total, count: total / count, st.integers(-5000, 5000), st.integers(1, 500)
    )
    | st.floats(min_value=-10, max_value=10).map(lambda x: round(x, 6))
    | st.sampled_from([0.05, -0.05, 6.25, 6.35, -0.04, 2.45, 9.95, 0.0, -0.0]),
    language=st.sampled_from(["nl", "en"]),
)
def test_tables_round_means_as_the_templates_always_did(value, language):
    """Means and changes are sums divided by counts, between -10 and 10."""
    with translation.override(language):
        assert one_decimal(value) == floatformat(value, 1)


@pytest.mark.django_db
@pytest.mark.parametrize("breakdown", ["area", "year", "programme"])
def test_dashboard_queries_do_not_grow_with_the_number_of_groups(
    client, breakdown, django_assert_max_num_queries
):
    for area in range(1000, 1030):
        for _ in range(10):
            counted_web(area=str(area))
    publish()
    verified_login(client, analyst(national=True))
    client.get(reverse("insights:dashboard"))
    with django_assert_max_num_queries(DASHBOARD_QUERIES):
        response = client.get(reverse("insights:dashboard"), {"breakdown": breakdown})
    assert len(response.context["webs_rows"]) == (30 if breakdown == "area" else 1)


@pytest.mark.django_db
def test_demo_analyst_reaches_the_figures_with_the_demo_two_step_secret(client):
    """The README's demo route: password, then a code from the demo staff's secret."""
    from django.core.management import call_command
    from django_otp.oath import totp

    from organisations.demo import DEMO_TOTP_KEY_HEX

    call_command("load_demo", verbosity=0)
    response = client.post(
        reverse("people:login"),
        {"username": "analist@zonnedal.example", "password": "demo-wachtwoord-2026"},
    )
    assert response["Location"].startswith("/organisatie/tweestaps/controle/")
    code = f"{totp(bytes.fromhex(DEMO_TOTP_KEY_HEX)):06d}"
    response = client.post(response["Location"], {"code": code})
    assert response.status_code == 302
    page = client.get(reverse("insights:dashboard"))
    assert page.status_code == 200 and "Zonnedal" in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "mean", "other"), [("nl", "7,0", "7.0"), ("en", "7.0", "7,0")]
)
def test_tables_and_bars_write_means_with_the_language_s_decimal_sign(
    client, neighbourhood, language, mean, other
):
    verified_login(client, analyst())
    page = client.get(reverse("insights:dashboard"), HTTP_ACCEPT_LANGUAGE=language)
    html = page.content.decode()
    for written in ('<td class="utrecht-table__cell">{}</td>', 'class="bar-value">{}</text>'):
        assert written.format(mean) in html
        assert written.format(other) not in html


@pytest.mark.django_db
def test_before_anything_is_published_the_table_says_so(client):
    verified_login(client, analyst())
    html = client.get(reverse("insights:dashboard"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Er zijn geen cijfers voor deze keuze." in html
    assert "&lt;10" in html  # the total of no webs is not shown as 0


@pytest.mark.django_db
@pytest.mark.parametrize("breakdown", ["area", "age_band", "year", "programme"])
def test_the_dashboard_reads_the_sums_as_the_orm_would(neighbourhood, breakdown):
    from insights.selectors import Filters, _as_read, published_rows

    rows = published_rows(Q(), Filters(breakdown=breakdown))
    read = list(_as_read(rows))
    assert read
    assert read == list(rows)
    assert [[type(v) for v in row.values()] for row in read] == [
        [type(v) for v in row.values()] for row in rows
    ]
