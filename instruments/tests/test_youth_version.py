"""The youth version: own items, names young people use, listed like every other version."""

import json

import pytest
from django.test import Client

from instruments.definition import load_definition_file, shipped_definition_files

pytestmark = pytest.mark.django_db

YOUTH = "bredeblik-jongeren"


def _definitions():
    return {d.id: d for d in (load_definition_file(p)[0] for p in shipped_definition_files())}


def test_youth_version_is_valid_with_young_words_and_own_items():
    definitions = _definitions()
    youth = definitions[YOUTH]
    assert youth.kind == "youth"
    names = [d.name.nl for d in youth.dimensions]
    assert names[:2] == ["Mijn lichaam", "Mijn gevoelens en gedachten"]
    assert all(name.startswith(("Mijn", "Waar", "Lekker", "Vrienden")) for name in names)
    assert all(len(d.items) >= 3 for d in youth.dimensions)
    own = {item.text.nl for item in youth.items}
    others = {item.text.nl for d in definitions.values() if d.id != YOUTH for item in d.items}
    assert not own & others
    for item in youth.items:
        assert item.text.nl and item.text.en
        assert len(item.text.nl.split()) <= 16  # short sentences (B1)


def test_instruments_api_lists_the_youth_version():
    body = Client().get("/api/v1/instruments").json()
    youth = next(i for i in body if i["id"] == YOUTH)
    assert youth["kind"] == "youth"
    assert youth["dimensions"][0]["name"] == {"nl": "Mijn lichaam", "en": "My body"}


def test_fhir_lists_and_serves_the_youth_questionnaire():
    bundle = json.loads(Client().get("/fhir/Questionnaire").content)
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "searchset"
    urls = [e["fullUrl"] for e in bundle["entry"]]
    # The Bundle names each Questionnaire by its resource id: instrument and version.
    assert any(u.endswith(f"/Questionnaire/{YOUTH}-1") for u in urls)
    assert bundle["total"] == len(urls) >= 5
    single = json.loads(Client().get(f"/fhir/Questionnaire/{YOUTH}/1").content)
    assert single["resourceType"] == "Questionnaire"
    assert [g["text"] for g in single["item"]][:2] == [
        "Mijn lichaam",
        "Mijn gevoelens en gedachten",
    ]


def test_home_page_offers_the_youth_version():
    from instruments.selectors import latest_version

    youth = latest_version(YOUTH)
    html = Client().get("/").content.decode()
    assert f'name="instrument" value="{youth.pk}"' in html
