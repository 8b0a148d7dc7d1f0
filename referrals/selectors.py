"""Who sees which referral: the person, the referring professional (while the person shares
with them), and the members of the receiving organisation, and nobody else."""

from __future__ import annotations

from django.db.models import QuerySet

from referrals.lifecycle import RECEIVER, REFERRER
from referrals.models import Referral
from sharing.consent import persons_shared_with
from socialmap import selectors as socialmap_selectors

PERSON = "person"


def received_by(user) -> QuerySet[Referral]:
    """Referrals addressed to an organisation the user receives for, never others'."""
    if not user.is_authenticated:
        return Referral.objects.none()
    return (
        Referral.objects.filter(organization__receiving_members__user=user)
        .exclude(status=Referral.Status.PROPOSED)
        .select_related("service", "organization")
        .distinct()
    )


def made_by(user) -> QuerySet[Referral]:
    if not user.is_authenticated:
        return Referral.objects.none()
    return Referral.objects.filter(
        referrer=user, person__in=persons_shared_with(user)
    ).select_related("service", "organization", "person")


def of_person(user) -> QuerySet[Referral]:
    if not user.is_authenticated:
        return Referral.objects.none()
    return Referral.objects.filter(person=user).select_related("service", "organization")


def role_of(user, referral: Referral) -> str | None:
    if not user.is_authenticated:
        return None
    if received_by(user).filter(pk=referral.pk).exists():
        return RECEIVER
    if made_by(user).filter(pk=referral.pk).exists():
        return REFERRER
    if referral.person_id == user.pk:
        return PERSON
    return None


def can_refer(user, conversation) -> bool:
    """The professional who holds the conversation, while the person shares with them."""
    return (
        user.is_authenticated
        and conversation.professional_id == user.pk
        and persons_shared_with(user).filter(pk=conversation.person_id).exists()
    )


def conversation_dimension(conversation) -> str:
    return conversation.theme if conversation.theme_kind == "dimension" else ""


def suggestions(conversation, limit: int = 6) -> list:
    """Services for the conversation's chosen dimension in the person's postcode area;
    if nothing fits both, the dimension alone."""
    query = socialmap_selectors.Query(
        dimension=conversation_dimension(conversation), postcode=conversation.postcode_area
    )
    found = socialmap_selectors.find_services(query, limit=limit)
    if not found and query.postcode:
        query.postcode = ""
        found = socialmap_selectors.find_services(query, limit=limit)
    return found
