from django.urls import reverse
from django.utils.translation import gettext as _

from referrals.models import ReceivingMember, Referral


def items(request):
    user = request.user
    entries = []
    if (
        ReceivingMember.objects.filter(user=user).exists()
        or Referral.objects.filter(referrer=user).exists()
    ):
        entries.append((reverse("referrals:index"), _("Referrals")))
    if Referral.objects.filter(person=user).exists():
        entries.append((reverse("referrals:mine"), _("My referrals")))
    return entries
