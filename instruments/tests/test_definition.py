import copy
import json

import pytest

from instruments.definition import (
    InstrumentError,
    load_definition_file,
    parse_definition,
    shipped_definition_files,
)
from instruments.models import InstrumentVersion
from instruments.services import sync_shipped_instruments

DIMENSION_IDS = [
    "lichaamsfuncties",
    "mentaal_welbevinden",
    "zingeving",
    "kwaliteit_van_leven",
    "meedoen",
    "dagelijks_functioneren",
]


def shipped(instrument_id: str) -> dict:
    path = next(p for p in shipped_definition_files() if p.name.startswith(instrument_id + "-"))
    return json.loads(path.read_text())


def test_four_instruments_ship_with_the_six_dimensions_in_order():
    definitions = {
        load_definition_file(p)[0].id: load_definition_file(p)[0]
        for p in shipped_definition_files()
    }
    assert set(definitions) >= {
        "bredeblik-volwassenen",
        "bredeblik-kort",
        "bredeblik-eenvoudig",
        "bredeblik-kind",
    }
    for definition in definitions.values():
        assert [d.id for d in definition.dimensions] == DIMENSION_IDS
        for item in definition.items:
            assert item.text.nl and item.text.en
    assert all(len(d.items) >= 6 for d in definitions["bredeblik-volwassenen"].dimensions)
    assert all(len(d.items) == 1 for d in definitions["bredeblik-kort"].dimensions)
    child = definitions["bredeblik-kind"].scale
    assert [c.value for c in child.choices] == [0, 2.5, 5, 7.5, 10]


def test_a_missing_field_is_named_with_the_source():
    raw = shipped("bredeblik-kort")
    del raw["dimensions"][2]["items"][0]["text"]["en"]
    with pytest.raises(InstrumentError) as error:
        parse_definition(raw, "kort-test.json")
    assert "kort-test.json" in str(error.value)
    assert "dimensions/2/items/0/text" in str(error.value)


def test_duplicate_item_ids_are_refused():
    raw = shipped("bredeblik-volwassenen")
    raw["dimensions"][1]["items"][0]["id"] = raw["dimensions"][0]["items"][0]["id"]
    with pytest.raises(InstrumentError, match="duplicate item"):
        parse_definition(raw, "x.json")


@pytest.mark.parametrize("count, valid", [(2, False), (3, True), (8, True), (9, False)])
def test_three_to_eight_dimensions(count, valid):
    raw = shipped("bredeblik-kort")
    base = raw["dimensions"][0]
    raw["dimensions"] = []
    for i in range(count):
        dim = copy.deepcopy(base)
        dim["id"] = f"dim{i}"
        dim["items"][0]["id"] = f"item{i}"
        raw["dimensions"].append(dim)
    if valid:
        assert len(parse_definition(raw, "x.json").dimensions) == count
    else:
        with pytest.raises(InstrumentError, match="field 'dimensions'"):
            parse_definition(raw, "x.json")


def test_invalid_json_names_the_file(tmp_path):
    path = tmp_path / "broken-1.json"
    path.write_text("{ not json")
    with pytest.raises(InstrumentError, match="broken-1.json"):
        load_definition_file(path)


@pytest.mark.django_db
def test_shipped_instruments_are_stored_once_and_never_rewritten():
    count = InstrumentVersion.objects.count()
    assert count >= 4
    sync_shipped_instruments()
    assert InstrumentVersion.objects.count() == count
    version = InstrumentVersion.objects.get(instrument_id="bredeblik-kort")
    version.definition["name"]["nl"] = "Gewijzigd"
    version.save()
    with pytest.raises(InstrumentError, match="new version"):
        sync_shipped_instruments()


@pytest.mark.django_db
def test_a_corrected_introduction_reaches_the_stored_version_and_its_old_webs():
    """The start page's description is no part of what a web records: it follows the file."""
    version = InstrumentVersion.objects.get(instrument_id="bredeblik-kort")
    shipped = dict(version.definition)
    version.definition = {**shipped, "description": {"nl": "Oude tekst", "en": "Old text"}}
    version.save()
    sync_shipped_instruments()
    version.refresh_from_db()
    assert version.definition == shipped
    assert version.parsed.description.nl == shipped["description"]["nl"]
