"""Fictional figures for 'Gemeente Zonnedal (fictief)': an analyst, a few hundred counted webs and a
coaching programme with paired first and last webs."""

from __future__ import annotations

import random
import uuid
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from assessments.models import Answer, Assessment
from insights.models import AgeBand, Analyst, CollectiveConsent, Programme
from insights.services import closed_quarters, period_bounds, publish_closed_periods, rebuild_all
from instruments.selectors import latest_version
from organisations.demo import give_demo_device
from organisations.models import Organisation
from people.models import User

ANALYST_EMAIL = "analist@zonnedal.example"
ANALYST_PASSWORD = "demo-wachtwoord-2026"
AREAS = [str(area) for area in range(9990, 10000)]
WEBS = 360
PROGRAMME_PARTICIPANTS = 14


def _web(version, rng: random.Random, completed_at, *, shift: float = 0, series=None):
    web = Assessment(
        instrument=version,
        status=Assessment.Status.COMPLETED,
        completed_at=completed_at,
        series=series or uuid.uuid4(),
    )
    answers, scores = [], {}
    for dimension in version.parsed.dimensions:
        score = max(0, min(10, round(rng.gauss(6.2 + shift, 1.8))))
        scores[dimension.id] = float(score)
        answers += [(item.id, float(score)) for item in dimension.items]
    web.dimension_scores = scores
    return web, answers


@transaction.atomic
def load() -> str:
    analyst_user, created = User.objects.get_or_create(
        email=ANALYST_EMAIL, defaults={"display_name": "Analist Zonnedal (fictief)"}
    )
    if created:
        analyst_user.set_password(ANALYST_PASSWORD)
        analyst_user.save()
    # Analysts log in with two steps; the demo analyst shares the demo staff's fictional secret.
    give_demo_device(analyst_user)
    municipality, _ = Organisation.objects.get_or_create(
        slug="gemeente-zonnedal-fictief", defaults={"name": "Gemeente Zonnedal (fictief)"}
    )
    Analyst.objects.get_or_create(
        user=analyst_user, defaults={"organisation": municipality, "postcode_areas": AREAS}
    )
    programme, created = Programme.objects.get_or_create(
        organisation=municipality,
        name="Leefstijlcoaching Zonnedal (fictief)",
    )
    summary = f"analyst {ANALYST_EMAIL} / {ANALYST_PASSWORD}, figures at /inzicht/"
    if not created:
        return summary + " (already loaded)"

    version = latest_version("bredeblik-kort")
    rng = random.Random(2026)
    now = timezone.now()
    webs, consents = [], []
    for _web_number in range(WEBS):
        completed_at = now - timedelta(days=rng.randint(1, 720))
        web, answers = _web(version, rng, completed_at)
        webs.append((web, answers))
        consents.append((rng.choice(AREAS[:6]), rng.choice(AgeBand.values[2:]), None))
    # Intake two quarters back, the last web in the quarter that ended most recently, so the
    # evaluation of that quarter has all participants.
    last_quarter, _previous, intake_quarter = closed_quarters(3)
    for _person in range(PROGRAMME_PARTICIPANTS):
        series = uuid.uuid4()
        start = period_bounds(intake_quarter)[0] + timedelta(days=rng.randint(1, 80))
        end = period_bounds(last_quarter)[0] + timedelta(days=rng.randint(1, 80))
        area, age = rng.choice(AREAS), rng.choice(AgeBand.values[2:])
        for shift, when in ((0, start), (0.8, end)):
            webs.append(_web(version, rng, when, shift=shift, series=series))
            consents.append((area, age, programme))
    for (web, answers), (area, age, chosen) in zip(webs, consents, strict=True):
        web.save()
        Answer.objects.bulk_create(
            Answer(assessment=web, item_id=item, value=value) for item, value in answers
        )
        CollectiveConsent.objects.create(
            assessment=web,
            postcode_area=area,
            age_band=age,
            programme=chosen,
            opted_in_at=web.completed_at,
        )
    counted = rebuild_all()
    publish_closed_periods()
    return f"{summary}; {counted} counted webs, programme with {PROGRAMME_PARTICIPANTS} pairs"
