"""Planned moments of a trajectory (intake, midway, end, return day) with their dates."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PlannedMoment(models.Model):
    """A date on which a client is asked to fill in the web again, planned by a professional."""

    class Moment(models.TextChoices):
        INTAKE = "intake", _("intake")
        MIDWAY = "midway", _("midway")
        END = "end", _("end")
        RETURN_DAY = "return_day", _("return day")

    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="planned_moments"
    )
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moments_planned"
    )
    moment = models.CharField(_("moment"), max_length=16, choices=Moment.choices)
    due_on = models.DateField(_("date"))
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "professional", "moment"], name="one_date_per_moment"
            )
        ]
        verbose_name = _("planned moment")
        verbose_name_plural = _("planned moments")

    def __str__(self) -> str:
        return f"{self.client} {self.moment} {self.due_on}"
