"""The demo professional's client has planned moments: an end date this week, a return day later."""

from datetime import timedelta

from django.utils import timezone

from conversations.demo import CLIENT_EMAIL
from people.models import User
from sharing.demo import PROFESSIONAL_EMAIL
from trajectories.models import PlannedMoment


def load() -> str:
    client = User.objects.filter(email=CLIENT_EMAIL).first()
    professional = User.objects.filter(email=PROFESSIONAL_EMAIL).first()
    if client is None or professional is None:
        return "no demo client"
    today = timezone.localdate()
    sunday = today + timedelta(days=6 - today.weekday())
    for moment, due_on in (("end", sunday), ("return_day", sunday + timedelta(days=90))):
        PlannedMoment.objects.get_or_create(
            client=client, professional=professional, moment=moment, defaults={"due_on": due_on}
        )
    return f"planned moments for {CLIENT_EMAIL}, one due this week"
