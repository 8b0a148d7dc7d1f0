"""Fill an empty installation with fictional demo data; running it again changes nothing."""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.utils.module_loading import module_has_submodule


class Command(BaseCommand):
    help = "Load the fictional demo data of every app (idempotent)."

    def handle(self, *args, **options) -> None:
        # Each app may ship a demo.py with load(); INSTALLED_APPS order respects dependencies.
        for config in apps.get_app_configs():
            if module_has_submodule(config.module, "demo"):
                summary = import_module(f"{config.name}.demo").load()
                if summary:
                    self.stdout.write(f"{config.label}: {summary}")
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
