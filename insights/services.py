"""Writes: opting in and out, counting webs in the rollups and publishing closed quarters.

Counting happens after the response: a change marks its rollup cells pending (PendingRecount) in
its own transaction, and the first mark of a cell queues `insights.tasks.refresh_figures`, which
recounts every marked cell. A rollup cell is always recomputed whole from its sources by one
grouped query (the same query `rebuild_all` runs over everything), so the queue and a rebuild give
the same rollups. Publishing cuts a closed quarter's rollups into blocks (insights/disclosure.py)
once; the published figures of that quarter never change afterwards.
"""

from __future__ import annotations

import contextlib
import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from django.db import IntegrityError, connection, transaction
from django.db.models import (
    Case,
    Expression,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    IntegerField,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, ExtractQuarter, ExtractYear, Greatest, Substr
from django.db.models.lookups import GreaterThanOrEqual, In, LessThan
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend

from assessments.models import Assessment
from insights import disclosure
from insights.models import (
    CollectiveConsent,
    DimensionRollup,
    PendingRecount,
    Programme,
    PublishedFigure,
    PublishedPeriod,
)
from insights.selectors import dimension_ids
from insights.statistics import BIN_FIELDS, BINS
from sharing.guardian_consent import Purpose, require


@dataclass(frozen=True)
class CellKey:
    postcode_area: str
    age_band: str
    period: str
    programme_id: int | None

    @property
    def mark(self) -> str:
        """The cell as one text, unique per cell, for its PendingRecount row."""
        programme = "" if self.programme_id is None else self.programme_id
        return f"{self.postcode_area}/{self.age_band}/{self.period}/{programme}"


def period_of(moment: datetime.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local.year}Q{(local.month - 1) // 3 + 1}"


def period_bounds(period: str) -> tuple[datetime.datetime, datetime.datetime]:
    year, quarter = int(period[:4]), int(period[5])
    start = datetime.datetime(year, 3 * quarter - 2, 1)
    end = datetime.datetime(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
    zone = timezone.get_current_timezone()
    return timezone.make_aware(start, zone), timezone.make_aware(end, zone)


def closed_quarters(count: int) -> list[str]:
    """The `count` most recent quarters that have ended, newest first."""
    year, quarter = map(int, period_of(timezone.now()).split("Q"))
    periods = []
    for _ in range(count):
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
        periods.append(f"{year}Q{quarter}")
    return periods


def counted_moment(web: Assessment, consent: CollectiveConsent) -> datetime.datetime:
    """A web counts in the quarter it started counting: completed and consented. A quarter that
    has closed never gains webs, so its published figures stay true."""
    return max(web.completed_at, consent.opted_in_at)


def counted_snapshot(consent: CollectiveConsent, web: Assessment) -> dict | None:
    """The cell and scores this web counts with, or None when it does not count."""
    if consent.opted_out_at is not None or web.status != Assessment.Status.COMPLETED:
        return None
    scores = web.dimension_scores or {}
    wanted = dimension_ids()
    if web.completed_at is None or any(scores.get(d) is None for d in wanted):
        return None
    key = CellKey(
        consent.postcode_area,
        consent.age_band,
        period_of(counted_moment(web, consent)),
        consent.programme_id,
    )
    return {"cell": asdict(key), "scores": {d: scores[d] for d in wanted}}


def counted_consents():
    """Consents whose web counts: active, completed and every published dimension scored."""
    scored = Q()
    for dimension in dimension_ids():
        scored &= Q(**{f"assessment__dimension_scores__{dimension}__isnull": False})
        scored &= ~Q(**{f"assessment__dimension_scores__{dimension}": None})
    return CollectiveConsent.objects.filter(
        scored, opted_out_at__isnull=True, assessment__status=Assessment.Status.COMPLETED
    )


def _moment():
    return Greatest("assessment__completed_at", "opted_in_at")


def _score(dimension: str):
    """One dimension score as a number; NULL when missing or JSON null on both databases."""
    if connection.vendor == "sqlite":
        # SQLite's text transform turns JSON null into the text 'null', which casts to 0.
        return Func(
            F("assessment__dimension_scores"),
            Value(f'$."{dimension}"'),
            function="JSON_EXTRACT",
            output_field=FloatField(),
        )
    return Cast(KeyTextTransform(dimension, "assessment__dimension_scores"), FloatField())


def _local_year_and_quarter(moment: str) -> tuple[Expression, Expression]:
    """The year and quarter of `moment` on the local calendar, as database expressions."""
    zone = timezone.get_current_timezone()
    year, quarter = ExtractYear(moment, tzinfo=zone), ExtractQuarter(moment, tzinfo=zone)
    if connection.vendor != "sqlite":
        return year, quarter
    # SQLite changes time zones in Python, a call per row and part: a large part of a rebuild.
    # Offsets run from -12 to +14 hours, so a moment further than that from the start of a UTC
    # quarter lies in the same quarter everywhere; only moments near a start are converted.
    month_day, hour = Substr(moment, 6, 5), Substr(moment, 12, 2)
    near_start = Q(In(month_day, ["01-01", "04-01", "07-01", "10-01"]), LessThan(hour, "14")) | Q(
        In(month_day, ["03-31", "06-30", "09-30", "12-31"]), GreaterThanOrEqual(hour, "10")
    )
    utc_year = Cast(Substr(moment, 1, 4), IntegerField())
    utc_quarter = ExpressionWrapper(
        (Cast(Substr(moment, 6, 2), IntegerField()) + 2) / 3, output_field=IntegerField()
    )
    return (
        Case(When(near_start, then=year), default=utc_year, output_field=IntegerField()),
        Case(When(near_start, then=quarter), default=utc_quarter, output_field=IntegerField()),
    )


def _insert_rollups(where: Q) -> None:
    """Insert the rollup rows of every cell matching `where`, summed by the database in one
    INSERT ... SELECT, so no row passes through Python.

    The inner query (built by the ORM, so each database gets its own JSON and time-zone SQL)
    reads each score once; the grouped one adds up per cell; the outer one turns each cell into
    one row per dimension (plus the WEBS row), in SQL both databases share.
    """
    dims = dimension_ids()
    year, quarter = _local_year_and_quarter("moment")
    inner = (
        CollectiveConsent.objects.filter(
            opted_out_at__isnull=True, assessment__status=Assessment.Status.COMPLETED
        )
        .annotate(moment=_moment())
        .filter(where)
        .values(
            area=F("postcode_area"),
            age=F("age_band"),
            prog=F("programme_id"),
            org=F("programme__organisation_id"),
            y=year,
            q=quarter,
            **{f"s{i}": _score(d) for i, d in enumerate(dims)},
        )
    )
    inner_sql, params = inner.query.sql_with_params()
    columns = ["COUNT(*) AS webs"]
    for i in range(len(dims)):
        columns += [f"SUM(s{i}) AS t{i}", f"SUM(s{i} * s{i}) AS ss{i}"]
        lower = None
        for b, (_label, upper) in enumerate(BINS):
            condition = " AND ".join(
                c
                for c in (
                    f"s{i} >= {lower}" if lower is not None else "",
                    f"s{i} < {upper}" if upper != float("inf") else "",
                )
                if c
            )
            columns.append(f"SUM(CASE WHEN {condition} THEN 1 ELSE 0 END) AS b{i}_{b}")
            lower = upper
    scored = " AND ".join(f"s{i} IS NOT NULL" for i in range(len(dims)))
    grouped = (
        f"SELECT area, age, prog, org, y, q, {', '.join(columns)} "
        f"FROM scores WHERE {scored} GROUP BY area, age, prog, org, y, q"
    )

    def per_dimension(column: str) -> str:
        cases = " ".join(f"WHEN {i} THEN g.{column.format(i=i)}" for i in range(len(dims)))
        return f"CASE d.i {cases} ELSE 0 END"

    # d: one row per dimension; i = -1 is the WEBS row, whose sums stay 0.
    parts = " UNION ALL ".join(
        f"SELECT {i} AS i, CAST(%s AS VARCHAR(64)) AS dim" for i in range(-1, len(dims))
    )
    table = DimensionRollup._meta.db_table
    # Materialised, so each score is read from its JSON once per web: inlined, the database
    # repeated the read for every sum and bin that uses it (SQLite's rebuild took 1.6x as long).
    sql = (
        f"WITH scores AS MATERIALIZED ({inner_sql}) "
        f"INSERT INTO {table} (postcode_area, age_band, period, programme_id, organisation_id, "
        f"dimension, count, total, total_squares, {', '.join(BIN_FIELDS)}) "
        "SELECT g.area, g.age, "
        "CAST(CAST(g.y AS INTEGER) AS VARCHAR(4)) || 'Q' || "
        "CAST(CAST(g.q AS INTEGER) AS VARCHAR(1)), "
        "g.prog, g.org, d.dim, g.webs, "
        f"{per_dimension('t{i}')}, {per_dimension('ss{i}')}, "
        + ", ".join(per_dimension(f"b{{i}}_{b}") for b in range(len(BINS)))
        + f" FROM ({grouped}) g CROSS JOIN ({parts}) d"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, DimensionRollup.WEBS, *dims])


def _refresh_cell(key: CellKey) -> None:
    start, end = period_bounds(key.period)
    DimensionRollup.objects.filter(
        postcode_area=key.postcode_area,
        age_band=key.age_band,
        period=key.period,
        programme_id=key.programme_id,
    ).delete()
    where = Q(postcode_area=key.postcode_area, age_band=key.age_band, programme_id=key.programme_id)
    _insert_rollups(where & Q(moment__gte=start, moment__lt=end))


def refresh_cells(keys: Iterable[CellKey | dict | None]) -> None:
    """Recompute these rollup cells from their sources."""
    cells = {CellKey(**k) if isinstance(k, dict) else k for k in keys if k}
    for key in cells:
        with transaction.atomic():
            _refresh_cell(key)


def recount_pending() -> int:
    """Recount every cell marked pending, each in its own transaction; returns how many.

    A mark is removed in the transaction that recounts its cell, before the recount reads. A save
    that has marked the cell but not committed holds the mark's row, so the removal waits for it
    and the recount then sees its web; a save after the removal marks the cell afresh and queues
    a task of its own. A recount that fails leaves its mark for the next task.
    """
    recounted = 0
    for mark in list(PendingRecount.objects.order_by("pk")):
        with transaction.atomic():
            removed, _ = PendingRecount.objects.filter(pk=mark.pk).delete()
            if not removed:
                continue  # another worker recounted it meanwhile
            _refresh_cell(
                CellKey(mark.postcode_area, mark.age_band, mark.period, mark.programme_id)
            )
        recounted += 1
    return recounted


@transaction.atomic
def rebuild_all() -> int:
    """Recompute every rollup from the consents in one grouped query; returns the webs counted."""
    # Removed first, as in recount_pending: everything is counted afresh below.
    PendingRecount.objects.all().delete()
    DimensionRollup.objects.all().delete()
    _insert_rollups(Q())
    webs = DimensionRollup.objects.filter(dimension=DimensionRollup.WEBS).aggregate(n=Sum("count"))
    return webs["n"] or 0


def _mark_pending(cells: set[CellKey]) -> bool:
    """Mark these cells pending, in one statement; True when one of them had no mark yet.

    A cell marked already is updated, not skipped: the update holds the mark's row until this
    transaction ends, so the recount that removes it waits for this save (see recount_pending).
    """
    table = PendingRecount._meta.db_table
    ordered = sorted(cells, key=lambda c: c.mark)  # one lock order for all saves
    params = [
        value
        for c in ordered
        for value in (c.mark, c.postcode_area, c.age_band, c.period, c.programme_id)
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (cell, postcode_area, age_band, period, programme_id, saves) "
            f"VALUES {', '.join(['(%s, %s, %s, %s, %s, 1)'] * len(ordered))} "
            f"ON CONFLICT (cell) DO UPDATE SET saves = {table}.saves + 1 RETURNING saves",
            params,
        )
        return any(saves == 1 for (saves,) in cursor.fetchall())


def _queue_refresh(cells: Iterable[dict | None]) -> None:
    from insights.tasks import refresh_figures

    wanted = {CellKey(**c) for c in cells if c}
    if not wanted or not _mark_pending(wanted):
        # Every cell was marked already, so the task that recounts them is queued already.
        return
    if isinstance(refresh_figures.get_backend(), DatabaseBackend):
        # The marks and the task row commit in the save's own transaction: a crash after the
        # commit cannot lose the recount, and a rolled-back save leaves neither behind.
        refresh_figures.enqueue()
    else:
        # A queue outside the database must not start before the save is committed.
        transaction.on_commit(refresh_figures.enqueue)


def _current_cell(consent: CollectiveConsent, web: Assessment) -> dict | None:
    if web.completed_at is None:
        return None
    return asdict(
        CellKey(
            consent.postcode_area,
            consent.age_band,
            period_of(counted_moment(web, consent)),
            consent.programme_id,
        )
    )


def recount(consent: CollectiveConsent, web: Assessment, *, also: dict | None = None) -> None:
    """Queue a recount of this web's cells unless nothing it counts with has changed."""
    snapshot = counted_snapshot(consent, web)
    if snapshot == consent.counted and also is None:
        return
    previous = (consent.counted or {}).get("cell")
    # A plain statement: this runs on every autosave of a counted web, and building the ORM's
    # update took longer than the database took to run it.
    field = CollectiveConsent._meta.get_field("counted")
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {CollectiveConsent._meta.db_table} SET counted = %s WHERE id = %s",
            [field.get_db_prep_save(snapshot, connection), consent.pk],
        )
    consent.counted = snapshot
    current = snapshot["cell"] if snapshot else _current_cell(consent, web)
    _queue_refresh([previous, also, current])


def opt_in(
    assessment: Assessment,
    *,
    postcode_area: str,
    age_band: str,
    programme: Programme | None = None,
) -> CollectiveConsent:
    """Count this web anonymously; raises ValidationError (nothing changed) on bad input.

    Under 16 a parent's or guardian's consent must be recorded first (GuardianConsentNeeded).
    """
    require(assessment, Purpose.FIGURES)
    consent = CollectiveConsent.objects.filter(assessment=assessment).first()
    old_cell = (
        _current_cell(consent, assessment) if consent is not None and consent.is_active else None
    )
    if consent is None:
        consent = CollectiveConsent(assessment=assessment)
    consent.postcode_area = (postcode_area or "").strip()
    consent.age_band = age_band
    consent.programme = programme
    consent.opted_in_at = timezone.now()
    consent.opted_out_at = None
    consent.full_clean(exclude=["assessment", "counted"])
    with transaction.atomic():
        consent.save()
        recount(consent, assessment, also=old_cell or {})
    return consent


def opt_out(assessment: Assessment) -> bool:
    """Stop counting this web from now on. False if it was not counted."""
    consent = CollectiveConsent.objects.filter(
        assessment=assessment, opted_out_at__isnull=True
    ).first()
    if consent is None:
        return False
    with transaction.atomic():
        old_cell = _current_cell(consent, assessment)
        consent.opted_out_at = timezone.now()
        consent.save(update_fields=["opted_out_at"])
        recount(consent, assessment, also=old_cell or {})
    return True


def web_saved(assessment: Assessment) -> None:
    """A saved web: recount it when it counts and something counted changed."""
    consent = CollectiveConsent.objects.filter(
        assessment=assessment, opted_out_at__isnull=True
    ).first()
    if consent is not None:
        recount(consent, assessment)


def consent_removed(consent: CollectiveConsent) -> None:
    current = None
    with contextlib.suppress(Assessment.DoesNotExist):
        current = _current_cell(consent, consent.assessment)
    _queue_refresh([(consent.counted or {}).get("cell"), current])


def programme_removed(programme: Programme) -> None:
    """Before a programme is deleted: the webs counted in it count on without a programme.

    The deletion empties their consents' programme in one UPDATE that sends no signals, and
    takes the programme's rollups along. So the cells without a programme are marked to take
    those webs in, and the programme's own cells too: a recount running during the deletion may
    have written rows for it, and recounting a cell of no programme's consents removes them.
    """
    consents = list(
        CollectiveConsent.objects.filter(programme=programme).select_related("assessment")
    )
    cells = []
    for consent in consents:
        cells.append((consent.counted or {}).get("cell"))
        consent.programme_id = None
        consent.counted = counted_snapshot(consent, consent.assessment)
        if consent.counted:
            cell = consent.counted["cell"]
            cells += [cell, {**cell, "programme_id": programme.pk}]
    CollectiveConsent.objects.bulk_update(consents, ["counted"])
    _queue_refresh(cells)


# Publishing ---------------------------------------------------------------------------------


def _cells_of(period: str) -> list[disclosure.Cell]:
    per_cell: dict[tuple, dict] = defaultdict(dict)
    organisations: dict[tuple, int | None] = {}
    for row in DimensionRollup.objects.filter(period=period).values():
        key = (row["postcode_area"], row["age_band"], row["programme_id"])
        organisations[key] = row["organisation_id"]
        per_cell[key][row["dimension"]] = row
    cells = []
    for (area, age, programme_id), rows in per_cell.items():
        webs = rows.pop(DimensionRollup.WEBS, {}).get("count", 0)
        if not webs:
            continue
        figures = {
            dimension: disclosure.Figures(
                row["count"], row["total"], row["total_squares"], tuple(row[f] for f in BIN_FIELDS)
            )
            for dimension, row in rows.items()
        }
        cells.append(
            disclosure.Cell(
                area, age, programme_id, organisations[(area, age, programme_id)], webs, figures
            )
        )
    return cells


def _figure_rows(period: str, block: disclosure.Block) -> list[PublishedFigure]:
    common = {
        "period": period,
        "year": int(period[:4]),
        "area_key": block.areas.key,
        "area_label": block.areas.label,
        "age_band": block.age_band,
        "programme_id": block.programme_id,
        "programme_combined": block.programme_combined,
        "organisation_id": block.organisation_id,
    }
    rows = [PublishedFigure(dimension=DimensionRollup.WEBS, count=block.webs, **common)]
    for dimension, sums in block.figures.items():
        rows.append(
            PublishedFigure(
                dimension=dimension,
                count=sums.count,
                total=sums.total,
                total_squares=sums.total_squares,
                **dict(zip(BIN_FIELDS, sums.bins, strict=True)),
                **common,
            )
        )
    return rows


def publish_period(period: str) -> bool:
    """Publish a closed quarter once; False when it was published already or is still open."""
    if period >= period_of(timezone.now()):
        return False
    try:
        with transaction.atomic():
            published = PublishedPeriod.objects.create(period=period)
            blocks = disclosure.blocks(_cells_of(period))
            rows = [row for block in blocks for row in _figure_rows(period, block)]
            PublishedFigure.objects.bulk_create(rows, batch_size=2000)
            published.webs = sum(block.webs for block in blocks)
            published.save(update_fields=["webs"])
    except IntegrityError:
        return False
    return True


def unpublished_periods() -> list[str]:
    current = period_of(timezone.now())
    done = set(PublishedPeriod.objects.values_list("period", flat=True))
    periods = DimensionRollup.objects.filter(period__lt=current).values_list("period", flat=True)
    return sorted(set(periods.distinct().order_by()) - done)


def publish_closed_periods() -> list[str]:
    """Publish every closed quarter that is not published yet; returns those published now."""
    return [period for period in unpublished_periods() if publish_period(period)]


# Programme evaluation -------------------------------------------------------------------------

EVALUATION_QUARTERS = 4


def programme_pairs(period: str) -> dict[int, list[tuple[dict, dict]]]:
    """Per programme, (first web, newest web) of each participant whose newest counted web of
    the programme fell in this quarter."""
    start, end = period_bounds(period)
    consents = (
        counted_consents()
        .filter(programme__isnull=False)
        .annotate(moment=_moment())
        .filter(moment__lt=end)
        .order_by("moment", "pk")
        .values_list(
            "programme_id",
            "assessment__owner_id",
            "assessment__series",
            "moment",
            "assessment__dimension_scores",
        )
    )
    webs: dict[tuple, list] = defaultdict(list)
    for programme_id, owner_id, series, moment, scores in consents:
        person = f"u{owner_id}" if owner_id else f"s{series}"
        webs[(programme_id, person)].append((moment, scores))
    pairs: dict[int, list[tuple[dict, dict]]] = defaultdict(list)
    for (programme_id, _person), history in webs.items():
        if len(history) >= 2 and history[-1][0] >= start:
            pairs[programme_id].append((history[0][1], history[-1][1]))
    return pairs


def publish_programme_period(period: str) -> bool:
    """Publish every programme's evaluation for one closed quarter, once."""
    from insights.models import ProgrammeFigures, Publication
    from insights.statistics import MINIMUM_PAIRS, paired_change

    if period >= period_of(timezone.now()):
        return False
    rows = []
    for programme_id, pairs in programme_pairs(period).items():
        if len(pairs) < MINIMUM_PAIRS:
            continue
        results = {}
        for dimension in dimension_ids():
            change = paired_change([(first[dimension], last[dimension]) for first, last in pairs])
            results[dimension] = [
                change.mean_difference,
                change.confidence_low,
                change.confidence_high,
                change.effect_size,
            ]
        rows.append(
            ProgrammeFigures(
                programme_id=programme_id, period=period, pairs=len(pairs), results=results
            )
        )
    try:
        with transaction.atomic():
            Publication.objects.create(kind=Publication.Kind.PROGRAMME, period=period)
            ProgrammeFigures.objects.bulk_create(rows)
    except IntegrityError:
        return False
    return True


def publish_programme_evaluations() -> None:
    from insights.models import Publication

    wanted = closed_quarters(EVALUATION_QUARTERS)
    done = set(
        Publication.objects.filter(kind=Publication.Kind.PROGRAMME, period__in=wanted).values_list(
            "period", flat=True
        )
    )
    for period in sorted(set(wanted) - done):
        publish_programme_period(period)
