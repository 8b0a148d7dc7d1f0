"""Paper: blank forms to print, and typing in a web the client filled in on paper."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from assessments.models import Assessment
from assessments.tests.factories import instrument
from conversations.tests.helpers import login, member, user
from instruments.custom import add_dimension
from instruments.models import InstrumentVersion
from organisations.models import Membership, Organisation
from sharing.models import Share
from together.models import RoomWeb

pytestmark = pytest.mark.django_db


def _pdf_text(response) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_instrument_prints_blank_with_its_questions_and_an_empty_web(client, language):
    versions = InstrumentVersion.objects.filter(organisation__isnull=True, is_active=True)
    listing = client.get(reverse("together:paper_forms")).content.decode()
    for version in versions:
        definition = version.parsed
        url = reverse("together:paper_pdf", args=[version.instrument_id, language])
        assert url in listing
        response = client.get(url)
        assert response["Content-Type"] == "application/pdf"
        reader = PdfReader(io.BytesIO(response.content))
        assert reader.pages[0].mediabox.width == pytest.approx(595.3, abs=1)  # A4
        text = " ".join(_pdf_text(response).split())
        for dimension in definition.dimensions:
            assert dimension.name.get(language).split()[0] in text
        first_item = " ".join(definition.dimensions[0].items[0].text.get(language).split())
        assert first_item[:25] in text
        talk = "Hier wil ik over praten" if language == "nl" else "I want to talk about this"
        assert talk in text
        # The last page is the empty web to draw on.
        last = " ".join(reader.pages[-1].extract_text().split())
        assert ("Jouw spinnenweb" if language == "nl" else "Your spider web") in last
        if definition.scale.choices:
            assert definition.scale.choices[0].label.get(language) in text
        else:
            assert " 0 1 2 3 4 5 6 7 8 9 10" in text


def test_unknown_instrument_or_language_has_no_form(client):
    assert client.get("/samen/papier/bestaat-niet/nl.pdf").status_code == 404
    assert client.get("/samen/papier/bredeblik-kort/de.pdf").status_code == 404


@pytest.fixture
def org():
    return Organisation.objects.create(name="Wijkteam Fictief", slug="wijkteam-fictief")


@pytest.fixture
def prof(org):
    return member(user("noor@example.org", "Noor Fictief"), org, Membership.Role.PROFESSIONAL)


@pytest.fixture
def pro_client(prof):
    c = Client()
    login(c, prof)
    return c


def _choice(org, version):
    return {"client": "new", "organisation": org.pk, "instrument": version.pk, "moment": ""}


def test_typed_in_paper_web_is_the_clients_marked_and_shared_by_consent(pro_client, org, prof):
    version = instrument()
    scores = ["7", "6", "5", "8", "4", "6"]
    form = pro_client.get(reverse("together:paper_enter"), _choice(org, version))
    assert form.status_code == 200
    data = _choice(org, version) | {"client_consents": "on"}
    for dimension, score in zip(version.parsed.dimensions, scores, strict=True):
        for item in dimension.items:
            data[f"item-{item.id}"] = score
    first = version.parsed.dimensions[0]
    data[f"talk-{first.items[0].id}"] = "on"
    data[f"note-{first.id}"] = "Slaapt slecht"
    response = pro_client.post(reverse("together:paper_enter"), data)
    assert response.status_code == 200
    web = Assessment.objects.get()
    assert web.owner is None and web.entry == Assessment.Entry.PAPER and web.is_completed
    assert web.resume_code in response.content.decode()
    assert [web.dimension_scores[d.id] for d in version.parsed.dimensions] == [7, 6, 5, 8, 4, 6]
    share_ = Share.objects.get()
    assert share_.professional == prof and share_.assessment == web
    assert not RoomWeb.objects.get().is_open

    seen = pro_client.get(reverse("sharing:shared_web", args=[web.public_id])).content.decode()
    assert "op papier ingevuld en ingevoerd door een professional" in seen
    assert "Slaapt slecht" in seen
    # Marked as paper in the exports too: the PDF report and the API.
    owner_view = Client()
    owner_view.post(reverse("assessments:resume"), {"code": web.resume_code})
    pdf = owner_view.get(reverse("assessments:report_pdf", args=[web.access_token]))
    assert "op papier ingevuld" in " ".join(_pdf_text(pdf).split())
    api = owner_view.get(f"/api/v1/assessments/{web.access_token}").json()
    assert api["entry"] == "paper"


@pytest.mark.parametrize(
    ("bad", "message"),
    [("11", "Kies een getal van 0 tot en met 10."), ("zes", "Kies een getal van 0 tot en met 10.")],
)
def test_bad_paper_input_names_the_question_and_saves_nothing(pro_client, org, bad, message):
    version = instrument()
    item = version.parsed.dimensions[2].items[0]
    data = _choice(org, version) | {"client_consents": "on", f"item-{item.id}": bad}
    response = pro_client.post(reverse("together:paper_enter"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert item.text.get("nl") in page
    assert not Assessment.objects.exists() and not Share.objects.exists()


def test_paper_web_without_the_clients_consent_saves_nothing(pro_client, org):
    version = instrument()
    data = _choice(org, version) | {f"item-{i.id}": "5" for i in version.parsed.items}
    response = pro_client.post(reverse("together:paper_enter"), data)
    assert response.status_code == 400
    assert "Zonder dat wordt er niets opgeslagen" in response.content.decode()
    assert not Assessment.objects.exists() and not Share.objects.exists()


def test_paper_web_for_someone_who_does_not_share_saves_nothing(pro_client, org):
    version = instrument()
    stranger = user("vreemd@example.org")
    data = _choice(org, version) | {"client": str(stranger.pk), "client_consents": "on"}
    response = pro_client.post(reverse("together:paper_enter"), data)
    assert response.status_code == 400
    assert not Assessment.objects.exists()


def test_organisations_own_web_prints_for_its_members_only(org, prof, pro_client):
    custom = add_dimension(
        instrument(),
        org,
        "werk",
        "Werk",
        "Work",
        "Hoe het gaat met werk.",
        "How work is going.",
        [("Ik heb werk dat bij me past.", "I have work that suits me.")],
    )
    url = reverse("together:paper_pdf", args=[custom.instrument_id, "nl"])
    assert url in pro_client.get(reverse("together:paper_forms")).content.decode()
    text = _pdf_text(pro_client.get(url))
    assert "Werk" in text and "Ik heb werk dat bij me past." in text
    outsider = Client()
    outsider.force_login(user("buiten@example.org"))
    assert url not in outsider.get(reverse("together:paper_forms")).content.decode()
    assert outsider.get(url).status_code == 404
    assert Client().get(url).status_code == 404
