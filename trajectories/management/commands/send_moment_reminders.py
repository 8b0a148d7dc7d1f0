"""Daily trigger for reminders of planned moments (cron or a systemd timer in production)."""

from django.core.management.base import BaseCommand

from trajectories.tasks import send_due_reminders


class Command(BaseCommand):
    help = "Queue the task that emails clients whose planned trajectory moment is due."

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            action="store_true",
            help="Send in this process instead of queueing for the db_worker.",
        )

    def handle(self, *args, now: bool = False, **options):
        if now:
            sent = send_due_reminders.call()
            self.stdout.write(f"{sent} reminder(s) sent.")
        else:
            result = send_due_reminders.enqueue()
            self.stdout.write(f"Reminders queued (task {result.id}).")
