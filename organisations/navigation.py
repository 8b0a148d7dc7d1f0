from django.urls import reverse
from django.utils.translation import gettext as _

from organisations.selectors import CARE_ROLES, has_any_role
from organisations.services import offers_for


def items(request) -> list[tuple[str, str]]:
    entries = []
    if has_any_role(request.user, CARE_ROLES):
        entries.append((reverse("organisations:index"), _("My organisation")))
    if offers_for(request.user).exists():
        entries.append((reverse("organisations:offers"), _("Invitations to join")))
    return entries
