from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_after_migrate(sender, using="default", **kwargs) -> None:
    from instruments.services import sync_shipped_instruments

    sync_shipped_instruments()


class InstrumentsConfig(AppConfig):
    name = "instruments"

    def ready(self) -> None:
        # Shipped definitions are in the database as soon as the schema is, also in test databases.
        post_migrate.connect(_sync_after_migrate, sender=self)
