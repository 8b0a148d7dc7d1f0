"""A web a professional starts for a client: filled in together in the room, or typed in from paper.

The web itself always belongs to the client (`assessment.owner`, or nobody yet for a new
client without an account); this record only says who started it and what the client decided.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RoomWeb(models.Model):
    class Consent(models.TextChoices):
        PENDING = "", _("not asked yet")
        GIVEN = "given", _("the client shares this web")
        REFUSED = "refused", _("the client does not share this web")

    assessment = models.OneToOneField(
        "assessments.Assessment", on_delete=models.CASCADE, related_name="room"
    )
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="room_webs"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="room_webs"
    )
    invitation = models.ForeignKey(
        "sharing.Invitation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    consent = models.CharField(max_length=16, choices=Consent.choices, default="", blank=True)
    # The consent itself is an ordinary share, so the client sees and stops it like any other.
    share = models.ForeignKey(
        "sharing.Share", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    # From this moment the professional's device no longer opens the web as its person.
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("web filled in together")
        verbose_name_plural = _("webs filled in together")

    def __str__(self) -> str:
        return f"{self.assessment} ({self.professional})"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None
