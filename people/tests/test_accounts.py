import pytest
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from assessments.models import Assessment
from people import services
from people.models import User
from people.tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def signup(client, email="nieuw@example.org", password=PASSWORD, again=None, **extra):
    return client.post(
        reverse("people:signup"),
        {"email": email, "password1": password, "password2": again or password, **extra},
    )


def test_signup_creates_account_logs_in_and_hashes_with_argon2(client):
    response = signup(client, email="Nieuw@Example.org")
    assert response.status_code == 302
    user = User.objects.get(email="nieuw@example.org")
    assert user.password.startswith("argon2")
    page = client.get(reverse("people:my_webs"))
    assert page.wsgi_request.user == user


@pytest.mark.parametrize(
    ("password", "again", "message"),
    [
        ("kort1", None, "Dit wachtwoord is te kort"),
        ("1234567890123", None, "Dit wachtwoord bevat alleen cijfers"),
        ("password1234", None, "Dit wachtwoord is te algemeen"),
        (PASSWORD, "iets-anders-2026", "De twee wachtwoorden zijn niet hetzelfde"),
    ],
)
def test_signup_refuses_weak_or_mismatched_password_with_a_dutch_message(
    client, password, again, message
):
    response = signup(client, password=password, again=again)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.exists()


def test_signup_messages_in_english(client):
    client.cookies["django_language"] = "en"
    response = signup(client, password="kort1")
    assert "This password is too short. Use at least 10 characters." in response.content.decode()


def test_signup_refuses_existing_email_and_bad_email(client, make_user):
    make_user("anna@example.org")
    response = signup(client, email="ANNA@example.org")
    assert "Er is al een account met dit e-mailadres" in response.content.decode()
    response = signup(client, email="geen-adres")
    assert response.status_code == 200
    assert User.objects.count() == 1


def test_login_and_logout(client, make_user):
    make_user()
    response = client.post(
        reverse("people:login"), {"username": "anna@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("people:my_webs")
    client.post(reverse("people:logout"))
    assert not client.get(reverse("people:my_webs")).wsgi_request.user.is_authenticated


def test_sixth_attempt_is_refused_even_with_the_right_password(client, make_user):
    make_user()
    for attempt in range(1, 6):
        response = client.post(
            reverse("people:login"), {"username": "anna@example.org", "password": "fout-fout-fout"}
        )
        # The fifth failure is the one that locks.
        assert response.status_code == (429 if attempt == 5 else 200)
    response = client.post(
        reverse("people:login"), {"username": "anna@example.org", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "15 minuten" in response.content.decode()
    assert not client.get(reverse("people:my_webs")).wsgi_request.user.is_authenticated


def test_login_page_and_signup_page_render(client):
    assert client.get(reverse("people:login")).status_code == 200
    body = client.get(reverse("people:signup")).content.decode()
    assert 'autocomplete="new-password"' in body


def test_signup_attaches_ticked_session_webs_only(client, make_web, remember):
    kept, left = make_web(), make_web()
    remember(kept, left)
    page = client.get(reverse("people:signup")).content.decode()
    assert page.count('type="checkbox"') == 2
    assert page.count("checked") == 2
    signup(client, attach=[str(kept.public_id)])
    user = User.objects.get()
    kept.refresh_from_db()
    left.refresh_from_db()
    assert kept.owner == user
    assert left.owner is None


def test_login_attaches_session_webs(client, make_user, make_web, remember):
    user = make_user()
    web = make_web()
    remember(web)
    client.post(
        reverse("people:login"),
        {"username": user.email, "password": PASSWORD, "attach": [str(web.public_id)]},
    )
    web.refresh_from_db()
    assert web.owner == user


def test_login_cannot_attach_a_web_that_is_not_in_this_browser(client, make_user, make_web):
    user = make_user()
    stranger_web = make_web()
    client.post(
        reverse("people:login"),
        {"username": user.email, "password": PASSWORD, "attach": [str(stranger_web.public_id)]},
    )
    stranger_web.refresh_from_db()
    assert stranger_web.owner is None


def test_attached_web_no_longer_opens_with_the_link_alone(client, make_user, make_web, remember):
    web = make_web()
    remember(web)
    signup(client, attach=[str(web.public_id)])
    other = client.__class__()
    assert other.get(reverse("assessments:result", args=[web.access_token])).status_code == 404
    assert client.get(reverse("assessments:result", args=[web.access_token])).status_code == 200


@pytest.mark.parametrize("form", ["code", "code-lower-no-dash", "link", "token"])
def test_attach_page_by_code_or_link(client, make_user, make_web, form):
    user = make_user()
    web = make_web()
    reference = {
        "code": web.resume_code,
        "code-lower-no-dash": web.resume_code.replace("-", "").lower(),
        "link": "https://bredeblik.example"
        + reverse("assessments:result", args=[web.access_token]),
        "token": web.access_token,
    }[form]
    client.force_login(user)
    response = client.post(reverse("people:attach"), {"reference": f"  {reference} "})
    assert response.status_code == 302
    web.refresh_from_db()
    assert web.owner == user


def test_attach_page_refuses_unknown_code_and_someone_elses_web(client, make_user, make_web):
    owner, thief = make_user("eigen@example.org"), make_user("ander@example.org")
    owned = make_web(owner=owner)
    client.force_login(thief)
    for reference in ["ZZZZ-ZZZZ", owned.resume_code, owned.access_token, "https://x/y/z/", ""]:
        response = client.post(reverse("people:attach"), {"reference": reference})
        assert response.status_code == 200
    assert (
        "geen web vinden"
        in client.post(reverse("people:attach"), {"reference": owned.resume_code}).content.decode()
    )
    owned.refresh_from_db()
    assert owned.owner == owner
    assert not Assessment.objects.filter(owner=thief).exists()


def test_attach_page_needs_login(client, make_web):
    web = make_web()
    response = client.post(reverse("people:attach"), {"reference": web.resume_code})
    assert response.status_code == 302
    assert reverse("people:login") in response.url
    web.refresh_from_db()
    assert web.owner is None


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(reference=st.text(max_size=80))
@example(reference="ABCD\x00EFGH")
@example(reference="/web/\x00/")
def test_any_typed_reference_finds_nothing_or_an_ownerless_web(make_user, make_web, reference):
    owned = Assessment.objects.filter(owner__isnull=False).first() or make_web(owner=make_user())
    found = services.find_web_by_reference(reference)
    assert found is None or found.owner_id is None
    assert services.find_web_by_reference(owned.resume_code) is None


@pytest.mark.django_db
def test_sign_up_returns_to_the_page_it_came_from_but_never_offsite(client):
    data = {
        "email": "terug@example.org",
        "password1": "een-lang-wachtwoord-9",
        "password2": "een-lang-wachtwoord-9",
    }
    response = client.post(reverse("people:signup") + "?next=/web/abc/", data)
    assert response["Location"] == "/web/abc/"
    client.logout()
    data["email"] = "weg@example.org"
    response = client.post(reverse("people:signup"), {**data, "next": "https://evil.example/"})
    assert response["Location"] == reverse("people:my_webs")
