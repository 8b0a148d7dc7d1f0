"""Invitations from professionals, a person's shares (consent), the access log and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

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
    Exactly one of `professional` and `team` is set. `owner` is empty only for one web of a
    person without an account (consent given in the room); it is filled in when the person
    takes that web into an account.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="shares_given",
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
            ),
            models.CheckConstraint(
                condition=Q(owner__isnull=False) | Q(assessment__isnull=False),
                name="share_without_account_covers_one_web",
            ),
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


# The log stores short English codes for what was seen and where; the person reads them in
# their own language.
ACCESS_LABELS = {
    "web": _("spider web"),
    "webs": _("spider webs"),
    "conversation": _("conversation"),
    "api": _("through a linked system"),
    "api list": _("list through a linked system"),
    "conversation start": _("start of a conversation"),
    "trajectory": _("overview of the trajectory"),
    "shared web page": _("page of a shared web"),
    "steps": _("steps of the plan"),
    "meeting": _("meeting of the network"),
    "referral": _("referral"),
    "referral (referrer)": _("as the one who referred you"),
    "referral (receiver)": _("as the organisation you were referred to"),
    "fhir read": _("a web read by a linked system"),
    "fhir search": _("webs searched by a linked system"),
}
NETWORK_PREFIX = "network: "


def access_label(key: str) -> str:
    """The reader's words for what was looked at and why; stored keys are English and fixed."""
    if key.startswith(NETWORK_PREFIX):
        return _("network %(name)s") % {"name": key.removeprefix(NETWORK_PREFIX)}
    return str(ACCESS_LABELS.get(key, key))


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
    # Empty only for a web without an account (then `assessment` says whose); filled in when
    # the person takes that web into an account.
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="accesses_of_my_data",
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
    # The hash chain (sharing.audit_chain): each entry seals its content and its predecessor.
    previous_hash = models.CharField(max_length=64, blank=True, default="")
    chain_hash = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        ordering = ["-at"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log entries")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.viewer_label} → {self.subject}: {self.what}"

    @property
    def what_label(self) -> str:
        return access_label(self.what)

    @property
    def context_label(self) -> str:
        return access_label(self.context)


class AuditChainHead(models.Model):
    """One row: the hash of the newest access-log entry. Locked while an entry is appended."""

    last_hash = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        verbose_name = _("audit chain head")
        verbose_name_plural = _("audit chain heads")

    def __str__(self) -> str:
        return self.last_hash[:12]


class AuditErasure(models.Model):
    """An access-log entry removed on purpose (retention, erasure of an account).

    Holds only the two hashes, nothing about the person: enough to show the chain was cut
    here by the application and not by someone editing the database.
    """

    entry_id = models.BigIntegerField()
    previous_hash = models.CharField(max_length=64, db_index=True)
    chain_hash = models.CharField(max_length=64)
    erased_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("erased access-log entry")
        verbose_name_plural = _("erased access-log entries")

    def __str__(self) -> str:
        return f"{self.entry_id} ({self.erased_at:%Y-%m-%d})"


def hash_token_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def default_token_expiry():
    return timezone.now() + ApiToken.DEFAULT_LIFETIME


class ApiToken(models.Model):
    """A personal key for the JSON API. Only its hash is stored; the key is shown once.

    A key expires, may be limited to reading, and works only while its owner still has what
    it was made with (see sharing.api_auth).
    """

    DEFAULT_LIFETIME = timedelta(days=90)

    class Scope(models.TextChoices):
        READ = "read", _("read only")
        WRITE = "write", _("read and change")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    # A token made in a two-factor verified session carries that verification to the API.
    verified = models.BooleanField(default=False)
    scope = models.CharField(_("may"), max_length=8, choices=Scope.choices, default=Scope.READ)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("valid until"), default=default_token_expiry)
    last_used = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @classmethod
    def issue(
        cls,
        user,
        name: str,
        *,
        verified: bool = False,
        scope: str = Scope.READ,
        lifetime: timedelta = DEFAULT_LIFETIME,
    ) -> tuple[ApiToken, str]:
        key = secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            name=name,
            prefix=key[:8],
            key_hash=hash_token_key(key),
            verified=verified,
            scope=scope,
            expires_at=timezone.now() + lifetime,
        )
        return token, key


class GuardianConsent(models.Model):
    """A parent's or guardian's yes for the web of a child or young person under 16.

    Given on the same device, in the room (GDPR art. 8, UAVG art. 5): it makes sharing and
    counting possible for this one web; it never shares anything by itself, because only the
    young person can choose to share. Revoking ends the web's shares and its counting at once.
    """

    class Relationship(models.TextChoices):
        PARENT = "parent", _("parent")
        GUARDIAN = "guardian", _("guardian")
        CARER = "carer", _("foster parent or carer")

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="guardian_consents"
    )
    guardian_name = models.CharField(_("name of the parent or guardian"), max_length=120)
    relationship = models.CharField(
        _("relationship to the child"), max_length=16, choices=Relationship.choices
    )
    given_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("consent of a parent or guardian")
        verbose_name_plural = _("consents of a parent or guardian")

    def __str__(self) -> str:
        return f"{self.guardian_name} ({self.relationship}) {self.given_at:%Y-%m-%d %H:%M}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class StatedAge(models.Model):
    """The age a young person gave for one web; it decides whether a guardian must agree."""

    assessment = models.OneToOneField(
        Assessment, on_delete=models.CASCADE, related_name="stated_age"
    )
    age = models.PositiveSmallIntegerField(_("age"))
    stated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("stated age")
        verbose_name_plural = _("stated ages")

    def __str__(self) -> str:
        return str(self.age)
