"""Autosave reads the web without a lock and writes only if no other save came in between."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from assessments import answer_rows, views
from assessments.answer_rows import update_web_if_unchanged
from assessments.models import Answer, Assessment, DimensionNote
from assessments.services import Submission, save_submission
from assessments.tests.factories import make_web
from assessments.tests.test_fill_in import page_url, start
from instruments.models import InstrumentVersion
from instruments.scoring import dimension_score
from people.models import User

FULL = "bredeblik-volwassenen"


def autosave(client, web: Assessment, number: int, fields: dict, version=None) -> str:
    # As the page sends it: its part, and its web's instrument version.
    version = web.instrument_id if version is None else version
    response = client.post(
        reverse("assessments:save_answer", args=[web.access_token]),
        {"number": str(number), "version": str(version), **fields},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200, response.content
    return response.content.decode()


def stored(web: Assessment) -> dict[str, float | None]:
    return dict(Answer.objects.filter(assessment=web).values_list("item_id", "value"))


@pytest.mark.django_db
def test_a_part_saved_in_another_tab_meanwhile_keeps_its_answer_and_its_score(client, monkeypatch):
    web = start(client, FULL)
    first, second = web.definition.dimensions[0], web.definition.dimensions[1]
    read_web = views.web_with_rows_by_token

    def read_then_the_other_tab_saves(token, part=None):
        read = read_web(token, part)
        monkeypatch.setattr(views, "web_with_rows_by_token", read_web)
        other_tab = Assessment.objects.get(pk=web.pk)
        save_submission(other_tab, Submission(answers={second.items[0].id: 2}))
        return read

    monkeypatch.setattr(views, "web_with_rows_by_token", read_then_the_other_tab_saves)
    assert "Opgeslagen" in autosave(client, web, 1, {f"item-{first.items[0].id}": "8"})

    web.refresh_from_db()
    assert stored(web) == {first.items[0].id: 8.0, second.items[0].id: 2.0}
    # Written from the read made before the other tab's save, the second part would be open.
    assert web.dimension_scores[first.id] == dimension_score([8.0])
    assert web.dimension_scores[second.id] == dimension_score([2.0])


@pytest.mark.django_db
def test_a_write_after_another_save_changes_nothing_and_says_so(client):
    web = start(client, FULL)
    item = web.definition.dimensions[0].items[0].id
    stale = Assessment.objects.get(pk=web.pk)
    save_submission(web, Submission(answers={item: 4}))
    web.refresh_from_db()

    stale.dimension_scores = {"lichaamsfuncties": 9.0}
    written = update_web_if_unchanged(
        stale, ("dimension_scores", "updated_at"), [(item, 9.0, True)]
    )

    assert written is False
    assert stored(web) == {item: 4.0}
    assert not Answer.objects.get(assessment=web, item_id=item).wants_to_talk
    fresh = Assessment.objects.get(pk=web.pk)
    assert (fresh.dimension_scores, fresh.updated_at) == (web.dimension_scores, web.updated_at)


@pytest.mark.django_db
def test_an_autosave_that_changes_nothing_writes_nothing_even_for_a_long_decimal(client):
    web = start(client, FULL)
    item = web.definition.dimensions[0].items[0].id
    # 0.1 + 0.2: read back with fewer digits it would look changed and be written again.
    value = "0.30000000000000004"
    autosave(client, web, 1, {f"item-{item}": value, "note": "Slecht geslapen"})
    web.refresh_from_db()
    assert stored(web) == {item: float(value)}

    autosave(client, web, 1, {f"item-{item}": value, "note": "Slecht geslapen"})

    again = Assessment.objects.get(pk=web.pk)
    assert again.updated_at == web.updated_at


@pytest.mark.django_db
def test_autosave_keeps_changes_and_removes_a_cleared_note(client):
    web = start(client, FULL)
    part = web.definition.dimensions[1]
    item = part.items[0].id
    autosave(client, web, 2, {f"item-{item}": "6", f"talk-{item}": "on", "note": "Eerst"})
    autosave(client, web, 2, {f"item-{item}": "6", f"talk-{item}": "on", "note": "Daarna"})
    assert DimensionNote.objects.get(assessment=web).text == "Daarna"
    assert Answer.objects.get(assessment=web, item_id=item).wants_to_talk

    autosave(client, web, 2, {f"item-{item}": "6", "note": ""})

    assert not DimensionNote.objects.filter(assessment=web).exists()
    assert not Answer.objects.get(assessment=web, item_id=item).wants_to_talk
    web.refresh_from_db()
    assert web.dimension_scores[part.id] == dimension_score([6.0])
    assert web.current_dimension == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite runs one writer at a time: no race to lose"
)
def test_on_postgresql_a_part_answered_by_many_quick_saves_at_once_keeps_every_answer():
    seed = Client()
    web = start(seed, FULL)
    part = web.definition.dimensions[0]
    ready = threading.Barrier(len(part.items))
    failures = []

    def answer(number: int, item_id: str) -> None:
        try:
            ready.wait(10)
            autosave(Client(), web, 1, {f"item-{item_id}": str(number)})
        except Exception as exc:  # reported below, with the thread's own error
            failures.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=answer, args=(number, item.id))
        for number, item in enumerate(part.items, start=1)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    values = [float(n) for n in range(1, len(part.items) + 1)]
    assert stored(web) == {item.id: value for item, value in zip(part.items, values, strict=True)}
    web.refresh_from_db()
    assert web.dimension_scores[part.id] == dimension_score(values)


@pytest.mark.django_db
def test_an_autosave_into_a_web_with_an_account_is_refused_without_that_account(client):
    owner = User.objects.create_user("eigenaar@example.org", "lang-genoeg-wachtwoord")
    web = make_web(owner=owner, instrument_id=FULL, complete=False)
    item = web.definition.dimensions[0].items[0].id
    before = (stored(web), web.dimension_scores, web.updated_at)
    url = reverse("assessments:save_answer", args=[web.access_token])

    assert client.post(url, {"number": "1", f"item-{item}": "1"}).status_code == 404
    client.force_login(User.objects.create_user("ander@example.org", "lang-genoeg-wachtwoord"))
    assert client.post(url, {"number": "1", f"item-{item}": "1"}).status_code == 404
    assert (
        client.post(
            reverse("assessments:save_answer", args=["geraden-link"]), {"number": "1"}
        ).status_code
        == 404
    )

    web.refresh_from_db()
    assert (stored(web), web.dimension_scores, web.updated_at) == before
    client.force_login(owner)
    assert "Opgeslagen" in autosave(client, web, 1, {f"item-{item}": "1"})
    assert stored(web)[item] == 1.0


@pytest.mark.django_db
def test_the_page_names_its_webs_instrument_version_for_the_autosave(client):
    web = start(client, FULL)
    page = client.get(page_url(web, 2)).content.decode()
    assert f'<input type="hidden" name="version" value="{web.instrument_id}">' in page


@pytest.mark.django_db
@pytest.mark.parametrize("named", ["own", "other", "none", "nonsense"])
def test_an_autosave_keeps_the_other_answers_of_its_part_whatever_version_the_page_names(
    client, named
):
    # The named version only decides which answers are read with the web; a page naming
    # another version (an old page, or a made-up one) must still score the web's own part.
    web = start(client, FULL)
    part = web.definition.dimensions[2]
    first, second, third = (item.id for item in part.items[:3])
    save_submission(web, Submission(answers={first: 3, second: 8}))
    other = InstrumentVersion.objects.exclude(instrument_id=FULL).first()
    # Known to this process, as any version a page was made from, with other items in its
    # third part.
    assert first not in {item.id for item in other.parsed.dimensions[2].items}
    version = {
        "own": web.instrument_id,
        "other": other.pk,
        "none": "",
        "nonsense": "9" * 30,
    }[named]

    assert "Opgeslagen" in autosave(client, web, 3, {f"item-{third}": "10"}, version=version)

    web.refresh_from_db()
    assert stored(web) == {first: 3.0, second: 8.0, third: 10.0}
    assert web.dimension_scores[part.id] == dimension_score([3.0, 8.0, 10.0])


@pytest.mark.django_db(transaction=True)
def test_outside_any_transaction_an_autosave_writes_its_answer_and_the_score(client):
    # As in a server: no test transaction around the request (on SQLite the save takes its own
    # transaction, core/sqlite write_transaction; on PostgreSQL it is one statement).
    web = start(client, FULL)
    part = web.definition.dimensions[0]
    first = part.items[0].id
    assert "Opgeslagen" in autosave(client, web, 1, {f"item-{first}": "4"})
    web.refresh_from_db()
    assert stored(web) == {first: 4.0}
    assert web.dimension_scores[part.id] == dimension_score([4.0])
    assert not connection.in_atomic_block


@pytest.mark.django_db(transaction=True)
def test_on_sqlite_a_failed_answer_write_takes_the_webs_update_back_with_it(client, monkeypatch):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: on PostgreSQL the web and its answers are one statement")
    web = start(client, FULL)
    part = web.definition.dimensions[0]
    first, second = part.items[0].id, part.items[1].id
    autosave(client, web, 1, {f"item-{first}": "4"})
    web.refresh_from_db()

    def the_disk_is_full(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(answer_rows, "upsert_answers", the_disk_is_full)
    with pytest.raises(OSError):
        autosave(client, web, 1, {f"item-{first}": "4", f"item-{second}": "9"})
    after = Assessment.objects.get(pk=web.pk)
    assert stored(after) == {first: 4.0}
    assert after.updated_at == web.updated_at
    assert after.dimension_scores == web.dimension_scores
    assert not connection.in_atomic_block
