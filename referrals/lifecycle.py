"""The referral lifecycle: proposed -> sent -> accepted | declined; accepted -> started -> ended.

Which party may take which step is part of the rule: the referring professional sends, the
receiving organisation answers, starts and ends; the referrer may also close a started one.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from referrals.models import Referral, ReferralEvent

Status = Referral.Status
REFERRER, RECEIVER = "referrer", "receiver"

# (from, to) -> roles that may take the step
ALLOWED: dict[tuple[str, str], frozenset[str]] = {
    (Status.PROPOSED, Status.SENT): frozenset({REFERRER}),
    (Status.SENT, Status.ACCEPTED): frozenset({RECEIVER}),
    (Status.SENT, Status.DECLINED): frozenset({RECEIVER}),
    (Status.ACCEPTED, Status.STARTED): frozenset({RECEIVER}),
    (Status.STARTED, Status.ENDED): frozenset({RECEIVER, REFERRER}),
}
DATE_FIELD = {
    Status.SENT: "sent_at",
    Status.ACCEPTED: "responded_at",
    Status.DECLINED: "responded_at",
    Status.STARTED: "started_at",
    Status.ENDED: "ended_at",
}


class TransitionNotAllowed(Exception):
    pass


def next_steps(status: str, role: str) -> list[str]:
    return [to for (frm, to), roles in ALLOWED.items() if frm == status and role in roles]


def can_move(status: str, to: str, role: str) -> bool:
    return role in ALLOWED.get((status, to), frozenset())


def transition(referral: Referral, to: str, role: str, actor, note: str = "") -> Referral:
    """Move the referral one step; raise TransitionNotAllowed and change nothing otherwise."""
    if not can_move(referral.status, to, role):
        raise TransitionNotAllowed(
            _("A referral that is %(status)s cannot become %(to)s.")
            % {"status": referral.get_status_display(), "to": Status(to).label}
            if to in Status.values
            else _("Unknown status.")
        )
    referral.status = to
    setattr(referral, DATE_FIELD[to], timezone.now())
    referral.save(update_fields=["status", DATE_FIELD[to]])
    ReferralEvent.objects.create(referral=referral, status=to, actor=actor, note=note.strip())
    return referral
