"""Check that nobody changed or removed access-log entries outside the application."""

from django.core.management.base import BaseCommand, CommandError

from sharing.audit_chain import verify


class Command(BaseCommand):
    help = "Verify the hash chain of the access log; exits non-zero when it is broken."

    def handle(self, *args, **options):
        verdict = verify()
        if not verdict.ok:
            raise CommandError(
                f"Access log broken after {verdict.checked} good entries: {verdict.problem}"
            )
        self.stdout.write(f"Access log intact: {verdict.checked} entries checked.")
