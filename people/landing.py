"""Where someone lands after logging in: the page of the work they come to do."""

from __future__ import annotations

from django.urls import reverse

from community.models import CommunitySession
from insights.selectors import analyst_for
from organisations.models import Membership
from organisations.selectors import has_any_role
from referrals.models import ReceivingMember


def landing_page(user) -> str:
    """Professionals and team managers: their clients; organisation admins: their
    organisation; analysts: the figures; facilitators: their sessions; members of a receiving
    organisation: the referrals to it; residents: their webs."""
    if has_any_role(user, (Membership.Role.PROFESSIONAL, Membership.Role.TEAM_MANAGER)):
        return reverse("conversations:caseload")
    if has_any_role(user, (Membership.Role.ORGANISATION_ADMIN,)):
        return reverse("organisations:index")
    if analyst_for(user) is not None:
        return reverse("insights:dashboard")
    if CommunitySession.objects.filter(facilitator=user).exists():
        return reverse("community:home")
    if ReceivingMember.objects.filter(user=user).exists():
        return reverse("referrals:index")
    return reverse("people:my_webs")
