"""The access log: every look by someone other than the person at that person's data."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from organisations.models import Organisation
from sharing.models import AccessLogEntry, Share


def _organisation_for(viewer, subject_owner, assessment) -> Organisation | None:
    """The organisation through which the viewer had access, for the organisation's export."""
    shares = Share.objects.filter(owner=subject_owner).filter(
        Q(professional=viewer) | Q(team__memberships__user=viewer)
    )
    if assessment is not None:
        shares = shares.filter(Q(assessment=assessment) | Q(assessment__isnull=True))
    share = shares.order_by("revoked_at", "-created_at").select_related("organisation").first()
    if share is not None:
        return share.organisation
    return Organisation.objects.filter(memberships__user=viewer).first()


def record_access(
    viewer, subject_owner, what: str, context: str, assessment=None
) -> AccessLogEntry:
    """One entry: who (viewer), whose data (subject_owner), what, when (now), in what context."""
    return AccessLogEntry.objects.create(
        viewer=viewer,
        viewer_label=(getattr(viewer, "display_name", "") or viewer.email)[:254],
        subject=subject_owner,
        organisation=_organisation_for(viewer, subject_owner, assessment),
        assessment=assessment,
        what=str(what)[:200],
        context=str(context)[:200],
    )


def log_of_person(person) -> QuerySet[AccessLogEntry]:
    return AccessLogEntry.objects.filter(subject=person).select_related("organisation")


def log_of_organisation(organisation: Organisation) -> QuerySet[AccessLogEntry]:
    """Entries made through this organisation, or by anyone who is now its member."""
    return (
        AccessLogEntry.objects.filter(
            Q(organisation=organisation) | Q(viewer__memberships__organisation=organisation)
        )
        .distinct()
        .select_related("viewer", "subject", "organisation")
        .order_by("at")
    )
