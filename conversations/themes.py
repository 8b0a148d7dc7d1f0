"""The theme of a conversation: typed as the name people see, stored as the web's own id.

A professional types what is on screen ("Meedoen", "Participation"); the conversation keeps
the dimension or item id, so the theme still finds its part when the wording changes, and
every page shows the name again in the reader's language.
"""

from __future__ import annotations

from collections.abc import Iterable

from assessments.models import Assessment
from conversations.models import Conversation
from instruments.definition import Dimension, Item, Text


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _choices(kind: str, webs: Iterable[Assessment]) -> dict[str, Dimension | Item]:
    """id → the dimension or item with that id, over all linked webs."""
    found: dict[str, Dimension | Item] = {}
    for web in webs:
        definition = web.definition
        parts = (
            definition.dimensions if kind == Conversation.ThemeKind.DIMENSION else definition.items
        )
        for part in parts:
            found.setdefault(part.id, part)
    return found


def _label(part: Dimension | Item) -> Text:
    return part.name if isinstance(part, Dimension) else part.text


def resolve_theme(kind: str, typed: str, webs: Iterable[Assessment]) -> str | None:
    """The id of the dimension or item the typed text names (its id, or its name in any
    language, ignoring case and spaces); None when nothing matches. Own words stay as typed."""
    if kind not in (Conversation.ThemeKind.DIMENSION, Conversation.ThemeKind.ITEM):
        return typed
    wanted = _key(typed)
    for part_id, part in _choices(kind, webs).items():
        label = _label(part)
        if wanted in {_key(part_id), _key(label.nl), _key(label.en)}:
            return part_id
    return None


def theme_names(kind: str, webs: Iterable[Assessment], language: str) -> list[str]:
    """The names a professional can type for this kind of theme, as suggestions."""
    if kind not in (Conversation.ThemeKind.DIMENSION, Conversation.ThemeKind.ITEM):
        return []
    return [_label(part).get(language) for part in _choices(kind, webs).values()]


def theme_label(conversation: Conversation, language: str) -> str:
    """What the theme is called on screen: the part's or question's name, or the own words."""
    if conversation.theme_kind in (Conversation.ThemeKind.DIMENSION, Conversation.ThemeKind.ITEM):
        part = _choices(conversation.theme_kind, conversation.assessments.all()).get(
            conversation.theme
        )
        if part is not None:
            return _label(part).get(language)
    return conversation.theme
