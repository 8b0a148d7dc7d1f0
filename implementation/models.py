from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from implementation.route import DEFAULT_CHECKLIST, QUESTION_NUMBERS, ROUTE
from instruments.models import InstrumentVersion
from organisations.models import Membership, Organisation, Team


class RouteEntry(models.Model):
    """Where a team stands on one step of the route, and what it does next; kept over time."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started yet")
        WORKING = "working", _("Working on it")
        PART_OF_WORK = "part_of_work", _("Part of our work now")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="route_entries")
    step = models.CharField(max_length=32, choices=[(s.id, s.title) for s in ROUTE])
    status = models.CharField(_("where we stand"), max_length=16, choices=Status.choices)
    where_we_stand = models.TextField(_("what we see now"), max_length=2000, blank=True)
    next_action = models.TextField(_("what we do next"), max_length=2000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        indexes = [models.Index(fields=["team", "step", "recorded_at"])]

    def __str__(self) -> str:
        return f"{self.team}: {self.step} ({self.status})"


class TeamReflection(models.Model):
    """A team's answer to one of the five helpful questions; every saved answer is kept."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="reflections")
    question = models.PositiveSmallIntegerField(choices=[(n, str(n)) for n in QUESTION_NUMBERS])
    answer = models.TextField(_("answer"), max_length=4000)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-written_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.team}: {self.question}"


class ChecklistItem(models.Model):
    """One point of an organisation's first-month checklist for one role.

    A default point keeps its key and no text, so it shows in the reader's language; a point the
    organisation wrote or changed has its own text.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="checklist_items"
    )
    role = models.CharField(max_length=32, choices=Membership.Role.choices)
    default_key = models.CharField(max_length=32, blank=True)
    text = models.CharField(_("text"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["role", "position", "pk"]

    def __str__(self) -> str:
        return self.display_text

    @property
    def display_text(self) -> str:
        if self.text:
            return self.text
        defaults = dict(DEFAULT_CHECKLIST.get(self.role, ()))
        return str(defaults.get(self.default_key, ""))


class ChecklistTick(models.Model):
    item = models.ForeignKey(ChecklistItem, on_delete=models.CASCADE, related_name="ticks")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checklist_ticks"
    )
    ticked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "user"], name="one_tick_per_item_and_user")
        ]

    def __str__(self) -> str:
        return f"{self.item} ✓"


class TeamWebRound(models.Model):
    """A team fills in their own webs; only an anonymous picture of the whole round is kept.

    While the round is open, members join with one of their own webs (which stays private).
    Closing it computes the picture once, if enough took part, and forgets who took part.
    """

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="web_rounds")
    instrument = models.ForeignKey(InstrumentVersion, on_delete=models.PROTECT, related_name="+")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    participant_count = models.PositiveIntegerField(null=True, blank=True)
    # {dimension id: whole-number mean}; empty when too few took part.
    picture = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-opened_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.team} {self.opened_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class RoundParticipation(models.Model):
    """Only while a round is open: which own web a member brings. Deleted when it closes."""

    round = models.ForeignKey(TeamWebRound, on_delete=models.CASCADE, related_name="participations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="one_web_per_member_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.round} #{self.pk}"
