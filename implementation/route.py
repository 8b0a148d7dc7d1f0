"""The route for organisations that start working with Positive Health, in our own words.

After the inspiration map (seed 004): a figure of eight with a thinking side and a doing side,
four steps each, and looking back together in the middle; and the five helpful questions for a
team's reflection (seed 001). Each organisation's first-month checklist starts from these
defaults and is theirs to change.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

THINKING = "thinking"
DOING = "doing"
REFLECTING = "reflecting"


@dataclass(frozen=True)
class RouteStep:
    id: str
    side: str
    title: Promise
    prompt: Promise


ROUTE: tuple[RouteStep, ...] = (
    RouteStep(
        "why",
        THINKING,
        _("Why do we do this work?"),
        _("Say together what matters to you in care and support, and why you want to change."),
    ),
    RouteStep(
        "stand-for",
        THINKING,
        _("What do we stand for?"),
        _(
            "What do we want to mean for the people we work for? What kind of professional do "
            "we want to be?"
        ),
    ),
    RouteStep(
        "hope",
        THINKING,
        _("Where do we want to go?"),
        _(
            "What do we hope for? What would be different then? What already works? What is "
            "the next sign that we are getting there?"
        ),
    ),
    RouteStep(
        "learn",
        THINKING,
        _("What do we still need to learn?"),
        _(
            "Which knowledge and skills are missing? Think of training, practising the other "
            "conversation together, and reading."
        ),
    ),
    RouteStep(
        "work",
        DOING,
        _("How will we work differently?"),
        _(
            "Which tools do we use, and when: the spider web, the other conversation, the "
            "action wheel, small steps?"
        ),
    ),
    RouteStep(
        "together",
        DOING,
        _("Who do we work with?"),
        _(
            "Who in the neighbourhood can help people further: GP, neighbourhood team, welfare, "
            "volunteers? Where is that on the social map?"
        ),
    ),
    RouteStep(
        "tomorrow",
        DOING,
        _("What do we do differently tomorrow?"),
        _("Choose one small, concrete change you can make this week."),
    ),
    RouteStep(
        "last",
        DOING,
        _("How do we keep it going?"),
        _("Time, money and people to keep it up, and how you show what it brings."),
    ),
    RouteStep(
        "look-back",
        REFLECTING,
        _("Look back together"),
        _("What went well? What did we learn? What do we do differently from now on?"),
    ),
)
ROUTE_BY_ID = {step.id: step for step in ROUTE}
SIDES = (
    (THINKING, _("Thinking differently")),
    (DOING, _("Doing differently")),
    (REFLECTING, _("In the middle: reflecting")),
)


@dataclass(frozen=True)
class HelpfulQuestion:
    number: int
    text: Promise


HELPFUL_QUESTIONS: tuple[HelpfulQuestion, ...] = (
    HelpfulQuestion(1, _("Which ways of working with Positive Health fit our organisation?")),
    HelpfulQuestion(2, _("What should be different after the change, and for whom?")),
    HelpfulQuestion(
        3,
        _(
            "What are we going to do, how does it fit what we already do, and who will work "
            "with it?"
        ),
    ),
    HelpfulQuestion(4, _("What helps us at the start, and what helps later on?")),
    HelpfulQuestion(5, _("How will we see whether the change works?")),
)
QUESTION_NUMBERS = tuple(q.number for q in HELPFUL_QUESTIONS)

# The organisation's own checklist starts from these; keys keep the defaults translatable.
DEFAULT_CHECKLIST: dict[str, tuple[tuple[str, Promise], ...]] = {
    "professional": (
        ("own-web", _("Fill in your own web once, so you know what you ask of others.")),
        (
            "initiative",
            _("Agree who starts: do you invite the person, or do they bring their web?"),
        ),
        (
            "practise",
            _(
                "Practise the other conversation with a colleague, using the questions "
                "in Brede Blik."
            ),
        ),
        ("social-map", _("Look up on the social map who can help, for each part of the web.")),
        ("first-step", _("Hold one conversation with a client and agree one small step.")),
    ),
    "team_manager": (
        ("route", _("Plan a team meeting to walk the route: thinking and doing.")),
        ("practice-time", _("Make time in the schedule to practise the other conversation.")),
        ("questions", _("Answer the five helpful questions with your team.")),
        (
            "change",
            _("Agree how the team will see change: webs over time, stories, the team picture."),
        ),
    ),
    "organisation_admin": (
        ("members", _("Add teams and members, and check that everyone uses two-step login.")),
        ("versions", _("Choose which versions of the web your organisation offers.")),
        ("map-source", _("Find out where the social map comes from and who keeps it up to date.")),
        ("retention", _("Agree with your privacy officer how long data is kept.")),
    ),
}
