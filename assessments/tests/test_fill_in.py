import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from assessments.models import Answer, Assessment, DimensionNote
from assessments.tests.factories import instrument, make_web
from people.models import User


def start(client, instrument_id="bredeblik-kort") -> Assessment:
    response = client.post(
        reverse("assessments:start"), {"instrument": instrument(instrument_id).pk}
    )
    assert response.status_code == 302
    return Assessment.objects.order_by("-pk").first()


def page_url(web: Assessment, number: int) -> str:
    return reverse("assessments:fill_in", args=[web.access_token, number])


@pytest.mark.django_db
def test_home_offers_quick_and_full_in_dutch(client):
    html = client.get("/").content.decode()
    assert "Snel invullen (2 minuten)" in html
    assert "Volledig invullen" in html
    assert 'lang="nl"' in html


@pytest.mark.django_db
def test_start_shows_resume_code_and_private_link(client):
    web = start(client)
    html = client.get(reverse("assessments:started", args=[web.access_token])).content.decode()
    assert web.resume_code in html
    assert page_url(web, 1) in html


@pytest.mark.django_db
def test_start_with_an_unknown_instrument_creates_nothing(client):
    response = client.post(reverse("assessments:start"), {"instrument": "99999"}, follow=True)
    assert Assessment.objects.count() == 0
    assert "Kies een van de webs" in response.content.decode()


@pytest.mark.django_db
def test_full_web_one_dimension_per_page_with_flags_and_notes(client):
    web = start(client, "bredeblik-volwassenen")
    definition = web.definition
    for number, dimension in enumerate(definition.dimensions, start=1):
        html = client.get(page_url(web, number)).content.decode()
        assert dimension.name.nl in html
        assert f"Onderdeel {number} van 6" in html
        data = {f"item-{item.id}": "8" for item in dimension.items}
        data[f"item-{dimension.items[0].id}"] = ""  # skipped
        data[f"talk-{dimension.items[1].id}"] = "1"
        data["note"] = f"notitie {number}"
        data["action"] = "next"
        assert client.post(page_url(web, number), data).status_code == 302
    client.post(reverse("assessments:finish", args=[web.access_token]))
    web.refresh_from_db()
    assert web.is_completed
    assert web.dimension_scores == {d.id: 8.0 for d in definition.dimensions}
    assert web.health_surface == 64.0
    assert Answer.objects.filter(assessment=web, wants_to_talk=True).count() == 6
    result = client.get(reverse("assessments:result", args=[web.access_token])).content.decode()
    assert definition.dimensions[0].items[1].text.nl in result  # flagged item stands out
    assert "notitie 3" in result


@pytest.mark.django_db
def test_out_of_range_answer_gets_a_message_and_changes_nothing(client):
    web = start(client)
    item = web.definition.dimensions[0].items[0].id
    client.post(page_url(web, 1), {f"item-{item}": "6", "note": "eerst", "action": "next"})
    response = client.post(
        page_url(web, 1), {f"item-{item}": "11", "note": "later", "action": "next"}
    )
    assert response.status_code == 400
    assert "Kies een getal van 0 tot en met 10" in response.content.decode()
    assert Answer.objects.get(assessment=web, item_id=item).value == 6
    assert DimensionNote.objects.get(assessment=web).text == "eerst"


@pytest.mark.django_db
def test_non_numeric_answer_in_english(client):
    client.cookies["django_language"] = "en"
    web = start(client)
    item = web.definition.dimensions[0].items[0].id
    response = client.post(page_url(web, 1), {f"item-{item}": "lots", "action": "next"})
    assert response.status_code == 400
    assert "Choose a number from 0 to 10." in response.content.decode()
    assert not Answer.objects.filter(assessment=web).exists()


@pytest.mark.django_db
def test_half_filled_web_survives_a_new_browser_with_the_code(client):
    web = start(client)
    first = web.definition.dimensions[0].items[0].id
    client.post(page_url(web, 1), {f"item-{first}": "3", "action": "next"})
    second = web.definition.dimensions[1].items[0].id
    # Autosave (JavaScript) of the second page, then the tab is closed.
    client.post(
        reverse("assessments:save_answer", args=[web.access_token]),
        {"number": "2", f"item-{second}": "9"},
        HTTP_HX_REQUEST="true",
    )
    other_browser = Client()
    response = other_browser.post(
        reverse("assessments:resume"), {"code": web.resume_code.lower().replace("-", "")}
    )
    assert response.status_code == 302
    assert response["Location"] == page_url(web, 2)
    html = other_browser.get(page_url(web, 2)).content.decode()
    assert 'value="9" checked' in html


@pytest.mark.django_db
def test_autosave_refuses_bad_input_with_a_message(client):
    web = start(client)
    item = web.definition.dimensions[0].items[0].id
    response = client.post(
        reverse("assessments:save_answer", args=[web.access_token]),
        {"number": "1", f"item-{item}": "-1"},
    )
    assert response.status_code == 400
    assert "Niet opgeslagen" in response.content.decode()
    assert not Answer.objects.exists()


@pytest.mark.django_db
def test_unknown_resume_code_gets_a_clear_message(client):
    response = client.post(reverse("assessments:resume"), {"code": "ZZZZ-ZZZZ"})
    assert response.status_code == 400
    assert "Deze bewaarcode kennen we niet" in response.content.decode()


@pytest.mark.django_db
def test_resume_code_guessing_is_rate_limited(client):
    web = make_web()
    for _ in range(20):
        client.post(reverse("assessments:resume"), {"code": "ZZZZ-ZZZZ"})
    response = client.post(reverse("assessments:resume"), {"code": web.resume_code})
    assert response.status_code == 400
    assert "Te veel pogingen" in response.content.decode()


@pytest.mark.django_db
def test_a_web_with_an_account_does_not_open_with_the_link_alone(client):
    owner = User.objects.create_user("eigenaar@example.org", "lang-genoeg-wachtwoord")
    web = make_web(owner=owner)
    for name in ["result", "compare", "history", "web_svg", "report_pdf", "started"]:
        assert (
            client.get(reverse(f"assessments:{name}", args=[web.access_token])).status_code == 404
        )
    assert client.get(page_url(web, 1)).status_code == 404
    intruder = User.objects.create_user("ander@example.org", "lang-genoeg-wachtwoord")
    client.force_login(intruder)
    assert client.get(reverse("assessments:result", args=[web.access_token])).status_code == 404
    client.force_login(owner)
    assert client.get(reverse("assessments:result", args=[web.access_token])).status_code == 200


@pytest.mark.django_db
def test_guessed_token_is_not_found(client):
    make_web()
    assert client.get(reverse("assessments:result", args=["guessed-token"])).status_code == 404


@pytest.mark.django_db
def test_page_number_outside_the_web_is_not_found(client):
    web = start(client)
    assert client.get(page_url(web, 7)).status_code == 404
    assert client.get(page_url(web, 0)).status_code == 404


@pytest.mark.django_db
def test_child_version_uses_the_picture_scale(client):
    web = start(client, "bredeblik-kind")
    item = web.definition.dimensions[0].items[0].id
    html = client.get(page_url(web, 1)).content.decode()
    assert 'value="2.5"' in html and "<svg" in html
    assert client.post(page_url(web, 1), {f"item-{item}": "3", "action": "next"}).status_code == 400
    assert (
        client.post(page_url(web, 1), {f"item-{item}": "7.5", "action": "next"}).status_code == 302
    )
    assert Answer.objects.get(assessment=web, item_id=item).value == 7.5


@pytest.mark.django_db
def test_open_dimensions_are_shown_not_scored_zero(client):
    web = make_web(scores=(6, 7, None, 8, 4, 6))
    html = client.get(reverse("assessments:result", args=[web.access_token])).content.decode()
    assert web.dimension_scores["zingeving"] is None
    assert web.health_surface is None
    assert "Nog open" in html


@pytest.mark.django_db
def test_english_switch_on_every_page(client):
    web = make_web()
    html = client.get(reverse("assessments:result", args=[web.access_token])).content.decode()
    assert 'name="language" value="en"' in html
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("assessments:result", args=[web.access_token])).content.decode()
    assert "Your spider web" in html and 'lang="en"' in html


class _Choices(HTMLParser):
    """Per question (radio group): each choice's value, the words a screen reader hears, and
    whether it is chosen; and whether it shows a face."""

    def __init__(self):
        super().__init__()
        self.groups: dict[str, list[tuple[str, str, bool, bool]]] = {}
        self._label: list | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "label":
            self._label = [None, "", False, False]
        elif self._label is not None and tag == "input" and attrs.get("type") == "radio":
            self._label[:3] = [attrs["name"], attrs["value"], "checked" in attrs]
            self._label.append("")
        elif self._label is not None and tag == "svg":
            self._label[3] = True

    def handle_data(self, data):
        if self._label is not None and len(self._label) == 5:
            self._label[4] += data

    def handle_endtag(self, tag):
        if tag == "label" and self._label is not None:
            if self._label[0]:
                name, value, checked, face, words = self._label
                self.groups.setdefault(name, []).append((value, words.strip(), checked, face))
            self._label = None


def _choices(html: str) -> dict[str, list[tuple[str, str, bool, bool]]]:
    parser = _Choices()
    parser.feed(html)
    return parser.groups


@pytest.mark.django_db
def test_each_question_offers_zero_to_ten_and_skip_with_the_stored_answer_chosen(client):
    web = start(client, "bredeblik-volwassenen")
    items = [item.id for item in web.definition.dimensions[0].items]
    client.post(page_url(web, 1), {f"item-{items[0]}": "5", "action": "later"})
    groups = _choices(client.get(page_url(web, 1)).content.decode())
    assert list(groups) == [f"item-{item}" for item in items]
    first = groups[f"item-{items[0]}"]
    assert [value for value, *_ in first] == [str(n) for n in range(11)] + [""]
    assert [value for value, _words, checked, _face in first if checked] == ["5"]
    low, high = web.definition.scale.low.get("nl"), web.definition.scale.high.get("nl")
    assert first[0][1] == f"0 ({low})" and first[10][1] == f"10 ({high})"
    assert [words for _v, words, *_ in first[1:10]] == [str(n) for n in range(1, 10)]
    assert first[11][1] == "Overslaan"
    assert not any(face for *_rest, face in first)
    assert [value for value, _w, checked, _f in groups[f"item-{items[1]}"] if checked] == [""]


@pytest.mark.django_db
def test_the_childs_questions_show_a_face_and_its_words_for_every_choice(client):
    web = start(client, "bredeblik-kind")
    groups = _choices(client.get(page_url(web, 1)).content.decode())
    scale = web.definition.scale
    for choices in groups.values():
        faces = choices[:-1]
        assert [words for _v, words, *_ in faces] == [c.label.get("nl") for c in scale.choices]
        assert all(face for *_rest, face in faces)


def _checked(html: str) -> set[tuple[str, str]]:
    """(field, value) of every checked radio button and checkbox on the page."""
    found = set()
    for tag in re.findall(r"<input [^>]*>", html):
        if " checked" in tag:
            name = re.search(r'name="([^"]+)"', tag).group(1)
            value = re.search(r'value="([^"]*)"', tag).group(1)
            found.add((name, value))
    return found


def _questions(html: str) -> str:
    return html[html.index('<fieldset class="item"') : html.index('<div class="utrecht-form-field')]


@pytest.mark.django_db
def test_a_part_one_resident_answered_opens_blank_for_the_next():
    first, second = Client(), Client()
    mine = start(first, "bredeblik-volwassenen")
    items = mine.definition.dimensions[1].items
    blank = {(f"item-{item.id}", "") for item in items}
    assert _checked(first.get(page_url(mine, 2)).content.decode()) == blank
    answers = {f"item-{item.id}": "7" for item in items}
    first.post(page_url(mine, 2), {**answers, f"talk-{items[0].id}": "1", "action": "next"})

    mine_again = _checked(first.get(page_url(mine, 2)).content.decode())
    assert mine_again == {(f"item-{item.id}", "7") for item in items} | {
        (f"talk-{items[0].id}", "1")
    }
    theirs = start(second, "bredeblik-volwassenen")
    assert _checked(second.get(page_url(theirs, 2)).content.decode()) == blank


@pytest.mark.django_db
def test_a_blank_part_shows_the_same_questions_kept_or_fresh_in_each_language(client):
    from assessments import fill_in_questions

    web = start(client, "bredeblik-volwassenen")
    item = web.definition.dimensions[2].items[0]
    for language, text in (("nl", item.text.nl), ("en", item.text.en)):
        fill_in_questions._blank_parts.clear()
        fresh = client.get(page_url(web, 3), HTTP_ACCEPT_LANGUAGE=language).content.decode()
        kept = client.get(page_url(web, 3), HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert _questions(kept) == _questions(fresh)
        assert text in _questions(kept)
    other = client.get(page_url(web, 3), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert item.text.nl in _questions(other)  # the English rendering is kept apart


@pytest.mark.django_db
def test_ready_on_the_last_part_shows_the_web_once_every_part_is_answered(client):
    web = start(client)
    parts = web.definition.dimensions
    for number, dimension in enumerate(parts, start=1):
        answers = {f"item-{item.id}": "6" for item in dimension.items}
        response = client.post(page_url(web, number), {**answers, "action": "next"})
    assert response.url == reverse("assessments:result", args=[web.access_token])
    web.refresh_from_db()
    assert web.is_completed and web.completed_at is not None
    assert set(web.dimension_scores.values()) == {6.0}
    assert web.health_surface == 36.0


@pytest.mark.django_db
def test_ready_with_a_part_left_open_names_that_part_before_the_web_is_finished(client):
    web = start(client)
    parts = web.definition.dimensions
    for number, dimension in enumerate(parts, start=1):
        answers = {} if number == 2 else {f"item-{item.id}": "6" for item in dimension.items}
        response = client.post(page_url(web, number), {**answers, "action": "next"})
    assert response.url == reverse("assessments:finish", args=[web.access_token])
    web.refresh_from_db()
    assert not web.is_completed
    html = client.get(response.url).content.decode()
    assert f"<strong>{parts[1].name.nl}</strong>" in html


@pytest.mark.django_db
def test_each_part_offers_the_buttons_of_its_place_in_the_web(client):
    web = start(client)
    last = len(web.definition.dimensions)

    def buttons(number: int, language: str = "nl") -> list[str]:
        html = client.get(page_url(web, number), HTTP_ACCEPT_LANGUAGE=language).content.decode()
        button = r'<button type="submit"[^>]*name="action" value="(\w+)"[^>]*>([^<]+)<'
        return re.findall(button, html)

    assert buttons(1) == [("next", "Volgende"), ("later", "Opslaan en later verder")]
    assert buttons(2)[0] == ("previous", "Vorige")
    assert buttons(last)[:2] == [("previous", "Vorige"), ("next", "Klaar")]
    assert buttons(last, "en")[:2] == [("previous", "Previous"), ("next", "Ready")]
