from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from socialmap import hsds


class Command(BaseCommand):
    help = "Import an HSDS 3.0 file: services JSON, or a datapackage folder or zip. All or nothing."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        if not path.exists():
            raise CommandError(f"{path}: no such file or folder")
        try:
            result = hsds.import_path(path)
        except hsds.ImportRejected as rejected:
            raise CommandError("Nothing was imported:\n" + "\n".join(rejected.errors)) from rejected
        self.stdout.write(f"Imported {result.summary()}")
