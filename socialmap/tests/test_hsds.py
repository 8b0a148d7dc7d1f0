import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

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
