from pathlib import Path

from django.core.management.base import BaseCommand

from socialmap import hsds_store


class Command(BaseCommand):
    help = "Export the social map as HSDS 3.0: .json, .zip or a folder (datapackage)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        kind = hsds_store.write_path(path)
        self.stdout.write(f"Exported the social map to {path} ({kind})")
