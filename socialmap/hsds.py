"""Open Referral HSDS 3.0 files: reading (nested JSON of any HSDS object, API pages, tabular
JSON, the tabular datapackage of CSV files) and writing (nested service JSON, datapackage).

Every format passes through the same flat form, `Tables` (table name -> rows), which follows
the HSDS tables one to one, every field kept. What the tables are, their columns, nesting and
tabular descriptor all come from the vendored HSDS 3.0 schemas in `hsds_schema/`, so nothing
is listed twice. Writing to and reading from the database is `socialmap.hsds_store`.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from core.nul_bytes import JSON_NUL

if TYPE_CHECKING:  # jsonschema and referencing load only when a file is checked
    from jsonschema import Draft202012Validator
    from referencing import Registry

Tables = dict[str, list[dict[str, Any]]]
# (step, done, total): how far a long import is, for its progress page.
Progress = Callable[[str, int, int], None]

# Vendored copies of the HSDS 3.0 schemas (CC BY-SA 4.0, see hsds_schema/LICENSE).
SCHEMA_DIR = Path(__file__).resolve().parent / "hsds_schema"

# Limits for uploaded files: well above any real social map, far below what hurts a server.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ZIP_ENTRIES = 100
MAX_CELL_CHARS = 100_000
MAX_NESTING = 40
PROGRESS_EVERY = 200  # records between two progress reports


class ImportRejected(Exception):
    """The file does not fit HSDS; `errors` name file, record and field."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class Report:
    """What an import found and did, table by table."""

    counts: dict[str, int] = field(default_factory=dict)
    kept_aside: dict[str, int] = field(default_factory=dict)
    duplicates: list[str] = field(default_factory=list)
    unknown_fields: Counter = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return ", ".join(f"{table}: {n}" for table, n in self.counts.items() if n)

    def as_dict(self) -> dict[str, Any]:
        return {
            "counts": {t: n for t, n in self.counts.items() if n},
            "kept_aside": {t: n for t, n in self.kept_aside.items() if n},
            "duplicates": self.duplicates,
            "unknown_fields": dict(sorted(self.unknown_fields.items())),
            "warnings": self.warnings,
        }


# ---------------------------------------------------------------- the schemas


@cache
def schema(table: str) -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / f"{table}.json").read_text())


@cache
def table_names() -> list[str]:
    """Every HSDS table, in the specification's datapackage order."""
    names = [p.stem for p in SCHEMA_DIR.glob("*.json")]
    return sorted(names, key=lambda t: schema(t)["datapackage_metadata"]["order"])


def _ref_table(prop: dict[str, Any]) -> str | None:
    ref = prop.get("$ref") or (prop.get("items") or {}).get("$ref")
    return ref.removesuffix(".json") if ref else None


@cache
def columns(table: str) -> list[str]:
    """The flat (tabular) fields of a table, in schema order."""
    return [
        name
        for name, prop in schema(table)["properties"].items()
        if prop.get("type") not in ("array", "object") and not _ref_table(prop)
    ]


# Nesting the specification's examples use beyond the schemas: a service_at_location with its
# service, an organisation with its services. Read, never written (they would nest in circles).
READ_ONLY_NESTING = {
    "service_at_location": {"service": ("service", False)},
    "organization": {"services": ("service", True)},
}


@cache
def nested(table: str) -> dict[str, tuple[str, bool]]:
    """Nested property -> (child table, is a list)."""
    found: dict[str, tuple[str, bool]] = {}
    for name, prop in schema(table)["properties"].items():
        child = _ref_table(prop)
        if child:
            found[name] = (child, prop.get("type") == "array")
    return found


def child_link(parent: str, child: str) -> tuple[str, str | None]:
    """The child's column holding the parent's id (and the one naming the parent's table)."""
    if child == "attribute":
        return "link_id", "link_entity"
    if child == "metadata":
        return "resource_id", "resource_type"
    return f"{parent}_id", None


def single_link(child: str) -> str:
    """The parent's column holding the id of a nested single object."""
    return "taxonomy_id" if child == "taxonomy" else f"{child}_id"


def reference_target(table: str, column: str) -> str | None:
    """Which table an `*_id` column points at, if any."""
    if column == "parent_organization_id":
        return "organization"
    if column == "parent_id" and table == "taxonomy_term":
        return "taxonomy_term"
    target = column.removesuffix("_id")
    if column.endswith("_id") and target in table_names():
        return target
    return None


@cache
def _registry() -> Registry:
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    return Registry().with_resources(
        (p.name, Resource.from_contents(json.loads(p.read_text()), DRAFT202012))
        for p in SCHEMA_DIR.glob("*.json")
    )


@cache
def validator(table: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator, FormatChecker

    return Draft202012Validator(schema(table), registry=_registry(), format_checker=FormatChecker())


@cache
def _quick_check(table: str):
    """The same schemas compiled to native code: about 100 times faster than `validator`.

    It is at least as strict (its email and date-time formats check more), so a record it
    passes is valid; anything it refuses is checked again by `validator`, whose messages and
    tolerated deviations are the ones reported."""
    import jsonschema_rs

    return jsonschema_rs.validator_for(
        schema(table), registry=_quick_registry(), validate_formats=True
    )


@cache
def _quick_registry():
    import jsonschema_rs

    return jsonschema_rs.Registry([(f"{t}.json", schema(t)) for t in table_names()])


def _path(error) -> str:
    parts = [str(p) for p in error.absolute_path]
    if error.validator == "required":
        parts.append(error.message.split("'")[1] if "'" in error.message else "")
    return "/".join(parts) or "(record)"


# Required fields the specification's own examples leave out (address.json, tabular.json):
# many countries, the Netherlands among them, write addresses without a state or province.
# A record without one is kept with a warning rather than rejecting the whole file.
TOLERATED_MISSING = {"state_province"}


def _tolerated(error, record: Any) -> str | None:
    """A warning for the two deviations the specification's examples make, else None.

    A number where HSDS wants text is kept as that text (nothing is lost: the tabular form is
    text anyway); a missing state_province is reported and the record kept without it."""
    if error.validator == "required" and _path(error).rsplit("/", 1)[-1] in TOLERATED_MISSING:
        return "is missing; HSDS requires it, the record is kept without it"
    number = isinstance(error.instance, int | float) and not isinstance(error.instance, bool)
    if error.validator == "type" and error.validator_value == "string" and number:
        parent = record
        for part in list(error.absolute_path)[:-1]:
            parent = parent[part]
        parent[error.absolute_path[-1]] = str(error.instance)
        return f"{error.instance} is a number where HSDS wants text; kept as the text"
    return None


def schema_errors(table: str, record: Any, where: str, report: Report | None = None) -> list[str]:
    """The record's problems; with a report, tolerated deviations become its warnings."""
    if _quick_check(table).is_valid(record):
        return []
    errors = []
    found = sorted(validator(table).iter_errors(record), key=lambda e: list(e.absolute_path))
    for error in found:
        warning = _tolerated(error, record) if report is not None else None
        if warning:
            report.warnings.append(f"{where}: field {_path(error)}: {warning}")
        else:
            errors.append(f"{where}: field {_path(error)}: {error.message[:300]}")
    return errors


# ---------------------------------------------------------------- nested objects -> tables


class _Collector:
    """Gathers flat rows; a record met twice (HSDS nests the same phone under a service, its
    location and its contact) is merged, and differing values are reported as duplicates."""

    def __init__(self, report: Report):
        self.rows: dict[str, dict[str, dict]] = {t: {} for t in table_names()}
        self.report = report

    def put(self, table: str, row: dict[str, Any]) -> None:
        known = self.rows[table].get(row["id"])
        if known is None:
            self.rows[table][row["id"]] = row
            return
        for key, value in row.items():
            if key not in known:
                known[key] = value
            elif known[key] != value:
                self.report.duplicates.append(
                    f"{table} {row['id']}: {key} appears twice with different values; "
                    "the first is kept"
                )

    def walk(self, table: str, record: dict[str, Any], parent: tuple[str, str] | None) -> None:
        props = schema(table)["properties"]
        children = {**nested(table), **READ_ONLY_NESTING.get(table, {})}
        row = {k: v for k, v in record.items() if k not in children}
        for key in row:
            if key not in props:
                self.report.unknown_fields[f"{table}.{key}"] += 1
        if parent:
            link, entity = child_link(parent[0], table)
            if link in props:
                row.setdefault(link, parent[1])
                if entity:
                    row.setdefault(entity, parent[0])
        for name, (child, many) in children.items():
            value = record.get(name)
            if many:
                for item in value or []:
                    self.walk(child, item, (table, record["id"]))
            elif isinstance(value, dict):
                self.walk(child, value, None)
                if single_link(child) in props:
                    row.setdefault(single_link(child), value.get("id"))
        self.put(table, row)

    def tables(self) -> Tables:
        return {table: list(rows.values()) for table, rows in self.rows.items()}


# Keys that tell which HSDS object a lone JSON object is (checked in this order).
_KIND_HINTS: list[tuple[str, set[str]]] = [
    ("service", {"status", "service_at_locations", "service_areas", "cost_options"}),
    ("service_at_location", {"location", "service"}),
    ("location", {"location_type", "addresses", "accessibility", "transportation"}),
    ("taxonomy_term", {"taxonomy_detail", "parent_id", "term_uri", "code"}),
    (
        "organization",
        {"website", "year_incorporated", "locations", "programs", "tax_status", "logo"},
    ),
]


def object_kind(record: dict[str, Any]) -> str | None:
    keys = set(record)
    for table, hints in _KIND_HINTS:
        if keys & hints:
            return table
    # Otherwise the smallest table whose fields cover every key of the object.
    covering = [t for t in table_names() if keys <= set(schema(t)["properties"])]
    return min(covering, key=lambda t: len(schema(t)["properties"]), default=None)


def _depth(value: Any, limit: int) -> int:
    """Nesting depth, without recursion (so a hostile file cannot exhaust the stack)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if deepest > limit:
            return deepest
        if isinstance(item, dict):
            stack.extend((v, level + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, level + 1) for v in item)
    return deepest


def read_json(
    data: bytes, filename: str, report: Report, progress: Progress | None = None
) -> Tables:
    # A cheap bracket count first: json.loads itself recurses on deep nesting.
    if data.count(b"[") + data.count(b"{") > 0 and _bracket_depth(data) > MAX_NESTING:
        raise ImportRejected([f"{filename}: nested more than {MAX_NESTING} levels deep"])
    # Checked on the raw text: a NUL as a byte or as an (unescaped) \u0000 escape.
    if b"\x00" in data or JSON_NUL.search(data):
        raise ImportRejected(
            [f"{filename}: contains a NUL character (\\u0000), which no field may hold"]
        )
    try:
        payload = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ImportRejected([f"{filename}: not UTF-8 text (byte {exc.start})"]) from exc
    except ValueError as exc:
        raise ImportRejected([f"{filename}: not valid JSON ({exc})"]) from exc
    if isinstance(payload, dict) and isinstance(payload.get("contents"), list):
        payload = payload["contents"]  # an HSDS API page
    if isinstance(payload, dict) and payload and set(payload) <= set(table_names()):
        return _read_tabular_json(payload, filename, report)
    if isinstance(payload, dict) and "id" not in payload and "openapi_url" in payload:
        report.warnings.append(f"{filename}: an HSDS API description, no records to import")
        return {t: [] for t in table_names()}
    records = payload if isinstance(payload, list) else [payload]
    del payload
    # Each checked record is flattened at once and then let go, so the file is not held twice.
    # What flattening notes goes to the report only if the whole file is accepted.
    flattened = Report()
    collector = _Collector(flattened)
    errors: list[str] = []
    for index, record in enumerate(records, start=1):
        records[index - 1] = None
        if progress and index % PROGRESS_EVERY == 0:
            progress("checking", round(98 * index / len(records)), 100)
        where = f"{filename}: object {index}"
        if not isinstance(record, dict):
            errors.append(f"{where}: expected an HSDS object")
            continue
        kind = object_kind(record)
        if kind is None:
            errors.append(f"{where}: not an HSDS object this map knows (fields: {sorted(record)})")
            continue
        where = f"{filename}: {kind} {index} ({record.get('id', '?')})"
        errors.extend(schema_errors(kind, record, where, report))
        for name, (child, many) in READ_ONLY_NESTING.get(kind, {}).items():
            items = record.get(name) if many else [record.get(name)]
            for item in items or []:
                if item is not None:
                    errors.extend(schema_errors(child, item, f"{where}: {name}", report))
        if not errors:
            collector.walk(kind, record, None)
    if errors:
        raise ImportRejected(errors)
    report.duplicates.extend(flattened.duplicates)
    report.unknown_fields.update(flattened.unknown_fields)
    return collector.tables()


# A JSON string (skipped whole) or a bracket: the depth check steps over long texts at C speed.
_JSON_TOKENS = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)


def _bracket_depth(data: bytes) -> int:
    depth = deepest = 0
    for match in _JSON_TOKENS.finditer(data):
        token = match.group()[0]
        if token in (0x5B, 0x7B):
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_NESTING:
                return deepest
        elif token in (0x5D, 0x7D):
            depth -= 1
    return deepest


def _read_tabular_json(payload: dict, filename: str, report: Report) -> Tables:
    """HSDS "tabular JSON": table name -> list of flat rows."""
    tables: Tables = {t: [] for t in table_names()}
    errors = []
    for table, rows in payload.items():
        if not isinstance(rows, list):
            errors.append(f"{filename}: {table}: expected a list of rows")
            continue
        for number, row in enumerate(rows, start=1):
            record_id = row.get("id", "?") if isinstance(row, dict) else "?"
            where = f"{filename}: {table} {number} ({record_id})"
            errors.extend(_flat_row_errors(table, row, where, report))
            tables[table].append(row)
    errors.extend(_duplicate_ids(tables, filename))
    if errors:
        raise ImportRejected(errors)
    return tables


def _flat_row_errors(table: str, row: Any, where: str, report: Report) -> list[str]:
    if not isinstance(row, dict):
        return [f"{where}: expected a row of fields"]
    props = schema(table)["properties"]
    for key in row:
        if key not in props:
            report.unknown_fields[f"{table}.{key}"] += 1
    errors = schema_errors(table, row, where, report)
    for column in schema(table).get("tabular_required", []):
        if row.get(column) in (None, ""):
            errors.append(f"{where}: field {column}: is required in tabular HSDS")
    return errors


def _duplicate_ids(tables: Tables, source: str) -> list[str]:
    errors = []
    for table, rows in tables.items():
        counts = Counter(row.get("id") for row in rows if isinstance(row, dict))
        errors.extend(
            f"{source}: {table}: id {record_id} appears {n} times"
            for record_id, n in counts.items()
            if n > 1
        )
    return errors


# ---------------------------------------------------------------- tabular datapackage


_FRICTIONLESS_TYPES = {"string", "number", "integer", "boolean", "date", "time", "datetime"}
_STRING_FORMATS = {"email", "uri", "uuid"}


def field_descriptor(table: str, name: str) -> dict[str, Any]:
    prop = schema(table)["properties"].get(name, {"type": "string"})
    kind = prop.get("datapackage_type") or prop.get("type", "string")
    descriptor: dict[str, Any] = {
        "name": name,
        "type": kind if kind in _FRICTIONLESS_TYPES else "string",
    }
    if prop.get("description"):
        descriptor["description"] = prop["description"]
    if descriptor["type"] == "string" and prop.get("format") in _STRING_FORMATS:
        descriptor["format"] = prop["format"]
    required = name in schema(table).get("required", []) or name in schema(table).get(
        "tabular_required", []
    )
    constraints: dict[str, Any] = {"required": required, "unique": name == "id"}
    if prop.get("enum"):
        constraints["enum"] = prop["enum"]
    descriptor["constraints"] = constraints
    return descriptor


def resource_descriptor(table: str, extra_columns: list[str] = ()) -> dict[str, Any]:
    meta = schema(table)["datapackage_metadata"]
    names = [*columns(table), *extra_columns]
    foreign_keys = [
        {"fields": column, "reference": {"resource": target, "fields": "id"}}
        for column in columns(table)
        if (target := reference_target(table, column)) and column != "parent_organization_id"
    ]
    resource = {
        "name": table,
        "path": schema(table)["path"],
        "description": schema(table).get("description", ""),
        "format": meta["format"],
        "mediatype": meta["mediatype"],
        "profile": meta["profile"],
        "schema": {
            "primaryKey": "id",
            "fields": [field_descriptor(table, name) for name in names],
        },
    }
    if foreign_keys:
        resource["schema"]["foreignKeys"] = foreign_keys
    return resource


def package_descriptor(extra: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """The HSDS 3.0 tabular descriptor, built from the schemas the way the specification
    builds its root datapackage.json (file names, types, required/unique/enum constraints,
    primary and foreign keys)."""
    return {
        "name": "human_services_data",
        "title": "Human Services Data Specification",
        "profile": "tabular-data-package",
        "version": "3.0.0",
        "license": {
            "url": "https://creativecommons.org/licenses/by-sa/4.0/",
            "type": "CC-BY-SA-4.0",
            "name": "Creative Commons Attribution-ShareAlike 4.0",
        },
        "resources": [
            resource_descriptor(table, (extra or {}).get(table, [])) for table in table_names()
        ],
    }


def _cell(table: str, column: str, value: str) -> Any:
    if column not in schema(table)["properties"] and value[:1] in ("[", "{"):
        try:
            return json.loads(value)  # as datapackage_files() writes unknown nested fields
        except ValueError:
            return value
    prop = schema(table)["properties"].get(column, {})
    if prop.get("type") in ("number", "integer"):
        try:
            number = float(value)
        except ValueError:
            return value  # left as text so the schema check names the field
        return int(number) if number.is_integer() else number
    return value


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRejected(
            [f"{name}: not UTF-8 text (byte {exc.start}); save the file as UTF-8 and try again"]
        ) from exc


def read_csv(table: str, data: bytes, name: str, report: Report) -> tuple[list[dict], list[str]]:
    text = _decode(data, name)
    if "\x00" in text:
        return [], [f"{name}: contains a NUL character, which no field may hold"]
    rows, errors = [], []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, [])
        for line, values in enumerate(reader, start=2):
            if len(values) > len(header):
                errors.append(f"{name}: row {line}: more values than columns")
                continue
            row = {}
            for column, value in zip(header, values, strict=False):
                if len(value) > MAX_CELL_CHARS:
                    errors.append(f"{name}: row {line}: field {column}: longer than allowed")
                elif value != "":
                    row[column] = _cell(table, column, value)
            where = f"{name}: row {line} ({row.get('id', '?')})"
            errors.extend(_flat_row_errors(table, row, where, report))
            rows.append(row)
    except csv.Error as exc:
        # The csv module's own cell limit is process-wide and other libraries raise it, so a
        # huge cell may stop the reader before the check above: the same problem, named alike.
        if "field larger than field limit" in str(exc):
            errors.append(f"{name}: line {reader.line_num}: a field is longer than allowed")
        else:
            errors.append(f"{name}: not readable as CSV ({exc})")
    return rows, errors


def _file_for(files: dict[str, bytes], table: str, path: str | None) -> str | None:
    candidates = [path, schema(table)["path"], f"{table}.csv"]
    return next((c for c in candidates if c and c in files), None)


def read_datapackage(files: dict[str, bytes], source: str, report: Report) -> Tables:
    """`files` maps names inside the package to their bytes. Without a datapackage.json the
    HSDS descriptor is assumed."""
    if "datapackage.json" in files:
        try:
            package = json.loads(_decode(files["datapackage.json"], "datapackage.json"))
            resources = [(r["name"], r.get("path")) for r in package["resources"]]
        except (ValueError, KeyError, TypeError) as exc:
            raise ImportRejected(
                [f"{source}/datapackage.json: not a data package ({exc})"]
            ) from exc
    else:
        resources = [(t, schema(t)["path"]) for t in table_names()]
    tables: Tables = {t: [] for t in table_names()}
    errors = []
    for table, path in resources:
        if table not in tables:
            report.warnings.append(f"{source}: table {table} is not part of HSDS 3.0; skipped")
            continue
        name = _file_for(files, table, path)
        if name is None:
            continue
        rows, problems = read_csv(table, files[name], name, report)
        tables[table].extend(rows)
        errors.extend(problems)
    errors.extend(_duplicate_ids(tables, source))
    if errors:
        raise ImportRejected(errors)
    return tables


def _csv_text(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)  # a nested field HSDS 3.0 does not know
    if kind == "time" and isinstance(value, str) and len(value) == 5:
        return value + ":00"  # the descriptor's time type wants seconds
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def datapackage_files(tables: Tables) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    extra: dict[str, list[str]] = {}
    for table in table_names():
        rows = tables.get(table, [])
        known = set(columns(table))
        extra[table] = sorted({k for row in rows for k in row if k not in known})
        descriptor = resource_descriptor(table, extra[table])
        kinds = {f["name"]: f["type"] for f in descriptor["schema"]["fields"]}
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(kinds)
        for row in rows:
            writer.writerow(_csv_text(row.get(name), kinds[name]) for name in kinds)
        files[descriptor["path"]] = out.getvalue().encode()
    files["datapackage.json"] = json.dumps(package_descriptor(extra), indent=2).encode()
    return files


# ---------------------------------------------------------------- files


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name.replace("\\", "/"))
    return not path.is_absolute() and ".." not in path.parts and ":" not in name


def read_zip(data: bytes, filename: str, report: Report) -> Tables:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ImportRejected([f"{filename}: not a valid zip file"]) from exc
    with archive:
        entries = [i for i in archive.infolist() if not i.is_dir()]
        errors = [f"{filename}: {i.filename}: unsafe file name" for i in entries]
        errors = [e for e, i in zip(errors, entries, strict=True) if not _safe_name(i.filename)]
        if len(entries) > MAX_ZIP_ENTRIES:
            errors.append(f"{filename}: more than {MAX_ZIP_ENTRIES} files")
        if sum(i.file_size for i in entries) > MAX_UNPACKED_BYTES:
            errors.append(f"{filename}: unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MB")
        if errors:
            raise ImportRejected(errors)
        files: dict[str, bytes] = {}
        budget = MAX_UNPACKED_BYTES
        for info in entries:
            name = PurePosixPath(info.filename).name
            if name in files:
                raise ImportRejected([f"{filename}: {name} appears twice"])
            # Read in bounded pieces: the sizes in the zip's directory can lie.
            with archive.open(info) as stream:
                chunk = stream.read(budget + 1)
            if len(chunk) > budget:
                raise ImportRejected(
                    [f"{filename}: unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MB"]
                )
            budget -= len(chunk)
            files[name] = chunk
    return read_datapackage(files, filename, report)


def read_upload(
    filename: str, data: bytes, report: Report | None = None, progress: Progress | None = None
) -> Tables:
    report = report if report is not None else Report()
    if filename.lower().endswith(".zip"):
        return read_zip(data, filename, report)
    if filename.lower().endswith(".csv"):
        raise ImportRejected([f"{filename}: upload a zip with datapackage.json and the CSV files"])
    return read_json(data, filename, report, progress)


def read_path(path: Path, report: Report | None = None) -> Tables:
    report = report if report is not None else Report()
    if path.is_dir():
        files = {p.name: p.read_bytes() for p in path.iterdir() if p.is_file()}
        return read_datapackage(files, path.name, report)
    return read_upload(path.name, path.read_bytes(), report)


# ---------------------------------------------------------------- tables -> nested objects


def nest(tables: Tables, table: str, rows: list[dict]) -> list[dict[str, Any]]:
    """Flat rows of `table` -> HSDS objects with their nested objects, as in the
    specification's examples (a service with its organisation, locations, phones, ...)."""
    by_id = {t: {row["id"]: row for row in tables.get(t, [])} for t in table_names()}
    index: dict[tuple[str, str], dict[str, list[dict]]] = {}

    def children(parent: str, child: str, parent_id: str) -> list[dict]:
        link, entity = child_link(parent, child)
        key = (child, link)
        if key not in index:
            grouped: dict[str, list[dict]] = {}
            for row in tables.get(child, []):
                if row.get(link):
                    grouped.setdefault(row[link], []).append(row)
            index[key] = grouped
        found = index[key].get(parent_id, [])
        if entity:
            found = [r for r in found if r.get(entity) in (None, parent)]
        return found

    def build(current: str, row: dict, ancestors: tuple[str, ...]) -> dict[str, Any]:
        obj = dict(row)
        for name, (child, many) in nested(current).items():
            if child in ancestors or child == current:
                continue
            if many:
                obj[name] = [
                    build(child, r, (*ancestors, current))
                    for r in children(current, child, row["id"])
                ]
            else:
                target = by_id[child].get(row.get(single_link(child)))
                if target is not None:
                    obj[name] = build(child, target, (*ancestors, current))
        return obj

    return [build(table, row, ()) for row in rows]
