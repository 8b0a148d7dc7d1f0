"""The team view: whole groups of ten per closed quarter, and nothing from another organisation."""

import pytest
from django.urls import reverse

from assessments.models import Assessment
from assessments.tests.factories import make_web
from assessments.tests.reading import table_rows
from conversations import team
from conversations.tests.helpers import login, member, share, user
from insights.models import TeamFigures
from insights.services import closed_quarters
from insights.tests.helpers import moment_in
from organisations.models import Membership, Organisation, Team

P = Membership.Role


def client_with_two_webs(name: str, professional, change: float = 2.0):
    person = user(f"{name}@example.org", f"Client {name}")
    webs = [
        make_web((4, 4, 4, 4, 4, 4), owner=person),
        make_web((4 + change, 4, 4, 4, 4, 4), owner=person),
    ]
    for web, period in zip(webs, reversed(closed_quarters(2)), strict=True):
        moment = moment_in(period)
        Assessment.objects.filter(pk=web.pk).update(completed_at=moment)
    share(person, professional, webs)
    return person


def build_team(organisation, name: str, professionals: int = 1):
    group = Team.objects.create(organisation=organisation, name=name)
    pros = [
        member(user(f"p{n}-{group.pk}@example.org"), organisation, P.PROFESSIONAL, group)
        for n in range(professionals)
    ]
    manager = member(user(f"m-{group.pk}@example.org"), organisation, P.TEAM_MANAGER, group)
    return group, pros, manager


def published(group) -> dict[str, int]:
    team.publish_closed_team_periods()
    return dict(TeamFigures.objects.filter(team=group).values_list("period", "clients"))


@pytest.mark.parametrize("size, hidden", [(9, True), (10, False)])
def test_groups_under_ten_are_suppressed(size, hidden):
    assert team.is_suppressed(size) is hidden


@pytest.mark.django_db
@pytest.mark.parametrize("clients, shown", [(9, False), (10, True)])
def test_team_view_shows_aggregates_only_from_ten_clients(client, clients, shown):
    organisation = Organisation.objects.create(name="Team Org", slug="team-org")
    group, (professional,), manager = build_team(organisation, "Team Zuid")
    for n in range(clients):
        client_with_two_webs(f"Nummer{n}", professional)
    login(client, manager)
    page = client.get(reverse("conversations:team")).content.decode()
    assert "Nummer" not in page  # never a client's name
    (summary,) = team.team_summaries([group])
    if shown:
        (quarter,) = summary.quarters
        assert quarter.period == closed_quarters(1)[0] and quarter.clients == 10
        assert quarter.dimensions[0].mean_change == 2.0
        # the one score format: a whole change is written "+2", no change "0"
        row = [quarter.period, "10", "+2", "0", "0", "0", "0", "0"]
        assert row in table_rows(page)
    else:
        assert summary.suppressed
        assert "de cijfers zijn verborgen" in page


@pytest.mark.django_db
def test_a_professional_of_another_organisation_brings_no_clients_along():
    """A professional of A put into a team of B: A's clients stay out of B's figures."""
    a = Organisation.objects.create(name="Org A", slug="org-a")
    b = Organisation.objects.create(name="Org B", slug="org-b")
    team_a, (pro_a,), _ = build_team(a, "Team A")
    for n in range(12):
        client_with_two_webs(f"a{n}", pro_a)
    team_b, (pro_b,), _ = build_team(b, "Team B")
    for n in range(10):
        client_with_two_webs(f"b{n}", pro_b)
    Membership.objects.create(user=pro_a, organisation=b, team=team_b, role=P.PROFESSIONAL)
    assert list(published(team_b).values()) == [10]
    assert list(published(team_a).values()) == [12]


@pytest.mark.django_db
def test_two_overlapping_teams_cannot_be_subtracted():
    """Team Noord = p1 + p2, Team Kern = p1. Noord minus Kern would be p2's three clients."""
    organisation = Organisation.objects.create(name="Wijkteam", slug="wijkteam")
    noord, (p1, p2), _ = build_team(organisation, "Noord", professionals=2)
    kern = Team.objects.create(organisation=organisation, name="Kern")
    Membership.objects.create(user=p1, organisation=organisation, team=kern, role=P.PROFESSIONAL)
    for n in range(12):
        client_with_two_webs(f"een{n}", p1)
    for n in range(3):
        client_with_two_webs(f"twee{n}", p2, change=-3)
    noord_clients, kern_clients = published(noord), published(kern)
    assert noord_clients == kern_clients  # p2's three clients count nowhere
    means = {f.team_id: f.mean_changes["lichaamsfuncties"] for f in TeamFigures.objects.all()}
    assert means[noord.pk] == means[kern.pk] == 2.0


@pytest.mark.django_db
def test_a_published_quarter_does_not_move_when_a_client_joins_later(client):
    organisation = Organisation.objects.create(name="Team Org", slug="team-org")
    group, (professional,), manager = build_team(organisation, "Team Zuid")
    for n in range(10):
        client_with_two_webs(f"c{n}", professional)
    before = published(group)
    client_with_two_webs("laat", professional, change=6)
    assert published(group) == before
    (figures,) = TeamFigures.objects.filter(team=group)
    assert figures.mean_changes["lichaamsfuncties"] == 2.0


@pytest.mark.django_db
def test_the_team_view_is_refused_to_a_professional(client):
    organisation = Organisation.objects.create(name="Team Org", slug="team-org")
    _group, (professional,), _manager = build_team(organisation, "Team Zuid")
    login(client, professional)
    assert client.get(reverse("conversations:team")).status_code == 403
