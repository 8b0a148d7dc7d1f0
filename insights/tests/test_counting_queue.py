"""The database queue: saves mark their cells pending, one task recounts every marked cell."""

import threading
import time
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from assessments.services import Submission, save_submission
from insights import services
from insights.models import DimensionRollup, PendingRecount
from insights.tests.helpers import live_web

DATABASE_QUEUE = override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
)


def answer(web, value: float) -> None:
    """One changed answer in the web's first dimension, saved as an autosave does."""
    item = web.instrument.parsed.dimensions[0].items[0].id
    with transaction.atomic():
        save_submission(web, Submission(answers={item: value}, flags=()))


def rollups() -> list[tuple]:
    fields = ["postcode_area", "age_band", "period", "programme_id", "dimension", "count", "total"]
    return sorted(DimensionRollup.objects.values_list(*fields))


def lichaamsfuncties_total(area: str) -> float:
    return DimensionRollup.objects.get(postcode_area=area, dimension="lichaamsfuncties").total


def run_worker() -> None:
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def assert_figures_equal_a_rebuild() -> None:
    live = rollups()
    services.rebuild_all()
    assert live == rollups()


@pytest.mark.django_db(transaction=True)
def test_saves_into_one_cell_leave_one_mark_and_one_task_and_the_worker_counts_them_all():
    first, second = live_web(area="9991"), live_web(area="9991")
    with DATABASE_QUEUE:
        answer(first, 1)
        answer(second, 2)
        answer(first, 3)
        assert PendingRecount.objects.count() == 1
        assert PendingRecount.objects.get().saves == 3
        assert DBTaskResult.objects.count() == 1  # queued by the first save only
        run_worker()
    assert not PendingRecount.objects.exists()
    assert lichaamsfuncties_total("9991") == 3 + 2
    assert_figures_equal_a_rebuild()


@pytest.mark.django_db(transaction=True)
def test_a_save_rolled_back_leaves_nothing_pending():
    web = live_web()
    with DATABASE_QUEUE, pytest.raises(RuntimeError), transaction.atomic():
        answer(web, 1)
        assert PendingRecount.objects.count() == 1
        raise RuntimeError("the request fails after the save")
    assert not PendingRecount.objects.exists()
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_cell_marked_while_the_worker_recounts_is_not_lost():
    done, now, still_to_come = (live_web(area=area) for area in ("9991", "9992", "9993"))
    real_refresh = services._refresh_cell

    def save_meanwhile(key):
        if key.postcode_area == "9992":
            answer(done, 1)  # its cell is recounted already: the new mark must outlive the drain
            answer(still_to_come, 2)  # its mark was read and is still to come: counted in turn
        real_refresh(key)

    with DATABASE_QUEUE:
        for web in (done, now, still_to_come):
            answer(web, 9)
        assert DBTaskResult.objects.count() == 3
        with mock.patch.object(services, "_refresh_cell", save_meanwhile):
            assert services.recount_pending() == 3
        assert list(PendingRecount.objects.values_list("postcode_area", flat=True)) == ["9991"]
        assert DBTaskResult.objects.count() == 4  # the new mark queued a task of its own
        assert lichaamsfuncties_total("9993") == 2
        run_worker()
    assert not PendingRecount.objects.exists()
    assert lichaamsfuncties_total("9991") == 1
    assert_figures_equal_a_rebuild()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite runs one writer at a time: no race to lose"
)
def test_on_postgresql_a_recount_waits_for_a_save_that_marked_its_cell_and_has_not_committed():
    web = live_web()
    marked = threading.Event()

    def save_and_commit_a_moment_later():
        try:
            with transaction.atomic():
                item = web.instrument.parsed.dimensions[0].items[0].id
                save_submission(web, Submission(answers={item: 1}, flags=()))
                marked.set()
                time.sleep(0.5)  # the recount below starts meanwhile
        finally:
            connection.close()

    with DATABASE_QUEUE:
        answer(web, 9)  # the cell's mark, committed
        saver = threading.Thread(target=save_and_commit_a_moment_later)
        saver.start()
        assert marked.wait(10)
        services.recount_pending()
        saver.join()
    assert lichaamsfuncties_total("9991") == 1
    assert not PendingRecount.objects.exists()
    assert_figures_equal_a_rebuild()
