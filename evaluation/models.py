"""The three aims next to the webs: experience of the support, joy in work and costs.

Answers to the two questionnaires are stored without a link to who gave them; only that someone
answered (or skipped) is kept, to ask nobody twice.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

MAX_HOURS = 10_000
MAX_COSTS = 1_000_000


class ProgrammeTrajectory(models.Model):
    """One person's trajectory in a programme: from start to end, with its hours and costs."""

    class Experience(models.TextChoices):
        OPEN = "", _("not asked yet")
        ANSWERED = "answered", _("answered")
        SKIPPED = "skipped", _("skipped")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(
        "insights.Programme", on_delete=models.CASCADE, related_name="trajectories"
    )
    # Empty once the person deleted their account: hours and costs still count, without them.
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programme_trajectories",
    )
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_on = models.DateField(_("start"))
    ended_on = models.DateField(_("end"), null=True, blank=True)
    contact_hours = models.DecimalField(
        _("contact hours"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_HOURS)],
    )
    costs = models.DecimalField(
        _("costs in euros"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_COSTS)],
    )
    experience = models.CharField(
        max_length=16, choices=Experience.choices, blank=True, default=Experience.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "client"],
                condition=Q(ended_on__isnull=True),
                name="one_running_trajectory_per_programme",
            )
        ]
        verbose_name = _("trajectory in a programme")
        verbose_name_plural = _("trajectories in a programme")

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"T-{self.pk:05d}"


class ExperienceAnswer(models.Model):
    """Answers about the support at the end of a trajectory: no person, trajectory or time.

    A random key and only the quarter: the order of storing says nothing about who answered.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    programme = models.ForeignKey(
        "insights.Programme", on_delete=models.CASCADE, related_name="experience_answers"
    )
    period = models.CharField(max_length=6)
    answers = models.JSONField(default=dict)  # {item id: 1 to 5}
    text = models.TextField(blank=True, max_length=1000)

    class Meta:
        indexes = [models.Index(fields=["programme", "period"])]

    def __str__(self) -> str:
        return f"{self.programme_id} {self.period}"


class JoyRound(models.Model):
    """A team answers the joy-in-work questionnaire. Only the sums of all answers are kept."""

    team = models.ForeignKey("organisations.Team", on_delete=models.CASCADE, related_name="+")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    answer_count = models.PositiveIntegerField(default=0)
    totals = models.JSONField(default=dict, blank=True)  # {item id: sum of the answers}

    class Meta:
        ordering = ["-opened_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.team_id} {self.opened_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class JoyParticipation(models.Model):
    """Only that a member answered in an open round, never what. Deleted when the round closes."""

    round = models.ForeignKey(JoyRound, on_delete=models.CASCADE, related_name="participations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="one_joy_answer_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.round_id} #{self.pk}"


class AimFigures(models.Model):
    """Experience, joy in work and costs of one programme for one ended quarter.

    Published once: a later second version would give away what one late entry changed.
    Each part is empty when fewer than 10 answers or trajectories are behind it.
    """

    programme = models.ForeignKey(
        "insights.Programme", on_delete=models.CASCADE, related_name="aim_figures"
    )
    period = models.CharField(max_length=6)
    experience = models.JSONField(default=dict)
    joy = models.JSONField(default=dict)
    costs = models.JSONField(default=dict)
    published_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "period"], name="one_aim_figure_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme_id} {self.period}"
