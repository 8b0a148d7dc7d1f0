"""A fictional client of the demo professional: two webs, a conversation and two steps."""

from datetime import timedelta

from django.utils import timezone

from assessments.models import Assessment
from assessments.services import Submission, complete_assessment, save_submission, start_assessment
from conversations.models import Conversation, Step
from instruments.selectors import latest_version
from organisations.demo import ORGANISATION_SLUG
from organisations.models import Organisation
from people.models import User
from sharing.demo import PROFESSIONAL_EMAIL
from sharing.models import Share

CLIENT_EMAIL = "client@zonnedal.example"
CLIENT_PASSWORD = "client-demo-2026"
CLIENT_WEBS = [(70, "intake", (4, 5, 5, 6, 3, 5)), (10, "midway", (5, 5, 6, 6, 5, 6))]
ANSWERS = {
    "strikes": "Meedoen is het laagst; ik zie weinig mensen.",
    "important": "Mijn kleinkinderen en buiten zijn.",
    "wheel_now": "Ik kom de deur weinig uit sinds mijn verhuizing.",
    "wheel_want": "Een keer per week iets samen met anderen doen.",
    "wheel_can": "Ik kan goed wandelen en koffie zetten.",
    "wheel_holding": "Ik ken hier nog niemand.",
    "wheel_need": "Iemand die de eerste keer meegaat.",
    "wheel_decide": "Ik ga naar de koffieochtend in het buurthuis.",
}


def _webs(client: User) -> list[Assessment]:
    version = latest_version("bredeblik-kort")
    webs = []
    for days_ago, moment, scores in CLIENT_WEBS:
        web = start_assessment(version, owner=client, moment=moment)
        answers = {
            item.id: score
            for dimension, score in zip(version.parsed.dimensions, scores, strict=True)
            for item in dimension.items
        }
        save_submission(web, Submission(answers=answers))
        complete_assessment(web)
        when = timezone.now() - timedelta(days=days_ago)
        Assessment.objects.filter(pk=web.pk).update(created_at=when, completed_at=when)
        webs.append(web)
    return webs


def load() -> str:
    organisation = Organisation.objects.filter(slug=ORGANISATION_SLUG).first()
    professional = User.objects.filter(email=PROFESSIONAL_EMAIL).first()
    if organisation is None or professional is None:
        return ""
    client, created = User.objects.get_or_create(
        email=CLIENT_EMAIL, defaults={"display_name": "Sanne Jansen (fictief)"}
    )
    if created:
        client.set_password(CLIENT_PASSWORD)
        client.save()
    if Conversation.objects.filter(person=client, professional=professional).exists():
        return f"client {CLIENT_EMAIL} already has a conversation"
    webs = list(Assessment.objects.filter(owner=client).order_by("created_at")) or _webs(client)
    Share.objects.get_or_create(
        owner=client,
        professional=professional,
        assessment=None,
        organisation=organisation,
        defaults={"starts_at": timezone.now() - timedelta(days=100)},
    )
    conversation = Conversation.objects.create(
        professional=professional,
        person=client,
        organisation=organisation,
        theme_kind=Conversation.ThemeKind.DIMENSION,
        theme="meedoen",
        postcode_area="3511",
        answers=ANSWERS,
    )
    conversation.assessments.set(webs)
    today = timezone.localdate()
    Step.objects.create(
        conversation=conversation,
        text="Naar de koffieochtend in het buurthuis",
        actor=Step.Actor.PERSON,
        due_date=today - timedelta(days=3),
    )
    Step.objects.create(
        conversation=conversation,
        text="Eerste keer samen gaan",
        actor=Step.Actor.OTHER,
        actor_name="Vrijwilliger Kees (fictief)",
        due_date=today + timedelta(days=10),
    )
    return f"client {CLIENT_EMAIL} / {CLIENT_PASSWORD}: two webs, a conversation, two steps"
