from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from community.models import CommunitySession


def items(request: HttpRequest) -> list[tuple[str, str]]:
    """Facilitators: people who lead sessions, work for an organisation or analyse figures."""
    user = request.user
    if (
        CommunitySession.objects.filter(facilitator=user).exists()
        or user.memberships.exists()
        or hasattr(user, "insight_analyst")
    ):
        return [(reverse("community:home"), _("Resident sessions"))]
    return []
