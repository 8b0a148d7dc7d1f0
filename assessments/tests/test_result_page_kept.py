"""The result page is kept per web and version: it never shows an older web, another person's
web, or anything of a web that was erased."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessments import drawings
from assessments.models import Assessment, Drawing
from assessments.retention import purge_abandoned_drafts, purge_old_drawings
from assessments.services import attach_to_account
from assessments.tests.factories import make_web
from organisations.models import Organisation, Theme
from people.models import User

pytestmark = pytest.mark.django_db

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def result_url(web: Assessment) -> str:
    return reverse("assessments:result", args=[web.access_token])


def page(client, web: Assessment) -> str:
    response = client.get(result_url(web))
    assert response.status_code == 200
    return response.content.decode()


def score_of_first_part(web: Assessment, score: int) -> str:
    """How the drawn web describes the first part's score to a screen reader."""
    return f"{web.definition.dimensions[0].name.get('nl')}: {score}."


def nothing_kept_of(web: Assessment) -> bool:
    """No kept drawing holds the web's private link or code."""
    marks = (web.access_token.encode(), web.resume_code.encode())
    kept = Drawing.objects.values_list("content", flat=True)
    return not any(mark in bytes(content) for content in kept for mark in marks)


def test_a_changed_answer_shows_its_new_score_at_once(client):
    web = make_web()
    assert score_of_first_part(web, 6) in page(client, web)
    item = web.definition.dimensions[0].items[0]
    saved = client.post(
        reverse("assessments:save_answer", args=[web.access_token]),
        {"number": 1, f"item-{item.id}": 2},
    )
    assert saved.status_code == 200
    shown = page(client, web)
    assert score_of_first_part(web, 2) in shown
    assert score_of_first_part(web, 6) not in shown


def test_two_webs_never_show_each_others_page(client):
    one = make_web(scores=(1,) * 6)
    other = make_web(scores=(9,) * 6)
    someone_else = Client()
    for _ in range(2):
        for visitor in (client, someone_else):
            first, second = page(visitor, one), page(visitor, other)
            assert one.resume_code in first and other.resume_code not in first
            assert other.resume_code in second and one.resume_code not in second
            assert score_of_first_part(one, 1) in first
            assert score_of_first_part(other, 9) in second


def test_an_erased_web_is_not_served_and_nothing_of_it_is_kept(client):
    web = make_web()
    page(client, web)
    assert not nothing_kept_of(web)
    Assessment.objects.get(pk=web.pk).delete()
    assert client.get(result_url(web)).status_code == 404
    assert nothing_kept_of(web)


def test_retention_takes_the_kept_page_of_an_abandoned_draft_with_it(client):
    draft = make_web(complete=False)
    page(client, draft)
    long_ago = timezone.now() - timedelta(days=400)
    Assessment.objects.filter(pk=draft.pk).update(updated_at=long_ago)
    purge_abandoned_drafts()
    assert client.get(result_url(draft)).status_code == 404
    assert nothing_kept_of(draft)


def test_a_web_taken_into_an_account_no_longer_offers_its_code(client):
    """Giving webs to an account changes the owner without touching `updated_at`."""
    web = make_web()
    assert web.resume_code in page(client, web)
    person = User.objects.create_user("eigen@example.org", "lang-genoeg-wachtwoord")
    attach_to_account([web], person)
    assert client.get(result_url(web)).status_code == 404
    client.force_login(person)
    assert web.resume_code not in page(client, web)


def test_a_moment_set_on_the_web_shows_at_once(client):
    """A change to the web itself that leaves its answers (and `updated_at`) alone."""
    web = make_web()
    assert "tussenmeting" not in page(client, web)
    Assessment.objects.filter(pk=web.pk).update(moment=Assessment.Moment.MIDWAY)
    assert "tussenmeting" in page(client, web)


def test_counting_in_the_figures_and_stopping_show_at_once(client):
    web = make_web()
    opt_in_url = reverse("insights:opt_in", args=[web.access_token])
    opt_in_form = f'action="{opt_in_url}"'
    assert opt_in_form in page(client, web)
    client.post(opt_in_url, {"postcode_area": "3511", "age_band": "30-44", "agree": "yes"})
    for _ in range(2):  # once with the confirmation message, once without
        shown = page(client, web)
        assert "3511" in shown and opt_in_form not in shown
    client.post(reverse("insights:opt_out", args=[web.access_token]))
    for _ in range(2):
        shown = page(client, web)
        assert "3511" not in shown and opt_in_form in shown


def test_each_visitor_gets_a_csrf_token_of_their_own(client):
    web = make_web()
    for _ in range(2):  # made, then from the cache
        for visitor in (Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)):
            tokens = set(CSRF_FIELD.findall(page(visitor, web)))
            again = visitor.post(
                reverse("assessments:fill_in_again", args=[web.access_token]),
                {"csrfmiddlewaretoken": tokens.pop()},
            )
            assert again.status_code == 302


def normalised(html: str) -> str:
    return CSRF_FIELD.sub('name="csrfmiddlewaretoken" value=""', html)


@pytest.mark.parametrize("brand", [False, True])
def test_the_kept_page_is_the_page_made_on_each_visit(client, monkeypatch, brand):
    """Kept whole for a visitor without an account, the page is exactly what the ordinary
    rendering (layout, context processors and panels on every visit) makes."""
    if brand:
        organisation = Organisation.objects.create(name="Buurtzorg Oost", slug="buurtzorg-oost")
        Theme.objects.create(organisation=organisation, colour="#1f5f8b")
        client.get(reverse("core:home") + "?organisatie=buurtzorg-oost")
    web = make_web(instrument_id="bredeblik-volwassenen", scores=(6, None, 5, 8, 4, 6))
    make_web(series=web.series)
    kept = [normalised(page(client, web)) for _ in range(2)]
    monkeypatch.setattr(drawings, "_render_visitor_panels", lambda *_args: None)
    Drawing.objects.all().delete()
    made = normalised(page(client, web))
    assert kept[0] == kept[1] == made
    assert ("Buurtzorg Oost" in made) is brand


def test_a_young_persons_web_still_asks_the_age(client):
    """The guardian panel reads more than the kept page covers: it is made on every visit."""
    web = make_web(instrument_id="bredeblik-jongeren")
    age_url = reverse("sharing:state_age", args=[web.access_token])
    assert age_url in page(client, web)
    assert age_url in page(client, web)


def test_a_kept_result_page_costs_the_session_and_one_read(client, django_assert_num_queries):
    web = make_web()
    page(client, web)
    with django_assert_num_queries(2):
        page(client, web)


def test_a_page_kept_for_over_a_day_is_drawn_again_and_then_purged(client):
    web = make_web()
    assert score_of_first_part(web, 6) in page(client, web)
    a_day_ago = timezone.now() - drawings.KEPT_FOR
    Drawing.objects.update(drawn_at=a_day_ago)
    assert score_of_first_part(web, 6) in page(client, web)  # drawn again, and kept anew
    assert Drawing.objects.get(kind=Drawing.Kind.PAGE).drawn_at > a_day_ago
    Drawing.objects.update(drawn_at=a_day_ago)
    assert purge_old_drawings() > 0
    assert not Drawing.objects.exists()
