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


def _login_records(user):
    """django-axes keeps logins and failed attempts by the address typed, not by account."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    return [
        model.objects.filter(username__iexact=user.email)
        for model in (AccessLog, AccessAttempt, AccessFailureLog)
    ]


def erase(user) -> None:
    """The people app's own hook: login history and every login session of the account."""
    from django.contrib.sessions.models import Session

    for records in _login_records(user):
        records.delete()
    user_id = str(user.pk)
    stale = [
        s.session_key
        for s in Session.objects.iterator()
        if s.get_decoded().get("_auth_user_id") == user_id
    ]
    Session.objects.filter(session_key__in=stale).delete()


def _web(assessment: Assessment) -> dict[str, Any]:
    answers = list(assessment.answers.all())
    return {
        "id": str(assessment.public_id),
        "instrument": {
            "id": assessment.instrument.instrument_id,
            "version": assessment.instrument.version,
        },
        "status": assessment.status,
        "entry": assessment.entry,
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
        "login_history": _login_history(user),
    }


def _login_history(user) -> list[dict[str, Any]]:
    logins, _attempts, failures = _login_records(user)
    history = [
        {
            "at": entry.attempt_time.isoformat(),
            "result": "logged in",
            "address": entry.ip_address,
            "browser": entry.user_agent,
            "logged_out_at": entry.logout_time.isoformat() if entry.logout_time else None,
        }
        for entry in logins.order_by("attempt_time")
    ]
    history += [
        {
            "at": entry.attempt_time.isoformat(),
            "result": "wrong password" + (", paused" if entry.locked_out else ""),
            "address": entry.ip_address,
            "browser": entry.user_agent,
        }
        for entry in failures.order_by("attempt_time")
    ]
    return history
