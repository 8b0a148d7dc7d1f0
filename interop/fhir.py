"""Instruments and webs as HL7 FHIR Questionnaire / QuestionnaireResponse.

fhir.resources 8 ships R5 as its default and R4B (4.3) beside it, but no plain R4 (4.0.1)
package. Questionnaire and QuestionnaireResponse did not change in structure between R4 and
R4B, so the resources are validated against the R4B models and declare fhirVersion-neutral
content that R4 servers accept.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from assessments.models import Assessment
from instruments.definition import InstrumentDefinition, Text
from instruments.models import InstrumentVersion

# Our own extensions are identified by fixed URLs, so that a web exported by one Brede Blik
# server is understood by any other.
EXTENSION_BASE = "https://bredeblik.nl/fhir"
# Without FHIR_CANONICAL_BASE and outside a request (commands, tests), canonical URLs use this.
DEFAULT_BASE = "http://localhost:8000/fhir"

TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"
MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue"
ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
WANTS_TO_TALK = f"{EXTENSION_BASE}/StructureDefinition/wants-to-talk"
DIMENSION_SCORE = f"{EXTENSION_BASE}/StructureDefinition/dimension-score"
HEALTH_SURFACE = f"{EXTENSION_BASE}/StructureDefinition/health-surface"
# How the web was filled in: "together" (in the room) or "paper" (typed in by a professional).
ENTRY_MODE = f"{EXTENSION_BASE}/StructureDefinition/entry-mode"

PRIMARY_LANGUAGE = "nl"


def canonical_base(request: HttpRequest | None = None) -> str:
    """FHIR_CANONICAL_BASE if set; else this server's own /fhir address, so the canonical URL
    of a Questionnaire resolves where it was fetched."""
    configured = getattr(settings, "FHIR_CANONICAL_BASE", "")
    if configured:
        return configured.rstrip("/")
    if request is not None:
        return request.build_absolute_uri(reverse("interop:metadata")).removesuffix("/metadata")
    return DEFAULT_BASE


def canonical_url(instrument_id: str, base: str | None = None) -> str:
    return f"{base or canonical_base()}/Questionnaire/{instrument_id}"


def questionnaire_id(instrument_version: InstrumentVersion) -> str:
    return _fhir_id(f"{instrument_version.instrument_id}-{instrument_version.version}")


def note_link_id(dimension_id: str) -> str:
    return f"{dimension_id}.note"


def _fhir_id(value: str) -> str:
    """FHIR ids allow letters, digits, '-' and '.', at most 64 characters."""
    return "".join(c if c.isalnum() or c in "-." else "-" for c in value)[:64]


def _translated(text: Text) -> dict[str, Any]:
    """The English wording as a translation extension on a Dutch primitive (the '_text' part)."""
    return {
        "extension": [
            {
                "url": TRANSLATION,
                "extension": [
                    {"url": "lang", "valueCode": "en"},
                    {"url": "content", "valueString": text.en},
                ],
            }
        ]
    }


def _scale_system(definition: InstrumentDefinition, base: str | None = None) -> str:
    return f"{canonical_url(definition.id, base)}/scale"


def _choice_code(value: float) -> str:
    return f"{value:g}"


def _question(definition: InstrumentDefinition, item, base: str | None) -> dict[str, Any]:
    question: dict[str, Any] = {
        "linkId": item.id,
        "text": item.text.nl,
        "_text": _translated(item.text),
        "required": False,
    }
    scale = definition.scale
    if scale.choices:
        question["type"] = "choice"
        question["answerOption"] = [
            {
                "valueCoding": {
                    "system": _scale_system(definition, base),
                    "code": _choice_code(choice.value),
                    "display": choice.label.nl,
                    "_display": _translated(choice.label),
                    "extension": [{"url": ORDINAL_VALUE, "valueDecimal": choice.value}],
                }
            }
            for choice in scale.choices
        ]
    else:
        question["type"] = "decimal"
        question["extension"] = [
            {"url": MIN_VALUE, "valueDecimal": scale.minimum},
            {"url": MAX_VALUE, "valueDecimal": scale.maximum},
        ]
    return question


def _model(resource_type: str):
    """The fhir.resources model of a resource type. Imported on first use: the models (pydantic)
    take megabytes that a worker which never answers a FHIR request should not carry."""
    from fhir.resources.R4B import get_fhir_model_class

    return get_fhir_model_class(resource_type)


def _validated(resource_type: str, data: dict[str, Any]) -> dict[str, Any]:
    """Round-trip through the fhir.resources model: raises if the resource is not valid FHIR."""
    return _model(resource_type).model_validate(data).model_dump(mode="json", exclude_none=True)


def questionnaire(instrument_version: InstrumentVersion, base: str | None = None) -> dict[str, Any]:
    definition = instrument_version.parsed
    items = []
    for dimension in definition.dimensions:
        items.append(
            {
                "linkId": dimension.id,
                "type": "group",
                "text": dimension.name.nl,
                "_text": _translated(dimension.name),
                "item": [
                    *(_question(definition, item, base) for item in dimension.items),
                    {
                        "linkId": note_link_id(dimension.id),
                        "type": "text",
                        "text": "Notitie",
                        "_text": _translated(Text(nl="Notitie", en="Note")),
                        "required": False,
                    },
                ],
            }
        )
    data = {
        "resourceType": "Questionnaire",
        "id": questionnaire_id(instrument_version),
        "language": PRIMARY_LANGUAGE,
        "url": canonical_url(definition.id, base),
        "version": definition.version,
        "name": "".join(part.capitalize() for part in definition.id.replace(".", "-").split("-")),
        "title": definition.name.nl,
        "_title": _translated(definition.name),
        "status": "active" if instrument_version.is_active else "retired",
        "description": definition.description.nl,
        "_description": _translated(definition.description),
        "item": items,
    }
    return _validated("Questionnaire", data)


def _answer(definition: InstrumentDefinition, value: float, base: str | None) -> dict[str, Any]:
    if definition.scale.choices:
        label = next(c.label for c in definition.scale.choices if c.value == value)
        return {
            "valueCoding": {
                "system": _scale_system(definition, base),
                "code": _choice_code(value),
                "display": label.nl,
            }
        }
    return {"valueDecimal": value}


def questionnaire_response(assessment: Assessment, base: str | None = None) -> dict[str, Any]:
    definition = assessment.definition
    answers = {a.item_id: a for a in assessment.answers.all()}
    notes = dict(assessment.notes.values_list("dimension_id", "text"))
    groups = []
    for dimension in definition.dimensions:
        children = []
        for item in dimension.items:
            answer = answers.get(item.id)
            if answer is None or (answer.value is None and not answer.wants_to_talk):
                continue
            child: dict[str, Any] = {"linkId": item.id, "text": item.text.nl}
            if answer.value is not None:
                child["answer"] = [_answer(definition, answer.value, base)]
            if answer.wants_to_talk:
                child["extension"] = [{"url": WANTS_TO_TALK, "valueBoolean": True}]
            children.append(child)
        if dimension.id in notes:
            children.append(
                {
                    "linkId": note_link_id(dimension.id),
                    "answer": [{"valueString": notes[dimension.id]}],
                }
            )
        if not children:
            continue
        group: dict[str, Any] = {
            "linkId": dimension.id,
            "text": dimension.name.nl,
            "item": children,
        }
        score = assessment.dimension_scores.get(dimension.id)
        if score is not None:
            group["extension"] = [{"url": DIMENSION_SCORE, "valueDecimal": score}]
        groups.append(group)
    data: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "id": str(assessment.public_id),
        "language": PRIMARY_LANGUAGE,
        "questionnaire": f"{canonical_url(definition.id, base)}|{definition.version}",
        "status": "completed" if assessment.is_completed else "in-progress",
        "authored": (assessment.completed_at or assessment.updated_at).isoformat(),
        "item": groups,
    }
    extensions = []
    if assessment.health_surface is not None:
        extensions.append({"url": HEALTH_SURFACE, "valueDecimal": assessment.health_surface})
    if assessment.entry:
        extensions.append({"url": ENTRY_MODE, "valueCode": assessment.entry})
    if extensions:
        data["extension"] = extensions
    if not groups:
        del data["item"]
    return _validated("QuestionnaireResponse", data)


# ---------------------------------------------------------------- reading a response


# The required value set of QuestionnaireResponse.status (the models check types, not codes).
RESPONSE_STATUSES = {"in-progress", "completed", "amended", "entered-in-error", "stopped"}


def structure_issues(data: Any) -> list[tuple[str, str]]:
    """FHIR R4 structure checks (fhir.resources): wrong types, unknown elements, ..."""
    if not isinstance(data, dict) or data.get("resourceType") != "QuestionnaireResponse":
        return [("resourceType", "expected a QuestionnaireResponse")]
    if data.get("status") not in RESPONSE_STATUSES:
        return [("status", f"status must be one of {', '.join(sorted(RESPONSE_STATUSES))}")]
    try:
        _model("QuestionnaireResponse").model_validate(data)
    except ValueError as exc:
        errors = getattr(exc, "errors", lambda: [])()
        return [
            (".".join(str(p) for p in e.get("loc", ())), str(e.get("msg", ""))) for e in errors
        ] or [("QuestionnaireResponse", str(exc)[:300])]
    return []


def split_canonical(reference: str) -> tuple[str, str | None]:
    """'<base>/Questionnaire/<id>|<version>' -> (id, version); any base is accepted so a web
    exported by another Brede Blik server is understood here too."""
    url, _bar, version = reference.partition("|")
    return url.rstrip("/").rsplit("/", 1)[-1], version or None


def answers_of(data: dict[str, Any]) -> tuple[dict[str, Any], set[str], dict[str, str]]:
    """Answers, "wants to talk" flags and notes of a QuestionnaireResponse, by linkId."""
    answers: dict[str, Any] = {}
    flags: set[str] = set()
    notes: dict[str, str] = {}

    def walk(items: list[dict]) -> None:
        for item in items:
            link_id = item.get("linkId", "")
            given = item.get("answer") or []
            if link_id.endswith(".note"):
                notes[link_id.removesuffix(".note")] = (given[0] if given else {}).get(
                    "valueString", ""
                )
                continue
            if given:
                value = given[0]
                if "valueCoding" in value:
                    answers[link_id] = value["valueCoding"].get("code")
                else:
                    answers[link_id] = next(
                        (value[k] for k in ("valueDecimal", "valueInteger") if k in value), None
                    )
            if any(
                e.get("url") == WANTS_TO_TALK and e.get("valueBoolean")
                for e in item.get("extension", [])
            ):
                flags.add(link_id)
            walk(item.get("item") or [])

    walk(data.get("item") or [])
    return answers, flags, notes


def capability_statement(base: str) -> dict[str, Any]:
    """What this server offers, for FHIR clients that start at /metadata."""
    search = [{"name": "_format", "type": "token"}]
    data = {
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": "2026-11-26",
        "publisher": "Brede Blik",
        "kind": "instance",
        "software": {"name": "Brede Blik"},
        "implementation": {"description": "Brede Blik FHIR interface", "url": base},
        "fhirVersion": "4.0.1",
        "format": ["application/fhir+json", "json"],
        "rest": [
            {
                "mode": "server",
                "documentation": "Questionnaires are public. QuestionnaireResponses: your own "
                "webs, and webs shared with you after two-step login; every read of someone "
                "else's web is logged. POST creates a web without an account.",
                "resource": [
                    {
                        "type": "Questionnaire",
                        "interaction": [{"code": "read"}, {"code": "search-type"}],
                        "searchParam": [
                            {"name": "url", "type": "uri"},
                            {"name": "version", "type": "token"},
                            {"name": "_id", "type": "token"},
                            *search,
                        ],
                    },
                    {
                        "type": "QuestionnaireResponse",
                        "interaction": [
                            {"code": "read"},
                            {"code": "search-type"},
                            {"code": "create"},
                        ],
                        "searchParam": [{"name": "questionnaire", "type": "reference"}, *search],
                    },
                ],
            }
        ],
    }
    return _validated("CapabilityStatement", data)
