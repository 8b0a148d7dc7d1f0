"""A child's or young person's result speaks to them: their words, faces, no surface percentage."""

import re

import pytest
from django.test import Client

from assessments.tests.factories import make_web

pytestmark = pytest.mark.django_db


def _points(html: str) -> int:
    polygon = re.search(r'<polygon class="surface"[^>]*points="([^"]+)"', html)
    return len(polygon.group(1).split()) if polygon else 0


def _visible_text(html: str) -> str:
    html = re.sub(r"<(style|script)[^>]*>.*?</\1>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_childs_result_has_faces_and_no_surface_percentage():
    web = make_web((10, 7.5, 5, 7.5, 10, 2.5), instrument_id="bredeblik-kind")
    assert web.health_surface is not None
    html = Client().get(f"/web/{web.access_token}/").content.decode()
    assert _points(html) == 6
    assert not re.search(r"\d\s?%", _visible_text(html))
    faces = re.search(r'<ul class="face-summary".*?</ul>', html, re.S).group(0)
    assert faces.count("<li>") == 6
    assert "Meestal niet" in faces and "Ja, helemaal" in faces
    assert "Je lichaam" in faces


def test_childs_result_in_english_speaks_english():
    web = make_web((10, 7.5, 5, 7.5, 10, 2.5), instrument_id="bredeblik-kind")
    client = Client()
    client.cookies["django_language"] = "en"
    html = client.get(f"/web/{web.access_token}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "This is your web" in html
    assert "Mostly not" in html
    assert "Health surface" not in html


def test_youth_result_speaks_to_young_people_without_percentage():
    web = make_web((6, 7, 5, 8, 4, 6), instrument_id="bredeblik-jongeren")
    html = Client().get(f"/web/{web.access_token}/").content.decode()
    assert _points(html) == 6
    assert "Mijn gevoelens en gedachten" in html
    assert not re.search(r"\d\s?%", _visible_text(html))


def test_adult_result_still_shows_the_surface():
    web = make_web()
    html = Client().get(f"/web/{web.access_token}/").content.decode()
    assert 'class="face-summary"' not in html
    assert re.search(r"\d\s?%", _visible_text(html))


def test_childs_pdf_has_no_surface_percentage_and_adults_has():
    import io

    from pypdf import PdfReader

    def pdf_text(web) -> str:
        response = Client().get(f"/web/{web.access_token}/rapport.pdf")
        reader = PdfReader(io.BytesIO(response.content))
        return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)

    child = pdf_text(make_web((10, 7.5, 5, 7.5, 10, 2.5), instrument_id="bredeblik-kind"))
    assert "Je lichaam" in child
    assert not re.search(r"\d\s?%", child)
    assert re.search(r"\d\s?%", pdf_text(make_web()))
