from django.core.management.base import BaseCommand

from assessments.retention import purge_abandoned_drafts, purge_old_drawings
from people.services import purge_unconfirmed
from sharing.retention import purge_expired


class Command(BaseCommand):
    help = (
        "Remove access-log entries older than 2 years, invitations unused for 90 days and "
        "shares stopped more than 2 years ago, and unfinished webs without an account that "
        "nobody opened for a year, drawings of webs older than a day, and accounts asked for "
        "but not confirmed within a week. "
        "Run daily (e.g. from cron)."
    )

    def handle(self, *args, **options) -> None:
        purged = purge_expired()
        drafts = purge_abandoned_drafts()
        drawn = purge_old_drawings()
        unconfirmed = purge_unconfirmed()
        self.stdout.write(
            f"Removed {purged.access_log} access-log entries, {purged.invitations} unused "
            f"invitations, {purged.shares} stopped shares, {drafts} abandoned draft webs, "
            f"{drawn} old drawings, {unconfirmed} unconfirmed accounts."
        )
