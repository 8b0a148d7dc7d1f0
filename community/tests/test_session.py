import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from community import services
from community.models import CommunitySession, Contribution, DimensionChoice
from people.models import User


@pytest.fixture
def facilitator(db):
    return User.objects.create_user("gespreksleider@zonnedal.example", "a-long-test-password")


@pytest.fixture
def session(facilitator):
    return services.create_session(
        facilitator, title="Windpark Zonnedal (fictief)", neighbourhood="Zonnedal-Noord", groups=3
    )


def resident() -> Client:
    return Client()


def take_part(code):
    return reverse("community:take_part", args=[code])


def facilitate(client, session, **data):
    return client.post(reverse("community:facilitate", args=[session.code]), data)


@pytest.mark.django_db
def test_facilitator_creates_a_session_and_residents_join_with_the_code(client, facilitator):
    client.force_login(facilitator)
    response = client.post(
        reverse("community:create"), {"title": "Windpark", "neighbourhood": "Noord", "groups": "2"}
    )
    session = CommunitySession.objects.get()
    assert response.url == reverse("community:facilitate", args=[session.code])
    assert session.groups.count() == 2
    html = client.get(response.url).content.decode()
    assert "<svg" in html and session.code in html  # QR code and code to type
    phone = resident()
    joined = phone.get(reverse("community:home"), {"code": session.code.lower()})
    assert joined.url == take_part(session.code)
    assert phone.get(joined.url).status_code == 200
    assert phone.get(reverse("community:home"), {"code": "ZZZZZZ"}).status_code == 200


@pytest.mark.django_db
def test_bad_session_input_changes_nothing(client, facilitator):
    client.force_login(facilitator)
    client.post(reverse("community:create"), {"title": " ", "groups": "2"})
    client.post(reverse("community:create"), {"title": "Plan", "groups": "99"})
    assert not CommunitySession.objects.exists()


@pytest.mark.django_db
def test_the_whole_flow(client, facilitator, session):
    phones = [resident() for _ in range(3)]
    for phone, dimension in zip(phones, ["meedoen", "meedoen", "zingeving"], strict=True):
        phone.post(
            take_part(session.code),
            {"action": "choose", "dimension": dimension, "reason": "Geluid van de molens"},
        )
    # changing your mind replaces your choice rather than adding one
    phones[2].post(take_part(session.code), {"action": "choose", "dimension": "meedoen"})
    assert DimensionChoice.objects.filter(dimension="meedoen").count() == 3
    board = client.get(reverse("community:board_partial", args=[session.code])).content.decode()
    assert 'data-dimension="meedoen">3<' in board

    # step 2 is closed until the facilitator opens it
    response = phones[0].post(
        take_part(session.code),
        {
            "action": "contribute",
            "group": "1",
            "dimension": "meedoen",
            "kind": "barrier",
            "text": "Te veel lawaai",
        },
    )
    assert response.status_code == 400
    assert not Contribution.objects.exists()

    client.force_login(facilitator)
    facilitate(client, session, action="step", step="2")
    for number, phone in enumerate(phones, start=1):
        phone.post(
            take_part(session.code),
            {
                "action": "contribute",
                "group": str(number),
                "dimension": "meedoen",
                "kind": "opportunity",
                "factor": "connection",
                "text": f"Buurtfonds {number}",
            },
        )
    assert Contribution.objects.count() == 3
    bad = phones[0].post(
        take_part(session.code),
        {"action": "contribute", "group": "9", "dimension": "x", "kind": "maybe", "text": ""},
    )
    assert bad.status_code == 400
    assert Contribution.objects.count() == 3

    hidden = Contribution.objects.get(text="Buurtfonds 2")
    facilitate(client, session, action="hide", kind="contribution", pk=hidden.pk)
    board = client.get(reverse("community:board_partial", args=[session.code])).content.decode()
    assert "Buurtfonds 1" in board and "Buurtfonds 2" not in board

    facilitate(client, session, action="step", step="3")
    facilitate(client, session, action="group", group="3")
    board = client.get(reverse("community:board_partial", args=[session.code])).content.decode()
    assert "Buurtfonds 3" in board and "Buurtfonds 1" not in board

    facilitate(client, session, action="close")
    session.refresh_from_db()
    assert session.is_closed
    pdf = client.get(reverse("community:report_pdf", args=[session.code]))
    assert pdf.content.startswith(b"%PDF")
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("community:report_csv", args=[session.code])).content.decode()
            )
        )
    )
    texts = [row[-1] for row in rows]
    assert "Buurtfonds 1" in texts and "Buurtfonds 3" in texts
    assert "Buurtfonds 2" not in texts


@pytest.mark.django_db
def test_residents_cannot_lead_the_session(session):
    services.set_step(session, session.facilitator, 2)
    phone = resident()
    phone.post(
        take_part(session.code),
        {
            "action": "contribute",
            "group": "1",
            "dimension": "meedoen",
            "kind": "barrier",
            "text": "Hinder",
        },
    )
    contribution = Contribution.objects.get()
    other = User.objects.create_user("bewoner@example.org", "a-long-test-password")
    for client in (phone, resident()):
        response = facilitate(
            client, session, action="hide", kind="contribution", pk=contribution.pk
        )
        assert response.status_code in (302, 403)
        assert response.status_code == 403 or "/account/" in response.url
    logged_in = resident()
    logged_in.force_login(other)
    url = reverse("community:facilitate", args=[session.code])
    assert logged_in.get(url).status_code == 403
    assert facilitate(logged_in, session, action="step", step="3").status_code == 403
    assert (
        facilitate(
            logged_in, session, action="hide", kind="contribution", pk=contribution.pk
        ).status_code
        == 403
    )
    assert facilitate(logged_in, session, action="close").status_code == 403
    for name in ("community:report_pdf", "community:report_csv"):
        assert logged_in.get(reverse(name, args=[session.code])).status_code == 403
    session.refresh_from_db()
    contribution.refresh_from_db()
    assert session.step == 2 and not contribution.hidden
