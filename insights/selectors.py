"""Reads for dashboard, exports, API and programme evaluation; every number is suppressed."""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import F, Q, QuerySet, Sum
from django.db.models.functions import Substr
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from assessments.models import Assessment
from insights.models import AgeBand, Analyst, CollectiveConsent, DimensionRollup, Programme
from insights.statistics import BIN_FIELDS, BINS, PairedChange, change, paired_change, summarise
from insights.suppression import protect
from instruments.definition import DEFINITIONS_DIR, load_definition_file
from organisations.models import Membership

BREAKDOWNS = {
    "area": gettext_lazy("neighbourhood (postcode area)"),
    "age_band": gettext_lazy("age group"),
    "quarter": gettext_lazy("quarter"),
    "year": gettext_lazy("year"),
    "organisation": gettext_lazy("organisation"),
    "programme": gettext_lazy("programme"),
}
ORDERED_BREAKDOWNS = {"quarter", "year"}


@functools.cache
def _dimension_texts() -> tuple[tuple[str, dict[str, str]], ...]:
    definition, _raw = load_definition_file(DEFINITIONS_DIR / "bredeblik-volwassenen-1.json")
    return tuple((d.id, d.name.as_dict()) for d in definition.dimensions)


def dimensions() -> list[tuple[str, str]]:
    """The six dimensions as (id, name in the current language)."""
    language = (get_language() or "nl")[:2]
    return [(key, names.get(language) or names.get("nl", key)) for key, names in _dimension_texts()]


def analyst_for(user) -> Analyst | None:
    if not user.is_authenticated:
        return None
    return Analyst.objects.filter(user=user).first()


def scope_filter(analyst: Analyst) -> Q:
    if analyst.is_national:
        return Q()
    return Q(postcode_area__in=list(analyst.postcode_areas))


@dataclass(frozen=True)
class Filters:
    breakdown: str = "area"
    area: str = ""
    age_band: str = ""
    year_from: int | None = None
    year_to: int | None = None
    programme_id: int | None = None

    def as_q(self) -> Q:
        q = Q()
        if self.area:
            q &= Q(postcode_area=self.area)
        if self.age_band:
            q &= Q(age_band=self.age_band)
        if self.year_from:
            q &= Q(period__gte=f"{self.year_from}Q1")
        if self.year_to:
            q &= Q(period__lte=f"{self.year_to}Q4")
        if self.programme_id:
            q &= Q(programme_id=self.programme_id)
        return q


def parse_filters(params) -> tuple[Filters, list[str]]:
    """Filters from a query string; unknown values are dropped with a message, never an error."""
    errors: list[str] = []
    breakdown = params.get("breakdown") or "area"
    if breakdown not in BREAKDOWNS:
        errors.append(_("Unknown breakdown; showing by neighbourhood."))
        breakdown = "area"
    area = (params.get("area") or "").strip()
    if area and not (len(area) == 4 and area.isdigit()):
        errors.append(_("A postcode area is four digits, for example 9991."))
        area = ""
    age_band = params.get("age_band") or ""
    if age_band and age_band not in AgeBand.values:
        errors.append(_("Unknown age group; showing all ages."))
        age_band = ""

    def number(name: str) -> int | None:
        raw = (params.get(name) or "").strip()
        if not raw:
            return None
        if raw.isdigit() and 1900 < int(raw) < 2200:
            return int(raw)
        errors.append(_("Enter a year as four digits, for example 2025."))
        return None

    return (
        Filters(
            breakdown=breakdown,
            area=area,
            age_band=age_band,
            year_from=number("year_from"),
            year_to=number("year_to"),
            programme_id=number_or_none(params.get("programme")),
        ),
        errors,
    )


def number_or_none(raw) -> int | None:
    raw = (raw or "").strip() if isinstance(raw, str) else raw
    return int(raw) if isinstance(raw, str) and raw.isdigit() else None


def _group_expression(breakdown: str):
    return {
        "area": F("postcode_area"),
        "age_band": F("age_band"),
        "quarter": F("period"),
        "year": Substr("period", 1, 4),
        "organisation": F("organisation__name"),
        "programme": F("programme__name"),
    }[breakdown]


def grain_for(scope: Q, filters: Filters) -> str:
    """The smallest rollup grain that holds every key this question filters or groups on."""
    needs_area = bool(scope) or bool(filters.area) or filters.breakdown == "area"
    needs_detail = (
        bool(filters.age_band)
        or bool(filters.programme_id)
        or filters.breakdown in {"age_band", "organisation", "programme"}
    )
    if needs_area and needs_detail:
        return DimensionRollup.Grain.FULL
    if needs_area:
        return DimensionRollup.Grain.AREA
    return DimensionRollup.Grain.NATIONAL


def rollup_rows(scope: Q, filters: Filters) -> QuerySet:
    """One grouped query over the rollups: sums per (group, dimension)."""
    sums = {"n": Sum("count"), "s": Sum("total"), "ss": Sum("total_squares")}
    sums.update({name: Sum(name) for name in BIN_FIELDS})
    return (
        DimensionRollup.objects.filter(scope & filters.as_q(), grain=grain_for(scope, filters))
        .annotate(group=_group_expression(filters.breakdown))
        .values("group", "dimension")
        .annotate(**sums)
        .order_by("group", "dimension")
    )


@dataclass
class GroupRow:
    label: str
    count: int | None
    mean: float | None
    bins: list[int | None]
    change: float | None = None

    @property
    def bar_width(self) -> float:
        return round((self.mean or 0) * 30, 1)


@dataclass
class DimensionFigures:
    id: str
    name: str
    rows: list[GroupRow]
    total: GroupRow


@dataclass
class Dashboard:
    breakdown: str
    groups: list[str]
    webs: list[int | None]
    webs_total: int | None
    dimensions: list[DimensionFigures] = field(default_factory=list)
    bin_labels: tuple[str, ...] = tuple(label for label, _upper in BINS)


def _label(group, breakdown: str) -> str:
    if group is None:
        return _("not in a programme") if breakdown in {"organisation", "programme"} else "-"
    if breakdown == "age_band":
        return str(AgeBand(group).label) if group in AgeBand.values else group
    return str(group)


def dashboard(scope: Q, filters: Filters) -> Dashboard:
    sums: dict[tuple, dict] = {}
    groups: list = []
    for row in rollup_rows(scope, filters):
        if row["group"] not in groups:
            groups.append(row["group"])
        sums[(row["group"], row["dimension"])] = row
    if filters.breakdown not in ORDERED_BREAKDOWNS:
        groups.sort(key=lambda g: (g is None, str(g)))
    labels = [_label(g, filters.breakdown) for g in groups]
    web_counts = [[(sums.get((g, DimensionRollup.WEBS)) or {}).get("n") or 0] for g in groups]
    webs = protect(web_counts)
    result = Dashboard(
        breakdown=filters.breakdown,
        groups=labels,
        webs=[row[0] for row in webs.cells],
        webs_total=webs.grand_total,
    )
    for dimension_id, name in dimensions():
        data = [sums.get((g, dimension_id)) or {} for g in groups]
        cells = [[row.get(b) or 0 for b in BIN_FIELDS] for row in data]
        table = protect(cells)
        rows = []
        previous = None
        for index, row in enumerate(data):
            shown = table.row_totals[index] is not None
            summary = summarise(row.get("n") or 0, row.get("s") or 0, row.get("ss") or 0)
            group_row = GroupRow(
                label=labels[index],
                count=table.row_totals[index],
                mean=summary.mean if shown else None,
                bins=table.cells[index],
            )
            if filters.breakdown in ORDERED_BREAKDOWNS and previous is not None:
                group_row.change = change(previous, summary) if shown else None
            previous = summary if shown else None
            rows.append(group_row)
        total_summary = summarise(
            sum(r.get("n") or 0 for r in data),
            sum(r.get("s") or 0 for r in data),
            sum(r.get("ss") or 0 for r in data),
        )
        total = GroupRow(
            label=_("All"),
            count=table.grand_total,
            mean=total_summary.mean if table.grand_total is not None else None,
            bins=table.column_totals or [None] * len(BIN_FIELDS),
        )
        result.dimensions.append(DimensionFigures(dimension_id, name, rows, total))
    return result


def visible_programmes(user) -> QuerySet[Programme]:
    """Programmes whose evaluation this user may see: analysts in scope, organisation admins."""
    if not user.is_authenticated:
        return Programme.objects.none()
    analyst = analyst_for(user)
    if analyst is not None and analyst.is_national:
        return Programme.objects.all()
    organisations = set(
        Membership.objects.filter(
            user=user,
            role__in=[Membership.Role.ORGANISATION_ADMIN, Membership.Role.TEAM_MANAGER],
        ).values_list("organisation_id", flat=True)
    )
    if analyst is not None and analyst.organisation_id:
        organisations.add(analyst.organisation_id)
    return Programme.objects.filter(organisation_id__in=organisations)


@dataclass
class DimensionChange:
    id: str
    name: str
    result: PairedChange | None
    pairs: int


def programme_pairs(programme: Programme) -> dict[str, list[tuple[float, float]]]:
    """Per dimension, (first, last) score of each participant with two or more counted webs."""
    consents = (
        CollectiveConsent.objects.filter(
            programme=programme,
            opted_out_at__isnull=True,
            assessment__status=Assessment.Status.COMPLETED,
        )
        .select_related("assessment")
        .order_by("assessment__completed_at")
    )
    per_person: dict[str, list[dict]] = defaultdict(list)
    for consent in consents:
        web = consent.assessment
        person = f"u{web.owner_id}" if web.owner_id else f"s{web.series}"
        per_person[person].append(web.dimension_scores)
    pairs: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for webs in per_person.values():
        if len(webs) < 2:
            continue
        first, last = webs[0], webs[-1]
        for dimension_id, _name in dimensions():
            if first.get(dimension_id) is not None and last.get(dimension_id) is not None:
                pairs[dimension_id].append((first[dimension_id], last[dimension_id]))
    return pairs


def programme_evaluation(programme: Programme) -> list[DimensionChange]:
    pairs = programme_pairs(programme)
    return [
        DimensionChange(key, name, paired_change(pairs.get(key, [])), len(pairs.get(key, [])))
        for key, name in dimensions()
    ]
