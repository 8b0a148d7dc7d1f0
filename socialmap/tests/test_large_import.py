"""A whole region's social map through the coordinator's import page: a background job with a
progress page, never a server error or a request that outlives the worker timeout."""

import io
import json
import uuid
import zipfile

import pytest
from django.urls import reverse

from sharing.tests.helpers import verified_login
from socialmap import hsds_store
from socialmap.models import ImportJob, Service

pytestmark = pytest.mark.django_db

SERVICES = 1600
TEXT = "Samen wandelen, koffie drinken en praten over wat je bezighoudt. " * 480  # ~31 KB


def _large_upload() -> bytes:
    services = [
        {
            "id": str(uuid.uuid4()),
            "name": f"Wandelgroep {number}",
            "description": TEXT,
            "status": "active",
            "organization": {
                "id": str(uuid.uuid4()),
                "name": f"Stichting {number}",
                "description": "Een fictieve stichting.",
            },
            "phones": [{"id": str(uuid.uuid4()), "number": "0591 123 456"}],
        }
        for number in range(SERVICES)
    ]
    return json.dumps(services).encode()


def test_a_50_mb_upload_runs_as_a_job_with_progress_and_a_report(client, coordinator):
    data = _large_upload()
    assert 48 * 2**20 < len(data) < 60 * 2**20
    upload = io.BytesIO(data)
    upload.name = "regio.json"
    seen = []
    original = hsds_store.load

    def load_after_progress(tables, source, report=None):
        seen.append(ImportJob.objects.values_list("step", "done_steps", "total_steps").get())
        return original(tables, source, report)

    verified_login(client, coordinator)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(hsds_store, "load", load_after_progress)
        response = client.post(reverse("socialmap:import"), {"file": upload})
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("socialmap:import_job", args=[job.pk])
    # The checking was reported as it went, before anything was written.
    assert job.status == "done", job.report
    assert seen == [("writing", 99, 100)]
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The import is finished." in page and "hx-trigger" not in page
    assert job.report["counts"]["service"] == SERVICES
    assert Service.objects.count() == SERVICES
    assert bytes(job.data) == b""


def test_progress_page_polls_with_htmx_and_offers_a_plain_link(client, coordinator):
    job = ImportJob.objects.create(
        filename="regio.json",
        data=b"[]",
        status=ImportJob.Status.RUNNING,
        step="checking",
        done_steps=40,
        total_steps=100,
    )
    verified_login(client, coordinator)
    url = reverse("socialmap:import_job", args=[job.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'hx-trigger="every 2s"' in page and f'hx-get="{url}"' in page
    assert f'href="{url}">Show the latest progress</a>' in page
    assert 'value="40"' in page and "checking the records" in page


def test_an_upload_over_the_import_limit_is_refused_before_it_is_read(
    client, coordinator, settings
):
    verified_login(client, coordinator)
    too_big = settings.MAX_UPLOAD_BODY_SIZE + 1
    response = client.generic(
        "POST",
        reverse("socialmap:import"),
        b"",
        CONTENT_LENGTH=str(too_big),
        content_type="multipart/form-data; boundary=x",
    )
    assert response.status_code == 413
    elsewhere = client.generic(
        "POST",
        reverse("socialmap:manage"),
        b"",
        CONTENT_LENGTH=str(settings.MAX_REQUEST_BODY_SIZE + 1),
        content_type="multipart/form-data; boundary=x",
    )
    assert elsewhere.status_code == 413
    assert not ImportJob.objects.exists()


def test_a_bad_upload_ends_as_a_job_listing_the_problems(client, coordinator):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../services.csv", "id,name\n1,x\n")
    buffer.seek(0)
    buffer.name = "kaart.zip"
    verified_login(client, coordinator)
    response = client.post(reverse("socialmap:import"), {"file": buffer})
    assert response.status_code == 302
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Nothing was imported" in page and "../services.csv: unsafe file name" in page
    assert ImportJob.objects.get().status == ImportJob.Status.REJECTED
    assert not Service.objects.exists()
