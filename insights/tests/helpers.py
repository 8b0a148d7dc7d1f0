"""Builders for insight tests."""

import datetime

from django.test import TestCase
from django.utils import timezone

from assessments.models import Assessment
from assessments.services import complete_assessment
from assessments.tests.factories import make_web
from insights import services
from insights.models import Analyst, CollectiveConsent
from people.models import User


def in_quarter(year: int | None = None, quarter: int = 2) -> datetime.datetime:
    """A moment in the middle of a quarter that has closed (last year's by default)."""
    year = year or timezone.now().year - 1
    return timezone.make_aware(datetime.datetime(year, 3 * quarter - 1, 15, 12))


def moment_in(period: str) -> datetime.datetime:
    return services.period_bounds(period)[0] + datetime.timedelta(days=10)


def live_web(scores=(6, 7, 5, 8, 4, 6), *, area="9991", age="45-64", programme=None, **kw):
    """A web completed and counted now, through the queue (run when the transaction commits)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        web = make_web(scores, complete=False, **kw)
        services.opt_in(web, postcode_area=area, age_band=age, programme=programme)
        return complete_assessment(web)


def counted_web(
    scores=(6, 7, 5, 8, 4, 6), *, area="9991", age="45-64", programme=None, when=None, **kw
):
    """A web that counted in a closed quarter; call `publish()` once the data are in place."""
    web = make_web(scores, **kw)
    moment = when or in_quarter()
    Assessment.objects.filter(pk=web.pk).update(completed_at=moment)
    web.completed_at = moment
    CollectiveConsent.objects.create(
        assessment=web, postcode_area=area, age_band=age, programme=programme, opted_in_at=moment
    )
    return web


def publish() -> list[str]:
    """Count everything and publish every closed quarter, as the worker would."""
    services.rebuild_all()
    return services.publish_closed_periods()


def analyst(email="analist@zonnedal.example", areas=("9990", "9991"), national=False) -> User:
    user = User.objects.create_user(email, "a-long-test-password")
    Analyst.objects.create(user=user, postcode_areas=list(areas), is_national=national)
    return user
