"""Instrument definitions: the versioned data files that say which dimensions and items a web has.

A definition is plain data (JSON) so that a new wording is a new file, never a code change,
and so that the exact version an answer set used can be stored beside it and rendered forever.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

LANGUAGES = ("nl", "en")
MIN_DIMENSIONS = 3
MAX_DIMENSIONS = 8

DEFINITIONS_DIR = Path(__file__).resolve().parent / "definitions"

_TEXT = {
    "type": "object",
    "required": list(LANGUAGES),
    "properties": {lang: {"type": "string", "minLength": 1} for lang in LANGUAGES},
    "additionalProperties": False,
}
_ID = {"type": "string", "pattern": "^[a-z0-9][a-z0-9_.-]*$", "maxLength": 64}

SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["id", "version", "kind", "name", "description", "scale", "dimensions"],
    "additionalProperties": False,
    "properties": {
        "id": _ID,
        "version": {"type": "string", "pattern": "^[0-9A-Za-z.-]+$", "maxLength": 32},
        "kind": {"enum": ["full", "quick", "simple", "child", "youth", "custom"]},
        "name": _TEXT,
        "description": _TEXT,
        "audience": _TEXT,
        "minutes": {"type": "integer", "minimum": 1, "maximum": 120},
        "scale": {
            "type": "object",
            "required": ["min", "max", "low", "high"],
            "additionalProperties": False,
            "properties": {
                "min": {"const": 0},
                "max": {"const": 10},
                "low": _TEXT,
                "high": _TEXT,
                "choices": {
                    "type": "array",
                    "minItems": 2,
                    "items": {
                        "type": "object",
                        "required": ["value", "label", "symbol"],
                        "additionalProperties": False,
                        "properties": {
                            "value": {"type": "number", "minimum": 0, "maximum": 10},
                            "label": _TEXT,
                            "symbol": {"type": "string", "minLength": 1},
                        },
                    },
                },
            },
        },
        "dimensions": {
            "type": "array",
            "minItems": MIN_DIMENSIONS,
            "maxItems": MAX_DIMENSIONS,
            "items": {
                "type": "object",
                "required": ["id", "name", "description", "items"],
                "additionalProperties": False,
                "properties": {
                    "id": _ID,
                    "name": _TEXT,
                    "description": _TEXT,
                    "items": {
                        "type": "array",
                        "minItems": 1,
                        "items": {
                            "type": "object",
                            "required": ["id", "text"],
                            "additionalProperties": False,
                            "properties": {"id": _ID, "text": _TEXT},
                        },
                    },
                },
            },
        },
    },
}


class InstrumentError(ValueError):
    """A definition that cannot be used; the message names the source and the field."""


@dataclass(frozen=True)
class Text:
    nl: str
    en: str

    def get(self, language: str | None) -> str:
        return self.en if (language or "nl").startswith("en") else self.nl

    def as_dict(self) -> dict[str, str]:
        return {"nl": self.nl, "en": self.en}


@dataclass(frozen=True)
class ScaleChoice:
    value: float
    label: Text
    symbol: str


@dataclass(frozen=True)
class Scale:
    low: Text
    high: Text
    choices: tuple[ScaleChoice, ...] = ()
    minimum: float = 0
    maximum: float = 10

    def allowed(self, value: float) -> bool:
        if self.choices:
            return any(value == c.value for c in self.choices)
        return self.minimum <= value <= self.maximum


@dataclass(frozen=True)
class Item:
    id: str
    text: Text
    dimension_id: str


@dataclass(frozen=True)
class Dimension:
    id: str
    name: Text
    description: Text
    items: tuple[Item, ...]


@dataclass(frozen=True)
class InstrumentDefinition:
    id: str
    version: str
    kind: str
    name: Text
    description: Text
    scale: Scale
    dimensions: tuple[Dimension, ...]
    minutes: int | None = None
    audience: Text | None = None

    @property
    def key(self) -> str:
        return f"{self.id}@{self.version}"

    @cached_property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for d in self.dimensions for item in d.items)

    def item(self, item_id: str) -> Item | None:
        return self.item_index().get(item_id)

    def item_index(self) -> dict[str, Item]:
        """Items by id (the same dictionary on every call: read it, do not change it)."""
        return self._items_by_id

    @cached_property
    def _items_by_id(self) -> dict[str, Item]:
        # Every save looks items up by id; a definition never changes once parsed.
        return {item.id: item for item in self.items}

    def dimension(self, dimension_id: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.id == dimension_id), None)


def _text(raw: Mapping[str, str]) -> Text:
    return Text(nl=raw["nl"], en=raw["en"])


def parse_definition(raw: Any, source: str, *, checked: bool = False) -> InstrumentDefinition:
    """Validate raw data against the schema and the rules the schema cannot express.

    `checked`: the data passed the schema before (a stored version is checked when it is
    stored), so the schema check, and loading jsonschema into the worker, is skipped.
    """
    if not checked:
        import jsonschema

        validator = jsonschema.Draft202012Validator(SCHEMA)
        errors = sorted(validator.iter_errors(raw), key=lambda e: list(e.absolute_path))
        if errors:
            first = errors[0]
            field = "/".join(str(p) for p in first.absolute_path) or "(top level)"
            raise InstrumentError(f"{source}: field '{field}': {first.message}")

    dimension_ids: set[str] = set()
    item_ids: set[str] = set()
    dimensions = []
    for d_index, raw_dim in enumerate(raw["dimensions"]):
        if raw_dim["id"] in dimension_ids:
            raise InstrumentError(
                f"{source}: field 'dimensions/{d_index}/id': duplicate dimension '{raw_dim['id']}'"
            )
        dimension_ids.add(raw_dim["id"])
        items = []
        for i_index, raw_item in enumerate(raw_dim["items"]):
            if raw_item["id"] in item_ids:
                raise InstrumentError(
                    f"{source}: field 'dimensions/{d_index}/items/{i_index}/id': "
                    f"duplicate item '{raw_item['id']}'"
                )
            item_ids.add(raw_item["id"])
            items.append(Item(raw_item["id"], _text(raw_item["text"]), raw_dim["id"]))
        dimensions.append(
            Dimension(
                raw_dim["id"], _text(raw_dim["name"]), _text(raw_dim["description"]), tuple(items)
            )
        )

    raw_scale = raw["scale"]
    choices = tuple(
        ScaleChoice(float(c["value"]), _text(c["label"]), c["symbol"])
        for c in raw_scale.get("choices", ())
    )
    return InstrumentDefinition(
        id=raw["id"],
        version=raw["version"],
        kind=raw["kind"],
        name=_text(raw["name"]),
        description=_text(raw["description"]),
        scale=Scale(_text(raw_scale["low"]), _text(raw_scale["high"]), choices),
        dimensions=tuple(dimensions),
        minutes=raw.get("minutes"),
        audience=_text(raw["audience"]) if "audience" in raw else None,
    )


def load_definition_file(path: Path) -> tuple[InstrumentDefinition, dict[str, Any]]:
    """Read and validate one definition file; returns the parsed definition and its raw data."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InstrumentError(
            f"{path.name}: not valid JSON (line {exc.lineno}): {exc.msg}"
        ) from exc
    return parse_definition(raw, path.name), raw


def shipped_definition_files() -> list[Path]:
    return sorted(DEFINITIONS_DIR.glob("*.json"))
