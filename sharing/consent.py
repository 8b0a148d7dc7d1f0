"""Who may see a person's webs: only those the person chose, only while the choice stands.

Every check runs against the database at the moment of access, so a revoked share ends
access at once. The person's own access to their webs is not decided here
(see assessments.selectors.is_own_web); `viewer` always means somebody else.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from assessments.models import Assessment
from organisations.selectors import CARE_ROLES, has_any_role
from sharing.models import Share


def is_verified(user) -> bool:
    """Two-factor verified in this session (django-otp's middleware sets `is_verified`)."""
    check = getattr(user, "is_verified", None)
    return bool(user is not None and user.is_authenticated and callable(check) and check())


def _reaching(viewer) -> Q:
    """Shares addressed to the viewer: personally while still in the organisation, or via a team."""
    return Q(professional=viewer, organisation__memberships__user=viewer) | Q(
        team__memberships__user=viewer
    )


def active_shares_for(viewer) -> QuerySet[Share]:
    """Active shares that reach this viewer, whatever they cover; none without verified 2FA."""
    if not is_verified(viewer):
        return Share.objects.none()
    return Share.objects.active().filter(_reaching(viewer)).exclude(owner=viewer).distinct()


def shares_covering(assessment: Assessment) -> Q:
    """Shares of this web's owner that include this web: the web itself, or all webs since.

    A web without an account is covered only by a share of that one web (given in the room).
    """
    if assessment.owner_id is None:
        return Q(owner__isnull=True, assessment=assessment)
    return Q(owner_id=assessment.owner_id) & (
        Q(assessment=assessment) | Q(assessment__isnull=True, starts_at__lte=assessment.created_at)
    )


def consent_stands(owner, viewer) -> bool:
    """The owner shares something with the viewer right now (no session needed, e.g. in a task)."""
    return (
        Share.objects.active().filter(_reaching(viewer), owner=owner).exclude(owner=viewer).exists()
    )


def can_view_assessment(viewer, assessment: Assessment) -> bool:
    if viewer is None or not viewer.is_authenticated:
        return False
    if viewer.pk == assessment.owner_id:
        return False
    return active_shares_for(viewer).filter(shares_covering(assessment)).exists()


def visible_assessments(viewer, owner=None) -> QuerySet[Assessment]:
    """Every web the viewer may see now (optionally of one person)."""
    shares = active_shares_for(viewer)
    if owner is not None:
        shares = shares.filter(owner=owner)
    explicit = shares.filter(assessment__isnull=False).values("assessment_id")
    query = Q(pk__in=explicit)
    for owner_id, starts_at in shares.filter(assessment__isnull=True).values_list(
        "owner_id", "starts_at"
    ):
        query |= Q(owner_id=owner_id, created_at__gte=starts_at)
    return Assessment.objects.filter(query).select_related("instrument")


def persons_shared_with(viewer) -> QuerySet:
    """People who currently share with the viewer (personally or via a team), by active consent."""
    User = get_user_model()
    owner_ids = active_shares_for(viewer).filter(owner__isnull=False).values("owner_id")
    return User.objects.filter(pk__in=owner_ids, is_active=True)


def needs_two_factor(user) -> bool:
    return has_any_role(user, CARE_ROLES) and not is_verified(user)


def require_verified_professional(request: HttpRequest) -> HttpResponse | None:
    """None when the request may go on; otherwise the response that refuses it.

    Not logged in: to the login page. Logged in without a care role: 403. A care role
    without a verified second factor in this session: to 2FA setup or verification.
    """
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not has_any_role(user, CARE_ROLES):
        raise PermissionDenied
    if not is_verified(user):
        from django_otp import devices_for_user

        target = (
            "organisations:two_factor_verify"
            if any(True for _ in devices_for_user(user, confirmed=True))
            else "organisations:two_factor_setup"
        )
        url = redirect(target).url
        return redirect(f"{url}?next={request.get_full_path()}")
    return None


def professional_required(view):
    """Decorator: only verified members with a care role reach the view."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        refusal = require_verified_professional(request)
        if refusal is not None:
            return refusal
        return view(request, *args, **kwargs)

    return wrapper


def revoke(share: Share) -> Share:
    if share.revoked_at is None:
        share.revoked_at = timezone.now()
        share.save(update_fields=["revoked_at"])
    return share
