"""A team picture: own webs stay private; only a whole-number average of 10 or more is kept."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from assessments.tests.factories import make_web
from implementation import services
from implementation.models import RoundParticipation, TeamWebRound
from implementation.services import team_picture
from organisations.models import Membership
from sharing.tests.helpers import member, organisation, team, verified_login

pytestmark = pytest.mark.django_db

DIMENSIONS = ["d1", "d2"]


def _team_with(count: int):
    org = organisation()
    noord = team(org)
    people = [member(org, team=noord) for _ in range(count)]
    return org, noord, people


def _open(client, noord, opener):
    verified_login(client, opener)
    client.post(reverse("implementation:open_round", args=[noord.pk]))
    return TeamWebRound.objects.get(team=noord, closed_at__isnull=True)


def _join(client, noord, round_, user, scores):
    web = make_web(scores, owner=user)
    client.logout()
    verified_login(client, user)
    client.post(reverse("implementation:round", args=[noord.pk, round_.pk]), {"assessment": web.pk})
    return web


def test_ten_members_make_a_picture_in_whole_numbers_and_who_took_part_is_forgotten(client):
    _, noord, people = _team_with(10)
    round_ = _open(client, noord, people[0])
    for i, user in enumerate(people):
        _join(client, noord, round_, user, (6 + (i % 2), 7, 5, 8, 4, 6))  # 6.5 on average
    client.logout()
    verified_login(client, people[0])
    client.post(reverse("implementation:close_round", args=[noord.pk, round_.pk]))
    round_.refresh_from_db()
    assert round_.participant_count == 10
    # In the web's order: PostgreSQL's jsonb does not keep key order. 6.5 rounds half up.
    in_order = [round_.picture[d.id] for d in round_.instrument.parsed.dimensions]
    assert in_order == [7, 7, 5, 8, 4, 6]
    assert not RoundParticipation.objects.exists()
    page = client.get(reverse("implementation:round", args=[noord.pk, round_.pk])).content.decode()
    assert '<td class="utrecht-table__cell" data-label="Gemiddelde van het team">7</td>' in page


def test_nine_members_get_no_picture(client):
    _, noord, people = _team_with(9)
    round_ = _open(client, noord, people[0])
    for user in people:
        _join(client, noord, round_, user, (1, 2, 3, 4, 5, 6))
    client.logout()
    verified_login(client, people[0])
    client.post(reverse("implementation:close_round", args=[noord.pk, round_.pk]))
    round_.refresh_from_db()
    assert round_.picture == {} and round_.participant_count == 9
    page = client.get(reverse("implementation:round", args=[noord.pk, round_.pk])).content.decode()
    assert "geen teambeeld" in page
    assert "utrecht-table" not in page


def test_a_web_from_before_the_round_or_of_someone_else_cannot_be_brought(client):
    _, noord, people = _team_with(2)
    old = make_web(owner=people[1])
    old.completed_at -= timedelta(days=1)
    old.save(update_fields=["completed_at"])
    round_ = _open(client, noord, people[0])
    others = make_web(owner=people[0])
    client.logout()
    verified_login(client, people[1])
    url = reverse("implementation:round", args=[noord.pk, round_.pk])
    for web in (old, others):
        response = client.post(url, {"assessment": web.pk})
        assert "utrecht-form-field-error-message" in response.content.decode()
    assert not RoundParticipation.objects.exists()
    with pytest.raises(services.RouteError):
        services.join_round(round_, people[1], others)


def test_nobody_outside_the_team_sees_or_joins_a_round_and_only_managers_close_it(client):
    org, noord, people = _team_with(2)
    round_ = _open(client, noord, people[0])
    stranger = member(organisation("Elders"), team=None)
    client.logout()
    verified_login(client, stranger)
    url = reverse("implementation:round", args=[noord.pk, round_.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"assessment": make_web(owner=stranger).pk}).status_code == 403
    client.logout()
    verified_login(client, people[1])  # a member who did not open it
    close = reverse("implementation:close_round", args=[noord.pk, round_.pk])
    assert client.post(close).status_code == 403
    manager = member(org, role=Membership.Role.TEAM_MANAGER, team=noord)
    client.logout()
    verified_login(client, manager)
    client.post(close)
    round_.refresh_from_db()
    assert not round_.is_open


def test_nobody_can_see_a_members_own_web_through_the_round(client):
    _, noord, people = _team_with(2)
    round_ = _open(client, noord, people[0])
    web = _join(client, noord, round_, people[1], (9, 9, 9, 9, 9, 9))
    client.logout()
    verified_login(client, people[0])
    page = client.get(reverse("implementation:round", args=[noord.pk, round_.pk])).content.decode()
    assert web.access_token not in page and str(web.public_id) not in page
    assert client.get(reverse("assessments:result", args=[web.access_token])).status_code in (
        403,
        404,
    )


def test_the_webs_of_one_round_cannot_be_brought_into_the_next(client):
    """Differencing two pictures of the same webs with and without one member is the attack;
    a closed round's webs are never accepted again, so no two pictures share their webs."""
    _, noord, people = _team_with(10)
    first = _open(client, noord, people[0])
    webs = [_join(client, noord, first, user, (5, 5, 5, 5, 5, 5)) for user in people]
    client.logout()
    verified_login(client, people[0])
    client.post(reverse("implementation:close_round", args=[noord.pk, first.pk]))
    second = _open(client, noord, people[0])
    for user, web in zip(people, webs, strict=True):
        client.logout()
        verified_login(client, user)
        client.post(
            reverse("implementation:round", args=[noord.pk, second.pk]), {"assessment": web.pk}
        )
    assert not RoundParticipation.objects.filter(round=second).exists()


def test_fewer_than_ten_webs_give_no_picture_at_all():
    class Web:
        dimension_scores = {"d1": 5.0, "d2": 5.0}

    assert team_picture([Web()] * 9, DIMENSIONS) == {}
    assert team_picture([Web()] * 10, DIMENSIONS) == {"d1": 5, "d2": 5}
