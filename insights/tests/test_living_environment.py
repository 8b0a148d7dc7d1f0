"""What residents raise about their living environment, for analysts of their own areas only."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from community import services as community
from community.models import CommunitySession, Contribution
from insights.services import period_bounds, period_of
from insights.tests.helpers import analyst
from people.models import User
from sharing.tests.helpers import verified_login

LAST_QUARTER = period_bounds(period_of(timezone.now()))[0] - timedelta(days=10)


def held(area, rows, *, closed_at=LAST_QUARTER, title=None):
    facilitator = User.objects.create_user(
        f"leider{CommunitySession.objects.count()}@example.org", "a-long-test-password"
    )
    session = community.create_session(
        facilitator, title=title or f"Plan voor {area}", postcode_area=area, groups=1
    )
    group = session.groups.get()
    for dimension, kind, factor, text in rows:
        Contribution.objects.create(
            session=session, group=group, dimension=dimension, kind=kind, factor=factor, text=text
        )
    if closed_at is not None:
        CommunitySession.objects.filter(pk=session.pk).update(
            step=CommunitySession.Step.CLOSED, closed_at=closed_at
        )
    return session


@pytest.fixture
def sessions(db):
    held(
        "9991",
        [
            ("mentaal_welbevinden", "barrier", "noise", "Zoemen van de molens"),
            ("lichaamsfuncties", "barrier", "noise", "Slecht slapen"),
            ("meedoen", "opportunity", "meeting_places", "Een buurthuis"),
        ],
        title="Windpark Zonnedal (fictief)",
    )
    held("9991", [("zingeving", "opportunity", "work", "Werk bij het onderhoud")], closed_at=None)
    held(
        "9992",
        [("kwaliteit_van_leven", "opportunity", "green_space", "Meer bomen")],
        closed_at=LAST_QUARTER - timedelta(days=100),
    )
    held("1011", [("meedoen", "barrier", "safety", "Donkere steeg in Amsterdam")])
    # Closed this quarter: not counted before the quarter has ended.
    held(
        "9991",
        [("meedoen", "barrier", "transport", "Bus rijdt niet meer")],
        closed_at=timezone.now(),
    )


def table_rows(html: str, caption: str) -> list[str]:
    table = html[html.index(caption) :]
    table = table[: table.index("</table>")]
    return [row.split("</th>")[0].rsplit(">", 1)[-1] for row in table.split('scope="row"')[1:]]


@pytest.mark.django_db
def test_analyst_sees_the_factors_raised_most_in_own_areas(client, sessions):
    verified_login(client, analyst(areas=("9991", "9992")))
    response = client.get(reverse("insights:living_environment"))
    html = response.content.decode()
    overall = table_rows(
        html, "Factoren die het vaakst zijn genoemd in de bijeenkomsten die je koos"
    )
    assert overall == ["Geluid", "Groen", "Plekken om elkaar te ontmoeten"]
    assert "Uit 2 bewonersbijeenkomsten." in html
    assert table_rows(html, "Factoren die het vaakst zijn genoemd in postcodegebied 9991") == [
        "Geluid",
        "Plekken om elkaar te ontmoeten",
    ]
    # 1011 lies outside this analyst's areas; one session is open, one closed this quarter.
    assert "Postcodegebied 1011" not in html and "Postcodegebied 9992" in html
    # Counts only: what residents wrote never reaches this page.
    assert "Zoemen" not in html and "Meer bomen" not in html
    by_quarter = client.get(reverse("insights:living_environment"), {"by": "quarter"})
    assert period_of(LAST_QUARTER) in by_quarter.content.decode()
    one = client.get(
        reverse("insights:living_environment"),
        {"area": "9991", "period": period_of(LAST_QUARTER)},
    ).content.decode()
    assert table_rows(one, "Factoren die het vaakst zijn genoemd in de bijeenkomsten") == [
        "Geluid",
        "Plekken om elkaar te ontmoeten",
    ]


@pytest.mark.django_db
def test_analyst_cannot_look_at_other_areas(client, sessions):
    verified_login(client, analyst(areas=("9992",)))
    html = client.get(reverse("insights:living_environment"), {"area": "9991"}).content.decode()
    assert "Dat postcodegebied valt buiten je gebied" in html
    assert "Postcodegebied 9991" not in html
    assert table_rows(html, "Factoren die het vaakst zijn genoemd in de bijeenkomsten") == ["Groen"]
    assert client.get(reverse("insights:report", args=["9991"])).status_code == 404
    bad = client.get(reverse("insights:living_environment"), {"period": "2999Q9"}).content.decode()
    assert "Kies een kwartaal uit de lijst" in bad


@pytest.mark.django_db
def test_people_who_are_not_analysts_are_refused(sessions):
    page = reverse("insights:living_environment")
    anonymous = Client().get(page)
    assert anonymous.status_code == 302
    facilitator = CommunitySession.objects.first().facilitator
    for user in (facilitator, User.objects.create_user("bewoner@example.org", "a-long-pw-1")):
        client = verified_login(Client(), user)
        response = client.get(page)
        assert response.status_code == 403
        assert b"Geluid" not in response.content
        assert client.get(reverse("insights:report", args=["9991"])).status_code == 403


@pytest.mark.django_db
def test_national_analyst_sees_every_area(client, sessions):
    verified_login(client, analyst(national=True))
    html = client.get(reverse("insights:living_environment")).content.decode()
    assert table_rows(html, "Factoren die het vaakst zijn genoemd in postcodegebied 1011") == [
        "Veiligheid"
    ]


@pytest.mark.django_db
def test_neighbourhood_report_shows_what_sessions_raised_per_part_and_factor(client, sessions):
    verified_login(client, analyst(areas=("9991",)))
    html = client.get(reverse("insights:report", args=["9991"])).content.decode()
    section = html[html.index('id="sessions-heading"') :]
    assert "Windpark Zonnedal (fictief)" in section
    mental = section[section.index('id="factors-mentaal_welbevinden"') :]
    mental = mental[: mental.index("</section>")]
    assert "Mentaal welbevinden: kansen en drempels per factor" in mental
    assert "<h4>Geluid</h4>" in mental
    assert "Zoemen van de molens" in mental  # the text as in the session report
    assert 'data-label="Drempels">1<' in mental
    assert "Werk bij het onderhoud" not in section  # open session
    assert "Meer bomen" not in section and "Donkere steeg" not in section  # other areas
    assert "9991" in html and "Leefomgeving in bewonersbijeenkomsten" in html


@pytest.mark.django_db
def test_dashboard_links_to_the_living_environment(client, sessions):
    verified_login(client, analyst())
    html = client.get(reverse("insights:dashboard")).content.decode()
    assert f'href="{reverse("insights:living_environment")}"' in html


@pytest.mark.django_db
def test_overview_query_count_stays_flat(client, sessions):
    verified_login(client, analyst(areas=("9991", "9992")))
    page = reverse("insights:living_environment")

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            client.get(page, {"by": "quarter"})
        return len(context)

    queries()  # the first page of a login also builds the menu
    before = queries()
    for n in range(20):
        held("9991", [("meedoen", "opportunity", "connection", f"Idee {n}")])
    assert queries() == before


@pytest.mark.django_db
def test_analyst_passes_the_second_step_first(client, sessions):
    client.force_login(analyst())
    response = client.get(reverse("insights:living_environment"))
    assert response.status_code == 302 and "/organisatie/tweestaps/" in response["Location"]
