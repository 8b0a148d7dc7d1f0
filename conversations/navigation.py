from django.urls import reverse
from django.utils.translation import gettext as _

from organisations.selectors import CARE_ROLES, has_any_role


def items(request) -> list[tuple[str, str]]:
    """Caseload for professionals and team managers; everyone with an account sees their plan."""
    entries = [(reverse("conversations:my_plan"), _("My plan"))]
    if has_any_role(request.user, CARE_ROLES):
        entries.append((reverse("conversations:caseload"), _("Caseload")))
    return entries
