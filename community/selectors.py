"""Reads for the board and the report; hidden contributions never leave the facilitator's view."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from community import living_environment
from community.models import CommunitySession, Contribution, DimensionChoice, Factor
from insights.selectors import dimensions
from insights.services import period_of


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


@dataclass
class FactorGroup:
    """What residents raised about one factor (or none) for one part of the web."""

    factor: str  # "" when the group chose no factor
    label: str
    linked: bool  # the model links this factor to this part
    opportunities: list[Contribution] = field(default_factory=list)
    barriers: list[Contribution] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.opportunities) + len(self.barriers)


@dataclass
class DimensionFactors:
    id: str
    name: str
    groups: list[FactorGroup]
    not_raised: list[str]  # labels of linked factors nobody raised

    @property
    def total(self) -> int:
        return sum(group.total for group in self.groups)


def factors_by_dimension(contributions: Iterable[Contribution]) -> list[DimensionFactors]:
    """Per part of the web, the visible opportunities and barriers grouped by factor: most
    raised first, contributions without a factor last."""
    labels = dict(Factor.choices)
    items = [c for c in contributions if not c.hidden]
    result = []
    for key, name in dimensions():
        groups: dict[str, FactorGroup] = {}
        for item in (c for c in items if c.dimension == key):
            factor = item.factor if item.factor in labels else ""
            if factor not in groups:
                groups[factor] = FactorGroup(
                    factor=factor,
                    label=str(labels[factor]) if factor else _("no factor chosen"),
                    linked=key in living_environment.dimensions_of(factor),
                )
            bucket = (
                groups[factor].opportunities
                if item.kind == Contribution.Kind.OPPORTUNITY
                else groups[factor].barriers
            )
            bucket.append(item)
        ordered = sorted(groups.values(), key=lambda g: (not g.factor, -g.total, g.label))
        not_raised = [str(labels[f]) for f in living_environment.factors_of(key) if f not in groups]
        result.append(DimensionFactors(key, name, ordered, not_raised))
    return result


def session_factors(session: CommunitySession) -> list[DimensionFactors]:
    return factors_by_dimension(
        Contribution.objects.filter(session=session, hidden=False).select_related("group")
    )


def closed_sessions(areas: Iterable[str] | None = None) -> QuerySet[CommunitySession]:
    """Closed sessions held for a postcode area; `areas` None means every area."""
    sessions = CommunitySession.objects.filter(
        step=CommunitySession.Step.CLOSED, closed_at__isnull=False
    ).exclude(postcode_area="")
    if areas is not None:
        sessions = sessions.filter(postcode_area__in=sorted(areas))
    return sessions


def area_factors(area: str) -> tuple[list[CommunitySession], list[DimensionFactors]]:
    """The neighbourhood report's part: what the area's closed sessions raised, per factor."""
    sessions = list(closed_sessions([area]).order_by("-closed_at"))
    contributions = Contribution.objects.filter(
        session__in=sessions, session__postcode_area=area, hidden=False
    ).select_related("group", "session")
    return sessions, factors_by_dimension(contributions)


@dataclass
class FactorCount:
    factor: str
    label: str
    dimensions: list[str]  # names of the parts the model links it to
    opportunities: int = 0
    barriers: int = 0

    @property
    def total(self) -> int:
        return self.opportunities + self.barriers


@dataclass
class FactorRanking:
    label: str  # the area or quarter; blank for everything chosen
    sessions: int
    factors: list[FactorCount]


@dataclass
class FactorOverview:
    periods: list[str]  # ended quarters with closed sessions, newest first
    areas: list[str]
    overall: FactorRanking
    rankings: list[FactorRanking]


def _ranking(label: str, sessions: set[int], counts: dict, names: dict[str, str]) -> FactorRanking:
    labels = dict(Factor.choices)
    factors = []
    for factor in Factor.values:
        opportunities = sum(
            counts.get((s, factor, Contribution.Kind.OPPORTUNITY), 0) for s in sessions
        )
        barriers = sum(counts.get((s, factor, Contribution.Kind.BARRIER), 0) for s in sessions)
        if opportunities or barriers:
            linked = [names[d] for d in living_environment.dimensions_of(factor) if d in names]
            factors.append(
                FactorCount(factor, str(labels[factor]), linked, opportunities, barriers)
            )
    factors.sort(key=lambda f: (-f.total, -f.barriers, f.label))
    return FactorRanking(label, len(sessions), factors)


def raised_factors(
    areas: Iterable[str] | None, *, area: str = "", period: str = "", by: str = "area"
) -> FactorOverview:
    """Which factors residents raised most in closed sessions, counted per ended quarter of
    closing (a quarter that is still running can still change). Counts only, never text.

    `areas` None means every area (a national analyst); `area` and `period` narrow further.
    """
    now_period = period_of(timezone.now())
    rows = [
        (pk, postcode_area, period_of(closed_at))
        for pk, postcode_area, closed_at in closed_sessions(areas).values_list(
            "pk", "postcode_area", "closed_at"
        )
    ]
    rows = [row for row in rows if row[2] < now_period]
    periods = sorted({row[2] for row in rows}, reverse=True)
    known_areas = sorted({row[1] for row in rows})
    chosen = [
        row for row in rows if (not area or row[1] == area) and (not period or row[2] == period)
    ]
    counts = {
        (row["session_id"], row["factor"], row["kind"]): row["n"]
        for row in Contribution.objects.filter(
            session_id__in=[row[0] for row in chosen], hidden=False
        )
        .exclude(factor="")
        .values("session_id", "factor", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    }
    names = dimension_names()
    index = 1 if by == "area" else 2
    groups: dict[str, set[int]] = {}
    for row in chosen:
        groups.setdefault(row[index], set()).add(row[0])
    rankings = [
        _ranking(label, groups[label], counts, names)
        for label in sorted(groups, reverse=by != "area")
    ]
    overall = _ranking("", {row[0] for row in chosen}, counts, names)
    return FactorOverview(periods, known_areas, overall, rankings)


def factor_list() -> list[dict]:
    """The mapping as people read it: each factor, what it means and the parts it affects."""
    names = dimension_names()
    return [
        {
            "id": factor,
            "label": label,
            "description": living_environment.description(factor),
            "dimensions": [names[d] for d in living_environment.dimensions_of(factor)],
        }
        for factor, label in Factor.choices
    ]
