"""Dutch is the default language: every user-facing text needs a Dutch translation."""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
DUTCH_CATALOGUES = sorted(
    p for p in ROOT.glob("*/locale/nl/LC_MESSAGES/django.po") if ".venv" not in p.parts
)


def test_there_are_dutch_catalogues():
    assert len(DUTCH_CATALOGUES) >= 3


@pytest.mark.parametrize("po_path", DUTCH_CATALOGUES, ids=lambda p: p.parts[-5])
def test_every_text_is_translated_and_compiled(po_path):
    catalogue = polib.pofile(str(po_path))
    untranslated = [e.msgid for e in catalogue if not e.msgstr and not e.msgstr_plural]
    fuzzy = [e.msgid for e in catalogue if "fuzzy" in e.flags and not e.obsolete]
    assert not untranslated, f"untranslated in {po_path}: {untranslated}"
    assert not fuzzy, f"fuzzy in {po_path}: {fuzzy}"
    compiled = {e.msgid: e.msgstr for e in polib.mofile(str(po_path.with_suffix(".mo")))}
    stale = [
        e.msgid
        for e in catalogue.translated_entries()
        if not e.msgid_plural and compiled.get(e.msgid) != e.msgstr
    ]
    assert not stale, f"{po_path.with_suffix('.mo')} is out of date; run compilemessages: {stale}"
