from django.urls import reverse
from django.utils.translation import gettext as _


def items(request) -> list[tuple[str, str]]:
    return [(reverse("network:index"), _("My network"))]
