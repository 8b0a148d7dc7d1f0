"""Background work of the social map: large HSDS imports run in the task worker."""

from __future__ import annotations

from django.utils.translation import gettext
from django_tasks import task

from socialmap import hsds, hsds_store
from socialmap.models import ImportJob


@task()
def run_import(job_id: str) -> None:
    job = ImportJob.objects.get(pk=job_id)
    job.status = ImportJob.Status.RUNNING
    job.save(update_fields=["status"])

    def progress(step: str, done: int, total: int) -> None:
        ImportJob.objects.filter(pk=job_id).update(step=step, done_steps=done, total_steps=total)

    report = hsds.Report()
    try:
        hsds_store.import_upload(job.filename, bytes(job.data), report, progress)
    except hsds.ImportRejected as rejected:
        _finish(job, ImportJob.Status.REJECTED, {"errors": rejected.errors, **report.as_dict()})
    except Exception:
        # The page must not wait for ever: the job ends, the traceback goes to the task log.
        unexpected = gettext("The import stopped on an unexpected problem. Nothing was imported.")
        _finish(job, ImportJob.Status.REJECTED, {"errors": [unexpected]})
        raise
    else:
        _finish(job, ImportJob.Status.DONE, report.as_dict())


def _finish(job: ImportJob, status: str, report: dict) -> None:
    job.status, job.report = status, report
    job.done_steps = job.total_steps = 1
    job.data = b""  # the file is not needed once it is imported
    job.save(update_fields=["status", "report", "data", "done_steps", "total_steps"])
