"""Builders for insight tests."""

from assessments.tests.factories import make_web
from insights import services
from insights.models import Analyst
from people.models import User


def counted_web(scores=(6, 7, 5, 8, 4, 6), *, area="9991", age="45-64", programme=None, **kw):
    """A completed web that counts in the figures."""
    web = make_web(scores, complete=False, **kw)
    services.opt_in(web, postcode_area=area, age_band=age, programme=programme)
    from assessments.services import complete_assessment

    return complete_assessment(web)


def analyst(email="analist@zonnedal.example", areas=("9990", "9991"), national=False) -> User:
    user = User.objects.create_user(email, "a-long-test-password")
    Analyst.objects.create(user=user, postcode_areas=list(areas), is_national=national)
    return user
