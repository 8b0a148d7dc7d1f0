import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from instruments.definition import InstrumentDefinition
from instruments.models import InstrumentVersion

# No 0/O/1/I/L: the code is read aloud and typed by people with little digital experience.
RESUME_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_access_token() -> str:
    return secrets.token_urlsafe(18)


def new_resume_code() -> str:
    raw = "".join(secrets.choice(RESUME_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


class Assessment(models.Model):
    """One filled-in (or half filled-in) spider web: a snapshot of one person at one moment."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("in progress")
        COMPLETED = "completed", _("completed")

    class Moment(models.TextChoices):
        NONE = "", _("no moment")
        INTAKE = "intake", _("intake")
        MIDWAY = "midway", _("midway")
        END = "end", _("end")
        RETURN_DAY = "return_day", _("return day")

    class Entry(models.TextChoices):
        SELF = "", _("filled in by the person")
        TOGETHER = "together", _("filled in together with a professional")
        PAPER = "paper", _("filled in on paper and typed in by a professional")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    instrument = models.ForeignKey(
        InstrumentVersion, on_delete=models.PROTECT, related_name="assessments"
    )
    # Looked up through the (owner, created_at) index below; an index of its own would only
    # cost a write on every new web.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="assessments",
        db_index=False,
    )
    # Webs of one person without an account share a series, so they can still be compared.
    series = models.UUIDField(default=uuid.uuid4, db_index=True)
    access_token = models.CharField(max_length=32, unique=True, default=new_access_token)
    resume_code = models.CharField(max_length=9, unique=True, default=new_resume_code)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    moment = models.CharField(
        _("moment"), max_length=16, choices=Moment.choices, default=Moment.NONE, blank=True
    )
    entry = models.CharField(
        _("how it was filled in"), max_length=16, choices=Entry.choices, default="", blank=True
    )
    current_dimension = models.PositiveSmallIntegerField(default=0)
    dimension_scores = models.JSONField(default=dict)
    health_surface = models.FloatField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "created_at"])]
        verbose_name = _("spider web")
        verbose_name_plural = _("spider webs")

    def __str__(self) -> str:
        return f"{self.instrument} {self.created_at:%Y-%m-%d}"

    @property
    def definition(self) -> InstrumentDefinition:
        return self.instrument.parsed

    @property
    def is_completed(self) -> bool:
        return self.status == self.Status.COMPLETED


class Answer(models.Model):
    # Looked up through the unique (assessment, item_id) index; an index of the web alone would
    # only cost a write on every new answer.
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="answers", db_index=False
    )
    item_id = models.CharField(max_length=64)
    value = models.FloatField(null=True, blank=True)
    wants_to_talk = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item_id"], name="one_answer_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.item_id}={self.value}"


class DimensionNote(models.Model):
    # As Answer's: the unique (assessment, dimension_id) index serves every lookup.
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="notes", db_index=False
    )
    dimension_id = models.CharField(max_length=64)
    text = models.TextField(max_length=2000)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "dimension_id"], name="one_note_per_dimension"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dimension_id}: {self.text[:30]}"


class Drawing(models.Model):
    """A drawing of a web (its result page, SVG, PDF or summary) kept for the version of the
    web it shows (see assessments/drawings.py). It goes when the web goes."""

    class Kind(models.TextChoices):
        SUMMARY = "summary"
        SVG = "svg"
        PDF = "pdf"
        PAGE = "page"

    # Looked up through the unique (assessment, kind, language) index.
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    language = models.CharField(max_length=8)
    # The version it was drawn from and the drawing, pickled together: one column to read.
    content = models.BinaryField()
    drawn_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "kind", "language"], name="one_drawing_per_kind_and_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} ({self.language})"
