"""Who may see what in a person's network. Every check reads the database at that moment."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from assessments.models import Assessment
from network.models import Network, NetworkMember
from sharing.guardian_consent import Purpose, decide


def active_member(network: Network, user) -> NetworkMember | None:
    """The user's member line in this network, while accepted, not removed and not ended."""
    if user is None or not user.is_authenticated or not network.is_active:
        return None
    return network.members.filter(
        user=user, accepted_at__isnull=False, removed_at__isnull=True
    ).first()


def is_person(network: Network, user) -> bool:
    return user is not None and user.is_authenticated and network.person_id == user.pk


def networks_joined(user) -> QuerySet[Network]:
    return Network.objects.filter(
        members__user=user,
        members__accepted_at__isnull=False,
        members__removed_at__isnull=True,
        ended_at__isnull=True,
    ).select_related("person")


def webs_visible_to(member: NetworkMember) -> list[Assessment]:
    """Exactly the webs the person chose for this member: none, the latest, or all.

    A web of someone under 16 is shown only with a parent's or guardian's yes for that web,
    the same rule as every other share.
    """
    if not member.is_active or member.sees_webs == NetworkMember.Webs.NONE:
        return []
    completed = (
        Assessment.objects.filter(
            owner_id=member.network.person_id, status=Assessment.Status.COMPLETED
        )
        .order_by("-completed_at", "-pk")
        .select_related("instrument")
    )
    if member.sees_webs == NetworkMember.Webs.LATEST:
        completed = completed[:1]
    return [web for web in completed if decide(web, Purpose.SHARING).allowed]


@dataclass(frozen=True)
class AgendaSuggestion:
    text: str


def agenda_suggestions(person, language: str) -> list[AgendaSuggestion]:
    """What the person marked 'I want to talk about this' in their latest finished web."""
    web = (
        Assessment.objects.filter(owner=person, status=Assessment.Status.COMPLETED)
        .order_by("-completed_at", "-pk")
        .first()
    )
    if web is None:
        return []
    definition = web.definition
    flagged = set(web.answers.filter(wants_to_talk=True).values_list("item_id", flat=True))
    suggestions = []
    for dimension in definition.dimensions:
        for item in dimension.items:
            if item.id in flagged:
                suggestions.append(
                    AgendaSuggestion(f"{dimension.name.get(language)}: {item.text.get(language)}")
                )
    return suggestions
