import pytest
from django.conf import settings
from django.test import Client

from assessments.tests.factories import instrument, make_web
from sharing.models import Share
from sharing.services import create_invitation, share
from sharing.tests.helpers import member, organisation, person, verified_login


def log_in_browser(page, live_server, client: Client) -> None:
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_person_stops_sharing_and_pages_pass_axe(page, live_server, axe_check):
    org = organisation()
    prof = member(org)
    owner = person()
    web = make_web(owner=owner)
    (given,) = share(owner, web, organisation=org, professional=prof)

    session = Client()
    session.force_login(owner)
    log_in_browser(page, live_server, session)
    page.goto(f"{live_server.url}/delen/")
    axe_check(page)
    page.get_by_role("button", name="Stoppen met delen").click()
    page.get_by_role("button", name="Ja, stop met delen").click()
    page.get_by_text("Je deelt niets").wait_for()
    given.refresh_from_db()
    assert not given.is_active

    invitation = create_invitation(prof, org, instrument(), moment="intake")
    staff = verified_login(Client(), prof)
    page.context.clear_cookies()
    log_in_browser(page, live_server, staff)
    page.goto(f"{live_server.url}/delen/uitnodigingen/{invitation.pk}/")
    page.get_by_text(invitation.code).wait_for()
    axe_check(page)
    assert Share.objects.filter(revoked_at__isnull=True).count() == 0
