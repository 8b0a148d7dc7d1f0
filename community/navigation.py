from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from community.models import CommunitySession
from insights.selectors import analyst_for
from organisations.models import Membership
from organisations.selectors import has_any_role


def items(request: HttpRequest) -> list[tuple[str, str]]:
    """Facilitators: people who lead sessions, work for an organisation or analyse figures."""
    user = request.user
    if (
        has_any_role(user, Membership.Role)
        or analyst_for(user) is not None
        or CommunitySession.objects.filter(facilitator=user).exists()
    ):
        return [(reverse("community:home"), _("Resident sessions"))]
    return []
