import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from socialmap import hsds, hsds_store


class Command(BaseCommand):
    help = (
        "Import an HSDS 3.0 file: any HSDS JSON object, list or API page, tabular JSON, or a "
        "datapackage folder or zip. All or nothing; prints the import report as JSON."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        if not path.exists():
            raise CommandError(f"{path}: no such file or folder")
        try:
            report = hsds_store.import_path(path)
        except hsds.ImportRejected as rejected:
            raise CommandError("Nothing was imported:\n" + "\n".join(rejected.errors)) from rejected
        self.stdout.write(f"Imported {report.summary()}")
        self.stdout.write(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
