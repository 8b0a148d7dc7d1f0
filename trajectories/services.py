"""Planning the moments of a trajectory and reminding the client when one is due. No HTTP here.

A reminder goes out once per planned moment, only while the client still shares with the
professional who planned it and only to an email address the client has. The email says
nothing about the client's health: only that a moment is due and where to log in.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from assessments.models import Assessment
from sharing.consent import consent_stands
from trajectories.models import PlannedMoment

logger = logging.getLogger(__name__)


@dataclass
class PlanningError(Exception):
    errors: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return " ".join(self.errors.values())


@transaction.atomic
def plan_moments(
    professional, client, dates: dict[str, datetime.date | None]
) -> list[PlannedMoment]:
    """Set (or clear, with None) the date of each moment; a changed date may be reminded again."""
    if not consent_stands(client, professional):
        raise PlanningError({"client": _("This person does not share their webs with you.")})
    unknown = set(dates) - set(PlannedMoment.Moment.values)
    if unknown:
        raise PlanningError({m: _("Choose one of the moments.") for m in sorted(unknown)})
    planned = []
    for moment, due_on in dates.items():
        existing = PlannedMoment.objects.filter(
            client=client, professional=professional, moment=moment
        ).first()
        if due_on is None:
            if existing is not None:
                existing.delete()
            continue
        if existing is None:
            existing = PlannedMoment(client=client, professional=professional, moment=moment)
        if existing.due_on != due_on:
            existing.due_on = due_on
            existing.reminded_at = None
        existing.save()
        planned.append(existing)
    transaction.on_commit(_enqueue_reminders)
    return planned


def _enqueue_reminders() -> None:
    from trajectories.tasks import send_due_reminders

    send_due_reminders.enqueue()


def moments_of(client) -> list[PlannedMoment]:
    return list(
        PlannedMoment.objects.filter(client=client)
        .select_related("professional")
        .order_by("due_on")
    )


def moment_done(planned: PlannedMoment) -> bool:
    """The client already filled in a web for this moment (from a week before the date on)."""
    return Assessment.objects.filter(
        owner=planned.client,
        moment=planned.moment,
        status=Assessment.Status.COMPLETED,
        completed_at__date__gte=planned.due_on - datetime.timedelta(days=7),
    ).exists()


def due_this_week(professional, today: datetime.date) -> list[PlannedMoment]:
    """This professional's clients with a moment in the current week (Monday to Sunday).

    Only clients whose consent stands: after a revocation they disappear from the list.
    """
    monday = today - datetime.timedelta(days=today.weekday())
    sunday = monday + datetime.timedelta(days=6)
    moments = PlannedMoment.objects.filter(
        professional=professional, due_on__range=(monday, sunday)
    ).select_related("client")
    return [m for m in moments if consent_stands(m.client, professional)]


def _reminder_text(planned: PlannedMoment) -> tuple[str, str]:
    link = settings.SITE_URL + reverse("people:login")
    parts = []
    for language in ("nl", "en"):
        with translation.override(language):
            parts.append(
                _(
                    "Hello,\n\n%(professional)s planned a moment for your spider web: "
                    "%(moment)s, on %(date)s. Log in to fill in your web again, alone or "
                    "together:\n%(link)s\n\nYou can stop sharing at any time; then you get no "
                    "more of these emails."
                )
                % {
                    "professional": planned.professional,
                    "moment": planned.get_moment_display(),
                    "date": planned.due_on.strftime("%d-%m-%Y"),
                    "link": link,
                }
            )
    with translation.override("nl"):
        subject = _("Reminder: time to fill in your spider web again")
    return subject, "\n\n---\n\n".join(parts)


def send_reminder(planned: PlannedMoment) -> bool:
    """Send one reminder if it is still wanted; claiming first makes it go out at most once."""
    if not planned.client.email or not planned.client.is_active:
        return False
    if not consent_stands(planned.client, planned.professional) or moment_done(planned):
        return False
    claimed = PlannedMoment.objects.filter(pk=planned.pk, reminded_at__isnull=True).update(
        reminded_at=timezone.now()
    )
    if not claimed:
        return False
    subject, body = _reminder_text(planned)
    try:
        send_mail(subject, body, None, [planned.client.email])
    except Exception:
        # Give the claim back, so the next run tries again.
        PlannedMoment.objects.filter(pk=planned.pk).update(reminded_at=None)
        logger.exception("reminder for planned moment %s not sent", planned.pk)
        return False
    return True


def send_due_reminders(today: datetime.date | None = None) -> int:
    """Remind every client whose moment is due today or earlier and not yet reminded."""
    today = today or timezone.localdate()
    due = PlannedMoment.objects.filter(due_on__lte=today, reminded_at__isnull=True).select_related(
        "client", "professional"
    )
    return sum(1 for planned in due if send_reminder(planned))
