"""A link this browser opened before is no guess: it still works once the address's guesses are
used up, and nothing else does."""

from __future__ import annotations

import json
import time
from unittest import mock

import pytest
from django.conf import settings
from django.core import signing
from django.test import Client
from django.urls import reverse

from assessments.models import Answer
from assessments.services import start_assessment
from assessments.tests.factories import instrument, make_web
from core import code_guard

pytestmark = pytest.mark.django_db


NOWHERE = reverse("assessments:result", args=["not-a-real-link"])


def use_up_guesses(client: Client) -> None:
    for _ in range(code_guard.LIMIT):
        assert client.get(NOWHERE).status_code == 404


def result(client: Client, web):
    return client.get(reverse("assessments:result", args=[web.access_token]))


def test_a_resident_keeps_saving_their_web_after_their_address_used_up_its_guesses(client):
    web = start_assessment(instrument("bredeblik-volwassenen"))
    assert client.get(reverse("assessments:fill_in", args=[web.access_token, 1])).status_code == 200
    use_up_guesses(client)  # from the same address, as behind one office or library router
    item = web.definition.dimensions[0].items[0]
    saved = client.post(
        reverse("assessments:save_answer", args=[web.access_token]),
        {"number": "1", "version": str(web.instrument_id), f"item-{item.id}": "9"},
    )
    assert saved.status_code == 200
    assert Answer.objects.get(assessment=web, item_id=item.id).value == 9
    # A link this browser never opened is refused, and so is the same web in another browser.
    stranger = make_web()
    refused = result(client, stranger)
    assert refused.status_code == 429
    assert code_guard.too_many_tries_message() in refused.content.decode()
    assert result(Client(), web).status_code == 429


def test_the_browser_keeps_short_digests_never_the_links(client):
    web = make_web()
    assert result(client, web).status_code == 200
    cookie = client.cookies[code_guard.KNOWN_LINKS_COOKIE]
    assert web.access_token not in cookie.value
    digests = code_guard.known_links(cookie.value, settings.SESSION_COOKIE_AGE)
    assert digests == (code_guard.link_digest(web.access_token),)
    assert web.access_token not in json.dumps(digests)
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_a_link_that_leads_nowhere_is_not_kept(client):
    assert client.get(NOWHERE).status_code == 404
    assert code_guard.KNOWN_LINKS_COOKIE not in client.cookies


def _expired(value: list[str]) -> str:
    long_ago = time.time() - settings.SESSION_COOKIE_AGE - 60
    with mock.patch("django.core.signing.time.time", return_value=long_ago):
        return signing.dumps(value, salt=code_guard.KNOWN_LINKS_SALT)


FORGERIES = {
    "unsigned": lambda digests: json.dumps(digests),
    "signed for another purpose": lambda digests: signing.dumps(digests, salt="another"),
    "signed with another key": lambda digests: signing.dumps(
        digests, key="k" * 50, salt=code_guard.KNOWN_LINKS_SALT
    ),
    "expired": _expired,
}


@pytest.mark.parametrize("forgery", FORGERIES.values(), ids=FORGERIES.keys())
def test_a_made_up_list_opens_nothing_once_the_guesses_are_used_up(client, forgery):
    stranger = make_web()
    use_up_guesses(client)
    client.cookies[code_guard.KNOWN_LINKS_COOKIE] = forgery(
        [code_guard.link_digest(stranger.access_token)]
    )
    response = result(client, stranger)
    assert response.status_code == 429
    assert code_guard.too_many_tries_message() in response.content.decode()


def test_only_the_most_recently_opened_links_are_kept(client):
    webs = [make_web() for _ in range(code_guard.KNOWN_LINKS_KEPT + 2)]
    for web in webs:
        assert result(client, web).status_code == 200
    use_up_guesses(client)
    assert result(client, webs[-1]).status_code == 200
    assert result(client, webs[2]).status_code == 200
    assert result(client, webs[1]).status_code == 429
    assert result(client, webs[0]).status_code == 429


def test_the_privacy_page_says_what_the_browser_keeps(client):
    page = client.get(reverse("core:privacy"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "De andere onthoudt de webs die je opende, met korte vingerafdrukken" in page
    assert "nooit met de links zelf" in page
