"""The demo resident shares all webs with the demo professional; one open invitation."""

from datetime import timedelta

from django.utils import timezone

from assessments.demo import DEMO_EMAIL as RESIDENT_EMAIL
from instruments.selectors import latest_version
from organisations.demo import ORGANISATION_SLUG
from organisations.models import Organisation
from people.models import User
from sharing.models import Invitation, Share

PROFESSIONAL_EMAIL = "prof@zonnedal.example"


def load() -> str:
    organisation = Organisation.objects.filter(slug=ORGANISATION_SLUG).first()
    resident = User.objects.filter(email=RESIDENT_EMAIL).first()
    professional = User.objects.filter(email=PROFESSIONAL_EMAIL).first()
    if organisation is None or resident is None or professional is None:
        return ""
    first_web = resident.assessments.order_by("created_at").first()
    starts_at = (first_web.created_at if first_web else timezone.now()) - timedelta(minutes=1)
    Share.objects.get_or_create(
        owner=resident,
        professional=professional,
        assessment=None,
        organisation=organisation,
        defaults={"starts_at": starts_at},
    )
    invitation = Invitation.objects.filter(
        professional=professional, assessment__isnull=True
    ).first()
    if invitation is None:
        invitation = Invitation.objects.create(
            professional=professional,
            organisation=organisation,
            instrument=latest_version("bredeblik-kort"),
            moment="intake",
        )
    return (
        f"{RESIDENT_EMAIL} shares all webs with {PROFESSIONAL_EMAIL}; "
        f"open invitation code {invitation.code}"
    )
