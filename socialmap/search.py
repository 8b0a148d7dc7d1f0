"""Search over the social map: normalisation, light Dutch stemming and the score's rules.

Plain Python, so the same rules hold on SQLite and PostgreSQL: the normalised text is stored
on each service (Service.search_name / search_text). Each database matches and ranks it by the
same score (socialmap/search_index.py); `rank` below orders the page the database returns by
that score, equal scores in accent-blind alphabetical order, which no SQL collation gives on
both databases.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# Longest first; a suffix is only stripped when a stem of at least three letters remains.
_SUFFIXES = ("heden", "ingen", "heid", "ing", "ers", "en", "er", "es", "s", "e")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    """Lower case, accents removed, punctuation to spaces: "Café  Één" -> "cafe een"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return _NON_WORD.sub(" ", plain).strip()


def stem(word: str) -> str:
    """A deliberately small Dutch stemmer: wandelen/wandeling/wandelgroep share "wandel"."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    # Double final consonants after stripping (e.g. "schulden" -> "schuld", "bakken" -> "bak").
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]
    return word


def tokens(text: str) -> list[str]:
    return [stem(word) for word in normalise(text).split()]


def index_text(parts: Iterable[str]) -> str:
    """Stored form: stems separated by single spaces, with a leading and trailing space so a
    LIKE '% stem%' query matches word starts only."""
    words = [token for part in parts for token in tokens(part)]
    return f" {' '.join(words)} " if words else ""


@dataclass(frozen=True)
class Candidate:
    key: object
    name: str
    search_name: str
    search_text: str


def score(query: list[str], candidate: Candidate) -> float:
    """Higher is better. A word in the name counts three times a word elsewhere, a whole word
    counts more than a word start, and all query words in order in the name earn a bonus."""
    # The stored columns are " stem stem ", so substring tests find whole words and word starts.
    name = f" {candidate.search_name.strip()} "
    text = f" {candidate.search_text.strip()} "
    total = 0.0
    for term in query:
        if f" {term} " in name:
            total += 3.0
        elif f" {term}" in name:
            total += 2.0
        if f" {term} " in text:
            total += 1.0
        elif f" {term}" in text:
            total += 0.5
    if len(query) > 1 and f" {' '.join(query)}" in name:
        total += 2.0
    return total


def rank(query: str, candidates: Iterable[Candidate]) -> list[Candidate]:
    """Order by score (high first), then by name so equal scores read alphabetically."""
    terms = tokens(query)
    scored = [(score(terms, candidate), candidate) for candidate in candidates]
    scored.sort(key=lambda pair: (-pair[0], normalise(pair[1].name)))
    return [candidate for _score, candidate in scored]
