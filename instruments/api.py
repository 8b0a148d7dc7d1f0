from django.http import HttpRequest
from ninja import Router, Schema

from instruments.models import InstrumentVersion

router = Router(tags=["instruments"])


class TextOut(Schema):
    nl: str
    en: str


class ItemOut(Schema):
    id: str
    text: TextOut


class DimensionOut(Schema):
    id: str
    name: TextOut
    description: TextOut
    items: list[ItemOut]


class InstrumentOut(Schema):
    id: str
    version: str
    kind: str
    name: TextOut
    description: TextOut
    scale: dict
    dimensions: list[DimensionOut]


def instrument_out(version: InstrumentVersion) -> dict:
    raw = version.definition
    return {
        "id": raw["id"],
        "version": raw["version"],
        "kind": raw["kind"],
        "name": raw["name"],
        "description": raw["description"],
        "scale": raw["scale"],
        "dimensions": raw["dimensions"],
    }


@router.get("", response=list[InstrumentOut], summary="List the instruments offered for new webs")
def list_instruments(request: HttpRequest):
    """Every active shipped instrument version, with dimensions and items in Dutch and English."""
    versions = InstrumentVersion.objects.filter(is_active=True, organisation__isnull=True)
    return [instrument_out(v) for v in versions]
