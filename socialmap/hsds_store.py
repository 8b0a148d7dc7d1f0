"""HSDS tables <-> the social map's database.

Rows the map models (services, organisations, locations, ...) go into their models, with the
whole incoming record beside them in `hsds_extra`; everything else HSDS holds (programs,
funding, languages, a row that points outside the file, a value that does not fit the map)
is kept whole as an `HsdsRecord`. An export puts both back together, so import -> export loses
nothing. Writes are bulk upserts in one transaction: one schema error and nothing changes.
"""

from __future__ import annotations

import datetime
import io
import json
import re
import uuid
import zipfile
from functools import cache
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction

from socialmap import hsds
from socialmap.hsds import Report, Tables
from socialmap.models import (
    Address,
    Attribute,
    Contact,
    HsdsRecord,
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
from socialmap.search_index import refresh_statistics
from socialmap.services import reindex_many

# The tables the map models, referenced tables first (the write order).
MODELS: dict[str, type[models.Model]] = {
    "taxonomy": Taxonomy,
    "taxonomy_term": TaxonomyTerm,
    "organization": Organization,
    "location": Location,
    "address": Address,
    "service": Service,
    "service_at_location": ServiceAtLocation,
    "contact": Contact,
    "phone": Phone,
    "schedule": Schedule,
    "service_area": ServiceArea,
    "attribute": Attribute,
}
TABLE_OF_MODEL = {model: table for table, model in MODELS.items()}
RENAMED = {("service", "assured_date"): "last_verified"}
BATCH = 500
# From this many rows an import changes the tables enough for the planner to need new figures.
LARGE_IMPORT_ROWS = 1000
Progress = hsds.Progress


@cache
def mapped_fields(table: str) -> dict[str, models.Field]:
    """HSDS column -> model field, for the columns the map keeps in its own fields."""
    found = {}
    for column in hsds.columns(table):
        if column == "id":
            continue
        try:
            field = MODELS[table]._meta.get_field(RENAMED.get((table, column), column))
        except FieldDoesNotExist:
            continue
        # HSDS "taxonomy" is a free-text name; the map's taxonomy relation is "taxonomy_id".
        if not field.is_relation or column == field.attname:
            found[column] = field
    return found


def _to_hsds(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _same(field: models.Field, original: Any, value: Any) -> bool:
    try:
        return field.to_python(original) == value
    except (ValidationError, TypeError, ValueError):
        return False


def row_of(table: str, obj: models.Model) -> dict[str, Any]:
    """A model object as an HSDS row: the map's current values, in the form the file had
    them where they are unchanged, plus every field of the file the map does not use."""
    extra = obj.hsds_extra or {}
    row: dict[str, Any] = {"id": str(obj.pk)}
    for column, field in mapped_fields(table).items():
        value = getattr(obj, field.attname)
        original = extra.get(column)
        if value in (None, ""):
            # A reference to a record outside the file was kept in the incoming record.
            if field.is_relation and original is not None:
                row[column] = original
            continue
        row[column] = original if _same(field, original, value) else _to_hsds(value)
    for key, value in extra.items():
        if key not in mapped_fields(table):
            row.setdefault(key, value)
    return row


def tables_from_db() -> Tables:
    tables: Tables = {t: [] for t in hsds.table_names()}
    for table, model in MODELS.items():
        tables[table] = [row_of(table, obj) for obj in model.objects.order_by("pk")]
    placed = {t: {row["id"] for row in rows} for t, rows in tables.items()}
    for record in HsdsRecord.objects.order_by("table", "record_id"):
        if record.record_id not in placed.get(record.table, ()):
            tables[record.table].append(record.data)
    return tables


def tables_for(service_ids: list) -> Tables:
    """Only the rows the given services nest, for the read API."""
    services = list(Service.objects.filter(pk__in=service_ids))
    links = list(ServiceAtLocation.objects.filter(service_id__in=service_ids))
    location_ids = {link.location_id for link in links}
    organization_ids = {s.organization_id for s in services}
    attributes = list(Attribute.objects.filter(link_id__in=service_ids))
    terms = list(TaxonomyTerm.objects.filter(pk__in={a.taxonomy_term_id for a in attributes}))
    near = models.Q(service_id__in=service_ids) | models.Q(location_id__in=location_ids)
    objects = {
        "service": services,
        "organization": Organization.objects.filter(pk__in=organization_ids),
        "service_at_location": links,
        "location": Location.objects.filter(pk__in=location_ids),
        "address": Address.objects.filter(location_id__in=location_ids),
        "phone": Phone.objects.filter(near),
        "schedule": Schedule.objects.filter(near),
        "contact": Contact.objects.filter(service_id__in=service_ids),
        "service_area": ServiceArea.objects.filter(service_id__in=service_ids),
        "attribute": attributes,
        "taxonomy_term": terms,
        "taxonomy": Taxonomy.objects.filter(pk__in={t.taxonomy_id for t in terms}),
    }
    tables: Tables = {t: [] for t in hsds.table_names()}
    for table, rows in objects.items():
        tables[table] = sorted((row_of(table, obj) for obj in rows), key=lambda r: r["id"])
    for record in HsdsRecord.objects.exclude(table__in=list(MODELS)):
        tables[record.table].append(record.data)
    return tables


def service_objects(service_ids: list) -> list[dict[str, Any]]:
    tables = tables_for(service_ids)
    by_id = {row["id"]: row for row in tables["service"]}
    rows = [by_id[str(pk)] for pk in service_ids if str(pk) in by_id]
    return hsds.nest(tables, "service", rows)


def export_services() -> list[dict[str, Any]]:
    tables = tables_from_db()
    return hsds.nest(tables, "service", tables["service"])


# ---------------------------------------------------------------- write


_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")


def _key(value: Any) -> str:
    """An id as the map compares it; most already are (parsing each would cost seconds)."""
    if isinstance(value, str) and _CANONICAL_UUID.match(value):
        return value
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        return str(value)


class _Placer:
    """Decides per row: into the map's model, or kept aside whole (with the reason)."""

    def __init__(self, tables: Tables, source: str, report: Report):
        self.tables, self.source, self.report = tables, source, report
        self.placed: dict[str, set[str]] = {t: set() for t in MODELS}
        self.existing = {
            t: {str(pk) for pk in m.objects.values_list("pk", flat=True)} for t, m in MODELS.items()
        }
        self.in_file = {t: {_key(r.get("id")) for r in rows} for t, rows in tables.items()}
        self.pairs: dict[str, set[tuple[str, str]]] = {
            "service_at_location": {
                (str(s), str(lo))
                for s, lo in ServiceAtLocation.objects.values_list("service_id", "location_id")
            },
            "attribute": {
                (str(s), str(t))
                for s, t in Attribute.objects.values_list("link_id", "taxonomy_term_id")
            },
        }
        self.taxonomy_names = dict(Taxonomy.objects.values_list("name", "pk"))

    def known(self, table: str, value: Any) -> bool:
        key = _key(value)
        return key in self.placed.get(table, ()) or key in self.existing.get(table, ())

    def instance(self, table: str, row: dict[str, Any]) -> models.Model | str:
        model = MODELS[table]
        where = f"{table} {row.get('id')}"
        try:
            obj = model(pk=uuid.UUID(str(row["id"])))
        except ValueError:
            return f"{where}: the map needs a UUID as id"
        if table == "attribute" and row.get("link_entity") not in (None, "service"):
            return f"{where}: describes a {row.get('link_entity')}; the map links services only"
        for column, field in mapped_fields(table).items():
            value = row.get(column)
            if field.is_relation:
                target = TABLE_OF_MODEL[field.related_model]
                if value is None and not field.null:
                    return f"{where}: the map needs {column}"
                if value is not None and not self.known(target, value):
                    if not field.null:
                        return f"{where}: {column} {value} is not in the file or on the map"
                    value = None  # _dangling() reported it; hsds_extra keeps the reference
                setattr(obj, field.attname, _key(value) if value is not None else None)
                continue
            if value is None:
                value = None if field.null else ("" if field.empty_strings_allowed else None)
                if value is None and not field.null:
                    value = field.get_default()
            else:
                try:
                    value = field.to_python(value)
                except ValidationError as exc:
                    return f"{where}: {column}: {' '.join(exc.messages)}"
            setattr(obj, field.attname, value)
        obj.hsds_extra = {k: v for k, v in row.items() if k != "id"}
        relations = [f.name for f in model._meta.concrete_fields if f.is_relation]
        try:
            obj.clean_fields(exclude=relations)
        except ValidationError as exc:
            problems = "; ".join(f"{f}: {' '.join(m)}" for f, m in exc.message_dict.items())
            return f"{where}: does not fit the map ({problems})"
        return self._unique(table, obj, where) or obj

    def _unique(self, table: str, obj: models.Model, where: str) -> str | None:
        if table == "taxonomy":
            holder = self.taxonomy_names.get(obj.name)
            if holder is not None and str(holder) != str(obj.pk):
                return f"{where}: the map already has a taxonomy named {obj.name!r}"
            self.taxonomy_names[obj.name] = obj.pk
        pair = None
        if table == "service_at_location":
            pair = (str(obj.service_id), str(obj.location_id))
        elif table == "attribute":
            pair = (str(obj.link_id), str(obj.taxonomy_term_id))
        if pair is not None:
            if pair in self.pairs[table] and str(obj.pk) not in self.existing[table]:
                return f"{where}: the same link is already on the map"
            self.pairs[table].add(pair)
        return None


def _term_order(rows: list[dict]) -> list[dict]:
    """Parents before children, so the self-reference can be checked."""
    ids = {_key(r.get("id")) for r in rows}
    done: set[str] = set()
    ordered: list[dict] = []
    pending = list(rows)
    while pending:
        ready = [
            r
            for r in pending
            if not r.get("parent_id")
            or _key(r["parent_id"]) in done
            or _key(r["parent_id"]) not in ids
        ]
        if not ready:
            ordered.extend(pending)
            break
        done.update(_key(r.get("id")) for r in ready)
        ordered.extend(ready)
        ready_ids = {id(r) for r in ready}
        pending = [r for r in pending if id(r) not in ready_ids]
    return ordered


def _dangling(tables: Tables, source: str, report: Report, placer: _Placer) -> None:
    """Report references to records that are neither in the file nor on the map."""
    for table, rows in tables.items():
        for column in hsds.columns(table):
            target = hsds.reference_target(table, column)
            if target is None:
                continue
            for row in rows:
                value = row.get(column)
                if value is None or _key(value) in placer.in_file.get(target, ()):
                    continue
                if target in MODELS and _key(value) in placer.existing[target]:
                    continue
                if (
                    target not in MODELS
                    and HsdsRecord.objects.filter(table=target, record_id=str(value)).exists()
                ):
                    continue
                report.warnings.append(
                    f"{source}: {table} {row.get('id')}: {column} {value}: no {target} "
                    "with this id in the file or on the map"
                )


def _upsert(model: type[models.Model], objects: list[models.Model]) -> None:
    fields = [
        f.name
        for f in model._meta.concrete_fields
        if not f.primary_key and f.name not in ("search_name", "search_text")
    ]
    model.objects.bulk_create(
        objects, batch_size=BATCH, update_conflicts=True, unique_fields=["id"], update_fields=fields
    )


def _services_touched(tables: Tables) -> set[str]:
    touched = {_key(r["id"]) for r in tables.get("service", [])}
    for table, column in (
        ("service_at_location", "service_id"),
        ("attribute", "link_id"),
        ("service_area", "service_id"),
    ):
        touched.update(_key(r[column]) for r in tables.get(table, []) if r.get(column))
    return touched


def load(tables: Tables, source: str, report: Report | None = None) -> Report:
    """Write checked tables in one transaction (so no other connection sees its progress)."""
    report = report if report is not None else Report()
    with transaction.atomic():
        placer = _Placer(tables, source, report)
        _dangling(tables, source, report, placer)
        aside: list[HsdsRecord] = []
        for table, model in MODELS.items():
            rows = tables.get(table, [])
            if table == "taxonomy_term":
                rows = _term_order(rows)
            # Written a batch at a time, so that no more than a batch of model objects is held.
            for start in range(0, len(rows), BATCH):
                objects = []
                for row in rows[start : start + BATCH]:
                    result = placer.instance(table, row)
                    if isinstance(result, str):
                        report.warnings.append(f"{source}: {result}; kept in the HSDS data")
                        aside.append(HsdsRecord(table=table, record_id=str(row["id"]), data=row))
                        report.kept_aside[table] = report.kept_aside.get(table, 0) + 1
                        continue
                    placer.placed[table].add(_key(row["id"]))
                    objects.append(result)
                _upsert(model, objects)
                HsdsRecord.objects.filter(
                    table=table, record_id__in=[str(o.pk) for o in objects]
                ).delete()
            report.counts[table] = len(rows)
        for table in hsds.table_names():
            if table in MODELS:
                continue
            rows = tables.get(table, [])
            aside.extend(HsdsRecord(table=table, record_id=str(r["id"]), data=r) for r in rows)
            report.counts[table] = len(rows)
            if rows:
                report.kept_aside[table] = len(rows)
        HsdsRecord.objects.bulk_create(
            aside,
            batch_size=BATCH,
            update_conflicts=True,
            unique_fields=["table", "record_id"],
            update_fields=["data"],
        )
        on_map = placer.placed["service"] | placer.existing["service"]
        touched = sorted(_services_touched(tables) & on_map)
        # In slices: SQLite limits the number of values one statement may take.
        for start in range(0, len(touched), BATCH):
            reindex_many(touched[start : start + BATCH])
    if sum(report.counts.values()) >= LARGE_IMPORT_ROWS:
        refresh_statistics(MODELS.values())
    return report


def import_path(path, report: Report | None = None) -> Report:
    report = report if report is not None else Report()
    return load(hsds.read_path(path, report), path.name, report)


def import_upload(
    filename: str, data: bytes, report: Report | None = None, progress: Progress | None = None
) -> Report:
    """Check the whole file (reporting progress per batch of records), then write it."""
    report = report if report is not None else Report()
    tables = hsds.read_upload(filename, data, report, progress)
    if progress:
        progress("writing", 99, 100)
    return load(tables, filename, report)


def export_json() -> bytes:
    return json.dumps(export_services(), indent=2, ensure_ascii=False).encode()


def export_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in hsds.datapackage_files(tables_from_db()).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def write_path(path) -> str:
    """.json -> nested JSON; .zip -> zipped datapackage; anything else -> a folder."""
    if path.suffix.lower() == ".json":
        path.write_bytes(export_json())
        return "json"
    if path.suffix.lower() == ".zip":
        path.write_bytes(export_zip())
        return "zip"
    path.mkdir(parents=True, exist_ok=True)
    for name, data in hsds.datapackage_files(tables_from_db()).items():
        (path / name).write_bytes(data)
    return "datapackage"
