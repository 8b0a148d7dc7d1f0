import json
from pathlib import Path

import pytest
from django.urls import reverse

from assessments.models import Assessment
from people.models import User

PASSWORD = "kleine-stapjes-2026"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_sign_up_attach_download_and_delete(page, live_server, axe_check, make_web):
    web = make_web()

    page.goto(live_server.url + reverse("people:signup"))
    axe_check(page)
    page.get_by_label("E-mailadres").fill("lotte@example.org")
    page.get_by_role("button", name="Stuur mij de link").click()
    page.get_by_role("heading", name="Kijk in je e-mail").wait_for()
    from django.core import mail

    link = next(line for line in mail.outbox[-1].body.splitlines() if "/aanmelden/" in line)
    page.goto(link.strip())
    axe_check(page)
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label("Wachtwoord nog een keer").fill(PASSWORD)
    page.get_by_role("button", name="Account maken").click()
    page.get_by_text("Welkom! Je account is klaar.").wait_for()

    page.get_by_role("link", name="Een web toevoegen dat je zonder account hebt gemaakt").click()
    page.get_by_label("Bewaarlink of bewaarcode").fill(web.resume_code.lower())
    page.get_by_role("button", name="Toevoegen aan mijn account").click()
    page.get_by_text("1 web staat nu in je account.").wait_for()
    assert page.get_by_role("link", name="Uitkomst bekijken").count() == 1
    axe_check(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Al mijn gegevens downloaden (JSON)").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert [w["id"] for w in data["people"]["webs"]] == [str(web.public_id)]

    page.get_by_role("link", name="Mijn account en al mijn gegevens verwijderen").click()
    axe_check(page)
    page.get_by_label("Ja, verwijder mijn account").check()
    page.get_by_label("Je wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Mijn account voorgoed verwijderen").click()
    page.get_by_text("Je account en al je gegevens zijn verwijderd.").wait_for()
    assert not User.objects.filter(email="lotte@example.org").exists()
    assert not Assessment.objects.filter(pk=web.pk).exists()
