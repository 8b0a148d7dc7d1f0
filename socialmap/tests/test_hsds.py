import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given, settings
from hypothesis import strategies as st

from socialmap import hsds, hsds_store
from socialmap.models import Organization, Service, Taxonomy, TaxonomyTerm

pytestmark = pytest.mark.django_db


def _empty_map():
    Service.objects.all().delete()
    Organization.objects.all().delete()
    TaxonomyTerm.objects.all().delete()
    Taxonomy.objects.all().delete()


def test_export_validates_against_hsds_schema(demo_map):
    services = hsds_store.export_services()
    assert len(services) == 25
    errors = [e for s in services for e in hsds.schema_errors("service", s, "export")]
    assert errors == []
    dimensions = {
        a["taxonomy_term"]["code"]
        for s in services
        for a in s["attributes"]
        if a["taxonomy_term"]["taxonomy_detail"]["name"] == "positieve-gezondheid"
    }
    assert len(dimensions) == 6


@pytest.mark.parametrize("name", ["map.json", "map.zip", "map-folder"])
def test_round_trip_into_an_empty_database(demo_map, tmp_path, name):
    before = hsds_store.tables_from_db()
    call_command("export_hsds", str(tmp_path / name), stdout=io.StringIO())
    _empty_map()
    assert Service.objects.count() == 0
    call_command("import_hsds", str(tmp_path / name), stdout=io.StringIO())
    assert hsds_store.tables_from_db() == before
    # Search works on the imported map too.
    assert Service.objects.get(name="Taalcafé").search_name.strip() == "taalcaf"


def _exported(tmp_path):
    path = tmp_path / "map.json"
    hsds_store.write_path(path)
    return json.loads(path.read_text())


def test_invalid_json_is_rejected_naming_file_record_field(demo_map, tmp_path):
    services = _exported(tmp_path)
    services[0]["name"] = "Changed name"
    services[3]["status"] = "maybe"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(services))
    with pytest.raises(CommandError) as error:
        call_command("import_hsds", str(bad))
    message = str(error.value)
    assert "bad.json" in message and services[3]["id"] in message and "status" in message
    assert not Service.objects.filter(name="Changed name").exists()


def test_reference_to_unknown_row_is_a_warning_and_the_row_is_kept(demo_map):
    tables = hsds_store.tables_from_db()
    tables["service"][0]["name"] = "Changed name"
    moved = {**tables["service"][1], "id": "11111111-1111-4111-8111-111111111111"}
    moved["organization_id"] = "00000000-0000-4000-8000-000000000000"
    tables["service"].append(moved)
    report = hsds_store.load(tables, "upload.zip")
    assert any("organization_id 00000000-0000-4000-8000-000000000000" in w for w in report.warnings)
    assert Service.objects.filter(name="Changed name").exists()
    assert not Service.objects.filter(pk=moved["id"]).exists()  # not on the map: no organisation
    exported = {row["id"]: row for row in hsds_store.tables_from_db()["service"]}
    assert exported[moved["id"]] == moved


def test_a_wrong_type_rejects_the_whole_import(demo_map):
    tables = hsds_store.tables_from_db()
    before = hsds_store.tables_from_db()
    tables["service"][0]["name"] = "Changed name"
    files = hsds.datapackage_files(tables)
    files["locations.csv"] = files["locations.csv"].replace(b",physical,", b",nowhere,", 1)
    with pytest.raises(hsds.ImportRejected) as error:
        hsds.read_datapackage(files, "upload.zip", hsds.Report())
    assert any("locations.csv: row 2" in e and "location_type" in e for e in error.value.errors)
    assert hsds_store.tables_from_db() == before


def test_invalid_csv_names_file_row_and_field(demo_map):
    files = hsds.datapackage_files(hsds_store.tables_from_db())
    lines = files["locations.csv"].decode().splitlines()
    header = lines[0].split(",")
    row = lines[1].split(",")
    row[header.index("latitude")] = "north"
    lines[1] = ",".join(row)
    files["locations.csv"] = "\n".join(lines).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    before = hsds_store.tables_from_db()
    with pytest.raises(hsds.ImportRejected) as error:
        hsds_store.import_upload("kaart.zip", buffer.getvalue())
    assert any(e.startswith("locations.csv: row 2") and "latitude" in e for e in error.value.errors)
    assert hsds_store.tables_from_db() == before


def test_not_json_is_rejected():
    with pytest.raises(hsds.ImportRejected) as error:
        hsds_store.import_upload("kaart.json", b"{not json")
    assert "kaart.json" in error.value.errors[0]


_SERVICE = json.loads(
    (hsds.SCHEMA_DIR.parent / "tests" / "hsds_examples" / "service_full.json").read_text()
)
_ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=12),
    st.sampled_from(
        [
            "x@",
            "@x",
            "a@b",
            "2025-13-40",
            "2025-01-01T10:00:00Z",
            "not a uri",
            "https://example.org",
            "ABCDEF78-1234-1234-1234-123456789012",
            "12345678123456781234567812345678",
            "{12345678-1234-1234-1234-123456789012}",
            "urn:uuid:12345678-1234-1234-1234-123456789012",
            "active",
            "10:00",
        ]
    ),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.sampled_from(["id", "name"]), st.text(max_size=4), max_size=2),
)


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


@settings(max_examples=300, deadline=None)
@given(
    changes=st.lists(
        st.tuples(st.sampled_from(list(_paths(_SERVICE))[1:]), _ODD_VALUES), min_size=1, max_size=3
    )
)
def test_a_record_passed_by_the_quick_check_is_valid_by_the_full_schema(changes):
    # The import trusts the compiled check when it passes; it must never pass what the full
    # HSDS validator refuses, or a bad file would be taken in without a word.
    record = json.loads(json.dumps(_SERVICE))
    for path, value in changes:
        parent = record
        try:
            for part in path[:-1]:
                parent = parent[part]
            parent[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    if hsds.schema_errors("service", record, "x") == []:
        assert not list(hsds.validator("service").iter_errors(record))
