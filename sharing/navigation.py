from django.urls import reverse
from django.utils.translation import gettext as _

from organisations.selectors import CARE_ROLES, has_any_role
from sharing.services import INVITING_ROLES


def items(request) -> list[tuple[str, str]]:
    entries = [(reverse("sharing:overview"), _("Who can see my data"))]
    if has_any_role(request.user, CARE_ROLES):
        entries.append((reverse("sharing:shared_with_me"), _("Shared with me")))
    if has_any_role(request.user, INVITING_ROLES):
        entries.append((reverse("sharing:invitation_new"), _("Invite")))
    return entries
