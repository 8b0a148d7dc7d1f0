"""The access log as a hash chain, so that editing or removing an entry afterwards shows.

Each entry's `chain_hash` is an HMAC (keyed with SECRET_KEY) over its own id, whose data it
is, who looked (as text), what, context and time, and the previous entry's hash. Entries
the application removes (retention, erasure of an account) leave their two hashes in
AuditErasure, so the chain can be followed across the gap. `manage.py verify_audit_log` walks
the chain; any entry changed, inserted, reordered or deleted outside the application breaks it.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import UTC

from django.conf import settings
from django.db import transaction

from sharing.models import AccessLogEntry, AuditChainHead, AuditErasure

HEAD_ID = 1


def _key() -> bytes:
    return hashlib.sha256(b"bredeblik.audit-chain:" + settings.SECRET_KEY.encode()).digest()


def seal(entry: AccessLogEntry, previous_hash: str) -> str:
    """The hash of one entry. Only fields that never change on their own are covered:
    the viewer, web and organisation links are emptied when those are deleted."""
    parts = [
        str(entry.pk),
        str(entry.subject_id),
        entry.viewer_label,
        entry.what,
        entry.context,
        entry.at.astimezone(UTC).isoformat(),
        previous_hash,
    ]
    message = "\x1f".join(parts).encode()
    return hmac.new(_key(), message, hashlib.sha256).hexdigest()


def append(**fields) -> AccessLogEntry:
    """Create an access-log entry at the end of the chain (serialised by a row lock)."""
    with transaction.atomic():
        head = AuditChainHead.objects.select_for_update().filter(pk=HEAD_ID).first()
        if head is None:
            head, _created = AuditChainHead.objects.get_or_create(pk=HEAD_ID)
            head = AuditChainHead.objects.select_for_update().get(pk=HEAD_ID)
        entry = AccessLogEntry.objects.create(previous_hash=head.last_hash, **fields)
        entry.chain_hash = seal(entry, head.last_hash)
        entry.save(update_fields=["chain_hash"])
        head.last_hash = entry.chain_hash
        head.save(update_fields=["last_hash"])
    return entry


def append_many(rows: list[dict]) -> list[AccessLogEntry]:
    """`append` for several entries at once (a list page): a fixed number of queries."""
    if not rows:
        return []
    with transaction.atomic():
        head = AuditChainHead.objects.select_for_update().filter(pk=HEAD_ID).first()
        if head is None:
            head, _created = AuditChainHead.objects.get_or_create(pk=HEAD_ID)
            head = AuditChainHead.objects.select_for_update().get(pk=HEAD_ID)
        entries = AccessLogEntry.objects.bulk_create([AccessLogEntry(**row) for row in rows])
        # The chain follows the ids: seal in the order the database numbered the rows.
        entries.sort(key=lambda entry: entry.pk)
        previous = head.last_hash
        for entry in entries:
            entry.previous_hash = previous
            entry.chain_hash = seal(entry, previous)
            previous = entry.chain_hash
        AccessLogEntry.objects.bulk_update(entries, ["previous_hash", "chain_hash"])
        head.last_hash = previous
        head.save(update_fields=["last_hash"])
    return entries


def note_erasure(entry: AccessLogEntry) -> None:
    """Called just before the application deletes an entry (see sharing.signals)."""
    if entry.chain_hash:
        AuditErasure.objects.create(
            entry_id=entry.pk, previous_hash=entry.previous_hash, chain_hash=entry.chain_hash
        )


@dataclass(frozen=True)
class Verdict:
    ok: bool
    checked: int
    problem: str = ""


def verify() -> Verdict:
    """Walk the whole chain in order of creation; the first break is reported."""
    erased_after = dict(AuditErasure.objects.values_list("previous_hash", "chain_hash"))

    def follow(expected: str, target: str) -> bool:
        seen = 0
        while expected != target:
            if expected not in erased_after or seen > len(erased_after):
                return False
            expected = erased_after[expected]
            seen += 1
        return True

    last = ""
    checked = 0
    for entry in AccessLogEntry.objects.order_by("pk").iterator():
        if not follow(last, entry.previous_hash):
            return Verdict(False, checked, f"entry {entry.pk}: the entry before it is missing")
        if not hmac.compare_digest(seal(entry, entry.previous_hash), entry.chain_hash):
            return Verdict(False, checked, f"entry {entry.pk}: its content was changed")
        last = entry.chain_hash
        checked += 1
    head = AuditChainHead.objects.filter(pk=HEAD_ID).first()
    if head is not None and head.last_hash and not follow(last, head.last_hash):
        return Verdict(False, checked, "the newest entries are missing")
    return Verdict(True, checked)
