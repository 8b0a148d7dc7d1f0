"""Reads for the board and the report; hidden contributions never leave the facilitator's view."""

from __future__ import annotations

from community.models import CommunitySession, Contribution, DimensionChoice
from insights.selectors import dimensions


def distribution(session: CommunitySession) -> list[dict]:
    """Step 1: how many residents chose each dimension, with their (visible) reasons."""
    choices = DimensionChoice.objects.filter(session=session)
    rows = []
    for key, name in dimensions():
        chosen = [c for c in choices if c.dimension == key]
        rows.append(
            {
                "id": key,
                "name": name,
                "count": len(chosen),
                "reasons": [c.reason for c in chosen if c.reason and not c.hidden],
            }
        )
    most = max((r["count"] for r in rows), default=0) or 1
    for row in rows:
        row["bar_width"] = round(300 * row["count"] / most)
    return rows


def contributions_by_dimension(
    session: CommunitySession, *, group=None, include_hidden: bool = False
) -> list[dict]:
    contributions = Contribution.objects.filter(session=session).select_related("group")
    if group is not None:
        contributions = contributions.filter(group=group)
    if not include_hidden:
        contributions = contributions.filter(hidden=False)
    items = list(contributions)
    result = []
    for key, name in dimensions():
        mine = [c for c in items if c.dimension == key]
        result.append(
            {
                "id": key,
                "name": name,
                "opportunities": [c for c in mine if c.kind == Contribution.Kind.OPPORTUNITY],
                "barriers": [c for c in mine if c.kind == Contribution.Kind.BARRIER],
            }
        )
    return result


def dimension_names() -> dict[str, str]:
    return dict(dimensions())
