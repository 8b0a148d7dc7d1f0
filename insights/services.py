"""Writes: opting in and out, and keeping the rollups in step with consents and completed webs.

A rollup cell is always recomputed whole from its sources, so every call is idempotent and an
opt-out or an erased web leaves no trace in the figures.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone

from assessments.models import Assessment
from insights.models import CollectiveConsent, DimensionRollup, Programme
from insights.statistics import BIN_FIELDS, bin_index


@dataclass(frozen=True)
class CellKey:
    postcode_area: str
    age_band: str
    period: str
    organisation_id: int | None
    programme_id: int | None


def period_of(moment: datetime.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local.year}Q{(local.month - 1) // 3 + 1}"


def period_bounds(period: str) -> tuple[datetime.datetime, datetime.datetime]:
    year, quarter = int(period[:4]), int(period[5])
    start = datetime.datetime(year, 3 * quarter - 2, 1)
    end = datetime.datetime(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
    zone = timezone.get_current_timezone()
    return timezone.make_aware(start, zone), timezone.make_aware(end, zone)


def cell_key(consent: CollectiveConsent) -> CellKey | None:
    """The rollup cell a consented web counts in; None while the web is not completed."""
    completed_at = consent.assessment.completed_at
    if completed_at is None:
        return None
    programme = consent.programme
    return CellKey(
        postcode_area=consent.postcode_area,
        age_band=consent.age_band,
        period=period_of(completed_at),
        organisation_id=programme.organisation_id if programme else None,
        programme_id=programme.pk if programme else None,
    )


SUMMED = ("count", "total", "total_squares", *BIN_FIELDS)
# Which keys each coarse grain keeps; the others are blank (area) or empty (the foreign keys).
GRAIN_KEYS = {
    DimensionRollup.Grain.AREA: ("postcode_area", "period"),
    DimensionRollup.Grain.NATIONAL: ("age_band", "period", "organisation_id", "programme_id"),
}


def _refresh_coarse(grain: str, where: Q) -> None:
    """Recompute coarse-grain rows from the full-grain rows matching `where`."""
    keys = GRAIN_KEYS[grain]
    full = DimensionRollup.objects.filter(where, grain=DimensionRollup.Grain.FULL)
    sums = full.values(*keys, "dimension").annotate(**{f"sum_{f}": Sum(f) for f in SUMMED})
    rows = []
    for row in sums.order_by():
        values = {f: row[f"sum_{f}"] for f in SUMMED}
        rows.append(
            DimensionRollup(
                grain=grain, dimension=row["dimension"], **{k: row[k] for k in keys}, **values
            )
        )
    DimensionRollup.objects.filter(where, grain=grain).delete()
    DimensionRollup.objects.bulk_create(rows, batch_size=2000)


def _refresh_coarse_for(key: CellKey) -> None:
    _refresh_coarse(
        DimensionRollup.Grain.AREA, Q(postcode_area=key.postcode_area, period=key.period)
    )
    _refresh_coarse(
        DimensionRollup.Grain.NATIONAL,
        Q(
            age_band=key.age_band,
            period=key.period,
            organisation_id=key.organisation_id,
            programme_id=key.programme_id,
        ),
    )


def _empty_row(key: CellKey, dimension: str) -> DimensionRollup:
    return DimensionRollup(
        postcode_area=key.postcode_area,
        age_band=key.age_band,
        period=key.period,
        organisation_id=key.organisation_id,
        programme_id=key.programme_id,
        dimension=dimension,
    )


def _add_web(rows: dict[str, DimensionRollup], key: CellKey, scores: dict) -> None:
    webs = rows.setdefault(DimensionRollup.WEBS, _empty_row(key, DimensionRollup.WEBS))
    webs.count += 1
    for dimension, score in scores.items():
        if score is None:
            continue
        row = rows.setdefault(dimension, _empty_row(key, dimension))
        row.count += 1
        row.total += score
        row.total_squares += score * score
        field = BIN_FIELDS[bin_index(score)]
        setattr(row, field, getattr(row, field) + 1)


def counted_consents():
    """Consents whose web counts: active and completed."""
    return CollectiveConsent.objects.filter(
        opted_out_at__isnull=True, assessment__status=Assessment.Status.COMPLETED
    ).select_related("assessment", "programme")


@transaction.atomic
def refresh_cell(key: CellKey) -> None:
    start, end = period_bounds(key.period)
    consents = counted_consents().filter(
        postcode_area=key.postcode_area,
        age_band=key.age_band,
        programme_id=key.programme_id,
        assessment__completed_at__gte=start,
        assessment__completed_at__lt=end,
    )
    rows: dict[str, DimensionRollup] = {}
    for consent in consents:
        _add_web(rows, key, consent.assessment.dimension_scores)
    DimensionRollup.objects.filter(
        grain=DimensionRollup.Grain.FULL,
        postcode_area=key.postcode_area,
        age_band=key.age_band,
        period=key.period,
        organisation_id=key.organisation_id,
        programme_id=key.programme_id,
    ).delete()
    DimensionRollup.objects.bulk_create(rows.values())
    _refresh_coarse_for(key)


def refresh_cells(keys: Iterable[CellKey | None]) -> None:
    for key in {k for k in keys if k is not None}:
        refresh_cell(key)


@transaction.atomic
def rebuild_all() -> int:
    """Recompute every rollup from the consents; returns the number of webs counted."""
    cells: dict[CellKey, dict[str, DimensionRollup]] = defaultdict(dict)
    counted = 0
    for consent in counted_consents().iterator(chunk_size=2000):
        key = cell_key(consent)
        if key is None:
            continue
        _add_web(cells[key], key, consent.assessment.dimension_scores)
        counted += 1
    DimensionRollup.objects.all().delete()
    DimensionRollup.objects.bulk_create(
        (row for rows in cells.values() for row in rows.values()), batch_size=2000
    )
    for grain in GRAIN_KEYS:
        _refresh_coarse(grain, Q())
    return counted


def opt_in(
    assessment: Assessment,
    *,
    postcode_area: str,
    age_band: str,
    programme: Programme | None = None,
) -> CollectiveConsent:
    """Count this web anonymously; raises ValidationError (nothing changed) on bad input."""
    consent = CollectiveConsent.objects.filter(assessment=assessment).first()
    old_key = cell_key(consent) if consent and consent.is_active else None
    if consent is None:
        consent = CollectiveConsent(assessment=assessment)
    consent.postcode_area = (postcode_area or "").strip()
    consent.age_band = age_band
    consent.programme = programme
    consent.opted_in_at = timezone.now()
    consent.opted_out_at = None
    consent.full_clean(exclude=["assessment"])
    with transaction.atomic():
        consent.save()
        refresh_cells([old_key, cell_key(consent)])
    return consent


def opt_out(assessment: Assessment) -> bool:
    """Stop counting this web, in every figure from now on. False if it was not counted."""
    consent = CollectiveConsent.objects.filter(
        assessment=assessment, opted_out_at__isnull=True
    ).first()
    if consent is None:
        return False
    with transaction.atomic():
        consent.opted_out_at = timezone.now()
        consent.save(update_fields=["opted_out_at"])
        refresh_cells([cell_key(consent)])
    return True


def web_completed(assessment: Assessment) -> None:
    """Call when a web is completed (also connected to post_save): counts it if consented."""
    consent = (
        CollectiveConsent.objects.filter(assessment=assessment, opted_out_at__isnull=True)
        .select_related("assessment", "programme")
        .first()
    )
    if consent is not None:
        refresh_cells([cell_key(consent)])


def consent_removed(consent: CollectiveConsent) -> None:
    refresh_cells([cell_key(consent)])
