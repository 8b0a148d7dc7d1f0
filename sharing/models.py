"""Invitations from professionals, a person's shares (consent), the access log and API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.models import Assessment, new_access_token, new_resume_code


def new_invitation_code() -> str:
    """The same read-aloud-safe form as a web's resume code, so people meet one kind of code."""
    return new_resume_code()


def new_invitation_token() -> str:
    return new_access_token()


def normalise_code(raw: str) -> str:
    """Codes are typed by hand: ignore case, spaces and a missing dash."""
    code = (raw or "").strip().upper().replace(" ", "").replace("-", "")
    return f"{code[:4]}-{code[4:]}" if len(code) == 8 else code


class Invitation(models.Model):
    """A professional asks a person to fill in a web; its code can also be used to share later."""

    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations_sent"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="invitations"
    )
    team = models.ForeignKey(
        "organisations.Team",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations",
        help_text=_("Offer the person to share with this team instead of only the professional."),
    )
    instrument = models.ForeignKey(
        "instruments.InstrumentVersion", on_delete=models.PROTECT, related_name="invitations"
    )
    moment = models.CharField(
        _("moment"), max_length=16, choices=Assessment.Moment.choices, blank=True, default=""
    )
    code = models.CharField(max_length=9, unique=True, default=new_invitation_code)
    token = models.CharField(max_length=32, unique=True, default=new_invitation_token)
    assessment = models.OneToOneField(
        Assessment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitation",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.code} ({self.professional})"

    @property
    def is_used(self) -> bool:
        return self.used_at is not None

    def clean(self) -> None:
        if self.team_id and self.team.organisation_id != self.organisation_id:
            raise ValidationError({"team": _("This team belongs to another organisation.")})


class ShareQuerySet(models.QuerySet):
    def active(self) -> ShareQuerySet:
        return self.filter(revoked_at__isnull=True, starts_at__lte=timezone.now())


class Share(models.Model):
    """One explicit, revocable consent of a person: this web (or all future webs) with someone.

    `assessment` empty means every web of the owner created at or after `starts_at`.
    Exactly one of `professional` and `team` is set.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shares_given"
    )
    assessment = models.ForeignKey(
        Assessment, null=True, blank=True, on_delete=models.CASCADE, related_name="shares"
    )
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="shares_received",
    )
    team = models.ForeignKey(
        "organisations.Team",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="shares",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="shares"
    )
    invitation = models.ForeignKey(
        Invitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="shares"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    starts_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ShareQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(professional__isnull=False, team__isnull=True)
                    | Q(professional__isnull=True, team__isnull=False)
                ),
                name="share_with_professional_xor_team",
            )
        ]
        indexes = [models.Index(fields=["owner", "revoked_at"])]
        verbose_name = _("share")
        verbose_name_plural = _("shares")

    def __str__(self) -> str:
        return f"{self.owner} → {self.recipient}"

    @property
    def recipient(self):
        return self.professional if self.professional_id else self.team

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.starts_at <= timezone.now()

    @property
    def covers_future(self) -> bool:
        return self.assessment_id is None

    def clean(self) -> None:
        if bool(self.professional_id) == bool(self.team_id):
            raise ValidationError(_("Share with either one professional or one team."))
        if self.assessment_id and self.assessment.owner_id != self.owner_id:
            raise ValidationError({"assessment": _("You can only share your own webs.")})
        if self.professional_id and self.professional_id == self.owner_id:
            raise ValidationError({"professional": _("You cannot share with yourself.")})
        if self.team_id and self.team.organisation_id != self.organisation_id:
            raise ValidationError({"team": _("This team belongs to another organisation.")})
        if (
            self.professional_id
            and not self.organisation.memberships.filter(user_id=self.professional_id).exists()
        ):
            raise ValidationError(
                {"professional": _("This professional does not work for this organisation.")}
            )


class AccessLogEntry(models.Model):
    """Someone other than the person looked at their data: who, whose, what, when, why."""

    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="accesses_made",
    )
    # Kept as text too, so the person still sees who looked after that account is gone.
    viewer_label = models.CharField(max_length=254)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="accesses_of_my_data"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="access_log",
    )
    assessment = models.ForeignKey(
        Assessment, null=True, blank=True, on_delete=models.SET_NULL, related_name="access_log"
    )
    what = models.CharField(max_length=200)
    context = models.CharField(max_length=200)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log entries")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.viewer_label} → {self.subject}: {self.what}"


def hash_token_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    """A personal key for the JSON API. Only its hash is stored; the key is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    # A token made in a two-factor verified session carries that verification to the API.
    verified = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, user, name: str, *, verified: bool = False) -> tuple[ApiToken, str]:
        key = secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user, name=name, prefix=key[:8], key_hash=hash_token_key(key), verified=verified
        )
        return token, key
