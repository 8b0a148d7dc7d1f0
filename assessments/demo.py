"""A fictional resident with three webs over half a year, to show history and comparison."""

from datetime import timedelta

from django.utils import timezone

from assessments.models import Assessment
from assessments.services import Submission, complete_assessment, save_submission, start_assessment
from instruments.selectors import latest_version
from people.models import User

DEMO_EMAIL = "bewoner@zonnedal.example"
DEMO_PASSWORD = "demo-wachtwoord-2026"
# Scores per dimension at intake, three months later and six months later (fictional).
DEMO_WEBS = [
    (180, "intake", (5, 4, 5, 6, 3, 5)),
    (90, "midway", (6, 5, 5, 6, 5, 6)),
    (5, "end", (6, 6, 7, 7, 6, 7)),
]


def load() -> str:
    resident, created = User.objects.get_or_create(
        email=DEMO_EMAIL, defaults={"display_name": "Sam de Vries (fictief)"}
    )
    if created:
        resident.set_password(DEMO_PASSWORD)
        resident.save()
    if Assessment.objects.filter(owner=resident).exists():
        return f"resident {DEMO_EMAIL} already has webs"
    version = latest_version("bredeblik-volwassenen")
    for days_ago, moment, scores in DEMO_WEBS:
        web = start_assessment(version, owner=resident, moment=moment)
        answers = {}
        for dimension, score in zip(version.parsed.dimensions, scores, strict=True):
            for offset, item in enumerate(dimension.items):
                answers[item.id] = max(0, min(10, score + (offset % 3) - 1))
        flags = [version.parsed.dimensions[4].items[0].id] if moment == "end" else []
        notes = (
            {"meedoen": "Sinds kort bij het wandelgroepje op dinsdag."} if moment == "end" else {}
        )
        save_submission(web, Submission(answers=answers, flags=flags, notes=notes))
        complete_assessment(web)
        when = timezone.now() - timedelta(days=days_ago)
        Assessment.objects.filter(pk=web.pk).update(created_at=when, completed_at=when)
    return f"resident {DEMO_EMAIL} / {DEMO_PASSWORD} with {len(DEMO_WEBS)} webs"
