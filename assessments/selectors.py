"""Which webs a visitor may see, and which webs belong to the same person."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import HttpRequest

from assessments.models import Assessment

SESSION_KEY = "bredeblik_webs"


def remember_in_session(request: HttpRequest, assessment: Assessment) -> None:
    """Let this browser find an anonymous web again without the link (until the session ends)."""
    tokens = list(request.session.get(SESSION_KEY, []))
    if assessment.access_token not in tokens:
        tokens.append(assessment.access_token)
        request.session[SESSION_KEY] = tokens[-50:]


def session_tokens(request: HttpRequest) -> list[str]:
    return list(request.session.get(SESSION_KEY, []))


def is_own_web(request: HttpRequest, assessment: Assessment) -> bool:
    """The person themselves: the account owner, or whoever holds the link of an ownerless web.

    Once a web belongs to an account, the link alone no longer opens it.
    """
    if assessment.owner_id is not None:
        return request.user.is_authenticated and request.user.pk == assessment.owner_id
    return True


def webs_of_visitor(request: HttpRequest) -> QuerySet[Assessment]:
    anonymous = Q(access_token__in=session_tokens(request), owner__isnull=True)
    if request.user.is_authenticated:
        return Assessment.objects.filter(Q(owner=request.user) | anonymous).select_related(
            "instrument"
        )
    return Assessment.objects.filter(anonymous).select_related("instrument")


def webs_of_same_person(assessment: Assessment) -> QuerySet[Assessment]:
    """All webs of the person this web belongs to, oldest first (the history)."""
    if assessment.owner_id is not None:
        webs = Assessment.objects.filter(owner_id=assessment.owner_id)
    else:
        webs = Assessment.objects.filter(series=assessment.series, owner__isnull=True)
    return webs.select_related("instrument").order_by("created_at")
