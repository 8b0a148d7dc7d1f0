"""Building a person's network, its meetings and agreements. Rules only; no HTTP."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from network.models import Agreement, Meeting, Network, NetworkMember


class NetworkError(ValueError):
    """A step the rules do not allow; the message is shown to the person."""


def create_network(person, name: str) -> Network:
    return Network.objects.create(person=person, name=name.strip())


def invite_member(
    network: Network,
    *,
    email: str,
    description: str,
    kind: str,
    sees_webs: str,
    link_for: Callable[[str], str],
) -> NetworkMember:
    """A new member line, with the invitation sent to the address the person gave.

    `link_for(token)` gives the address where this member's invitation can be accepted.
    """
    if not network.is_active:
        raise NetworkError(_("This network has ended."))
    email = email.strip().lower()
    if network.person.email.lower() == email:
        raise NetworkError(_("You are already in your own network."))
    if network.members.filter(email__iexact=email, removed_at__isnull=True).exists():
        raise NetworkError(_("This address is already in your network."))
    member = NetworkMember.objects.create(
        network=network,
        email=email,
        description=description.strip(),
        kind=kind,
        sees_webs=sees_webs,
    )
    send_mail(
        _("%(person)s invites you to their network") % {"person": network.person},
        _(
            "%(person)s asks you to join the network around them in Brede Blik, "
            "as: %(description)s.\n\nAccept or decline here: %(link)s\n\n"
            "You only see what %(person)s chooses to share with you."
        )
        % {
            "person": network.person,
            "description": member.description,
            "link": link_for(member.token),
        },
        None,
        [email],
    )
    return member


def accept(member: NetworkMember, user) -> NetworkMember:
    """Only the invited address can accept, so a forwarded link opens nothing."""
    if not member.network.is_active or member.removed_at is not None:
        raise NetworkError(_("This invitation is no longer valid."))
    if user.email.lower() != member.email.lower():
        raise NetworkError(_("This invitation is for another email address."))
    if member.network.person_id == user.pk:
        raise NetworkError(_("You are already in your own network."))
    member.user = user
    member.accepted_at = member.accepted_at or timezone.now()
    member.save(update_fields=["user", "accepted_at"])
    return member


def decline(member: NetworkMember) -> None:
    if member.removed_at is None:
        member.removed_at = timezone.now()
        member.save(update_fields=["removed_at"])


def remove_member(member: NetworkMember) -> None:
    """The member's access ends at once; agreements keep their text without the member's line."""
    decline(member)


def change_what_member_sees(member: NetworkMember, sees_webs: str) -> NetworkMember:
    if sees_webs not in NetworkMember.Webs.values:
        raise NetworkError(sees_webs)
    member.sees_webs = sees_webs
    member.save(update_fields=["sees_webs"])
    return member


@transaction.atomic
def end_network(network: Network) -> None:
    now = timezone.now()
    network.ended_at = network.ended_at or now
    network.save(update_fields=["ended_at"])
    network.members.filter(removed_at__isnull=True).update(removed_at=now)


def plan_meeting(network: Network, held_on: datetime.date, agenda: str) -> Meeting:
    if not network.is_active:
        raise NetworkError(_("This network has ended."))
    return Meeting.objects.create(network=network, held_on=held_on, agenda=agenda.strip())


def add_agreement(
    meeting: Meeting,
    *,
    text: str,
    member: NetworkMember | None,
    due_date: datetime.date | None,
    by,
) -> Agreement:
    if member is not None and (member.network_id != meeting.network_id or not member.is_active):
        raise NetworkError(_("Choose someone from this network."))
    return Agreement.objects.create(
        meeting=meeting, text=text.strip(), member=member, due_date=due_date, recorded_by=by
    )


def set_done(agreement: Agreement, done: bool) -> Agreement:
    agreement.done = done
    agreement.save(update_fields=["done"])
    return agreement
