"""Fill a Dutch catalogue from a JSON file of English msgid -> Dutch text, then report what is left.

Usage: python scripts/fill_translations.py <app>/locale/nl/LC_MESSAGES/django.po translations.json
"""

import json
import sys
from pathlib import Path

import polib


def main(po_path: str, json_path: str) -> int:
    translations = json.loads(Path(json_path).read_text(encoding="utf-8"))
    catalogue = polib.pofile(po_path)
    for entry in catalogue:
        if entry.msgid in translations:
            entry.msgstr = translations[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    catalogue.save(po_path)
    missing = [e.msgid for e in catalogue if not e.msgstr or "fuzzy" in e.flags]
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
