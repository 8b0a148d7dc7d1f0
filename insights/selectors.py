"""Reads for dashboard, exports, API and programme evaluation; every number is suppressed."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db import connections
from django.db.models import Q, QuerySet, Sum
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from core.roles import remembered
from insights.disclosure import COMBINED, AreaSet
from insights.models import (
    AgeBand,
    Analyst,
    DimensionRollup,
    Programme,
    PublishedFigure,
    PublishedPeriod,
)
from insights.statistics import BIN_FIELDS, BINS, PairedChange, change, summarise
from instruments.definition import DEFINITIONS_DIR, load_definition_file
from organisations.models import Membership
from organisations.selectors import roles_and_organisations

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


def dimension_ids() -> list[str]:
    """The six dimensions every counted web has scored, in the web's order."""
    return [key for key, _names in _dimension_texts()]


def dimensions() -> list[tuple[str, str]]:
    """The six dimensions as (id, name in the current language)."""
    language = (get_language() or "nl")[:2]
    return [(key, names.get(language) or names.get("nl", key)) for key, names in _dimension_texts()]


def analyst_for(user) -> Analyst | None:
    if not user.is_authenticated:
        return None
    return remembered(user, "analyst", lambda: Analyst.objects.filter(user=user).first())


def scope_filter(analyst: Analyst) -> Q:
    """The published figures an analyst may read: blocks wholly inside their postcode areas."""
    if analyst.is_national:
        return Q()
    scope = frozenset(analyst.postcode_areas)
    combined = (
        PublishedFigure.objects.filter(dimension=DimensionRollup.WEBS, area_label__contains="*")
        .values_list("area_key", flat=True)
        .distinct()
        .order_by()
    )
    inside = [key for key in combined if AreaSet.from_key(key).within(scope)]
    return Q(area_label__in=sorted(scope)) | Q(area_key__in=inside)


@dataclass(frozen=True)
class Filters:
    breakdown: str = "area"
    area: str = ""
    age_band: str = ""
    year_from: int | None = None
    year_to: int | None = None
    programme_id: int | None = None

    def as_q(self) -> Q:
        """Only blocks that lie wholly inside the filter; combined blocks fall outside any one
        area, age group or programme."""
        q = Q()
        if self.area:
            q &= Q(area_label=self.area)
        if self.age_band:
            q &= Q(age_band=self.age_band)
        if self.year_from:
            q &= Q(year__gte=self.year_from)
        if self.year_to:
            q &= Q(year__lte=self.year_to)
        if self.programme_id:
            q &= Q(programme_id=self.programme_id, programme_combined=False)
        return q

    @property
    def narrows(self) -> bool:
        return bool(self.area or self.age_band or self.programme_id)


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
    # Ids fit in 18 digits; a longer number cannot name anything and must not reach the SQL.
    return int(raw) if isinstance(raw, str) and raw.isdigit() and len(raw) <= 18 else None


GROUP_FIELDS = {
    "area": ("area_label",),
    "age_band": ("age_band",),
    "quarter": ("period",),
    "year": ("year",),
    "organisation": ("organisation__name", "programme_combined"),
    "programme": ("programme__name", "programme_combined"),
}


def published_rows(scope: Q, filters: Filters) -> QuerySet:
    """One grouped query over the published blocks: sums per (group, dimension)."""
    sums = {"n": Sum("count"), "s": Sum("total"), "ss": Sum("total_squares")}
    sums.update({name: Sum(name) for name in BIN_FIELDS})
    fields = GROUP_FIELDS[filters.breakdown]
    return (
        PublishedFigure.objects.filter(scope & filters.as_q())
        .values(*fields, "dimension")
        .annotate(**sums)
        .order_by(*fields, "dimension")
    )


def _as_read(queryset: QuerySet) -> Iterator[dict]:
    """The rows of a `values()` queryset of text and sums, as the database driver returns them.

    The ORM passes each summed value through a converter to int or float, which the driver's
    values already are; a national dashboard reads 3,500 rows of 13 values, where converting
    them one by one took as long as the query.
    """
    query = queryset.query
    names = [*query.values_select, *query.annotation_select]
    sql, params = query.get_compiler(queryset.db).as_sql()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        for values in cursor.fetchall():
            yield dict(zip(names, values, strict=True))


def latest_published_period() -> str | None:
    return PublishedPeriod.objects.order_by("-period").values_list("period", flat=True).first()


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
    messages: list[str] = field(default_factory=list)


def _label(group: tuple, breakdown: str) -> str:
    value = group[0]
    if breakdown in {"organisation", "programme"}:
        if group[1]:
            return _("several programmes (combined)")
        return _("not in a programme") if value is None else str(value)
    if breakdown == "age_band":
        if value == COMBINED:
            return _("several age groups (combined)")
        return str(AgeBand(value).label) if value in AgeBand.values else value
    if breakdown == "area" and "*" in value:
        return _("%(prefix)s (small areas combined)") % {"prefix": value}
    return str(value)


def _sort_key(group: tuple, breakdown: str):
    if breakdown in ORDERED_BREAKDOWNS:
        return (0, str(group[0]))
    if breakdown == "age_band":
        order = AgeBand.values
        return (group[0] == COMBINED, order.index(group[0]) if group[0] in order else 0, "")
    combined = breakdown == "area" and "*" in group[0] or (len(group) > 1 and group[1])
    return (bool(combined), group[0] is None, str(group[0]))


def _summary(row: dict | None):
    row = row or {}
    return summarise(row.get("n") or 0, row.get("s") or 0, row.get("ss") or 0)


def dashboard(scope: Q, filters: Filters) -> Dashboard:
    """Figures as published: every row and total is a sum of whole blocks of 10 or more webs."""
    fields = GROUP_FIELDS[filters.breakdown]
    sums: dict[tuple, dict] = {}
    groups: list[tuple] = []
    for row in _as_read(published_rows(scope, filters)):
        group = tuple(row[f] for f in fields)
        if group not in sums:
            groups.append(group)
            sums[group] = {}
        sums[group][row["dimension"]] = row
    groups = sorted(set(groups), key=lambda g: _sort_key(g, filters.breakdown))
    labels = [_label(g, filters.breakdown) for g in groups]
    webs = [(sums[g].get(DimensionRollup.WEBS) or {}).get("n") or 0 for g in groups]
    result = Dashboard(
        breakdown=filters.breakdown,
        groups=labels,
        webs=webs,
        webs_total=sum(webs) if groups else None,
    )
    if not groups and filters.narrows:
        result.messages.append(
            _(
                "There are too few webs for this choice to show it safely. Choose a broader "
                "filter: small groups are counted in the rows marked 'combined'."
            )
        )
    for dimension_id, name in dimensions():
        rows = []
        previous = None
        totals = {"n": 0, "s": 0.0, "ss": 0.0, **{b: 0 for b in BIN_FIELDS}}
        for index, group in enumerate(groups):
            data = sums[group].get(dimension_id) or {}
            for key in totals:
                totals[key] += data.get(key) or 0
            summary = _summary(data)
            group_row = GroupRow(
                label=labels[index],
                count=summary.count,
                mean=summary.mean,
                bins=[data.get(b) or 0 for b in BIN_FIELDS],
            )
            if filters.breakdown in ORDERED_BREAKDOWNS and previous is not None:
                group_row.change = change(previous, summary)
            previous = summary
            rows.append(group_row)
        total_summary = _summary(totals)
        total = GroupRow(
            label=_("All"),
            count=total_summary.count if groups else None,
            mean=total_summary.mean,
            bins=[totals[b] for b in BIN_FIELDS] if groups else [None] * len(BIN_FIELDS),
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
    leading = {str(Membership.Role.ORGANISATION_ADMIN), str(Membership.Role.TEAM_MANAGER)}
    organisations = {
        organisation for role, organisation in roles_and_organisations(user) if role in leading
    }
    if analyst is not None and analyst.organisation_id:
        organisations.add(analyst.organisation_id)
    return Programme.objects.filter(organisation_id__in=organisations)


@dataclass
class DimensionChange:
    id: str
    name: str
    result: PairedChange | None
    pairs: int


@dataclass
class Evaluation:
    period: str | None
    rows: list[DimensionChange]


def programme_evaluations(programme: Programme) -> list[Evaluation]:
    """The published evaluations of this programme, newest quarter first; each quarter counts
    the participants whose newest web fell in it, and never changes after publication."""
    evaluations = []
    for figures in programme.figures.all():
        rows = []
        for key, name in dimensions():
            values = figures.results.get(key)
            result = None
            if values is not None:
                mean, low, high, effect = values
                result = PairedChange(figures.pairs, mean, low, high, effect)
            rows.append(DimensionChange(key, name, result, figures.pairs if result else 0))
        evaluations.append(Evaluation(figures.period, rows))
    return evaluations
