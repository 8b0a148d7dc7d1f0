import pytest
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from assessments.models import Assessment
from people import services
from people.models import User
from people.tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def confirmation_link() -> str:
    from django.core import mail

    body = mail.outbox[-1].body
    return next(line for line in body.splitlines() if "/account/aanmelden/" in line).strip()


def signup(client, email="nieuw@example.org", password=PASSWORD, again=None, next_url="", **extra):
    """Both steps: the address, then the link from the e-mail with the chosen password."""
    client.post(reverse("people:signup") + next_url, {"email": email, **extra})
    return client.post(confirmation_link(), {"password1": password, "password2": again or password})


def test_signup_creates_account_logs_in_and_hashes_with_argon2(client, settings):
    from bredeblik import settings as project_settings

    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
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
    assert not User.objects.filter(is_active=True).exists()


def test_signup_messages_in_english(client):
    client.cookies["django_language"] = "en"
    response = signup(client, password="kort1")
    assert "This password is too short. Use at least 12 characters." in response.content.decode()


def test_signup_with_a_taken_address_answers_the_same_and_mails_the_owner(client, make_user):
    from django.core import mail

    anna = make_user("anna@example.org")
    taken = client.post(reverse("people:signup"), {"email": "ANNA@example.org"}, follow=True)
    new = client.post(reverse("people:signup"), {"email": "nieuw@example.org"}, follow=True)
    assert _without_csrf(taken.content) == _without_csrf(new.content)
    assert taken.redirect_chain == new.redirect_chain
    assert [m.to for m in mail.outbox] == [["anna@example.org"], ["nieuw@example.org"]]
    assert "/account/aanmelden/" not in mail.outbox[0].body
    anna.refresh_from_db()
    assert anna.check_password(PASSWORD)
    response = client.post(reverse("people:signup"), {"email": "geen-adres"})
    assert response.status_code == 200
    assert User.objects.count() == 2


def _without_csrf(content: bytes) -> str:
    import re

    return re.sub(r'value="[A-Za-z0-9]{64}"', "", content.decode())


def test_someone_elses_address_gives_the_typist_nothing(client):
    client.post(reverse("people:signup"), {"email": "slachtoffer@example.org"})
    victim = User.objects.get(email="slachtoffer@example.org")
    assert not victim.is_active and not victim.has_usable_password()
    response = client.post(
        reverse("people:login"),
        {"username": "slachtoffer@example.org", "password": PASSWORD},
    )
    assert not response.wsgi_request.user.is_authenticated
    assert client.get(reverse("people:confirm_account", args=["MQ", "guess"])).status_code == 404


def test_password_reset_answers_the_same_for_every_address(client, make_user):
    from django.core import mail

    make_user("anna@example.org")
    known = client.post(reverse("people:password_reset"), {"email": "anna@example.org"})
    unknown = client.post(reverse("people:password_reset"), {"email": "niemand@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert [m.to for m in mail.outbox] == [["anna@example.org"]]
    link = next(line for line in mail.outbox[0].body.splitlines() if "wachtwoord-vergeten" in line)
    form = client.get(link.strip(), follow=True)
    response = client.post(
        form.redirect_chain[-1][0],
        {
            "new_password1": "een-nieuw-lang-wachtwoord-7",
            "new_password2": "een-nieuw-lang-wachtwoord-7",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(email="anna@example.org").check_password("een-nieuw-lang-wachtwoord-7")


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
    assert 'autocomplete="email"' in body


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
    response = signup(client, email="terug@example.org", next_url="?next=/web/abc/")
    assert response["Location"] == "/web/abc/"
    client.logout()
    response = signup(client, email="weg@example.org", next="https://evil.example/")
    assert response["Location"] == reverse("people:my_webs")
