from django.core.management.base import BaseCommand

from insights.services import publish_closed_periods, rebuild_all


class Command(BaseCommand):
    help = (
        "Recompute the rollups from the consents and publish every closed quarter not yet "
        "published. Published quarters are never changed. Safe to run any time."
    )

    def handle(self, *args, **options) -> None:
        counted = rebuild_all()
        published = publish_closed_periods()
        self.stdout.write(
            f"Rebuilt insight rollups from {counted} counted webs; "
            f"published {', '.join(published) or 'no new quarters'}."
        )
