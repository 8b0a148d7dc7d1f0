"""What the professional sees in the room: the web on the conversation page and beside every
question, the theme by its name, and who in the neighbourhood can help."""

import re

import pytest
from django.urls import reverse

from assessments.tests.factories import make_web
from assessments.tests.reading import table_rows
from conversations import services
from conversations.models import Conversation
from conversations.tests.helpers import login, member, share, user, verified, webs_for
from organisations.models import Membership, Organisation
from socialmap import demo as socialmap_demo

P = Membership.Role


def points(polygon: str) -> int:
    return len(polygon.split())


def surfaces(html: str) -> list[str]:
    return re.findall(r'<polygon class="surface" [^>]*points="([^"]+)"', html)


@pytest.fixture
def room(db):
    organisation = Organisation.objects.create(name="Wijkteam Fictief", slug="wijkteam-fictief")
    professional = member(user("prof@example.org", "Pim Prof"), organisation, P.PROFESSIONAL)
    person = user("anna@example.org", "Anna Fictief")
    intake, midway = webs_for(person)
    share(person, professional, [intake, midway])
    conversation = services.start_conversation(
        verified(professional),
        person,
        [intake, midway],
        theme_kind="dimension",
        theme="Meedoen",
        postcode_area="9992",
    )
    return professional, person, conversation


def test_conversation_page_draws_every_web_with_its_scores(client, room):
    professional, _person, conversation = room
    login(client, professional)
    html = client.get(reverse("conversations:detail", args=[conversation.public_id])).content
    html = html.decode()
    assert 'viewBox="0 0  "' not in html
    assert len(re.findall(r'class="spider-web" viewBox="0 0 \d+\.?\d* \d+\.?\d*"', html)) == 2
    assert [points(p) for p in surfaces(html)] == [6, 6]
    # the midway web (4, 5, 6, 5, 3, 6 → 6, 5, 7, 5, 5, 6) and its table
    rows = table_rows(html)
    assert ["Meedoen", "5", ""] in rows and ["Zingeving", "7", ""] in rows  # midway
    assert ["Meedoen", "3", ""] in rows  # intake
    assert "Gezondheidsoppervlak:" in html
    assert "verschijnt als elk deel een cijfer heeft" not in html


def test_the_web_stands_beside_every_question(client, room):
    professional, _person, conversation = room
    login(client, professional)
    for number in (1, 9, 15):
        html = client.get(
            reverse("conversations:question", args=[conversation.public_id, number])
        ).content.decode()
        assert 'class="conversation-web"' in html
        assert [points(p) for p in surfaces(html)] == [6]
        # the newest web over the one before it, with the change per part
        assert 'class="surface-earlier"' in html
        assert ["Meedoen", "5", "3", "+2", ""] in table_rows(html)
        assert "Thema: <strong>Meedoen</strong>" in html


def test_a_web_with_an_open_part_draws_no_closed_shape_and_says_so(client, room):
    professional, person, conversation = room
    split = make_web((6, 6, None, None, 5, 5), owner=person)
    conversation.assessments.add(split)
    login(client, professional)
    html = client.get(
        reverse("conversations:question", args=[conversation.public_id, 1])
    ).content.decode()
    assert surfaces(html) == []
    assert html.count('class="point"') == 4
    assert "(open)" in html


def test_theme_is_typed_by_its_name_and_stored_as_the_part(client, room):
    professional, person, conversation = room
    assert conversation.theme == "meedoen"
    login(client, professional)
    client.post(
        reverse("conversations:theme", args=[conversation.public_id]),
        {"theme_kind": "dimension", "theme": "  quality of LIFE ", "postcode_area": ""},
    )
    conversation.refresh_from_db()
    assert conversation.theme == "kwaliteit_van_leven"
    html = client.get(reverse("conversations:detail", args=[conversation.public_id])).content
    assert "<strong>Kwaliteit van leven</strong>" in html.decode()
    client.post(
        reverse("conversations:theme", args=[conversation.public_id]),
        {"theme_kind": "dimension", "theme": "Voetbal", "postcode_area": ""},
    )
    conversation.refresh_from_db()
    assert conversation.theme == "kwaliteit_van_leven"


def test_start_lists_webs_by_name_date_and_moment(client, room):
    professional, person, _conversation = room
    login(client, professional)
    html = client.get(reverse("conversations:start", args=[person.pk])).content.decode()
    assert "bredeblik-kort@" not in html
    assert re.search(r"Brede Blik — kort · \d{1,2} \w+ \d{4} · intake", html)
    assert '<datalist id="theme-names">' in html and '<option value="Meedoen">' in html


def test_referral_panel_suggests_services_on_the_conversation_page(client, room):
    socialmap_demo.load()
    professional, _person, conversation = room
    login(client, professional)
    html = client.get(reverse("conversations:detail", args=[conversation.public_id])).content
    html = html.decode()
    assert "Wie in de buurt kan helpen?" in html
    assert reverse("referrals:create", args=[conversation.public_id]) in html
    assert "Samen eten in Oosterhof" in html
    assert "Verwijzing klaarzetten" in html


def test_someone_else_sees_no_conversation_and_no_web(client, room):
    _professional, _person, conversation = room
    organisation = Organisation.objects.get()
    other = member(user("other@example.org"), organisation, P.PROFESSIONAL)
    login(client, other)
    for url in (
        reverse("conversations:detail", args=[conversation.public_id]),
        reverse("conversations:question", args=[conversation.public_id, 1]),
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert b"spider-web" not in response.content
    assert Conversation.objects.count() == 1
