from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from insights.selectors import analyst_for, visible_programmes


def items(request: HttpRequest) -> list[tuple[str, str]]:
    entries = []
    if analyst_for(request.user) is not None:
        entries.append((reverse("insights:dashboard"), _("Neighbourhood insight")))
    if visible_programmes(request.user).exists():
        entries.append((reverse("insights:programmes"), _("Programme evaluation")))
    return entries
