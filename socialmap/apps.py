from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _search_index(sender, using="default", **kwargs) -> None:
    from socialmap.search_index import ensure_sqlite_index

    ensure_sqlite_index(using)


class SocialmapConfig(AppConfig):
    name = "socialmap"

    def ready(self) -> None:
        # After every migrate, since migrations may rebuild the services table on SQLite.
        post_migrate.connect(_search_index, sender=self, dispatch_uid="socialmap_search_index")
