"""Resident sessions about a plan: who is in the room, what they chose and what the groups wrote."""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# No 0/O/1/I/L: the code is read aloud in a hall and typed on a phone.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))


class Factor(models.TextChoices):
    """Living-environment factors after the Louis Bolk model."""

    NOISE = "noise", _("noise")
    GREEN_SPACE = "green_space", _("green space")
    CYCLE_PATHS = "cycle_paths", _("cycle and walking paths")
    BENCHES = "benches", _("benches and places to rest")
    SHOPS = "shops", _("shops and services nearby")
    INFORMATION = "information", _("access to information")
    CONNECTION = "connection", _("connection with the neighbourhood")
    MEETING_PLACES = "meeting_places", _("places to meet")
    SAFETY = "safety", _("safety")
    AIR = "air", _("clean air")
    HOUSING = "housing", _("housing")
    TRANSPORT = "transport", _("public transport")
    PLAY = "play", _("places to play and do sports")
    WORK = "work", _("work and income")


class CommunitySession(models.Model):
    class Step(models.IntegerChoices):
        CHOOSE = 1, _("Step 1: where does the plan affect you most?")
        MAP = 2, _("Step 2: opportunities and barriers")
        PITCH = 3, _("Step 3: groups present")
        CLOSED = 4, _("Closed")

    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_sessions"
    )
    title = models.CharField(_("plan"), max_length=200)
    description = models.TextField(_("description"), max_length=3000, blank=True)
    neighbourhood = models.CharField(_("neighbourhood"), max_length=120, blank=True)
    # Only the 4 digits: the session then counts in that area's neighbourhood report.
    postcode_area = models.CharField(
        _("postcode area"),
        max_length=4,
        blank=True,
        validators=[
            RegexValidator(
                r"^[1-9][0-9]{3}$", _("A postcode area is four digits, for example 9991.")
            )
        ],
    )
    code = models.CharField(max_length=6, unique=True, default=new_code)
    step = models.PositiveSmallIntegerField(choices=Step.choices, default=Step.CHOOSE)
    pitching_group = models.ForeignKey(
        "Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["postcode_area", "closed_at"])]
        verbose_name = _("resident session")
        verbose_name_plural = _("resident sessions")

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.step == self.Step.CLOSED


class Group(models.Model):
    session = models.ForeignKey(CommunitySession, on_delete=models.CASCADE, related_name="groups")
    number = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["session", "number"], name="one_group_number")
        ]

    def __str__(self) -> str:
        return str(_("Group %(number)s") % {"number": self.number})


class Participant(models.Model):
    """A resident in the room, known only by a token kept in their browser session."""

    session = models.ForeignKey(
        CommunitySession, on_delete=models.CASCADE, related_name="participants"
    )
    token = models.UUIDField(default=uuid.uuid4, unique=True)
    group = models.ForeignKey("Group", null=True, blank=True, on_delete=models.SET_NULL)
    joined_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return str(self.token)[:8]


class DimensionChoice(models.Model):
    """Step 1: the dimension where the plan affects this resident most, and why."""

    session = models.ForeignKey(CommunitySession, on_delete=models.CASCADE, related_name="choices")
    participant = models.OneToOneField(Participant, on_delete=models.CASCADE, related_name="choice")
    dimension = models.CharField(max_length=64)
    reason = models.TextField(max_length=500, blank=True)
    hidden = models.BooleanField(default=False)

    def __str__(self) -> str:
        return self.dimension


class Contribution(models.Model):
    """Step 2: an opportunity or barrier a group records for a dimension."""

    class Kind(models.TextChoices):
        OPPORTUNITY = "opportunity", _("opportunity")
        BARRIER = "barrier", _("barrier")

    session = models.ForeignKey(
        CommunitySession, on_delete=models.CASCADE, related_name="contributions"
    )
    participant = models.ForeignKey(
        Participant, null=True, on_delete=models.SET_NULL, related_name="contributions"
    )
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="contributions")
    dimension = models.CharField(max_length=64)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    factor = models.CharField(max_length=32, choices=Factor.choices, blank=True)
    text = models.TextField(max_length=500)
    hidden = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:40]
