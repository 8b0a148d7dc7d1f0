import pytest

from conversations.models import Conversation
from organisations.models import Membership, Organisation
from people.models import User
from referrals.models import ReceivingMember
from sharing.models import Share
from socialmap import demo
from socialmap.models import Organization, Service


def make_user(email: str) -> User:
    return User.objects.create_user(email, "a-long-password-1", display_name=email.split("@")[0])


@pytest.fixture
def world(db):
    """A professional in a wijkteam, a person who shares with them, a conversation about
    "meedoen" in 9992, and one receiving member for each of two social-map organisations."""
    demo.load()
    team_org = Organisation.objects.create(name="Wijkteam Zonnedal", slug="wijkteam-zonnedal")
    professional = make_user("pro@example.org")
    Membership.objects.create(
        user=professional, organisation=team_org, role=Membership.Role.PROFESSIONAL
    )
    person = make_user("anna@example.org")
    Share.objects.create(owner=person, professional=professional, organisation=team_org)
    conversation = Conversation.objects.create(
        professional=professional,
        person=person,
        organisation=team_org,
        theme_kind="dimension",
        theme="meedoen",
        postcode_area="9992",
    )
    buurtwerk = Organization.objects.get(name="Buurtwerk Zonnedal")
    library = Organization.objects.get(name="Bibliotheek Zonnedal")
    buurtwerk_member = make_user("buurtwerk@example.org")
    library_member = make_user("bieb@example.org")
    ReceivingMember.objects.create(user=buurtwerk_member, organization=buurtwerk)
    ReceivingMember.objects.create(user=library_member, organization=library)
    return {
        "professional": professional,
        "person": person,
        "conversation": conversation,
        "buurtwerk_member": buurtwerk_member,
        "library_member": library_member,
        "samen_eten": Service.objects.get(name="Samen eten in Oosterhof"),
        "taalcafe": Service.objects.get(name="Taalcafé"),
        "other": make_user("other@example.org"),
    }


def viewer(user: User, verified: bool = True) -> User:
    """The user as request.user would be after two-step login (django-otp's is_verified)."""
    fresh = User.objects.get(pk=user.pk)
    fresh.is_verified = lambda: verified
    return fresh


def login(client, user: User):
    """Log in with a confirmed second factor, as the real two-step login leaves the session."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=True, defaults={"name": "test"}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
