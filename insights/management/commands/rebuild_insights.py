from django.core.management.base import BaseCommand

from insights.services import rebuild_all


class Command(BaseCommand):
    help = "Recompute the neighbourhood figures (rollups) from the consents. Safe to run any time."

    def handle(self, *args, **options) -> None:
        counted = rebuild_all()
        self.stdout.write(f"Rebuilt insight rollups from {counted} counted webs.")
