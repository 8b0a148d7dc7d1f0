"""The network around a person: the people they choose for a meeting about them (an MDO).

Each member has their own consent line: what they see is what the person chose for that
member, and nothing else. The person can remove one member or end the whole network.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_member_token() -> str:
    return secrets.token_urlsafe(24)


class Network(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="networks"
    )
    name = models.CharField(_("name"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.ended_at is None


class NetworkMember(models.Model):
    class Kind(models.TextChoices):
        PROFESSIONAL = "professional", _("professional (e.g. GP, neighbourhood team, coach)")
        INFORMAL = "informal", _("someone close (e.g. family, neighbour, volunteer)")

    class Webs(models.TextChoices):
        NONE = "none", _("no webs: only the meetings")
        LATEST = "latest", _("my latest web")
        ALL = "all", _("all my webs")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="network_memberships",
    )
    email = models.EmailField(_("email address"))
    description = models.CharField(_("who this is for you"), max_length=100)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    sees_webs = models.CharField(
        _("what this person may see of your webs"),
        max_length=8,
        choices=Webs.choices,
        default=Webs.NONE,
    )
    token = models.CharField(max_length=64, unique=True, default=new_member_token)
    invited_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["invited_at", "pk"]

    def __str__(self) -> str:
        return f"{self.description} ({self.email})"

    @property
    def is_active(self) -> bool:
        return self.accepted_at is not None and self.removed_at is None and self.network.is_active


class Meeting(models.Model):
    """A meeting about the person; its agenda is what the person chose to put on it."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("date"))
    agenda = models.TextField(_("what I want to talk about"), max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.network} {self.held_on}"

    @property
    def agenda_points(self) -> list[str]:
        return [line.strip() for line in self.agenda.splitlines() if line.strip()]


class Agreement(models.Model):
    """Who does what: a member, or the person themselves (no member)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agreements")
    text = models.CharField(_("what"), max_length=500)
    member = models.ForeignKey(
        NetworkMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="agreements"
    )
    due_date = models.DateField(_("by when"), null=True, blank=True)
    done = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text
