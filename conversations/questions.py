"""The questions that guide the other conversation, one page at a time.

Ids are stable: answers are stored under them, so the wording may change without losing anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Question:
    id: str
    section: str
    text: Promise


OPENING = "opening"
SOLUTION = "solution"
WHEEL = "wheel"

SECTIONS: dict[str, Promise] = {
    OPENING: _("Opening questions"),
    SOLUTION: _("Looking for solutions"),
    WHEEL: _("The action wheel"),
}

QUESTIONS: tuple[Question, ...] = (
    Question("strikes", OPENING, _("What strikes you?")),
    Question("important", OPENING, _("What is really important to you?")),
    Question("change", OPENING, _("What would you like to change?")),
    Question("first_step", OPENING, _("What could be a first step?")),
    Question("happy", OPENING, _("What makes you happy?")),
    Question("hope", SOLUTION, _("What do you hope for?")),
    Question("difference", SOLUTION, _("What difference would that make?")),
    Question("works", SOLUTION, _("What works already?")),
    Question("progress_sign", SOLUTION, _("What would be the next sign of progress?")),
    Question("wheel_now", WHEEL, _("How is it going now?")),
    Question("wheel_want", WHEEL, _("What do you want?")),
    Question("wheel_can", WHEEL, _("What can you do?")),
    Question("wheel_holding", WHEEL, _("What is holding you back?")),
    Question("wheel_need", WHEEL, _("What do you need?")),
    Question("wheel_decide", WHEEL, _("What do you decide?")),
)

QUESTION_IDS = frozenset(q.id for q in QUESTIONS)
ANSWER_MAX_LENGTH = 4000


def question_at(number: int) -> Question | None:
    """The question on page `number` (1-based), None outside the range."""
    if 1 <= number <= len(QUESTIONS):
        return QUESTIONS[number - 1]
    return None
