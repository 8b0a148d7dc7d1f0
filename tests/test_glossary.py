"""The Dutch catalogues follow docs/glossary.md: one word per thing, none of the retired words."""

import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(ROOT.glob("*/locale/nl/LC_MESSAGES/django.po"))

# Retired words (see the "never" column of docs/glossary.md).
RETIRED = [
    r"\bdimensies?\b",
    r"\binstrument(?:en|versies?)?\b",
    r"\baggrega(?:at|ten)\b",
    r"\bhervatcode\b",
    r"\bprivélink\b",
    r"\bpersoonlijke link\b",
    r"\bAfmelden\b",
    r"^Aanmelden$",
    r"^Wijzigen$",
    r"\bwebben\b",
    r"\bbelemmering(?:en)?\b",
    r"\bbarrières?\b",
]


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-5])
def test_dutch_catalogue_uses_the_glossary_words(path):
    offending = []
    for entry in polib.pofile(str(path)):
        if entry.obsolete:
            continue
        texts = [entry.msgstr, *entry.msgstr_plural.values()]
        for text in texts:
            for pattern in RETIRED:
                if re.search(pattern, text, flags=re.IGNORECASE if pattern[0] != "^" else 0):
                    offending.append(f"{entry.msgid!r}: {text!r} ({pattern})")
    assert not offending, "\n".join(offending)


def test_glossary_exists_in_dutch_and_english():
    text = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    for word in ("Inloggen", "Account maken", "Uitloggen", "onderdeel", "bewaarcode", "bewaarlink"):
        assert word in text
    for word in ("log in", "resume code", "private link", "part of the web"):
        assert word in text


RESIDENT_FIELDS = ("name", "description", "audience", "low", "high", "text", "subtitle", "label")


def resident_texts(node, key: str = "") -> list[str]:
    """Every Dutch text of an instrument definition that a resident reads."""
    if isinstance(node, dict):
        if "nl" in node and isinstance(node["nl"], str):
            return [node["nl"]] if key in RESIDENT_FIELDS or not key else []
        return [text for k, value in node.items() for text in resident_texts(value, k)]
    if isinstance(node, list):
        return [text for value in node for text in resident_texts(value, key)]
    return []


@pytest.mark.django_db
def test_instrument_texts_residents_see_use_the_glossary_words():
    """What /begin/ and the fill-in pages show of each offered version: no retired word."""
    from instruments.selectors import offered_instruments

    offending = []
    for version in offered_instruments():
        for text in resident_texts(version.definition):
            for pattern in RETIRED:
                if re.search(pattern, text, flags=re.IGNORECASE if pattern[0] != "^" else 0):
                    offending.append(f"{version}: {text!r} ({pattern})")
    assert not offending, "\n".join(offending)


# B1 writing guidance: short sentences. A sentence longer than this is split in two.
LONGEST_SENTENCE = 20


def long_sentences(text: str) -> list[str]:
    sentences = re.split(r"(?<=[.!?:])\s+|\n+", text)
    return [s for s in sentences if len(s.split()) > LONGEST_SENTENCE]


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-5])
def test_dutch_sentences_are_short(path):
    offending = [
        sentence
        for entry in polib.pofile(str(path))
        if not entry.obsolete
        for text in [entry.msgstr, *entry.msgstr_plural.values()]
        for sentence in long_sentences(text)
    ]
    assert not offending, "\n".join(offending)


@pytest.mark.django_db
def test_instrument_sentences_residents_read_are_short():
    from instruments.selectors import offered_instruments

    offending = [
        f"{version}: {sentence}"
        for version in offered_instruments()
        for text in resident_texts(version.definition)
        for sentence in long_sentences(text)
    ]
    assert not offending, "\n".join(offending)
