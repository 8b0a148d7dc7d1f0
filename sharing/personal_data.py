"""The sharing app's part of a person's data export (see people.personal_data)."""

from __future__ import annotations

from typing import Any

from sharing.audit import log_of_person
from sharing.models import GuardianConsent, Invitation, Share, StatedAge


def _share(share: Share) -> dict[str, Any]:
    return {
        "id": share.pk,
        "web": str(share.assessment.public_id) if share.assessment_id else None,
        "all_future_webs": share.assessment_id is None,
        "professional": share.professional.email if share.professional_id else None,
        "team": share.team.name if share.team_id else None,
        "organisation": share.organisation.name,
        "created_at": share.created_at.isoformat(),
        "starts_at": share.starts_at.isoformat(),
        "revoked_at": share.revoked_at.isoformat() if share.revoked_at else None,
    }


def export(user) -> dict[str, Any]:
    """Their consents and every recorded look at their data; invitations they sent as staff."""
    shares = Share.objects.filter(owner=user).select_related(
        "assessment", "professional", "team", "organisation"
    )
    log = log_of_person(user).select_related("assessment").order_by("at")
    invitations = Invitation.objects.filter(professional=user).select_related(
        "organisation", "assessment"
    )
    return {
        "shares": [_share(s) for s in shares],
        "access_log": [
            {
                "at": e.at.isoformat(),
                "viewer": e.viewer_label,
                "organisation": e.organisation.name if e.organisation_id else None,
                "what": e.what,
                "context": e.context,
                "web": str(e.assessment.public_id) if e.assessment_id else None,
            }
            for e in log
        ],
        "invitations_sent": [
            {
                "code": i.code,
                "organisation": i.organisation.name,
                "moment": i.moment,
                "created_at": i.created_at.isoformat(),
                "used_at": i.used_at.isoformat() if i.used_at else None,
            }
            for i in invitations
        ],
        "guardian_consents": [
            {
                "web": str(c.assessment.public_id),
                "guardian_name": c.guardian_name,
                "relationship": c.relationship,
                "given_at": c.given_at.isoformat(),
                "revoked_at": c.revoked_at.isoformat() if c.revoked_at else None,
            }
            for c in GuardianConsent.objects.filter(assessment__owner=user).select_related(
                "assessment"
            )
        ],
        "stated_ages": [
            {"web": str(a.assessment.public_id), "age": a.age}
            for a in StatedAge.objects.filter(assessment__owner=user).select_related("assessment")
        ],
        "api_tokens": [
            {"name": t.name, "created_at": t.created_at.isoformat()} for t in user.api_tokens.all()
        ],
    }
