"""The first screen speaks in the chosen language; a web rounded off with open parts still
leads back to them (a web split over several conversations)."""

import pytest
from django.urls import reverse

from assessments.models import Assessment
from assessments.tests.factories import instrument, make_web


@pytest.mark.django_db
@pytest.mark.parametrize("instrument_id", ["bredeblik-kort", "bredeblik-volwassenen"])
def test_first_screen_shows_the_instrument_text_in_the_chosen_language(client, instrument_id):
    version = instrument(instrument_id)
    client.post(reverse("assessments:start"), {"instrument": version.pk})
    web = Assessment.objects.get()
    url = reverse("assessments:started", args=[web.access_token])
    html = client.get(url).content.decode()
    assert "Text(" not in html
    assert version.parsed.description.nl in html
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(url).content.decode()
    assert "Text(" not in html
    assert version.parsed.description.en in html


@pytest.mark.django_db
def test_after_rounding_off_the_open_parts_can_still_be_filled_in(client):
    web = make_web((6, None, 5, None, 7, 7))
    assert web.is_completed
    html = client.get(reverse("assessments:result", args=[web.access_token])).content.decode()
    assert "Vul de open delen in" in html
    for number, name in ((2, "Mentaal welbevinden"), (4, "Kwaliteit van leven")):
        link = reverse("assessments:fill_in", args=[web.access_token, number])
        assert f'href="{link}"' in html
        assert f"{name} invullen" in html
    # filling one in later scores it, and it is no longer offered
    client.post(
        reverse("assessments:fill_in", args=[web.access_token, 2]),
        {"item-kort-mw": "8", "action": "next"},
    )
    web.refresh_from_db()
    assert web.dimension_scores["mentaal_welbevinden"] == 8
    html = client.get(reverse("assessments:result", args=[web.access_token])).content.decode()
    assert "Mentaal welbevinden invullen" not in html
    assert "Kwaliteit van leven invullen" in html


@pytest.mark.django_db
def test_a_whole_web_offers_no_open_parts(client):
    web = make_web()
    html = client.get(reverse("assessments:result", args=[web.access_token])).content.decode()
    assert "Vul de open delen in" not in html
