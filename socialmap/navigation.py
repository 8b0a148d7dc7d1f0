from django.urls import reverse
from django.utils.translation import gettext as _

from socialmap.access import is_coordinator


def items(request):
    entries = [(reverse("socialmap:search"), _("Social map"))]
    if is_coordinator(request.user):
        entries.append((reverse("socialmap:manage"), _("Maintain the social map")))
    return entries
