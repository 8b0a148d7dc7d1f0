"""Git merge driver for gettext catalogues: keep every entry of both sides.

Usage (in .git/config): driver = .venv/bin/python scripts/po_merge.py %O %A %B
Entries are matched by context and message id. A translation only one side changed since the
common ancestor takes that side's text; a translated entry wins over an untranslated or fuzzy
one; where both sides changed the same message differently, ours stays. The result is written
to %A, as git expects. Run `makemessages` afterwards to drop messages no longer used.
"""

from __future__ import annotations

import sys

import polib


def _translated(entry: polib.POEntry) -> bool:
    if "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def _text(entry: polib.POEntry | None) -> tuple:
    if entry is None:
        return ()
    return (entry.msgstr, tuple(sorted(entry.msgstr_plural.items())))


def merge(base_path: str, ours_path: str, theirs_path: str) -> None:
    base = {(e.msgctxt, e.msgid): e for e in polib.pofile(base_path)}
    ours = polib.pofile(ours_path)
    theirs = polib.pofile(theirs_path)
    index = {(e.msgctxt, e.msgid): e for e in ours}
    for entry in theirs:
        key = (entry.msgctxt, entry.msgid)
        mine = index.get(key)
        if mine is None:
            ours.append(entry)
            index[key] = entry
        elif (
            _text(mine) == _text(base.get(key))
            and _text(entry) != _text(mine)
            and _translated(entry)
        ):
            mine.msgstr = entry.msgstr
            mine.msgstr_plural = entry.msgstr_plural
            mine.flags = [f for f in mine.flags if f != "fuzzy"]
        elif not _translated(mine) and _translated(entry):
            mine.msgstr = entry.msgstr
            mine.msgstr_plural = entry.msgstr_plural
            mine.flags = [f for f in mine.flags if f != "fuzzy"]
            mine.obsolete = entry.obsolete and mine.obsolete
        elif mine.obsolete and not entry.obsolete:
            mine.obsolete = False
    ours.save(ours_path)


if __name__ == "__main__":
    merge(sys.argv[1], sys.argv[2], sys.argv[3])
