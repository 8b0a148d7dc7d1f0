"""Open Referral HSDS 3.0 import and export: nested JSON (services with their organisation,
locations, ...) and the tabular datapackage (datapackage.json plus one CSV per table).

Both formats pass through the same flat form, `Tables` (table name -> list of rows), and every
file is checked against the HSDS JSON schemas before anything is written. An import runs in
one transaction: one bad field anywhere and nothing changes.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import uuid
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from socialmap.models import (
    Address,
    Attribute,
    Contact,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from socialmap.services import reindex

Tables = dict[str, list[dict[str, Any]]]

# Table name, model, HSDS columns we keep. Order = safe write order (referenced rows first).
TABLES: list[tuple[str, type[models.Model], list[str]]] = [
    ("taxonomy", Taxonomy, ["id", "name", "description", "uri", "version"]),
    (
        "taxonomy_term",
        TaxonomyTerm,
        ["id", "taxonomy_id", "parent_id", "code", "name", "description", "language"],
    ),
    (
        "organization",
        Organization,
        ["id", "name", "alternate_name", "description", "email", "website"],
    ),
    (
        "location",
        Location,
        ["id", "organization_id", "location_type", "name", "description", "latitude", "longitude"],
    ),
    (
        "address",
        Address,
        [
            "id",
            "location_id",
            "address_1",
            "city",
            "state_province",
            "postal_code",
            "country",
            "address_type",
        ],
    ),
    (
        "service",
        Service,
        [
            "id",
            "organization_id",
            "name",
            "alternate_name",
            "description",
            "url",
            "email",
            "status",
            "eligibility_description",
            "fees_description",
            "assured_date",
        ],
    ),
    ("service_at_location", ServiceAtLocation, ["id", "service_id", "location_id", "description"]),
    ("contact", Contact, ["id", "service_id", "name", "title", "email"]),
    ("phone", Phone, ["id", "service_id", "location_id", "number", "type", "description"]),
    (
        "schedule",
        Schedule,
        [
            "id",
            "service_id",
            "location_id",
            "freq",
            "byday",
            "opens_at",
            "closes_at",
            "description",
        ],
    ),
    ("service_area", ServiceArea, ["id", "service_id", "name", "description", "extent_type"]),
    (
        "attribute",
        Attribute,
        ["id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value"],
    ),
]
# HSDS column -> model attribute, where they differ.
RENAMED = {("service", "assured_date"): "last_verified"}
COLUMNS = {table: columns for table, _model, columns in TABLES}
# Vendored copies of the HSDS 3.0 schemas (CC BY-SA 4.0, see hsds_schema/LICENSE).
SCHEMA_DIR = Path(__file__).resolve().parent / "hsds_schema"


class ImportRejected(Exception):
    """The file does not fit HSDS or the map; `errors` name file, record and field."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class ImportResult:
    counts: dict[str, int]

    def summary(self) -> str:
        return ", ".join(f"{table}: {n}" for table, n in self.counts.items() if n)


# ---------------------------------------------------------------- schemas


@cache
def _registry() -> Registry:
    resources = []
    for path in SCHEMA_DIR.glob("*.json"):
        if path.name == "openapi.json":
            continue
        resources.append(
            (
                path.name,
                Resource.from_contents(json.loads(path.read_text()), default_specification=_spec()),
            )
        )
    return Registry().with_resources(resources)


def _spec():
    from referencing.jsonschema import DRAFT202012

    return DRAFT202012


@cache
def validator(table: str) -> Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / f"{table}.json").read_text())
    return Draft202012Validator(schema, registry=_registry(), format_checker=FormatChecker())


def _path(error) -> str:
    parts = [str(p) for p in error.absolute_path]
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else ""
        parts.append(missing)
    return "/".join(parts) or "(record)"


def schema_errors(table: str, record: dict, where: str) -> list[str]:
    return [
        f"{where}: field {_path(e)}: {e.message}"
        for e in sorted(validator(table).iter_errors(record), key=lambda e: list(e.absolute_path))
    ]


# ---------------------------------------------------------------- database <-> tables


def _to_hsds(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _row(table: str, obj: models.Model, columns: list[str]) -> dict[str, Any]:
    row = {}
    for column in columns:
        value = _to_hsds(getattr(obj, RENAMED.get((table, column), column)))
        if value not in (None, ""):
            row[column] = value
    return row


def tables_from_db() -> Tables:
    return {
        table: [_row(table, obj, columns) for obj in model.objects.order_by("pk")]
        for table, model, columns in TABLES
    }


# ---------------------------------------------------------------- nested JSON


def row_of(table: str, obj: models.Model) -> dict[str, Any]:
    return _row(table, obj, COLUMNS[table])


def organization_object(organization: Organization) -> dict[str, Any]:
    return row_of("organization", organization)


def _tables_for(service_ids: list) -> Tables:
    """Only the rows the given services need, for their nested objects."""
    services = list(Service.objects.filter(pk__in=service_ids))
    links = list(ServiceAtLocation.objects.filter(service_id__in=service_ids))
    location_ids = {link.location_id for link in links}
    attributes = list(Attribute.objects.filter(link_id__in=service_ids))
    terms = list(TaxonomyTerm.objects.filter(pk__in={a.taxonomy_term_id for a in attributes}))
    objects = {
        "service": services,
        "organization": Organization.objects.filter(pk__in={s.organization_id for s in services}),
        "service_at_location": links,
        "location": Location.objects.filter(pk__in=location_ids),
        "address": Address.objects.filter(location_id__in=location_ids),
        "phone": Phone.objects.filter(
            models.Q(service_id__in=service_ids) | models.Q(location_id__in=location_ids)
        ),
        "schedule": Schedule.objects.filter(
            models.Q(service_id__in=service_ids) | models.Q(location_id__in=location_ids)
        ),
        "contact": Contact.objects.filter(service_id__in=service_ids),
        "service_area": ServiceArea.objects.filter(service_id__in=service_ids),
        "attribute": attributes,
        "taxonomy_term": terms,
        "taxonomy": Taxonomy.objects.filter(pk__in={t.taxonomy_id for t in terms}),
    }
    return {
        table: sorted((row_of(table, obj) for obj in rows), key=lambda r: r["id"])
        for table, rows in objects.items()
    }


def nest(tables: Tables, order: list[str] | None = None) -> list[dict[str, Any]]:
    """Flat tables -> HSDS "service" objects with organisation, locations, ... nested."""
    by_id = {table: {row["id"]: row for row in rows} for table, rows in tables.items()}
    grouped: dict[tuple[str, str], dict[str, list[dict]]] = {}
    for table, key in (
        ("service_at_location", "service_id"),
        ("address", "location_id"),
        ("phone", "location_id"),
        ("phone", "service_id"),
        ("schedule", "location_id"),
        ("schedule", "service_id"),
        ("service_area", "service_id"),
        ("contact", "service_id"),
        ("attribute", "link_id"),
    ):
        index: dict[str, list[dict]] = {}
        for row in tables[table]:
            if row.get(key):
                index.setdefault(row[key], []).append(row)
        grouped[(table, key)] = index

    def children(table: str, key: str, value: str) -> list[dict]:
        return [dict(row) for row in grouped[(table, key)].get(value, [])]

    rows = tables["service"]
    if order is not None:
        rows = [by_id["service"][key] for key in order if key in by_id["service"]]
    services = []
    for row in rows:
        service = dict(row)
        service["organization"] = dict(by_id["organization"][row["organization_id"]])
        service_links = []
        for link in children("service_at_location", "service_id", row["id"]):
            location = dict(by_id["location"][link["location_id"]])
            location["addresses"] = children("address", "location_id", location["id"])
            location["phones"] = children("phone", "location_id", location["id"])
            location["schedules"] = children("schedule", "location_id", location["id"])
            link["location"] = location
            service_links.append(link)
        service["service_at_locations"] = service_links
        for table, key in (
            ("phone", "phones"),
            ("schedule", "schedules"),
            ("service_area", "service_areas"),
            ("contact", "contacts"),
        ):
            service[key] = children(table, "service_id", row["id"])
        attributes = []
        for attribute in children("attribute", "link_id", row["id"]):
            term = dict(by_id["taxonomy_term"][attribute["taxonomy_term_id"]])
            if term.get("taxonomy_id"):
                term["taxonomy_detail"] = dict(by_id["taxonomy"][term["taxonomy_id"]])
            attribute["taxonomy_term"] = term
            attributes.append(attribute)
        service["attributes"] = attributes
        services.append(service)
    return services


def export_services() -> list[dict[str, Any]]:
    """Every service as an HSDS 3.0 "service" object with its nested objects."""
    return nest(tables_from_db())


def service_objects(service_ids: list) -> list[dict[str, Any]]:
    return nest(_tables_for(service_ids), order=[str(pk) for pk in service_ids])


def service_object(service_id) -> dict[str, Any]:
    return service_objects([service_id])[0]


def flatten(services: list[dict[str, Any]]) -> Tables:
    """Nested service objects -> flat tables (the same organisation may appear many times)."""
    tables: dict[str, dict[str, dict]] = {table: {} for table, _m, _c in TABLES}
    columns = {table: cols for table, _m, cols in TABLES}

    def put(table: str, record: dict, **links: Any) -> None:
        row = {c: record[c] for c in columns[table] if c in record}
        row.update({k: v for k, v in links.items() if v is not None})
        tables[table][row.get("id")] = row

    for service in services:
        sid = service.get("id")
        organization = service.get("organization")
        if isinstance(organization, dict):
            put("organization", organization)
        put("service", service)
        for link in service.get("service_at_locations") or []:
            location = link.get("location")
            if isinstance(location, dict):
                put("location", location)
                for key, table in (
                    ("addresses", "address"),
                    ("phones", "phone"),
                    ("schedules", "schedule"),
                ):
                    for child in location.get(key) or []:
                        put(table, child, location_id=location.get("id"))
            put("service_at_location", link, service_id=sid, location_id=(location or {}).get("id"))
        for key, table in (
            ("phones", "phone"),
            ("schedules", "schedule"),
            ("service_areas", "service_area"),
            ("contacts", "contact"),
        ):
            for child in service.get(key) or []:
                put(table, child, service_id=sid)
        for attribute in service.get("attributes") or []:
            term = attribute.get("taxonomy_term")
            if isinstance(term, dict):
                detail = term.get("taxonomy_detail")
                if isinstance(detail, dict):
                    put("taxonomy", detail)
                put("taxonomy_term", term, taxonomy_id=(detail or {}).get("id"))
            put(
                "attribute",
                attribute,
                link_id=sid,
                link_entity="service",
                taxonomy_term_id=(term or {}).get("id"),
            )
    return {table: list(rows.values()) for table, rows in tables.items()}


def read_json(data: bytes, filename: str) -> Tables:
    try:
        payload = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ImportRejected([f"{filename}: not valid JSON ({exc})"]) from exc
    if isinstance(payload, dict) and "contents" in payload:
        payload = payload["contents"]  # an HSDS API page
    elif isinstance(payload, dict):
        payload = [payload]
    if not isinstance(payload, list):
        raise ImportRejected([f"{filename}: expected a list of HSDS services"])
    errors = []
    for index, service in enumerate(payload):
        record_id = service.get("id", "?") if isinstance(service, dict) else "?"
        where = f"{filename}: service {index + 1} ({record_id})"
        errors.extend(schema_errors("service", service, where))
    if errors:
        raise ImportRejected(errors)
    return flatten(payload)


# ---------------------------------------------------------------- tabular datapackage


def _schema_types(table: str) -> dict[str, str]:
    schema = json.loads((SCHEMA_DIR / f"{table}.json").read_text())
    return {name: prop.get("type", "string") for name, prop in schema["properties"].items()}


def _from_csv(table: str, raw: dict[str, str]) -> dict[str, Any]:
    types = _schema_types(table)
    row: dict[str, Any] = {}
    for column, value in raw.items():
        if column is None or value in (None, ""):
            continue
        kind = types.get(column)
        if kind in ("number", "integer"):
            try:
                row[column] = float(value) if kind == "number" else int(value)
            except ValueError:
                row[column] = value  # left as text so the schema names the field
        else:
            row[column] = value
    return row


def read_datapackage(files: dict[str, bytes], source: str) -> Tables:
    """`files` maps names inside the package to their bytes."""
    if "datapackage.json" not in files:
        raise ImportRejected([f"{source}: datapackage.json is missing"])
    try:
        package = json.loads(files["datapackage.json"])
    except ValueError as exc:
        raise ImportRejected([f"{source}/datapackage.json: not valid JSON ({exc})"]) from exc
    known = {table for table, _m, _c in TABLES}
    tables: Tables = {table: [] for table in known}
    errors = []
    for resource in package.get("resources", []):
        table, path = resource.get("name"), resource.get("path")
        if table not in known:
            continue
        if path not in files:
            errors.append(f"{source}/{path}: file named in datapackage.json is missing")
            continue
        text = files[path].decode("utf-8-sig")
        for number, raw in enumerate(csv.DictReader(io.StringIO(text)), start=2):
            row = _from_csv(table, raw)
            errors.extend(schema_errors(table, row, f"{path}: row {number} ({row.get('id', '?')})"))
            tables[table].append(row)
    if errors:
        raise ImportRejected(errors)
    return tables


def datapackage_files(tables: Tables) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    resources = []
    for table, _model, columns in TABLES:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(tables[table])
        files[f"{table}.csv"] = out.getvalue().encode()
        types = _schema_types(table)
        resources.append(
            {
                "name": table,
                "path": f"{table}.csv",
                "profile": "tabular-data-resource",
                "schema": {
                    "fields": [{"name": c, "type": types.get(c, "string")} for c in columns],
                    "primaryKey": "id",
                },
            }
        )
    package = {
        "name": "brede-blik-sociale-kaart",
        "profile": "tabular-data-package",
        "description": "Open Referral HSDS 3.0",
        "resources": resources,
    }
    files["datapackage.json"] = json.dumps(package, indent=2).encode()
    return files


# ---------------------------------------------------------------- files


def read_path(path: Path) -> Tables:
    if path.is_dir():
        files = {p.name: p.read_bytes() for p in path.iterdir() if p.is_file()}
        return read_datapackage(files, path.name)
    return read_upload(path.name, path.read_bytes())


def read_upload(filename: str, data: bytes) -> Tables:
    if filename.lower().endswith(".zip"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                files = {
                    Path(n).name: archive.read(n) for n in archive.namelist() if not n.endswith("/")
                }
        except zipfile.BadZipFile as exc:
            raise ImportRejected([f"{filename}: not a valid zip file"]) from exc
        return read_datapackage(files, filename)
    return read_json(data, filename)


def export_json() -> bytes:
    return json.dumps(export_services(), indent=2, ensure_ascii=False).encode()


def export_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in datapackage_files(tables_from_db()).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def write_path(path: Path) -> str:
    """.json -> nested JSON; .zip -> zipped datapackage; anything else -> a folder."""
    if path.suffix.lower() == ".json":
        path.write_bytes(export_json())
        return "json"
    if path.suffix.lower() == ".zip":
        path.write_bytes(export_zip())
        return "zip"
    path.mkdir(parents=True, exist_ok=True)
    for name, data in datapackage_files(tables_from_db()).items():
        (path / name).write_bytes(data)
    return "datapackage"


# ---------------------------------------------------------------- write to the database


def _term_order(rows: list[dict]) -> list[dict]:
    """Parents before children, so the self-reference can be checked."""
    done: set = set()
    ordered: list[dict] = []
    pending = list(rows)
    while pending:
        progressed = [r for r in pending if not r.get("parent_id") or r["parent_id"] in done]
        if not progressed:
            ordered.extend(pending)  # a cycle or an unknown parent: full_clean will name it
            break
        for row in progressed:
            done.add(row.get("id"))
            ordered.append(row)
        pending = [r for r in pending if r not in progressed]
    return ordered


def _message(error: ValidationError) -> list[tuple[str, str]]:
    if hasattr(error, "error_dict"):
        return [(f, " ".join(str(m) for m in msgs)) for f, msgs in error.message_dict.items()]
    return [("(record)", " ".join(error.messages))]


def load(tables: Tables, source: str) -> ImportResult:
    """Write validated tables in one transaction; raise ImportRejected and change nothing when
    any record does not fit the map (unknown reference, text too long, ...)."""
    errors: list[str] = []
    counts: dict[str, int] = {}
    columns_of = {table: cols for table, _m, cols in TABLES}
    with transaction.atomic():
        for table, model, _columns in TABLES:
            rows = tables.get(table, [])
            if table == "taxonomy_term":
                rows = _term_order(rows)
            counts[table] = 0
            for number, row in enumerate(rows, start=1):
                where = f"{source}: {table} {number} ({row.get('id', '?')})"
                try:
                    obj = model.objects.filter(pk=row["id"]).first() or model(pk=row["id"])
                    for column in columns_of[table]:
                        if column == "id":
                            continue
                        attribute = RENAMED.get((table, column), column)
                        field = model._meta.get_field(
                            attribute.removesuffix("_id") if column.endswith("_id") else attribute
                        )
                        value = row.get(column)
                        if value is None:
                            value = None if field.null else field.get_default()
                        setattr(obj, attribute, value)
                    obj.full_clean()
                except ValidationError as exc:
                    errors.extend(f"{where}: field {f}: {m}" for f, m in _message(exc))
                    continue
                obj.save()
                counts[table] += 1
        if errors:
            transaction.set_rollback(True)
        else:
            for service in Service.objects.filter(
                pk__in=[r["id"] for r in tables.get("service", [])]
            ):
                reindex(service)
    if errors:
        raise ImportRejected(errors)
    return ImportResult(counts)


def import_path(path: Path) -> ImportResult:
    return load(read_path(path), path.name)


def import_upload(filename: str, data: bytes) -> ImportResult:
    return load(read_upload(filename, data), filename)
