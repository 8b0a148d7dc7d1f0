import json

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from assessments.models import Answer, Assessment, DimensionNote
from people import personal_data
from people.models import User
from people.tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_json_export_has_every_web_with_answers_flags_notes_and_scores(client, make_user, make_web):
    user = make_user()
    done = make_web(owner=user)
    draft = make_web(owner=user, completed=False)
    make_web(owner=make_user("ander@example.org"))
    client.force_login(user)
    response = client.get(reverse("people:export_json"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["people"]["account"]["email"] == user.email
    webs = {w["id"]: w for w in data["people"]["webs"]}
    assert set(webs) == {str(done.public_id), str(draft.public_id)}
    exported = webs[str(done.public_id)]
    definition = done.definition
    assert exported["instrument"] == {"id": definition.id, "version": definition.version}
    assert exported["answers"] == {item.id: 5.0 for item in definition.items}
    assert exported["wants_to_talk"] == [definition.items[0].id]
    assert exported["notes"] == {definition.dimensions[0].id: "Ik slaap slecht"}
    assert exported["dimension_scores"] == done.dimension_scores
    assert exported["health_surface"] == 25.0
    assert exported["status"] == "completed" and exported["completed_at"]
    assert webs[str(draft.public_id)]["status"] == "draft"


def test_export_collects_every_app_hook(make_user, monkeypatch):
    user = make_user()

    class Hook:
        @staticmethod
        def export(person):
            return {"seen": person.email}

    monkeypatch.setattr(
        personal_data, "_hook_modules", lambda: [("people", personal_data), ("extra", Hook)]
    )
    data = personal_data.collect(user)
    assert data["extra"] == {"seen": user.email}
    assert data["people"]["account"]["email"] == user.email


def test_exports_need_login(client):
    for name in ("people:export_json", "people:export_pdf", "people:delete_account"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert reverse("people:login") in response.url


def test_pdf_export_contains_the_completed_webs(client, make_user, make_web):
    user = make_user()
    make_web(owner=user)
    client.force_login(user)
    response = client.get(reverse("people:export_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_pdf_export_without_finished_webs_explains(client, make_user, make_web):
    user = make_user()
    make_web(owner=user, completed=False)
    client.force_login(user)
    response = client.get(reverse("people:export_pdf"), follow=True)
    assert "nog geen afgeronde webs" in response.content.decode()


def _counts(user):
    webs = Assessment.objects.filter(owner=user)
    return (
        webs.count(),
        Answer.objects.filter(assessment__in=webs).count(),
        DimensionNote.objects.filter(assessment__in=webs).count(),
    )


def test_delete_account_removes_everything_of_theirs_only(client, make_user, make_web):
    user, other = make_user(), make_user("ander@example.org")
    for _ in range(2):
        make_web(owner=user)
    make_web(owner=other)
    anonymous = make_web()
    other_before = _counts(other)
    client.force_login(user)
    response = client.post(
        reverse("people:delete_account"), {"confirm": "on", "password": PASSWORD}, follow=True
    )
    assert "zijn verwijderd" in response.content.decode()
    assert not User.objects.filter(email="anna@example.org").exists()
    assert not response.wsgi_request.user.is_authenticated
    assert Assessment.objects.count() == 2
    assert (
        Answer.objects.filter(assessment__owner__isnull=True).count() == anonymous.answers.count()
    )
    assert _counts(other) == other_before


@pytest.mark.parametrize(
    "data",
    [
        {"password": PASSWORD},
        {"confirm": "on", "password": "niet-mijn-wachtwoord"},
        {"confirm": "on"},
        {},
    ],
)
def test_wrong_confirmation_changes_nothing(client, make_user, make_web, data):
    user = make_user()
    make_web(owner=user)
    before = _counts(user)
    client.force_login(user)
    response = client.post(reverse("people:delete_account"), data)
    assert response.status_code == 200
    assert "utrecht-form-field-error-message" in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()
    assert _counts(user) == before
    assert client.get(reverse("people:my_webs")).wsgi_request.user == user


def test_erase_hooks_run_before_the_account_goes(make_user, monkeypatch):
    user = make_user()
    seen = []

    class Hook:
        @staticmethod
        def erase(person):
            seen.append(User.objects.filter(pk=person.pk).exists())

    monkeypatch.setattr(personal_data, "_hook_modules", lambda: [("extra", Hook)])
    personal_data.erase_everything(user)
    assert seen == [True]
    assert not User.objects.filter(pk=user.pk).exists()


def test_someone_else_cannot_export_or_delete_another_persons_data(client, make_user, make_web):
    victim, visitor = make_user("eigen@example.org"), make_user("ander@example.org")
    make_web(owner=victim)
    client.force_login(visitor)
    data = json.loads(client.get(reverse("people:export_json")).content)
    assert data["people"]["account"]["email"] == visitor.email
    assert data["people"]["webs"] == []
    client.post(reverse("people:delete_account"), {"confirm": "on", "password": PASSWORD})
    assert User.objects.filter(pk=victim.pk).exists()
    assert _counts(victim)[0] == 1


def test_my_webs_lists_newest_first_with_links(client, make_user, make_web):
    user = make_user()
    older = make_web(owner=user)
    draft = make_web(owner=user, completed=False)
    Assessment.objects.filter(pk=older.pk).update(created_at=draft.created_at.replace(year=2020))
    client.force_login(user)
    body = client.get(reverse("people:my_webs")).content.decode()
    assert body.index(draft.access_token) < body.index(older.access_token)
    assert reverse("assessments:result", args=[older.access_token]) in body
    next_part = draft.current_dimension + 1
    assert reverse("assessments:fill_in", args=[draft.access_token, next_part]) in body
    assert reverse("assessments:compare", args=[older.access_token]) in body
    assert reverse("assessments:history", args=[older.access_token]) in body
    assert "Brede Blik — kort" in body


def test_my_webs_for_anonymous_visitor_shows_only_this_browsers_webs(client, make_web, remember):
    mine, someone_elses = make_web(), make_web()
    remember(mine)
    body = client.get(reverse("people:my_webs")).content.decode()
    assert mine.access_token in body
    assert someone_elses.access_token not in body
    assert reverse("people:signup") in body


def test_blocked_deletion_keeps_everything_and_says_so(client, make_user, make_web, monkeypatch):
    user = make_user()
    make_web(owner=user)
    before = _counts(user)

    class Blocking:
        @staticmethod
        def erase(person):
            Assessment.objects.filter(owner=person).delete()
            raise ProtectedError("still referenced", set())

    monkeypatch.setattr(personal_data, "_hook_modules", lambda: [("extra", Blocking)])
    client.force_login(user)
    response = client.post(
        reverse("people:delete_account"), {"confirm": "on", "password": PASSWORD}, follow=True
    )
    assert "niets verwijderd" in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()
    assert _counts(user) == before
    assert response.wsgi_request.user == user
