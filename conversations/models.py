import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Conversation(models.Model):
    """One "other conversation" between a professional and a person, around their webs.

    The answers are kept per question id (see conversations.questions) so a question can be
    reworded in a later release without losing what was written.
    """

    class ThemeKind(models.TextChoices):
        NONE = "", _("not chosen yet")
        DIMENSION = "dimension", _("a part of the web")
        ITEM = "item", _("a question of the web")
        OWN_WORDS = "own_words", _("own words")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Empty for the person's own reflection, held without a professional (eigen regie).
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="conversations_held",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversations"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conversations",
    )
    assessments = models.ManyToManyField(
        "assessments.Assessment", related_name="conversations", blank=True
    )
    theme_kind = models.CharField(
        _("kind of theme"), max_length=16, choices=ThemeKind.choices, blank=True, default=""
    )
    theme = models.CharField(_("theme"), max_length=200, blank=True)
    postcode_area = models.CharField(_("postcode area"), max_length=4, blank=True)
    answers = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")

    def __str__(self) -> str:
        return f"{self.person} {self.created_at:%Y-%m-%d}"

    @property
    def is_own_reflection(self) -> bool:
        return self.professional_id is None


class Step(models.Model):
    """An agreement or small step that ends a conversation."""

    class Actor(models.TextChoices):
        PERSON = "person", _("the person")
        PROFESSIONAL = "professional", _("the professional")
        OTHER = "other", _("someone else")

    class Status(models.TextChoices):
        OPEN = "open", _("to do")
        DOING = "doing", _("busy with it")
        DONE = "done", _("done")
        DROPPED = "dropped", _("stopped")

    OPEN_STATUSES = (Status.OPEN, Status.DOING)

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="steps")
    text = models.CharField(_("step"), max_length=300)
    actor = models.CharField(_("who does it"), max_length=16, choices=Actor.choices)
    actor_name = models.CharField(_("name"), max_length=120, blank=True)
    due_date = models.DateField(_("by when"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_date", "created_at"]
        indexes = [models.Index(fields=["conversation", "status"])]
        verbose_name = _("step")
        verbose_name_plural = _("steps")

    def __str__(self) -> str:
        return self.text

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES
