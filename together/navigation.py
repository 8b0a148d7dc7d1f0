from django.urls import reverse
from django.utils.translation import gettext as _

from organisations.selectors import has_any_role
from sharing.services import INVITING_ROLES


def items(request) -> list[tuple[str, str]]:
    if has_any_role(request.user, INVITING_ROLES):
        return [(reverse("together:start"), _("Fill in together"))]
    return []
