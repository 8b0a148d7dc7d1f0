"""Creating a referral: only with the person's consent, sharing only what they ticked."""

from __future__ import annotations

from collections.abc import Collection

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from referrals.models import Referral, ReferralEvent
from socialmap.models import Service

SHAREABLE = ("name", "contact", "dimension", "note")


class ReferralRefused(Exception):
    pass


@transaction.atomic
def create_referral(
    *,
    person,
    referrer,
    service: Service,
    consent: bool,
    share: Collection[str],
    dimension: str = "",
    note: str = "",
    conversation=None,
) -> Referral:
    if not consent:
        raise ReferralRefused(_("A referral needs the person's consent."))
    unknown = set(share) - set(SHAREABLE)
    if unknown:
        raise ReferralRefused(
            _("These data cannot be shared: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    if service.status != Service.Status.ACTIVE:
        raise ReferralRefused(_("This service is not active."))
    referral = Referral.objects.create(
        conversation=conversation,
        person=person,
        referrer=referrer,
        service=service,
        organization=service.organization,
        consent_at=timezone.now(),
        shared_name=(person.display_name or person.email) if "name" in share else "",
        shared_contact=person.email if "contact" in share else "",
        shared_dimension=dimension if "dimension" in share else "",
        shared_note=note.strip() if "note" in share else "",
    )
    ReferralEvent.objects.create(referral=referral, status=referral.status, actor=referrer)
    return referral
