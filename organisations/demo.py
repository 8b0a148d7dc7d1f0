"""A fictional neighbourhood team with a professional, a team manager and an admin."""

from django_otp.plugins.otp_totp.models import TOTPDevice

from organisations.models import Membership, Organisation, Team
from people.models import User

ORGANISATION_NAME = "Wijkteam Zonnedal (fictief)"
ORGANISATION_SLUG = "wijkteam-zonnedal"
TEAM_NAME = "Team Noord"
DEMO_PASSWORD = "demo-wachtwoord-2026"
# Fictional, published on purpose: type it into an authenticator app to log in to the demo.
DEMO_TOTP_KEY_HEX = "3132333435363738393031323334353637383930"
DEMO_TOTP_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
STAFF = [
    ("prof@zonnedal.example", "Noor Bakker (fictief)", Membership.Role.PROFESSIONAL, True),
    ("teamleider@zonnedal.example", "Jan Smit (fictief)", Membership.Role.TEAM_MANAGER, True),
    (
        "beheer@zonnedal.example",
        "Fatima El Amrani (fictief)",
        Membership.Role.ORGANISATION_ADMIN,
        False,
    ),
    # Burgerkracht: a peer who holds the other conversation, without organisation figures.
    ("vrijwilliger@zonnedal.example", "Vera Visser (fictief)", Membership.Role.VOLUNTEER, False),
]


def give_demo_device(user: User) -> None:
    """The demo's authenticator, so the demo's staff log in with the published secret."""
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        TOTPDevice.objects.create(user=user, name="Demo", key=DEMO_TOTP_KEY_HEX, confirmed=True)


def load() -> str:
    organisation, _ = Organisation.objects.get_or_create(
        slug=ORGANISATION_SLUG, defaults={"name": ORGANISATION_NAME}
    )
    team, _ = Team.objects.get_or_create(organisation=organisation, name=TEAM_NAME)
    for email, name, role, in_team in STAFF:
        user, created = User.objects.get_or_create(email=email, defaults={"display_name": name})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        Membership.objects.get_or_create(
            user=user, organisation=organisation, team=team if in_team else None, role=role
        )
        give_demo_device(user)
    emails = ", ".join(email for email, *_ in STAFF)
    return (
        f"{ORGANISATION_NAME}: {emails} / {DEMO_PASSWORD}; "
        f"two-step code from an authenticator app with secret {DEMO_TOTP_SECRET}"
    )
