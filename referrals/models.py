"""Referrals from a conversation to a service on the social map."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ReceivingMember(models.Model):
    """A user who handles referrals addressed to an organisation on the social map."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="receiving_memberships"
    )
    organization = models.ForeignKey(
        "socialmap.Organization", on_delete=models.CASCADE, related_name="receiving_members"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="unique_receiving_member")
        ]
        verbose_name = _("receiving member")
        verbose_name_plural = _("receiving members")

    def __str__(self) -> str:
        return f"{self.user} – {self.organization}"


class Referral(models.Model):
    class Status(models.TextChoices):
        # A context of their own: other apps translate the same English words differently, and
        # Django keeps one translation per msgid across all apps.
        PROPOSED = "proposed", pgettext_lazy("referral status", "proposed")
        SENT = "sent", pgettext_lazy("referral status", "sent")
        ACCEPTED = "accepted", pgettext_lazy("referral status", "accepted")
        DECLINED = "declined", pgettext_lazy("referral status", "declined")
        STARTED = "started", pgettext_lazy("referral status", "started")
        ENDED = "ended", pgettext_lazy("referral status", "ended")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    conversation = models.ForeignKey(
        "conversations.Conversation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="referrals"
    )
    # Emptied when the referring professional deletes their account: the referral stays with
    # the receiving organisation and the person, without the professional's name.
    referrer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals_made",
    )
    service = models.ForeignKey(
        "socialmap.Service", on_delete=models.PROTECT, related_name="referrals"
    )
    # Fixed at creation: a later change of the service's organisation must not move the referral.
    organization = models.ForeignKey(
        "socialmap.Organization", on_delete=models.PROTECT, related_name="referrals"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PROPOSED
    )
    consent_at = models.DateTimeField(_("consent given at"))
    # Only what the person agreed to share, copied at creation; empty means "not shared".
    shared_name = models.CharField(_("name"), max_length=200, blank=True)
    shared_contact = models.CharField(_("contact details"), max_length=300, blank=True)
    shared_dimension = models.CharField(_("part of Positive Health"), max_length=64, blank=True)
    shared_note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organization", "status"])]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")

    def __str__(self) -> str:
        return f"{self.service} ({self.get_status_display()})"


class ReferralEvent(models.Model):
    """One step in a referral's life, with who took it and an optional note."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(_("status"), max_length=16, choices=Referral.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("referral step")
        verbose_name_plural = _("referral steps")

    def __str__(self) -> str:
        return f"{self.referral_id}: {self.status}"
