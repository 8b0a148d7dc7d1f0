"""The access log: every look by someone other than the person at that person's data."""

from __future__ import annotations

from django.db.models import F, Q, QuerySet

from organisations.models import Organisation
from sharing import audit_chain
from sharing.models import AccessLogEntry, Share


def _organisation_for(viewer, subject_owner, assessment) -> Organisation | None:
    """The organisation through which the viewer had access, for the organisation's export."""
    if subject_owner is None and assessment is None:
        return Organisation.objects.filter(memberships__user=viewer).first()
    shares = Share.objects.filter(owner=subject_owner).filter(
        Q(professional=viewer) | Q(team__memberships__user=viewer)
    )
    if assessment is not None:
        shares = shares.filter(Q(assessment=assessment) | Q(assessment__isnull=True))
    # Active shares (no revoked_at) first on every database: PostgreSQL sorts NULL last.
    share = (
        shares.order_by(F("revoked_at").asc(nulls_first=True), "-created_at")
        .select_related("organisation")
        .first()
    )
    # No share, no organisation: a look that no organisation's consent explains (a referral
    # received, say) must not land in the log of whatever organisation the viewer also joined.
    return share.organisation if share is not None else None


def record_access(
    viewer, subject_owner, what: str, context: str, assessment=None
) -> AccessLogEntry:
    """One entry: who (viewer), whose data (subject_owner), what, when (now), in what context.

    `subject_owner` is None for a web without an account; the entry then names the web.
    """
    return audit_chain.append(
        viewer=viewer,
        viewer_label=(getattr(viewer, "display_name", "") or viewer.email)[:254],
        subject=subject_owner,
        organisation=_organisation_for(viewer, subject_owner, assessment),
        assessment=assessment,
        what=str(what)[:200],
        context=str(context)[:200],
    )


def record_accesses(viewer, subject_owners: list, what: str, context: str) -> None:
    """One entry per person on a list page (the caseload), written in a fixed number of
    queries: the organisations of all shares in one read, the chain in one append."""
    if not subject_owners:
        return
    organisation_of: dict[int, Organisation] = {}
    shares = (
        Share.objects.filter(owner__in=subject_owners)
        .filter(Q(professional=viewer) | Q(team__memberships__user=viewer))
        .order_by(F("revoked_at").asc(nulls_first=True), "-created_at")
        .select_related("organisation")
    )
    for share in shares:
        # The first share per person is the one `_organisation_for` would pick.
        organisation_of.setdefault(share.owner_id, share.organisation)
    label = (getattr(viewer, "display_name", "") or viewer.email)[:254]
    audit_chain.append_many(
        [
            {
                "viewer": viewer,
                "viewer_label": label,
                "subject": person,
                "organisation": organisation_of.get(person.pk),
                "assessment": None,
                "what": str(what)[:200],
                "context": str(context)[:200],
            }
            for person in subject_owners
        ]
    )


def log_of_person(person) -> QuerySet[AccessLogEntry]:
    return AccessLogEntry.objects.filter(subject=person).select_related("organisation")


def log_of_web(assessment) -> QuerySet[AccessLogEntry]:
    """Who looked at one web (for a web without an account, whose person has no log page)."""
    return AccessLogEntry.objects.filter(assessment=assessment).select_related("organisation")


def log_of_organisation(organisation: Organisation) -> QuerySet[AccessLogEntry]:
    """Only what happened inside this organisation: looks through its own shares and members.

    A member who also works elsewhere brings none of that other organisation's entries along.
    """
    return (
        AccessLogEntry.objects.filter(organisation=organisation)
        .select_related("viewer", "subject", "organisation")
        .order_by("at")
    )
