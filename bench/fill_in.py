"""How fast a web is filled in and shown, each path against a baseline in the same run.

    .venv/bin/python bench/fill_in.py [--seconds 1] [--repeats 3] [--backend sqlite|postgresql]

Without --backend it runs on SQLite (a temporary file) and then on PostgreSQL ($DATABASE_URL if
it is PostgreSQL, else postgres://postgres@127.0.0.1:5432/bredeblik_bench; skipped with a
message when unreachable), each in its own process on a throwaway test database, so db.sqlite3
and the project's test database are never touched. Both sides of every pair run in the same
process on the same database with the same settings, through Django's test Client.

Rows (ratio = Brede Blik's rate / the baseline's rate; higher is better):
- one answer saved (autosave POST) vs a bare view inserting one row;
- the result page with the drawn web vs a bare view rendering a one-line template;
- a complete 42-item web through POST /api/v1/assessments vs django-survey-and-report taking the
  same 42 integer answers in one form post (its all-on-one-page survey);
- a complete web through the pages without JavaScript (start, one page per part, finish,
  result) vs that same one survey post.

Each pair is measured `--repeats` times, the two sides taking turns of 50 ms (the side that
starts alternating between repeats), and the median of the per-repeat ratios is printed, with
the queries one operation costs.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import tempfile
import time
import types
import warnings
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from urllib.parse import urlencode

import backends

ROOT = Path(__file__).resolve().parent.parent
FORM = "application/x-www-form-urlencoded"
SURVEY_APP = "survey"  # django-survey-and-report, a dev dependency used only here


def configure(database_url: str, scratch: Path | None) -> bool:
    """Django set up on `database_url`, with the survey package installed if it is there."""
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_DEBUG", "1")  # a bench is a development run
    import importlib.util

    has_survey = importlib.util.find_spec(SURVEY_APP) is not None
    from bredeblik import settings as project_settings

    bench_settings = types.ModuleType("bench_settings")
    bench_settings.__dict__.update({k: v for k, v in vars(project_settings).items() if k.isupper()})
    if has_survey:
        bench_settings.INSTALLED_APPS = [*project_settings.INSTALLED_APPS, SURVEY_APP]
    bench_settings.DEBUG = False  # no query log: measure the code, not the debug bookkeeping
    # The cache as production has it: a read (the guess limit's mark, a kept page) is a query.
    bench_settings.CACHES = {"default": project_settings.SHARED_CACHE}
    bench_settings.ALLOWED_HOSTS = ["testserver"]
    bench_settings.SECURE_SSL_REDIRECT = False
    bench_settings.STORAGES = {
        **project_settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    sys.modules["bench_settings"] = bench_settings
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_settings"
    import django

    django.setup()
    from django.db import connection

    connection.settings_dict["TEST"]["NAME"] = (
        # Named after the database in use, so benches on different databases never collide.
        str(scratch / "test.sqlite3")
        if scratch
        else f"test_{connection.settings_dict['NAME']}_fill_in_bench"
    )
    return has_survey


def install_urls_with_baselines(has_survey: bool):
    """The real URLs plus the baselines, in a urlconf that exists only in this process."""
    from django.conf import settings
    from django.db import models
    from django.http import HttpResponse
    from django.template import engines
    from django.urls import include, path

    class BenchRow(models.Model):
        value = models.FloatField()

        class Meta:
            app_label = "bench"

        def __str__(self) -> str:
            return str(self.value)

    trivial = engines["django"].from_string("<!DOCTYPE html><title>t</title><p>{{ greeting }}</p>")

    def bare_insert(request):
        BenchRow.objects.create(value=float(request.POST["value"]))
        return HttpResponse("ok")

    def bare_render(request):
        return HttpResponse(trivial.render({"greeting": "hallo"}, request))

    module = types.ModuleType("bench_urls")
    module.urlpatterns = [
        path("bench/insert/", bare_insert, name="bench_insert"),
        path("bench/render/", bare_render, name="bench_render"),
        *([path("enquete/", include("survey.urls"))] if has_survey else []),
        # The product's patterns at the root, as production has them: under an include, each
        # of its requests would be resolved through one level more than in production.
        *import_module("bredeblik.urls").urlpatterns,
    ]
    sys.modules["bench_urls"] = module
    settings.ROOT_URLCONF = "bench_urls"
    return BenchRow


def plain_form_baseline(items: list[str]):
    """Without the survey package: a generic Django form of 42 IntegerFields, one row each."""
    from django import forms
    from django.db import models
    from django.http import HttpResponse
    from django.urls import path

    class PlainAnswer(models.Model):
        question = models.CharField(max_length=64)
        value = models.IntegerField()

        class Meta:
            app_label = "bench"

        def __str__(self) -> str:
            return self.question

    form_class = type(
        "PlainForm",
        (forms.Form,),
        {item: forms.IntegerField(min_value=0, max_value=10) for item in items},
    )

    def plain_post(request):
        form = form_class(request.POST)
        if not form.is_valid():
            return HttpResponse(status=400)
        for question, value in form.cleaned_data.items():
            PlainAnswer.objects.create(question=question, value=value)
        return HttpResponse(status=302)

    sys.modules["bench_urls"].urlpatterns.insert(0, path("bench/plain/", plain_post))
    return PlainAnswer


TURN = 0.05  # seconds one side runs before the other takes over


def paired_rates(
    real: Callable[[int], None], base: Callable[[int], None], seconds: float, base_first: bool
) -> tuple[float, float]:
    """Calls per second of real(i) and of base(i), after a short warm-up, each run for
    `seconds` in alternating turns of TURN: a machine that slows down for a moment slows both
    sides alike, where a second of one side and then a second of the other can differ by half.
    """
    for i in range(5):
        real(i)
        base(i)
    counts = {real: 0, base: 0}
    spent = {real: 0.0, base: 0.0}
    order = (base, real) if base_first else (real, base)
    while min(spent.values()) < seconds:
        for action in order:
            count, start = counts[action], time.perf_counter()
            while (elapsed := time.perf_counter() - start) < TURN:
                action(count)
                count += 1
            counts[action], spent[action] = count, spent[action] + elapsed
    return counts[real] / spent[real], counts[base] / spent[base]


def queries(action: Callable[[int], None]) -> int:
    """The queries of one call, as in the timed loop: the second of two in a row."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    action(10_001)
    with CaptureQueriesContext(connection) as captured:
        action(10_002)
    return len(captured.captured_queries)


def run_one(backend: str, database_url: str, seconds: float, repeats: int, only: str = "") -> None:
    scratch = Path(tempfile.mkdtemp(prefix="bredeblik-bench-")) if backend == "sqlite" else None
    has_survey = configure(database_url, scratch)

    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    # No setup_test_environment(): it makes every template render send a signal that the test
    # Client answers by copying the context, a cost no production request pays.
    warnings.filterwarnings("ignore", message="No directory at")
    bench_row = install_urls_with_baselines(has_survey)
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from assessments.services import (
            Submission,
            complete_assessment,
            save_submission,
            start_assessment,
        )
        from instruments.selectors import latest_version

        full = latest_version("bredeblik-volwassenen")
        definition = full.parsed
        items = [item.id for item in definition.items]
        positions = [
            (number, item.id)
            for number, dimension in enumerate(definition.dimensions, start=1)
            for item in dimension.items
        ]
        extra_models = [bench_row]
        if has_survey:
            from survey.models import Question, Survey

            survey = Survey.objects.create(
                name="Vragenlijst",
                description="42 vragen",
                need_logged_user=False,
                display_method=Survey.ALL_IN_ONE_PAGE,
            )
            questions = Question.objects.bulk_create(
                Question(
                    survey=survey,
                    text=f"Vraag {n}",
                    order=n,
                    required=True,
                    type=Question.INTEGER,
                )
                for n in range(len(items))
            )
            survey_url = reverse("survey-detail", kwargs={"id": survey.pk})
            survey_fields = [f"question_{q.pk}" for q in questions]
            baseline_name = "django-survey-and-report one post"
        else:
            extra_models.append(plain_form_baseline(items))
            survey_url = "/bench/plain/"
            survey_fields = items
            baseline_name = "plain Django form of 42 IntegerFields"
        with connection.schema_editor() as editor:
            for model in extra_models:
                editor.create_model(model)

        client = Client()

        def form_post(url: str, data: dict):
            # As a browser sends a form without files, and the page's autosave (htmx) too.
            return client.post(url, urlencode(data), content_type=FORM)

        draft = start_assessment(full)
        client.get(reverse("assessments:fill_in", args=[draft.access_token, 1]))
        save_url = reverse("assessments:save_answer", args=[draft.access_token])

        saves = itertools.count()

        def save_answer(_i: int) -> None:
            # Every save changes its answer: the one before it to the same item was one turn
            # through the items earlier, with a value one lower.
            n = next(saves)
            number, item_id = positions[n % len(positions)]
            value = (n // len(positions)) % 11
            # As the page sends it: its part and its web's instrument version, with the answer.
            answer = {"number": number, "version": full.pk, f"item-{item_id}": value}
            response = form_post(save_url, answer)
            assert response.status_code == 200, response.content

        def bare_insert(i: int) -> None:
            assert form_post("/bench/insert/", {"value": i % 11}).status_code == 200

        done = start_assessment(full)
        save_submission(done, Submission(answers={item: 6 for item in items}))
        complete_assessment(done)
        result_url = reverse("assessments:result", args=[done.access_token])

        def result_page(_i: int) -> None:
            assert client.get(result_url).status_code == 200

        def bare_render(_i: int) -> None:
            assert client.get("/bench/render/").status_code == 200

        def api_post(i: int) -> None:
            response = client.post(
                "/api/v1/assessments",
                {
                    "instrument": "bredeblik-volwassenen",
                    "answers": {item: (i + n) % 11 for n, item in enumerate(items)},
                },
                content_type="application/json",
            )
            assert response.status_code == 201, response.content

        def survey_post(i: int) -> None:
            response = form_post(
                survey_url, {field: (i + n) % 11 for n, field in enumerate(survey_fields)}
            )
            assert response.status_code == 302, response.content[:300]

        instrument_pk = full.pk

        def pages_without_javascript(i: int) -> None:
            started = form_post(reverse("assessments:start"), {"instrument": instrument_pk})
            token = started.url.strip("/").split("/")[-2]
            assert client.get(started.url).status_code == 200
            for number, dimension in enumerate(definition.dimensions, start=1):
                page = reverse("assessments:fill_in", args=[token, number])
                assert client.get(page).status_code == 200
                answers = {f"item-{item.id}": (i + number) % 11 for item in dimension.items}
                response = form_post(page, {**answers, "note": "", "action": "next"})
                assert response.status_code == 302, response.content[:300]
            # "Ready" on the last part with every part answered finishes the web.
            assert response.url == reverse("assessments:result", args=[token])
            assert client.get(response.url).status_code == 200

        pairs = [
            ("one answer saved (autosave POST)", save_answer, "bare view, one INSERT", bare_insert),
            ("result page with the web", result_page, "bare view, trivial template", bare_render),
            ("42-item web, POST /api/v1/assessments", api_post, baseline_name, survey_post),
            (
                "42-item web, pages without JavaScript",
                pages_without_javascript,
                baseline_name,
                survey_post,
            ),
        ]
        pairs = [pair for pair in pairs if only.lower() in pair[0].lower()]
        ratios: dict[str, list[float]] = {label: [] for label, *_rest in pairs}
        rates: dict[str, list[tuple[float, float]]] = {label: [] for label, *_rest in pairs}
        for repeat in range(repeats):
            for label, real, _base_label, base in pairs:
                real_rate, base_rate = paired_rates(real, base, seconds, bool(repeat % 2))
                ratios[label].append(real_rate / base_rate)
                rates[label].append((real_rate, base_rate))
        counts = {label: (queries(real), queries(base)) for label, real, _b, base in pairs}
        database = connection.vendor
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        if scratch is not None:
            for leftover in scratch.iterdir():
                leftover.unlink()
            scratch.rmdir()

    print(
        f"Brede Blik fill-in bench ({database}; {repeats} repeats of {seconds:g} s per side in "
        f"turns of {TURN * 1000:g} ms; median ratio)"
    )
    print(
        f"{'path':<40}{'per s':>8}{'queries':>8}  {'baseline':<38}{'per s':>8}{'queries':>8}"
        f"{'ratio':>8}"
    )
    for label, _real, base_label, _base in pairs:
        real_rate = statistics.median(r for r, _b in rates[label])
        base_rate = statistics.median(b for _r, b in rates[label])
        real_q, base_q = counts[label]
        print(
            f"{label:<40}{real_rate:>8.1f}{real_q:>8}  {base_label:<38}{base_rate:>8.1f}"
            f"{base_q:>8}{statistics.median(ratios[label]):>7.2f}x"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=1.0, help="time per side per repeat")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--only", default="", help="only the rows whose path contains this")
    backends.add_arguments(parser)
    args = parser.parse_args()
    backends.run(
        args,
        __file__,
        lambda backend, url: run_one(backend, url, args.seconds, args.repeats, args.only),
        ["--seconds", str(args.seconds), "--repeats", str(args.repeats), "--only", args.only],
    )


if __name__ == "__main__":
    main()
