import copy
import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from assessments.services import Submission, complete_assessment, save_submission, start_assessment
from assessments.tests.factories import instrument, make_web
from instruments.models import InstrumentVersion
from instruments.scoring import health_surface
from people.models import User


def seven_axis_version() -> InstrumentVersion:
    raw = copy.deepcopy(instrument().definition)
    raw["id"] = "bredeblik-kort-werk"
    raw["dimensions"].append(
        {
            "id": "werk",
            "name": {"nl": "Werk", "en": "Work"},
            "description": {"nl": "Hoe het gaat met je werk.", "en": "How work is going."},
            "items": [
                {"id": "kort-werk", "text": {"nl": "Hoe gaat je werk?", "en": "How is work?"}}
            ],
        }
    )
    return InstrumentVersion.objects.create(instrument_id=raw["id"], version="1", definition=raw)


def polygon_points(html: str) -> list[str]:
    return re.findall(r'<polygon class="(surface[^"]*)"', html)


@pytest.mark.django_db
def test_compare_overlays_both_webs_and_shows_the_change(client):
    owner = User.objects.create_user("p@example.org", "lang-genoeg-wachtwoord")
    client.force_login(owner)
    before = make_web((4, 4, 4, 4, 4, 4), owner=owner)
    after = make_web((6, 5, 4, 3, 4, 4), owner=owner)
    html = client.get(reverse("assessments:compare", args=[after.access_token])).content.decode()
    assert polygon_points(html) == ["surface-earlier", "surface"]
    assert "+2" in html and "-1" in html
    assert str(before.public_id) in html


@pytest.mark.django_db
def test_compare_only_with_webs_of_the_same_person(client):
    mine = make_web()
    make_web(series=mine.series)
    stranger = make_web()
    url = reverse("assessments:compare", args=[mine.access_token])
    html = client.get(url, {"met": stranger.public_id}).content.decode()
    assert "Kies een van je eigen eerdere webs" in html
    assert f'value="{stranger.public_id}"' not in html


@pytest.mark.django_db
def test_six_and_seven_axis_webs_compare_on_shared_dimensions(client):
    owner = User.objects.create_user("w@example.org", "lang-genoeg-wachtwoord")
    client.force_login(owner)
    make_web((5, 5, 5, 5, 5, 5), owner=owner)
    version = seven_axis_version()
    web = start_assessment(version, owner=owner)
    answers = {d.items[0].id: 7 for d in version.parsed.dimensions}
    save_submission(web, Submission(answers=answers))
    web = complete_assessment(web)
    assert len(web.dimension_scores) == 7
    assert web.health_surface == health_surface([7] * 7) == 49.0
    html = client.get(reverse("assessments:compare", args=[web.access_token])).content.decode()
    assert "Alleen de delen die ze allebei hebben worden vergeleken" in html
    assert html.count('class="axis"') == 7
    pdf = client.get(reverse("assessments:report_pdf", args=[web.access_token]))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Werk" in text


@pytest.mark.django_db
def test_history_lists_all_webs_oldest_first(client):
    first = make_web((2, 2, 2, 2, 2, 2))
    second = make_web((3, 3, 3, 3, 3, 3), series=first.series)
    html = client.get(reverse("assessments:history", args=[second.access_token])).content.decode()
    assert html.index("4%") < html.index("9%")


@pytest.mark.django_db
def test_fill_in_again_continues_the_same_series(client):
    first = make_web()
    client.post(reverse("assessments:fill_in_again", args=[first.access_token]))
    assert first.__class__.objects.filter(series=first.series).count() == 2


@pytest.mark.django_db
def test_pdf_report_has_scores_flags_notes_and_questions(client):
    version = instrument("bredeblik-volwassenen")
    definition = version.parsed
    web = start_assessment(version)
    flagged = definition.dimensions[2].items[3]
    save_submission(
        web,
        Submission(
            answers={i.id: 6 for i in definition.items},
            flags=[flagged.id],
            notes={"meedoen": "Vaker naar het buurthuis"},
        ),
    )
    complete_assessment(web)
    client.get(reverse("assessments:result", args=[web.access_token]))
    response = client.get(reverse("assessments:report_pdf", args=[web.access_token]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Mijn spinnenweb" in text
    assert "Gezondheidsoppervlak: 36%" in text
    assert " ".join(flagged.text.nl.split()) in text
    assert "Vaker naar het buurthuis" in text
    assert "Wat is echt belangrijk voor jou?" in text
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(reverse("assessments:report_pdf", args=[web.access_token]))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(english.content)).pages)
    assert "My spider web" in text


@pytest.mark.django_db
def test_svg_marks_open_dimensions_and_uses_plain_numbers(client):
    web = make_web((6.5, 7, None, 8, 4, 6))
    client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    svg = client.get(reverse("assessments:web_svg", args=[web.access_token])).content.decode()
    assert "(open)" in svg
    points = re.findall(r'cx="([^"]+)"', svg)
    assert len(points) == 5 and all("," not in p for p in points)
    assert '<polygon class="surface"' not in svg  # an open dimension leaves a gap, not a zero
