import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from insights.models import Programme, ProgrammeQuote
from insights.tests.helpers import analyst, counted_web
from organisations.models import Organisation
from people.models import User


@pytest.fixture
def neighbourhood(db):
    """12 webs in 9991, 3 in 9990, 20 in 1011 (outside Zonnedal)."""
    for _ in range(12):
        counted_web((6, 7, 5, 8, 4, 6), area="9991")
    for _ in range(3):
        counted_web((1, 1, 1, 1, 1, 1), area="9990")
    for _ in range(20):
        counted_web((9, 9, 9, 9, 9, 9), area="1011")


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
    client.force_login(user)
    assert client.get(reverse(name)).status_code == 403


@pytest.mark.django_db
def test_dashboard_shows_own_area_and_suppresses_small_groups(client, neighbourhood):
    client.force_login(analyst())
    html = client.get(reverse("insights:dashboard")).content.decode()
    assert "9991" in html
    assert "1011" not in html  # outside this analyst's areas
    assert "&lt;10" in html  # 9990 has 3 webs
    assert "<svg" in html and "<table" in html
    assert "Lichaamsfuncties" in html


@pytest.mark.django_db
def test_small_group_cannot_be_computed_from_the_total(client, neighbourhood):
    client.force_login(analyst())
    data = client.get(reverse("insights:api_figures")).json()
    webs = {g["label"]: g["webs"] for g in data["groups"]}
    # 9990 (3 webs) hidden; 9991 then hidden too, or the total would give 9990 away.
    assert webs["9990"] is None
    assert webs["9991"] is None or data["webs_total"] is None
    body = client.get(reverse("insights:export_csv")).content.decode()
    rows = list(csv.reader(io.StringIO(body)))
    for row in rows[1:]:
        assert row[2] in ("",) or int(row[2]) >= 10
        assert all(cell == "" or int(cell) >= 10 for cell in row[4:])


@pytest.mark.django_db
def test_exports_have_the_same_figures_as_the_api(client, neighbourhood):
    client.force_login(analyst(national=True))
    data = client.get(reverse("insights:api_figures"), {"area": "1011"}).json()
    body_dimension = data["dimensions"][0]
    assert body_dimension["rows"][0] == {
        "label": "1011",
        "count": 20,
        "mean": 9.0,
        "bins": [None, None, None, None, 20],
    }
    response = client.get(reverse("insights:export_xlsx"), {"area": "1011"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[1][1:4] == ("1011", 20, 9.0)


@pytest.mark.django_db
def test_analyst_cannot_reach_an_area_outside_their_scope(client, neighbourhood):
    client.force_login(analyst())
    data = client.get(reverse("insights:api_figures"), {"area": "1011"}).json()
    assert all(g["label"] != "1011" for g in data["groups"])
    assert data["messages"]
    assert client.get(reverse("insights:report", args=["1011"])).status_code == 404


@pytest.mark.django_db
def test_bad_filters_give_a_message_not_an_error(client, neighbourhood):
    client.force_login(analyst())
    response = client.get(reverse("insights:dashboard"), {"breakdown": "x", "year_from": "abc"})
    assert response.status_code == 200
    assert "message-error" in response.content.decode()


@pytest.mark.django_db
def test_breakdown_by_quarter_and_printable_report(client, neighbourhood):
    client.force_login(analyst(national=True))
    response = client.get(reverse("insights:dashboard"), {"breakdown": "quarter"})
    assert response.status_code == 200
    html = client.get(reverse("insights:report", args=["1011"])).content.decode()
    assert html.count("<h2") >= 6
    assert "insights.css" in html


@pytest.fixture
def programme_with_pairs(db):
    organisation = Organisation.objects.create(name="Buurtcoaches (fictief)", slug="coach")
    programme = Programme.objects.create(organisation=organisation, name="Coaching")
    for person in range(12):
        first = counted_web((4, 4, 4, 4, 4, 4), programme=programme)
        counted_web((5 + person % 3, 4, 4, 4, 4, 4), programme=programme, series=first.series)
    return programme


@pytest.mark.django_db
def test_programme_evaluation_with_enough_pairs(client, programme_with_pairs):
    admin = User.objects.create_user("beheer@example.org", "a-long-test-password")
    programme_with_pairs.organisation.memberships.create(user=admin, role="organisation_admin")
    client.force_login(admin)
    url = reverse("insights:programme", args=[programme_with_pairs.pk])
    response = client.get(url)
    rows = {row.id: row for row in response.context["evaluation"]}
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
    client.force_login(outsider)
    url = reverse("insights:programme", args=[programme.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"text": "x"}).status_code == 404
    assert not ProgrammeQuote.objects.exists()
    client.force_login(analyst(national=True))
    response = client.get(url)
    assert all(row.result is None for row in response.context["evaluation"])


@pytest.mark.django_db
def test_every_grain_gives_the_same_figures(client, neighbourhood):
    """National questions read a small table; the answer must match the detailed one."""
    client.force_login(analyst(national=True))
    by_year = client.get(reverse("insights:api_figures"), {"breakdown": "year"}).json()
    by_area_and_age = client.get(
        reverse("insights:api_figures"), {"breakdown": "year", "age_band": "45-64"}
    ).json()
    assert by_year["webs_total"] == by_area_and_age["webs_total"] == 35
    first = [d["rows"][-1] for d in by_year["dimensions"]]
    second = [d["rows"][-1] for d in by_area_and_age["dimensions"]]
    assert first == second
