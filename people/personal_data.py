"""A person's right to their data: collect it from every app, and erase it before deletion.

Any installed app may offer a module `<app>.personal_data` with `export(user) -> dict` (JSON-ready
data about this person) and/or `erase(user) -> None` (remove what a CASCADE on the user would
not remove). This module finds those hooks, so a new app joins the export by adding one file.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType
from typing import Any

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from assessments.models import Assessment

EXPORT_FORMAT = "bredeblik-personal-data/1"


def _hook_modules() -> list[tuple[str, ModuleType]]:
    modules = []
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.personal_data")
        except ModuleNotFoundError as exc:
            # Only a missing hook module is normal; a broken import inside one must surface.
            if exc.name != f"{config.name}.personal_data":
                raise
            continue
        modules.append((config.label, module))
    return modules


def _hooks(name: str) -> list[tuple[str, Callable[[Any], Any]]]:
    return [(label, getattr(m, name)) for label, m in _hook_modules() if hasattr(m, name)]


def collect(user) -> dict[str, Any]:
    """Everything Brede Blik holds about this person, one section per app."""
    data: dict[str, Any] = {"format": EXPORT_FORMAT, "exported_at": timezone.now().isoformat()}
    for label, export_hook in _hooks("export"):
        data[label] = export_hook(user)
    return data


@transaction.atomic
def erase_everything(user) -> None:
    """Run every app's erase hook, then delete the account; CASCADE removes the rest."""
    for _label, erase_hook in _hooks("erase"):
        erase_hook(user)
    user.delete()


def _web(assessment: Assessment) -> dict[str, Any]:
    answers = list(assessment.answers.all())
    return {
        "id": str(assessment.public_id),
        "instrument": {
            "id": assessment.instrument.instrument_id,
            "version": assessment.instrument.version,
        },
        "status": assessment.status,
        "moment": assessment.moment,
        "created_at": assessment.created_at.isoformat(),
        "updated_at": assessment.updated_at.isoformat(),
        "completed_at": assessment.completed_at.isoformat() if assessment.completed_at else None,
        "answers": {a.item_id: a.value for a in answers},
        "wants_to_talk": sorted(a.item_id for a in answers if a.wants_to_talk),
        "notes": {n.dimension_id: n.text for n in assessment.notes.all()},
        "dimension_scores": assessment.dimension_scores,
        "health_surface": assessment.health_surface,
    }


def export(user) -> dict[str, Any]:
    """The account itself and every web it owns (the people app's own hook)."""
    webs = (
        Assessment.objects.filter(owner=user)
        .select_related("instrument")
        .prefetch_related("answers", "notes")
        .order_by("created_at")
    )
    return {
        "account": {
            "email": user.email,
            "name": user.display_name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "webs": [_web(w) for w in webs],
    }
