"""The design layer: organisation themes, error pages, the two-step prompt, one word per thing."""

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from conversations.tests.helpers import login, member, user
from organisations.models import Membership, Organisation, Theme
from organisations.theming import contrast_with_white


@pytest.fixture
def organisation(db):
    organisation = Organisation.objects.create(name="Gemeente Fictief", slug="gemeente-fictief")
    Theme.objects.create(organisation=organisation, colour="#6b2d5c", font=Theme.Font.SERIF)
    return organisation


@pytest.mark.django_db
def test_organisation_theme_is_a_stylesheet_of_tokens(client, organisation):
    response = client.get("/organisatie/gemeente-fictief/thema.css")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    css = response.content.decode()
    assert "--bredeblik-brand-500: #6b2d5c;" in css
    assert "Georgia" in css
    # Served as a file, so the Content Security Policy keeps styles to 'self'.
    assert "style-src 'self'" in response.get("Content-Security-Policy", "style-src 'self'")


@pytest.mark.django_db
def test_residents_who_follow_an_organisations_link_see_its_brand(client, organisation):
    neutral = client.get("/").content.decode()
    assert "thema.css" not in neutral
    branded = client.get("/?organisatie=gemeente-fictief").content.decode()
    assert "/organisatie/gemeente-fictief/thema.css" in branded
    assert "Aangeboden door Gemeente Fictief" in branded
    # The brand stays on the next page, without inline styles.
    later = client.get("/privacy/").content.decode()
    assert "/organisatie/gemeente-fictief/thema.css" in later
    assert "style=" not in later


@pytest.mark.django_db
def test_an_unknown_organisation_link_keeps_the_neutral_theme(client):
    page = client.get("/?organisatie=bestaat-niet").content.decode()
    assert "thema.css" not in page


@pytest.mark.django_db
def test_a_colour_too_light_for_white_text_is_refused(organisation):
    theme = organisation.theme
    theme.colour = "#f4e04d"
    with pytest.raises(ValidationError) as error:
        theme.full_clean()
    assert "colour" in error.value.message_dict
    assert contrast_with_white("#1f5f8b") >= 4.5


@pytest.mark.django_db
def test_not_found_page_is_in_the_site_layout_and_dutch_with_a_way_home(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "We kunnen deze pagina niet vinden" in page
    assert 'href="/"' in page and "Naar de voorpagina" in page
    assert "site-header" in page


@pytest.mark.django_db
def test_refused_page_for_a_resident_is_a_403_in_the_site_layout(client):
    resident = user("bewoner@example.org")
    login(client, resident, verified=False)
    response = client.get("/inzicht/")
    assert response.status_code == 403
    assert "Deze pagina is niet voor jou" in response.content.decode()


@pytest.mark.django_db
def test_staff_page_asks_for_the_two_step_code_instead_of_a_bare_403(client):
    organisation = Organisation.objects.create(name="Wijkteam", slug="wijkteam")
    lead = member(user("lead@example.org"), organisation, Membership.Role.TEAM_MANAGER)
    login(client, lead, verified=True)
    client.logout()
    client.force_login(lead)  # logged in, device confirmed, but no second step this session
    response = client.get("/gesprek/team/")
    assert response.status_code == 302
    assert response["Location"].startswith("/organisatie/tweestaps/controle/?next=")


def test_server_error_page_renders_without_a_request_context(rf):
    from core.errors import server_error

    with override_settings(LANGUAGE_CODE="nl"):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "Er ging bij ons iets mis" in page
    assert "Naar de voorpagina" in page


@pytest.mark.django_db
def test_menu_says_inloggen_not_aanmelden(client):
    page = client.get("/").content.decode()
    assert "Inloggen" in page
    assert "Aanmelden" not in page


@pytest.mark.django_db
def test_access_log_on_delen_reads_in_dutch(client):
    from sharing.audit import record_access

    resident = user("inwoner@example.org")
    professional = user("prof@example.org", "Noor Fictief")
    record_access(professional, resident, "web", "trajectory")
    record_access(professional, resident, "conversation", "api")
    login(client, resident, verified=False)
    page = client.get("/delen/").content.decode()
    assert "overzicht van het traject" in page
    assert "via een gekoppeld systeem" in page
    assert ">trajectory<" not in page and ">conversation<" not in page


@pytest.mark.django_db
def test_a_closed_session_board_no_longer_invites_people_to_join(client):
    from community.models import CommunitySession
    from community.services import create_session

    facilitator = user("leider@example.org")
    session = create_session(facilitator, title="Windpark")
    open_board = client.get(f"/bijeenkomst/{session.code}/bord/").content.decode()
    assert "Doe mee met je telefoon" in open_board
    assert "board-page" in open_board
    session.step = CommunitySession.Step.CLOSED
    session.save()
    closed_board = client.get(f"/bijeenkomst/{session.code}/bord/").content.decode()
    assert "Doe mee met je telefoon" not in closed_board
    assert 'class="qr"' not in closed_board


@pytest.mark.django_db
def test_a_professional_sees_the_organisations_logo_on_a_conversation_page(client, organisation):
    from conversations.tests.helpers import conversation_with_steps, share, webs_for

    Theme.objects.filter(organisation=organisation).update(logo="organisation-logos/logo.png")
    professional = member(
        user("hulp@example.org", "Hulp"), organisation, Membership.Role.PROFESSIONAL
    )
    person = user("anna@example.org", "Anna")
    webs = webs_for(person)
    share(person, professional, webs)
    conversation = conversation_with_steps(professional, person, webs)
    login(client, professional)
    page = client.get(f"/gesprek/{conversation.public_id}/").content.decode()
    # The conversation's own theme ("Meer bewegen") is on the page and does not hide the brand.
    assert "Meer bewegen" in page
    assert 'class="site-brand__logo"' in page
    assert "/organisatie/gemeente-fictief/logo" in page
