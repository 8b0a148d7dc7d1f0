import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.services import save_submission
from assessments.tests.factories import make_web
from insights import services
from insights.models import CollectiveConsent, DimensionRollup, Programme, PublishedFigure
from insights.tests.helpers import counted_web, in_quarter, live_web, publish
from organisations.models import Organisation
from people.models import User
from sharing.tests.helpers import verified_login

after_commit = TestCase.captureOnCommitCallbacks


ROLLUP_VALUES = (
    "postcode_area",
    "age_band",
    "period",
    "programme_id",
    "organisation_id",
    "dimension",
    "count",
    "total",
    "bin_0_2",
    "bin_9_10",
)


def webs_counted() -> int:
    return sum(DimensionRollup.objects.filter(dimension="*").values_list("count", flat=True))


def dimension_total(dimension: str) -> tuple[int, float]:
    rows = DimensionRollup.objects.filter(dimension=dimension)
    return sum(r.count for r in rows), sum(r.total for r in rows)


@pytest.mark.django_db
def test_completing_a_consented_web_counts_it_without_an_explicit_call():
    live_web((6, 7, 5, 8, 4, 6))
    live_web((8, 7, 5, 8, 4, 6))
    assert webs_counted() == 2
    assert dimension_total("lichaamsfuncties") == (2, 14.0)


@pytest.mark.django_db
def test_a_web_without_consent_or_not_completed_does_not_count():
    make_web()
    draft = make_web(complete=False)
    services.opt_in(draft, postcode_area="9991", age_band="45-64")
    assert webs_counted() == 0


@pytest.mark.django_db
def test_opting_out_removes_the_web_from_figures_at_once():
    keep = live_web((6, 6, 6, 6, 6, 6))
    leave = live_web((2, 2, 2, 2, 2, 2))
    with after_commit(execute=True):
        assert services.opt_out(leave)
    assert webs_counted() == 1
    assert dimension_total("zingeving") == (1, 6.0)
    assert CollectiveConsent.objects.get(assessment=leave).opted_out_at is not None
    # a later save of the web does not bring it back
    leave.save()
    assert webs_counted() == 1
    assert keep.collective_consent.is_active


@pytest.mark.django_db
def test_erasing_a_web_removes_it_from_figures():
    web = live_web()
    live_web()
    with after_commit(execute=True):
        web.delete()
    assert webs_counted() == 1


@pytest.mark.django_db
def test_changing_the_area_moves_the_web():
    web = live_web(area="9991")
    with after_commit(execute=True):
        services.opt_in(web, postcode_area="9992", age_band="45-64")
    webs = DimensionRollup.objects.filter(dimension="*", count__gt=0)
    areas = set(webs.values_list("postcode_area", flat=True))
    assert areas == {"9992"}
    assert webs_counted() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("area", ["", "123", "0999", "12a4", "12345", "1234 AB"])
def test_bad_postcode_area_is_refused_and_nothing_stored(area):
    web = make_web()
    with pytest.raises(ValidationError):
        services.opt_in(web, postcode_area=area, age_band="45-64")
    assert not CollectiveConsent.objects.exists()


@pytest.mark.django_db
def test_rebuild_gives_the_same_rollups_as_the_live_updates():
    for i in range(5):
        live_web((i, 5, 6, 3, 8, 9), area=f"999{i % 2}")
    live_web((1, 5, 6, None, 8, 9))  # a part left empty: not counted anywhere
    left = live_web((1, 1, 1, 1, 1, 1))
    with after_commit(execute=True):
        services.opt_out(left)
    fields = (
        "postcode_area",
        "age_band",
        "period",
        "dimension",
        "count",
        "total",
        "bin_0_2",
        "bin_9_10",
    )
    live = sorted(DimensionRollup.objects.values_list(*fields))
    call_command("rebuild_insights", verbosity=0)
    call_command("rebuild_insights", verbosity=0)
    assert sorted(DimensionRollup.objects.values_list(*fields)) == live
    assert dimension_total("kwaliteit_van_leven") == (5, 15.0)
    assert webs_counted() == 5


@pytest.mark.django_db
def test_person_opts_in_and_out_on_the_result_page(client):
    web = make_web()
    result = reverse("assessments:result", args=[web.access_token])
    html = client.get(result).content.decode()
    assert reverse("insights:opt_in", args=[web.access_token]) in html
    with after_commit(execute=True):
        response = client.post(
            reverse("insights:opt_in", args=[web.access_token]),
            {"postcode_area": "9991", "age_band": "30-44", "agree": "yes"},
        )
    assert response.status_code == 302
    consent = CollectiveConsent.objects.get(assessment=web)
    assert consent.postcode_area == "9991"
    assert webs_counted() == 1
    with after_commit(execute=True):
        client.post(reverse("insights:opt_out", args=[web.access_token]))
    assert webs_counted() == 0


@pytest.mark.django_db
def test_bad_input_on_the_form_changes_nothing(client):
    web = make_web()
    client.post(
        reverse("insights:opt_in", args=[web.access_token]),
        {"postcode_area": "12", "age_band": "30-44", "agree": "yes"},
    )
    client.post(
        reverse("insights:opt_in", args=[web.access_token]),
        {"postcode_area": "9991", "age_band": "30-44"},
    )
    assert not CollectiveConsent.objects.exists()


@pytest.mark.django_db
def test_someone_else_cannot_opt_in_or_out_for_a_web_with_an_owner(client):
    owner = User.objects.create_user("eigenaar@example.org", "a-long-test-password")
    web = live_web(owner=owner)
    other = User.objects.create_user("ander@example.org", "a-long-test-password")
    verified_login(client, other)
    response = client.post(reverse("insights:opt_out", args=[web.access_token]))
    assert response.status_code == 404
    response = client.post(
        reverse("insights:opt_in", args=[web.access_token]),
        {"postcode_area": "1234", "age_band": "30-44", "agree": "yes"},
    )
    assert response.status_code == 404
    assert CollectiveConsent.objects.get(assessment=web).postcode_area == "9991"
    assert webs_counted() == 1


@pytest.mark.django_db
def test_counting_waits_for_the_commit_and_runs_in_the_queue():
    web = make_web(complete=False)
    with after_commit() as callbacks:
        services.opt_in(web, postcode_area="9991", age_band="45-64")
        from assessments.services import complete_assessment

        complete_assessment(web)
        assert webs_counted() == 0  # nothing counted inside the resident's request
    assert callbacks
    for callback in callbacks:
        callback()
    assert webs_counted() == 1


@pytest.mark.django_db
def test_saves_that_change_nothing_counted_queue_nothing():
    web = live_web()
    with after_commit() as callbacks:
        web.save()
        web.save(update_fields=["updated_at"] if hasattr(web, "updated_at") else None)
    assert callbacks == []
    # a changed answer in a completed web does recount, with the new score
    item = web.instrument.parsed.dimensions[0].items[0].id
    from assessments.services import Submission

    with after_commit(execute=True) as callbacks:
        save_submission(web, Submission(answers={item: 2}, flags=()))
        web.refresh_from_db()
        web.save()
    assert callbacks
    assert dimension_total("lichaamsfuncties") == (1, web.dimension_scores["lichaamsfuncties"])


@pytest.mark.django_db
def test_published_quarters_do_not_change_when_a_web_leaves_later():
    webs = [counted_web((5, 5, 5, 5, 5, 5), area="9991") for _ in range(12)]
    assert publish() == [f"{in_quarter().year}Q2"]
    before = sorted(PublishedFigure.objects.values_list("dimension", "count", "total"))
    with after_commit(execute=True):
        services.opt_out(webs[0])
        webs[1].delete()
    assert webs_counted() == 10  # the rollups follow at once...
    publish()
    # ...but a published quarter stays as it was: a second version would give the leavers away
    assert sorted(PublishedFigure.objects.values_list("dimension", "count", "total")) == before


@pytest.mark.django_db
def test_the_open_quarter_is_not_published():
    live_web()
    assert publish() == []
    assert not PublishedFigure.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_with_the_database_queue_the_count_commits_with_the_save_or_not_at_all():
    from django.db import transaction
    from django.test import override_settings
    from django_tasks_db.models import DBTaskResult

    from assessments.services import Submission

    web = live_web()
    item = web.instrument.parsed.dimensions[0].items[0].id
    before = dimension_total("lichaamsfuncties")
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        with pytest.raises(RuntimeError), transaction.atomic():
            save_submission(web, Submission(answers={item: 1}, flags=()))
            assert DBTaskResult.objects.count() == 1  # queued inside the save's transaction
            raise RuntimeError("the save fails after queueing")
        assert DBTaskResult.objects.count() == 0  # and its task went with it
        with transaction.atomic():
            save_submission(web, Submission(answers={item: 2}, flags=()))
        assert DBTaskResult.objects.count() == 1
        assert dimension_total("lichaamsfuncties") == before  # counted by the worker, not here
        call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    web.refresh_from_db()
    assert dimension_total("lichaamsfuncties") == (1, web.dimension_scores["lichaamsfuncties"])


QUARTER_STARTS = [
    datetime.datetime(year, month, 1, tzinfo=datetime.UTC)
    for year in (2024, 2025)
    for month in (1, 4, 7, 10)
]


@pytest.mark.django_db
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    start=st.sampled_from(QUARTER_STARTS),
    minutes=st.integers(min_value=-20 * 60, max_value=20 * 60)
    | st.integers(min_value=-45 * 24 * 60, max_value=45 * 24 * 60),
    zone=st.sampled_from(["Europe/Amsterdam", "Pacific/Kiritimati", "Pacific/Pago_Pago"]),
)
def test_a_rebuild_counts_each_web_in_its_local_quarter(start, minutes, zone):
    moment = start + datetime.timedelta(minutes=minutes)
    with timezone.override(zoneinfo.ZoneInfo(zone)):
        CollectiveConsent.objects.all().delete()
        counted_web(when=moment)
        services.rebuild_all()
        periods = set(DimensionRollup.objects.values_list("period", flat=True))
        assert periods == {services.period_of(moment)}


@pytest.mark.django_db
def test_a_rebuild_writes_no_key_index_or_check_and_a_removed_programme_takes_its_rows():
    organisation = Organisation.objects.create(name="Buurtteam", slug="buurtteam")
    programme = Programme.objects.create(organisation=organisation, name="Coaching")
    counted_web(programme=programme)
    counted_web(area="9990")
    services.rebuild_all()
    table = DimensionRollup._meta.db_table
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, table)
    indexed = [
        tuple(info["columns"])
        for info in found.values()
        if info["index"] and not info["primary_key"]
    ]
    # Every row of a rebuild writes each index and is checked against each foreign key: besides
    # the key, only the lookup of a cell has an index, and the rows are counted from consents
    # whose own keys are checked.
    assert indexed == [("period", "postcode_area", "age_band")]
    assert [info["foreign_key"] for info in found.values() if info["foreign_key"]] == []
    assert DimensionRollup.objects.filter(programme=programme).count() == 7
    removed = programme.pk
    with after_commit(execute=True):
        programme.delete()
    assert not DimensionRollup.objects.filter(programme_id=removed).exists()
    assert webs_counted() == 2


@pytest.mark.django_db
def test_the_webs_of_a_deleted_programme_count_on_without_it():
    organisation = Organisation.objects.create(name="Buurtteam", slug="buurtteam")
    coaching = Programme.objects.create(organisation=organisation, name="Coaching")
    walking = Programme.objects.create(organisation=organisation, name="Wandelen")
    live_web((6, 7, 5, 8, 4, 6), programme=coaching)
    live_web((2, 3, 4, 5, 6, 7), programme=coaching)
    live_web((8, 8, 8, 8, 8, 8), programme=walking)
    live_web((5, 5, 5, 5, 5, 5))
    before = dimension_total("zingeving")
    removed = coaching.pk
    # A recount that ran while the programme was being deleted wrote a row for it.
    orphan = DimensionRollup.objects.filter(programme_id=removed).first()
    with after_commit(execute=True):
        coaching.delete()
        DimensionRollup.objects.create(
            postcode_area=orphan.postcode_area,
            age_band=orphan.age_band,
            period=orphan.period,
            programme_id=removed,
            dimension=DimensionRollup.WEBS,
            count=2,
        )
    # Its two webs are in the figures once, now without a programme; the other programme's
    # web keeps its own.
    assert webs_counted() == 4
    assert dimension_total("zingeving") == before
    assert not DimensionRollup.objects.filter(programme_id=removed).exists()
    no_programme = DimensionRollup.objects.filter(dimension="*", programme__isnull=True)
    assert sum(no_programme.values_list("count", flat=True)) == 3
    assert DimensionRollup.objects.get(dimension="*", programme=walking).count == 1
    live = set(DimensionRollup.objects.values_list(*ROLLUP_VALUES))
    services.rebuild_all()
    assert live == set(DimensionRollup.objects.values_list(*ROLLUP_VALUES))
    # Their next save changes nothing counted, so it is not recounted again.
    with after_commit() as callbacks:
        for consent in CollectiveConsent.objects.all():
            services.web_saved(consent.assessment)
    assert callbacks == []
