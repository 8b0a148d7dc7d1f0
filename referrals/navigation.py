from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from referrals.models import ReceivingMember, Referral


def items(request):
    user = request.user
    # The three questions in one query.
    receives, refers, referred = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .values_list(
            Exists(ReceivingMember.objects.filter(user=OuterRef("pk"))),
            Exists(Referral.objects.filter(referrer=OuterRef("pk"))),
            Exists(Referral.objects.filter(person=OuterRef("pk"))),
        )
        .first()
    ) or (False, False, False)
    entries = []
    if receives or refers:
        entries.append((reverse("referrals:index"), _("Referrals")))
    if referred:
        entries.append((reverse("referrals:mine"), _("My referrals")))
    return entries
