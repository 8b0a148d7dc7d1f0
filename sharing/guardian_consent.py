"""Age and consent of a parent or guardian: who decides about sharing a young person's web.

GDPR art. 8 with UAVG art. 5: under 16, consent for sharing or counting health data comes
from a parent or guardian. The rule here is used by every place that shares a web or counts it
in figures (pages and API go through sharing.services and insights.services):

- the children's version (kind `child`, 8 to 12) is always under 16;
- the youth version (kind `youth`, 12 to 18) asks the young person's age; from 16 the young
  person decides alone, under 16 a parent or guardian must agree as for children;
- a guardian's consent covers one web and only makes sharing possible: it never shares by
  itself, so the young person can always keep the web private.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.models import Assessment
from sharing.consent import revoke
from sharing.models import GuardianConsent, Share, StatedAge

CONSENT_AGE = 16
YOUTH_AGES = range(12, 19)
CHILD_KIND = "child"
YOUTH_KIND = "youth"


class Purpose(StrEnum):
    SHARING = "sharing"
    FIGURES = "figures"


class Reason(StrEnum):
    NONE = ""
    AGE_UNKNOWN = "age_unknown"
    GUARDIAN_NEEDED = "guardian_needed"
    ONE_WEB_ONLY = "one_web_only"


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: Reason = Reason.NONE

    @property
    def message(self) -> str:
        if self.reason == Reason.AGE_UNKNOWN:
            return _("First tell us how old you are.")
        if self.reason == Reason.GUARDIAN_NEEDED:
            return _(
                "You are younger than 16. A parent or guardian must agree first. "
                "They can do that on this device."
            )
        if self.reason == Reason.ONE_WEB_ONLY:
            return _(
                "Under 16 you share one web at a time, each with a parent's or guardian's yes."
            )
        return ""


class GuardianConsentNeeded(Exception):
    """Sharing or counting was asked without the consent the person's age requires."""

    def __init__(self, decision: Decision):
        super().__init__(decision.message)
        self.decision = decision

    @property
    def message(self) -> str:
        return self.decision.message


def asks_age(assessment: Assessment) -> bool:
    """The youth version asks the age; the children's version needs no question."""
    return assessment.definition.kind == YOUTH_KIND


def age_of(assessment: Assessment) -> int | None:
    stated = StatedAge.objects.filter(assessment=assessment).first()
    return stated.age if stated else None


def needs_guardian(assessment: Assessment) -> bool | None:
    """True under 16, False from 16 or for adult versions, None while a youth age is unknown."""
    kind = assessment.definition.kind
    return needs_guardian_at(kind, age_of(assessment) if kind == YOUTH_KIND else None)


def needs_guardian_at(kind: str, age: int | None) -> bool | None:
    """`needs_guardian` for a version's kind and the age already read (only asked for youth)."""
    if kind == CHILD_KIND:
        return True
    if kind != YOUTH_KIND:
        return False
    if age is None:
        return None
    return age < CONSENT_AGE


def active_guardian_consent(assessment: Assessment) -> GuardianConsent | None:
    return GuardianConsent.objects.filter(assessment=assessment, revoked_at__isnull=True).first()


def decide(assessment: Assessment, purpose: Purpose, *, include_future: bool = False) -> Decision:
    """May this web be shared (or counted) now, as far as age and guardian consent go?"""
    needed = needs_guardian(assessment)
    consent = active_guardian_consent(assessment) if needed else None
    return decide_from(needed, consent, purpose, include_future=include_future)


def decide_from(
    needed: bool | None,
    consent: GuardianConsent | None,
    purpose: Purpose,
    *,
    include_future: bool = False,
) -> Decision:
    """`decide` for a page that already read whether a guardian is needed and their consent."""
    if needed is None:
        return Decision(False, Reason.AGE_UNKNOWN)
    if not needed:
        return Decision(True)
    if purpose == Purpose.SHARING and include_future:
        # A guardian agrees to one web they have seen, never to webs not yet made.
        return Decision(False, Reason.ONE_WEB_ONLY)
    if consent is None:
        return Decision(False, Reason.GUARDIAN_NEEDED)
    return Decision(True)


def require(assessment: Assessment, purpose: Purpose, *, include_future: bool = False) -> None:
    decision = decide(assessment, purpose, include_future=include_future)
    if not decision.allowed:
        raise GuardianConsentNeeded(decision)


def state_age(assessment: Assessment, age: int) -> StatedAge:
    """The young person's own answer; an age outside 12 to 18 is refused with a message."""
    if age not in YOUTH_AGES:
        raise ValueError(_("Choose an age from 12 to 18."))
    stated, _created = StatedAge.objects.update_or_create(
        assessment=assessment, defaults={"age": age, "stated_at": timezone.now()}
    )
    return stated


def give_guardian_consent(
    assessment: Assessment, *, guardian_name: str, relationship: str
) -> GuardianConsent:
    """Record the guardian's yes with name, relationship and time; bad input raises ValueError."""
    name = (guardian_name or "").strip()
    if not name:
        raise ValueError(_("Write the name of the parent or guardian."))
    if relationship not in GuardianConsent.Relationship.values:
        raise ValueError(_("Choose how you are related to the child."))
    existing = active_guardian_consent(assessment)
    if existing is not None:
        return existing
    return GuardianConsent.objects.create(
        assessment=assessment, guardian_name=name[:120], relationship=relationship
    )


@transaction.atomic
def revoke_guardian_consent(assessment: Assessment) -> bool:
    """The guardian (or the young person) takes the yes back: shares end, counting stops."""
    from insights.services import opt_out  # insights uses this module's rule, so import late

    consents = GuardianConsent.objects.filter(assessment=assessment, revoked_at__isnull=True)
    if not consents.exists():
        return False
    consents.update(revoked_at=timezone.now())
    for share in Share.objects.active().filter(assessment=assessment):
        revoke(share)
    opt_out(assessment)
    return True
