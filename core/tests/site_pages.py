"""Every page of the site, with who opens it and on which data, derived from the URLconf.

`PAGES` names each GET page by its URL name; `NOT_PAGES` names what is no page (a download, a
form action that only takes POST, JSON) and why. `test_every_page.py` checks that together they
cover every named URL, so a new page cannot be left out of the accessibility walk.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Whole URL namespaces that serve machines, not people.
MACHINE_NAMESPACES = {
    "api": "JSON API (django-ninja)",
    "hsds": "HSDS JSON API of the social map",
    "interop": "FHIR JSON",
    "admin": "Django admin (staff tool, not part of the public design)",
}

POST_ONLY = "form action: takes POST only"
DOWNLOAD = "file download, not a page"

NOT_PAGES: dict[str, str] = {
    "core:healthz": "health check for the load balancer",
    "set_language": "sets the language and goes back",
    "people:logout": POST_ONLY,
    "people:export_json": DOWNLOAD,
    "people:export_pdf": DOWNLOAD,
    "assessments:save_answer": POST_ONLY,
    "assessments:finish": POST_ONLY,
    "assessments:fill_in_again": POST_ONLY,
    "assessments:web_svg": DOWNLOAD,
    "assessments:report_pdf": DOWNLOAD,
    "assessments:start": "redirects to a new web's first part",
    "organisations:theme_stylesheet": "stylesheet",
    "organisations:theme_logo": "image",
    "organisations:create_team": POST_ONLY,
    "organisations:add_member": POST_ONLY,
    "organisations:remove_member": POST_ONLY,
    "organisations:audit_csv": DOWNLOAD,
    "sharing:revoke": POST_ONLY,
    "sharing:share_web": POST_ONLY,
    "sharing:state_age": POST_ONLY,
    "sharing:guardian_consent": POST_ONLY,
    "sharing:guardian_revoke": POST_ONLY,
    "sharing:token_revoke": POST_ONLY,
    "conversations:own_step": POST_ONLY,
    "conversations:step_status": POST_ONLY,
    "conversations:theme": POST_ONLY,
    "conversations:add_step": POST_ONLY,
    "together:paper_pdf": DOWNLOAD,
    "together:stop_share": POST_ONLY,
    "socialmap:verify": POST_ONLY,
    "socialmap:import": POST_ONLY,
    "socialmap:export": DOWNLOAD,
    "referrals:move": POST_ONLY,
    "insights:export_csv": DOWNLOAD,
    "insights:export_xlsx": DOWNLOAD,
    "insights:api_figures": "JSON",
    "insights:opt_in": POST_ONLY,
    "insights:opt_out": POST_ONLY,
    "community:board_partial": "fragment the board page reloads into itself",
    "community:report_pdf": DOWNLOAD,
    "community:report_csv": DOWNLOAD,
    "evaluation:joy_close": POST_ONLY,
    "implementation:tick": POST_ONLY,
    "implementation:open_round": POST_ONLY,
    "implementation:close_round": POST_ONLY,
    "network:member_action": POST_ONLY,
    "network:end": POST_ONLY,
    "network:agreement_done": POST_ONLY,
}


def named_urls() -> set[str]:
    """Every named URL pattern outside the machine namespaces, as "namespace:name"."""
    names: set[str] = set()

    def walk(patterns, namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                if inner and inner.split(":")[0] in MACHINE_NAMESPACES:
                    continue
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None)
    return names


@dataclass(frozen=True)
class Page:
    name: str
    who: str | None  # a key of World.users, or None for a visitor
    args: Callable[[World], list] = lambda world: []
    status: int = 200

    def url(self, world: World) -> str:
        return reverse(self.name, args=self.args(world))


@dataclass
class World:
    users: dict
    objects: dict

    def __getitem__(self, key: str):
        return self.objects[key]


PASSWORD = "demo-wachtwoord-2026"
# Who signs in (e-mail of the demo, whether they need the second step).
USERS = {
    "resident": ("bewoner@zonnedal.example", False),
    "client": ("client@zonnedal.example", False),
    "professional": ("prof@zonnedal.example", True),
    "team_manager": ("teamleider@zonnedal.example", True),
    "admin": ("beheer@zonnedal.example", True),
    "newcomer": ("nieuw@zonnedal.example", False),
    "analyst": ("analist@zonnedal.example", True),
    "facilitator": ("gespreksleider@zonnedal.example", False),
    "coordinator": ("kaart@zonnedal.example", True),
}


def build_world() -> World:
    """The demo data plus what the demo lacks: a network, a referral, a web in the room, a
    started web of every instrument, a social-map import."""
    from assessments.models import Assessment
    from assessments.services import (
        Submission,
        complete_assessment,
        save_submission,
        start_assessment,
    )
    from community.models import CommunitySession
    from conversations.models import Conversation
    from conversations.services import start_own_reflection
    from evaluation.models import JoyRound, ProgrammeTrajectory
    from implementation import services as implementation
    from insights.models import Programme
    from instruments.models import InstrumentVersion
    from instruments.selectors import offered_instruments
    from network import services as network
    from organisations.models import Membership, Organisation, Team
    from people.models import User
    from referrals.services import create_referral
    from sharing.models import Invitation
    from socialmap.models import Coordinator, ImportJob, Location, Organization, Service
    from together.services import start_in_room

    call_command("load_demo", verbosity=0)
    users = {key: User.objects.filter(email=email).first() for key, (email, _) in USERS.items()}
    coordinator = User.objects.create_user(USERS["coordinator"][0], PASSWORD)
    coordinator.display_name = "Kaart Beheerder (fictief)"
    coordinator.save()
    Coordinator.objects.create(user=coordinator)
    users["coordinator"] = coordinator

    resident = users["resident"]
    organisation = Organisation.objects.get(slug="wijkteam-zonnedal")
    # A new colleague who has not set up two-step login yet.
    newcomer = User.objects.create_user(USERS["newcomer"][0], PASSWORD)
    Membership.objects.create(
        user=newcomer, organisation=organisation, role=Membership.Role.PROFESSIONAL
    )
    users["newcomer"] = newcomer
    professional = users["professional"]
    team = Team.objects.get(organisation=organisation)
    web = (
        Assessment.objects.filter(owner=resident, completed_at__isnull=False)
        .order_by("-created_at")
        .first()
    )
    conversation = Conversation.objects.filter(professional=professional).first()
    service = Service.objects.filter(status=Service.Status.ACTIVE).first()
    referral = create_referral(
        person=conversation.person,
        referrer=professional,
        service=service,
        consent=True,
        share=[],
        conversation=conversation,
    )
    started = {
        version.instrument_id: start_assessment(version, owner=resident)
        for version in offered_instruments()
    }
    kort = InstrumentVersion.objects.filter(instrument_id="bredeblik-kort").first()
    room = start_in_room(professional, organisation, kort)
    finished_room = start_in_room(professional, organisation, kort)
    save_submission(
        finished_room.assessment,
        Submission(answers={item.id: 6 for d in kort.parsed.dimensions for item in d.items}),
    )
    complete_assessment(finished_room.assessment)

    own_network = network.create_network(resident, "Thuis blijven wonen")
    invited = network.invite_member(
        own_network,
        email=users["client"].email,
        description="mijn buurvrouw",
        kind="informal",
        sees_webs="none",
        link_for=lambda token: f"/netwerk/uitnodiging/{token}/",
    )
    neighbour = network.invite_member(
        own_network,
        email=users["facilitator"].email,
        description="mijn buurman",
        kind="informal",
        sees_webs="all",
        link_for=lambda token: f"/netwerk/uitnodiging/{token}/",
    )
    network.accept(neighbour, users["facilitator"])
    meeting = network.plan_meeting(own_network, datetime.date(2026, 12, 10), "Boodschappen doen")

    implementation.ensure_checklist(organisation)
    round_ = implementation.open_round(team, kort, users["admin"])
    own = start_own_reflection(resident, [web])
    job = ImportJob.objects.create(created_by=coordinator, filename="kaart.json")
    return World(
        users=users,
        objects={
            "web": web,
            "started": started,
            "organisation": organisation,
            "team": team,
            "conversation": conversation,
            "referral": referral,
            "service": service,
            "room": room,
            "finished_room": finished_room,
            "network": own_network,
            "invited": invited,
            "meeting": meeting,
            "round": round_,
            "checklist_item": organisation.checklist_items.first(),
            "invitation": Invitation.objects.filter(organisation=organisation).first(),
            "session": CommunitySession.objects.first(),
            "programme": Programme.objects.first(),
            "sm_organization": Organization.objects.first(),
            "sm_location": Location.objects.first(),
            "import_job": job,
            "own": own,
            "ended_trajectory": ProgrammeTrajectory.objects.filter(
                client=users["client"], ended_on__isnull=False
            ).first(),
            "joy_round": JoyRound.objects.filter(
                opened_by=professional, closed_at__isnull=True
            ).first(),
        },
    )


def _started(instrument_id: str) -> Callable[[World], list]:
    return lambda world: [world["started"][instrument_id].access_token, 1]


UNKNOWN = "ONBEKEND-1"
NO_UID, NO_TOKEN = "MQ", "onbekend-token"

PAGES: list[Page] = [
    # Visitors.
    Page("core:home", None),
    Page("core:privacy", None),
    Page("people:login", None),
    Page("people:signup", None),
    Page("people:signup_sent", None),
    Page("people:confirm_account", None, lambda w: [NO_UID, NO_TOKEN], status=404),
    Page("people:password_reset", None),
    Page("people:password_reset_sent", None),
    Page("people:password_reset_confirm", None, lambda w: [NO_UID, NO_TOKEN]),
    Page("people:password_reset_done", None),
    Page("assessments:resume", None),
    Page("sharing:invitation_enter", None),
    Page("sharing:invitation_link", None, lambda w: [w["invitation"].token]),
    Page("socialmap:search", None),
    Page("socialmap:detail", None, lambda w: [w["service"].pk]),
    Page("community:take_part", None, lambda w: [w["session"].code]),
    Page("community:board", None, lambda w: [w["session"].code]),
    # A resident.
    Page("people:my_webs", "resident"),
    Page("people:attach", "resident"),
    Page("people:delete_account", "resident"),
    Page("assessments:result", "resident", lambda w: [w["web"].access_token]),
    Page("assessments:history", "resident", lambda w: [w["web"].access_token]),
    Page("assessments:compare", "resident", lambda w: [w["web"].access_token]),
    Page(
        "assessments:started",
        "resident",
        lambda w: [w["started"]["bredeblik-kort"].access_token],
    ),
    Page("sharing:overview", "resident"),
    Page("network:index", "resident"),
    Page("network:detail", "facilitator", lambda w: [w["network"].pk]),
    Page("network:manage", "resident", lambda w: [w["network"].pk]),
    Page("network:plan", "resident", lambda w: [w["network"].pk]),
    Page("network:meeting", "resident", lambda w: [w["network"].pk, w["meeting"].pk]),
    Page(
        "network:web",
        "facilitator",
        lambda w: [w["network"].pk, w["web"].public_id],
    ),
    Page("network:join", "client", lambda w: [w["invited"].token]),
    Page("conversations:my_plan", "client"),
    Page("conversations:my_trajectory", "client"),
    Page("conversations:own_start", "resident"),
    Page("referrals:mine", "client"),
    Page("evaluation:experience", "client", lambda w: [w["ended_trajectory"].public_id]),
    # A professional, after the second step.
    Page("organisations:index", "professional"),
    Page("organisations:two_factor_setup", "newcomer"),
    Page("organisations:two_factor_verify", "professional"),
    Page("organisations:offers", "professional"),
    Page("sharing:invitation_new", "professional"),
    Page("sharing:invitation_print", "professional", lambda w: [w["invitation"].pk]),
    Page("sharing:shared_with_me", "professional"),
    Page("sharing:shared_web", "professional", lambda w: [w["web"].public_id]),
    Page("sharing:tokens", "professional"),
    Page("conversations:caseload", "professional"),
    Page("conversations:team", "team_manager"),
    Page("conversations:start", "professional", lambda w: [w["conversation"].person_id]),
    Page("conversations:trajectory", "professional", lambda w: [w["conversation"].person_id]),
    Page("conversations:detail", "professional", lambda w: [w["conversation"].public_id]),
    Page("conversations:question", "professional", lambda w: [w["conversation"].public_id, 1]),
    Page("trajectories:plan", "professional", lambda w: [w["conversation"].person_id]),
    Page("together:start", "professional"),
    Page("evaluation:trajectory", "professional", lambda w: [w["conversation"].person_id]),
    Page("evaluation:joy_team", "professional", lambda w: [w["joy_round"].team_id]),
    Page("evaluation:joy_round", "professional", lambda w: [w["joy_round"].pk]),
    Page("together:paper_forms", "professional"),
    Page("together:paper_enter", "professional"),
    Page("together:room", "professional", lambda w: [w["room"].assessment.public_id]),
    Page(
        "together:consent",
        "professional",
        lambda w: [w["finished_room"].assessment.public_id],
    ),
    Page("referrals:index", "professional"),
    Page("referrals:create", "professional", lambda w: [w["conversation"].public_id]),
    Page("referrals:detail", "professional", lambda w: [w["referral"].public_id]),
    Page("implementation:index", "professional"),
    Page("implementation:team", "professional", lambda w: [w["team"].pk]),
    Page("implementation:route_step", "professional", lambda w: [w["team"].pk, "why"]),
    Page("implementation:reflection", "professional", lambda w: [w["team"].pk, 1]),
    Page("implementation:round", "professional", lambda w: [w["team"].pk, w["round"].pk]),
    # The organisation's administrator.
    Page("organisations:manage", "admin", lambda w: [w["organisation"].slug]),
    Page("conversations:custom_dimension", "admin", lambda w: [w["organisation"].slug]),
    Page("implementation:checklist", "admin", lambda w: [w["organisation"].slug]),
    Page("evaluation:costs", "admin", lambda w: [w["organisation"].slug]),
    Page(
        "implementation:checklist_item",
        "admin",
        lambda w: [w["organisation"].slug, w["checklist_item"].pk],
    ),
    # An analyst of the municipality.
    Page("insights:dashboard", "analyst"),
    Page("insights:report", "analyst", lambda w: ["9991"]),
    Page("insights:programmes", "analyst"),
    Page("insights:programme", "analyst", lambda w: [w["programme"].pk]),
    Page("insights:living_environment", "analyst"),
    # A facilitator of a neighbourhood session.
    Page("community:home", "facilitator"),
    Page("community:create", "facilitator"),
    Page("community:facilitate", "facilitator", lambda w: [w["session"].code]),
    Page("community:report", "facilitator", lambda w: [w["session"].code]),
    # The social map's coordinator.
    Page("socialmap:manage", "coordinator"),
    Page("socialmap:new_service", "coordinator"),
    Page("socialmap:edit_service", "coordinator", lambda w: [w["service"].pk]),
    Page("socialmap:new_organization", "coordinator"),
    Page("socialmap:edit_organization", "coordinator", lambda w: [w["sm_organization"].pk]),
    Page("socialmap:new_location", "coordinator"),
    Page("socialmap:edit_location", "coordinator", lambda w: [w["sm_location"].pk]),
    Page("socialmap:import_job", "coordinator", lambda w: [w["import_job"].pk]),
]

# Pages opened once per instrument: every fill-in page, first part.
FILL_IN_INSTRUMENTS = (
    "bredeblik-kort",
    "bredeblik-volwassenen",
    "bredeblik-eenvoudig",
    "bredeblik-jongeren",
    "bredeblik-kind",
)
PAGES += [
    Page("assessments:fill_in", "resident", _started(instrument))
    for instrument in FILL_IN_INSTRUMENTS
]

PAGES += [
    Page("conversations:own_detail", "resident", lambda w: [w["own"].public_id]),
    Page("conversations:own_question", "resident", lambda w: [w["own"].public_id, 1]),
]

# Error pages: the URL (or how to get the page) and the status.
ERROR_PAGES = {
    "404": "/deze-pagina-bestaat-niet/",
    "403": "/inzicht/",  # a resident on a staff page
}
