"""The living-environment factors, their link to the six parts, and the report grouped by them."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from community import living_environment, selectors, services
from community.models import CommunitySession, Contribution, Factor
from insights.selectors import dimension_ids
from people.models import User


def test_every_factor_affects_a_part_and_every_part_has_factors():
    parts = set(dimension_ids())
    assert set(living_environment.FACTOR_DIMENSIONS) == set(Factor.values)
    for factor, affected in living_environment.FACTOR_DIMENSIONS.items():
        assert affected, factor
        assert set(affected) <= parts, factor
        assert len(set(affected)) == len(affected), factor
    for part in parts:
        assert living_environment.factors_of(part), part
    assert set(living_environment.FACTOR_DESCRIPTIONS) == set(Factor.values)


def test_every_factor_has_its_own_description_in_both_languages():
    from django.utils import translation

    for language in ("nl", "en"):
        with translation.override(language):
            texts = [living_environment.description(f) for f in Factor.values]
            assert all(texts) and len(set(texts)) == len(texts)
    with translation.override("nl"):
        assert "slapen" not in living_environment.description(Factor.NOISE)  # our wording
        assert living_environment.description(Factor.NOISE).startswith("Verkeer")


@pytest.fixture
def facilitator(db):
    return User.objects.create_user("leider@zonnedal.example", "a-long-test-password")


def contribute(session, rows):
    groups = {g.number: g for g in session.groups.all()}
    return [
        Contribution.objects.create(
            session=session,
            group=groups[number],
            dimension=dimension,
            kind=kind,
            factor=factor,
            text=text,
        )
        for number, dimension, kind, factor, text in rows
    ]


@pytest.fixture
def closed_session(facilitator):
    session = services.create_session(
        facilitator, title="Windpark (fictief)", postcode_area="9991", groups=2
    )
    contribute(
        session,
        [
            (1, "mentaal_welbevinden", "barrier", "noise", "Zoemen van de molens"),
            (2, "mentaal_welbevinden", "barrier", "noise", "Geluid in de nacht"),
            (2, "mentaal_welbevinden", "opportunity", "green_space", "Wandelen in het nieuwe park"),
            (1, "meedoen", "opportunity", "", "Samen een buurtfonds"),
            (1, "meedoen", "barrier", "connection", "Een verborgen bijdrage"),
        ],
    )
    Contribution.objects.filter(text="Een verborgen bijdrage").update(hidden=True)
    services.close_session(session, facilitator)
    return session


@pytest.mark.django_db
def test_report_groups_opportunities_and_barriers_by_factor_per_part(client, closed_session):
    client.force_login(closed_session.facilitator)
    response = client.get(reverse("community:report", args=[closed_session.code]))
    html = response.content.decode()
    mental = html[html.index('id="factors-mentaal_welbevinden"') :]
    mental = mental[: mental.index("</section>")]
    # The table a user reads: factor, opportunities, barriers; the most raised factor first.
    assert "Mentaal welbevinden: kansen en drempels per factor" in mental
    assert mental.index("Geluid</th>") < mental.index("Groen</th>")
    assert '<th scope="row" class="utrecht-table__header-cell">Geluid</th>' in mental
    assert 'data-label="Drempels">2<' in mental
    assert "<h4>Geluid</h4>" in mental and "Zoemen van de molens" in mental
    assert "<h4>Groen</h4>" in mental and "Wandelen in het nieuwe park" in mental
    # Linked factors nobody raised are named, so a municipality sees what was not discussed.
    assert "niemand noemde ze" in mental and "veiligheid, wonen" in mental.split("niemand")[1]
    taking_part = html[html.index('id="factors-meedoen"') :]
    taking_part = taking_part[: taking_part.index("</section>")]
    assert "Geen factor gekozen" in taking_part and "Samen een buurtfonds" in taking_part
    assert "Een verborgen bijdrage" not in html  # hidden stays out of the report


@pytest.mark.django_db
def test_csv_and_pdf_carry_the_counts_per_factor(client, closed_session):
    client.force_login(closed_session.facilitator)
    body = client.get(reverse("community:report_csv", args=[closed_session.code]))
    rows = list(csv.reader(io.StringIO(body.content.decode())))
    assert rows[0] == ["stap", "groep", "onderdeel", "factor", "soort", "aantal", "tekst"]
    assert ["2", "", "Mentaal welbevinden", "Geluid", "Drempels", "2", ""] in rows
    assert ["2", "", "Mentaal welbevinden", "Groen", "Kansen", "1", ""] in rows
    assert ["2", "1", "Mentaal welbevinden", "Geluid", "drempel", "", "Zoemen van de molens"] in (
        rows
    )
    assert all("Een verborgen bijdrage" not in row for row in rows)
    pdf = client.get(reverse("community:report_pdf", args=[closed_session.code]))
    assert pdf.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_facilitator_sees_only_the_reports_of_own_sessions(closed_session):
    other = User.objects.create_user("ander@zonnedal.example", "a-long-test-password")
    own = services.create_session(other, title="Eigen plan", groups=1)
    client = Client()
    client.force_login(other)
    assert client.get(reverse("community:report", args=[own.code])).status_code == 200
    for name in ("community:report", "community:report_pdf", "community:report_csv"):
        response = client.get(reverse(name, args=[closed_session.code]))
        assert response.status_code == 403
        assert b"Zoemen" not in response.content
    anonymous = Client().get(reverse("community:report", args=[closed_session.code]))
    assert anonymous.status_code == 302 and "Zoemen" not in anonymous.content.decode()


@pytest.mark.django_db
def test_facilitator_gives_a_session_a_postcode_area(client, facilitator):
    client.force_login(facilitator)
    client.post(
        reverse("community:create"), {"title": "Speeltuin", "postcode_area": "99x1", "groups": "2"}
    )
    assert not CommunitySession.objects.exists()
    page = client.post(
        reverse("community:create"),
        {"title": "Speeltuin", "postcode_area": "99x1", "groups": "2"},
        follow=True,
    )
    assert "Een postcodegebied is vier cijfers, bijvoorbeeld 9991." in page.content.decode()
    client.post(
        reverse("community:create"), {"title": "Speeltuin", "postcode_area": "9993", "groups": "2"}
    )
    session = CommunitySession.objects.get()
    assert session.postcode_area == "9993"
    url = reverse("community:facilitate", args=[session.code])
    client.post(url, {"action": "area", "postcode_area": "0123"})
    session.refresh_from_db()
    assert session.postcode_area == "9993"
    client.post(url, {"action": "area", "postcode_area": ""})
    session.refresh_from_db()
    assert session.postcode_area == ""
    stranger = Client()
    stranger.force_login(User.objects.create_user("x@example.org", "a-long-test-password"))
    assert stranger.post(url, {"action": "area", "postcode_area": "1011"}).status_code == 403
    session.refresh_from_db()
    assert session.postcode_area == ""


@given(st.text(max_size=8))
def test_only_four_digits_make_a_postcode_area(value):
    try:
        cleaned = services.clean_postcode_area(value)
    except ValidationError as error:
        assert len(error.messages) == 1
        return
    assert cleaned == value.strip()
    if cleaned:
        assert len(cleaned) == 4 and cleaned.isascii() and cleaned.isdigit()
        assert cleaned[0] != "0"


@pytest.mark.django_db
def test_report_query_count_does_not_grow_with_contributions(
    closed_session, django_assert_max_num_queries
):
    contribute(
        closed_session,
        [(1, "zingeving", "opportunity", "work", f"Idee {n}") for n in range(30)],
    )
    with django_assert_max_num_queries(2):
        selectors.session_factors(closed_session)
