"""Reworded items come as a new version: new webs ask the new words, old webs keep theirs."""

import pytest
from django.urls import reverse

from assessments.models import Assessment
from instruments.models import InstrumentVersion
from instruments.selectors import latest_version

# Statements published word for word elsewhere, and items that asked two things or used a
# double negative: none may be in a version a new web gets.
RETIRED_WORDING = [
    "Ik heb vertrouwen in mijn eigen toekomst.",
    "Ik kan goed voor mezelf zorgen.",
    "Pijn of lichamelijke ongemakken houden me weinig tegen.",
    "Er is een goede verhouding tussen inspanning en rust in mijn leven.",
    "Ik merk op tijd wanneer iets te veel wordt, en neem dan rust.",
    "Ik ben niet bang in mijn huis en mijn buurt.",
    "Heb jij genoeg energie om te spelen en te sporten?",
    "Voel jij je veilig thuis en op school?",
]


def item_texts(version: InstrumentVersion) -> set[str]:
    return {item.text.nl for dimension in version.parsed.dimensions for item in dimension.items}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "instrument_id", ["bredeblik-volwassenen", "bredeblik-eenvoudig", "bredeblik-kind"]
)
def test_latest_versions_no_longer_use_the_retired_wording(instrument_id):
    latest = latest_version(instrument_id)
    assert latest.version == "2"
    assert not item_texts(latest) & set(RETIRED_WORDING)


@pytest.mark.django_db
def test_new_web_asks_the_new_words_and_an_old_web_keeps_its_own(client):
    old = InstrumentVersion.objects.get(instrument_id="bredeblik-volwassenen", version="1")
    new = latest_version("bredeblik-volwassenen")
    client.post(reverse("assessments:start"), {"instrument": old.pk})
    old_web = Assessment.objects.order_by("-pk").first()
    client.post(reverse("assessments:start"), {"instrument": new.pk})
    new_web = Assessment.objects.order_by("-pk").first()
    # Part 3 is Zingeving, which holds the reworded statement about the future.
    old_page = client.get(reverse("assessments:fill_in", args=[old_web.access_token, 3]))
    new_page = client.get(reverse("assessments:fill_in", args=[new_web.access_token, 3]))
    assert "Ik heb vertrouwen in mijn eigen toekomst." in old_page.content.decode()
    assert "Ik denk dat het goed komt met mijn leven." in new_page.content.decode()
    assert "Ik heb vertrouwen in mijn eigen toekomst." not in new_page.content.decode()
