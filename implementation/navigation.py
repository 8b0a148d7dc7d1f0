from django.urls import reverse
from django.utils.translation import gettext as _

from organisations.selectors import CARE_ROLES, has_any_role


def items(request) -> list[tuple[str, str]]:
    if has_any_role(request.user, CARE_ROLES):
        return [(reverse("implementation:index"), _("Getting started"))]
    return []
