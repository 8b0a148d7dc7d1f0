"""Instruments and webs as HL7 FHIR Questionnaire / QuestionnaireResponse.

fhir.resources 8 ships R5 as its default and R4B (4.3) beside it, but no plain R4 (4.0.1)
package. Questionnaire and QuestionnaireResponse did not change in structure between R4 and
R4B, so the resources are validated against the R4B models and declare fhirVersion-neutral
content that R4 servers accept.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from assessments.models import Assessment
from instruments.definition import InstrumentDefinition, Text
from instruments.models import InstrumentVersion

# Canonical URLs identify an instrument version worldwide; a deployment may set its own base.
CANONICAL_BASE = getattr(settings, "FHIR_CANONICAL_BASE", "https://bredeblik.nl/fhir")

TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"
MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue"
ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
WANTS_TO_TALK = f"{CANONICAL_BASE}/StructureDefinition/wants-to-talk"
DIMENSION_SCORE = f"{CANONICAL_BASE}/StructureDefinition/dimension-score"
HEALTH_SURFACE = f"{CANONICAL_BASE}/StructureDefinition/health-surface"

PRIMARY_LANGUAGE = "nl"


def canonical_url(instrument_id: str) -> str:
    return f"{CANONICAL_BASE}/Questionnaire/{instrument_id}"


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


def _scale_system(definition: InstrumentDefinition) -> str:
    return f"{canonical_url(definition.id)}/scale"


def _choice_code(value: float) -> str:
    return f"{value:g}"


def _question(definition: InstrumentDefinition, item) -> dict[str, Any]:
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
                    "system": _scale_system(definition),
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


def _validated(model, data: dict[str, Any]) -> dict[str, Any]:
    """Round-trip through the fhir.resources model: raises if the resource is not valid FHIR."""
    return model.model_validate(data).model_dump(mode="json", exclude_none=True)


def questionnaire(instrument_version: InstrumentVersion) -> dict[str, Any]:
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
                    *(_question(definition, item) for item in dimension.items),
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
        "id": _fhir_id(f"{definition.id}-{definition.version}"),
        "language": PRIMARY_LANGUAGE,
        "url": canonical_url(definition.id),
        "version": definition.version,
        "name": "".join(part.capitalize() for part in definition.id.replace(".", "-").split("-")),
        "title": definition.name.nl,
        "_title": _translated(definition.name),
        "status": "active" if instrument_version.is_active else "retired",
        "description": definition.description.nl,
        "_description": _translated(definition.description),
        "item": items,
    }
    return _validated(Questionnaire, data)


def _answer(definition: InstrumentDefinition, value: float) -> dict[str, Any]:
    if definition.scale.choices:
        label = next(c.label for c in definition.scale.choices if c.value == value)
        return {
            "valueCoding": {
                "system": _scale_system(definition),
                "code": _choice_code(value),
                "display": label.nl,
            }
        }
    return {"valueDecimal": value}


def questionnaire_response(assessment: Assessment) -> dict[str, Any]:
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
                child["answer"] = [_answer(definition, answer.value)]
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
        "questionnaire": f"{canonical_url(definition.id)}|{definition.version}",
        "status": "completed" if assessment.is_completed else "in-progress",
        "authored": (assessment.completed_at or assessment.updated_at).isoformat(),
        "item": groups,
    }
    if assessment.health_surface is not None:
        data["extension"] = [{"url": HEALTH_SURFACE, "valueDecimal": assessment.health_surface}]
    if not groups:
        del data["item"]
    return _validated(QuestionnaireResponse, data)
