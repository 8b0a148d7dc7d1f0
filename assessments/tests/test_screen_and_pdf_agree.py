"""The PDF and the API hold the numbers the screen shows: all go through core.formatting."""

import io
import re

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from assessments.tests.factories import make_web
from assessments.tests.reading import table_rows


def pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def screen_rows(html: str) -> list[tuple[str, str]]:
    """(part, score) of each row of the scores table on the result page."""
    return [(row[0], row[1]) for row in table_rows(html)]


@pytest.mark.django_db
def test_the_reported_case_five_point_eight_five_and_twenty_eight_and_a_half(client):
    web = make_web((5.85,) * 6)
    html = client.get(reverse("assessments:result", args=[web.access_token])).content.decode()
    text = pdf_text(client.get(reverse("assessments:report_pdf", args=[web.access_token])))
    assert ("Meedoen", "5,9") in screen_rows(html)
    assert "Meedoen 5,9" in text and "5,8" not in text
    # The API gives the same number the screen shows.
    api = client.get(reverse("api:assessment_detail", args=[web.access_token])).json()
    assert set(api["dimension_scores"].values()) == {5.9}
    surface = make_web((6, 6, 5, 5, 5, 5))
    assert surface.health_surface == 28.5
    html = client.get(reverse("assessments:result", args=[surface.access_token])).content.decode()
    text = pdf_text(client.get(reverse("assessments:report_pdf", args=[surface.access_token])))
    assert "Gezondheidsoppervlak: 28,5%" in html
    assert "Gezondheidsoppervlak: 28,5%" in text
    api = client.get(reverse("api:assessment_detail", args=[surface.access_token])).json()
    assert api["health_surface"] == 28.5


@pytest.mark.django_db
@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    scores=st.lists(
        st.integers(min_value=0, max_value=200).map(lambda n: n / 20), min_size=6, max_size=6
    ),
    language=st.sampled_from(["nl", "en"]),
)
def test_pdf_text_holds_the_screens_scores_and_surface(client, scores, language):
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    web = make_web(tuple(scores))
    html = client.get(reverse("assessments:result", args=[web.access_token])).content.decode()
    text = pdf_text(client.get(reverse("assessments:report_pdf", args=[web.access_token])))
    rows = screen_rows(html)
    assert len(rows) == 6
    for name, score in rows:
        assert f"{name} {score}" in text
    label = "Gezondheidsoppervlak" if language == "nl" else "Health surface"
    shown = re.search(rf"{label}: ([\d.,]+)%", html).group(1)
    assert f"{label}: {shown}%" in text
