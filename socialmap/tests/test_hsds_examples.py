"""The Open Referral specification's own examples import, and come back out whole."""

import csv
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from socialmap import hsds, hsds_store
from socialmap.models import HsdsRecord, Location, Service, ServiceArea

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).parent / "hsds_examples"
JSON_EXAMPLES = sorted(p.name for p in EXAMPLES.glob("*.json"))


def _import(name: str) -> hsds.Report:
    return hsds_store.import_path(EXAMPLES / name)


@pytest.mark.parametrize("name", [*JSON_EXAMPLES, "csv"])
def test_every_specification_example_imports(name):
    report = _import(name)
    if name != "base.json":
        assert sum(report.counts.values()) > 0


def test_address_without_state_province_is_kept_with_a_warning():
    """location.json leaves out a value HSDS requires; the file imports and the address is
    kept whole in the HSDS data, because the map's own address needs a province."""
    report = _import("location.json")
    assert any("state_province" in w and "kept without it" in w for w in report.warnings)
    location = Location.objects.get()
    assert not location.addresses.exists()
    kept = HsdsRecord.objects.get(table="address")
    assert kept.data["city"] and "state_province" not in kept.data
    exported = hsds_store.tables_from_db()["address"]
    assert exported == [kept.data]


def test_number_where_hsds_wants_text_is_kept_as_text():
    report = _import("tabular.json")
    assert any("1234567 is a number where HSDS wants text" in w for w in report.warnings)
    identifier = HsdsRecord.objects.get(table="organization_identifier")
    assert identifier.data["identifier"] == "1234567"


def test_other_missing_values_and_wrong_types_still_reject_the_whole_file():
    example = json.loads((EXAMPLES / "location.json").read_text())
    del example["addresses"][0]["city"]
    example["latitude"] = "north"
    with pytest.raises(hsds.ImportRejected) as rejected:
        hsds_store.import_upload("location.json", json.dumps(example).encode())
    assert any("'city' is a required property" in e for e in rejected.value.errors)
    assert any("'north' is not of type 'number'" in e for e in rejected.value.errors)
    assert Location.objects.count() == HsdsRecord.objects.count() == 0


def _file_tables(name: str) -> hsds.Tables:
    return hsds.read_path(EXAMPLES / name, hsds.Report())


def _same_rows(expected: hsds.Tables, actual: hsds.Tables) -> None:
    for table, rows in expected.items():
        exported = {row["id"]: row for row in actual[table]}
        for row in rows:
            assert row["id"] in exported, (table, row["id"])
            for key, value in row.items():
                assert exported[row["id"]][key] == value, (table, row["id"], key)


@pytest.mark.parametrize("name", ["service_full.json", "organization_full.json", "csv"])
def test_import_then_export_loses_no_table_and_no_field(name):
    _import(name)
    _same_rows(_file_tables(name), hsds_store.tables_from_db())
    # And through the exported files again, into an empty map.
    files = hsds.datapackage_files(hsds_store.tables_from_db())
    exported_json = hsds_store.export_json()
    Service.objects.all().delete()
    HsdsRecord.objects.all().delete()
    for model in hsds_store.MODELS.values():
        model.objects.all().delete()
    reread = hsds.read_datapackage(files, "export.zip", hsds.Report())
    _same_rows(_file_tables(name), reread)
    assert json.loads(exported_json)


def test_service_full_counts_every_value():
    source = json.loads((EXAMPLES / "service_full.json").read_text())
    report = _import("service_full.json")
    assert report.counts["service"] == report.counts["organization"] == 1
    assert report.counts["program"] == report.counts["cost_option"] == 1
    assert report.unknown_fields == {
        "service.additional_urls": 1,
        "organization.additional_websites": 1,
    }
    service = hsds_store.export_services()[0]
    assert service["name"] == source["name"]
    assert service["cost_options"][0]["amount"] == 35
    assert service["additional_urls"] == source["additional_urls"]
    assert service["organization"]["organization_identifiers"][0]["identifier"] == "1234567"


def test_long_service_area_is_kept_but_not_a_postcode_area():
    report = _import("service_full.json")
    assert not ServiceArea.objects.exists()
    kept = HsdsRecord.objects.get(table="service_area")
    assert len(kept.data["name"]) == 177
    assert any("service_area" in w and "kept" in w for w in report.warnings)


def test_references_outside_the_file_are_warnings():
    report = _import("csv")
    assert any("parent_organization_id" in w for w in report.warnings)
    assert HsdsRecord.objects.filter(table="service_at_location").exists()


def test_export_is_a_valid_frictionless_package(tmp_path, demo_map):
    hsds_store.write_path(tmp_path / "package")
    descriptor = json.loads((tmp_path / "package" / "datapackage.json").read_text())
    services = next(r for r in descriptor["resources"] if r["name"] == "service")
    assert services["path"] == "services.csv"
    status = next(f for f in services["schema"]["fields"] if f["name"] == "status")
    assert status["constraints"]["required"] is True
    assert "temporarily closed" in status["constraints"]["enum"]
    assert services["schema"]["foreignKeys"]
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "frictionless"),
            "validate",
            "--json",
            str(tmp_path / "package" / "datapackage.json"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = json.loads(result.stdout)
    assert report["valid"], json.dumps(report["tasks"], indent=1)[:3000]
    assert result.returncode == 0
    rows = {t["name"]: t["stats"].get("rows", 0) for t in report["tasks"]}
    assert rows["service"] == 25


def test_frictionless_catches_a_broken_export(tmp_path, demo_map):
    """The descriptor has teeth: a bad status in services.csv fails validation."""
    folder = tmp_path / "package"
    hsds_store.write_path(folder)
    path = folder / "services.csv"
    path.write_text(path.read_text().replace(",active,", ",sometimes,", 1))
    from frictionless import Package, system

    with system.use_context(onerror="raise"):
        report = Package(str(folder / "datapackage.json")).validate()
    assert not report.valid
    assert "constraint-error" in {e.type for t in report.tasks for e in t.errors}


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _problems(filename: str, data: bytes) -> list[str]:
    with pytest.raises(hsds.ImportRejected) as rejected:
        hsds_store.import_upload(filename, data)
    assert Service.objects.count() == 0
    return rejected.value.errors


def test_bad_files_get_listed_problems_and_change_nothing():
    services = (EXAMPLES / "csv" / "services.csv").read_bytes()
    latin1 = services.decode().replace("£", "é").encode("latin-1")
    assert "not UTF-8" in _problems("k.zip", _zip({"services.csv": latin1}))[0]
    assert "nested more than" in _problems("k.json", b"[" * 5000 + b"]" * 5000)[0]
    assert "NUL" in _problems("k.zip", _zip({"services.csv": services + b"\x00"}))[0]
    assert "NUL" in _problems("k.json", b'{"id": "a\\u0000", "name": "x", "status": "active"}')[0]
    twice = services + services.splitlines(keepends=True)[1]
    assert any("appears 2 times" in e for e in _problems("k.zip", _zip({"services.csv": twice})))
    assert "unsafe file name" in _problems("k.zip", _zip({"../services.csv": services}))[0]
    assert "not a valid zip" in _problems("k.zip", b"PK\x03\x04 not really")[0]


@pytest.mark.parametrize("csv_limit", [131_072, sys.maxsize])
def test_a_huge_cell_is_named_whatever_the_csv_modules_limit(csv_limit):
    # The limit is process-wide and frictionless raises it on import: both must read alike.
    services = (EXAMPLES / "csv" / "services.csv").read_bytes()
    huge = services.replace(b",Community Counselling,", b"," + b"x" * 200_000 + b",", 1)
    assert huge != services
    previous = csv.field_size_limit(csv_limit)
    try:
        problems = _problems("k.zip", _zip({"services.csv": huge}))
    finally:
        csv.field_size_limit(previous)
    assert any("longer than allowed" in problem for problem in problems), problems


def test_zip_bomb_is_refused_before_unpacking(monkeypatch):
    monkeypatch.setattr(hsds, "MAX_UNPACKED_BYTES", 1_000_000)
    bomb = _zip({"services.csv": b"0" * 5_000_000})
    assert len(bomb) < 20_000
    assert "unpacks to more than" in _problems("bomb.zip", bomb)[0]
