"""Deletions of access-log entries by the application are recorded, so the chain stays whole."""

from django.db.models.signals import pre_delete
from django.dispatch import receiver

from sharing.audit_chain import note_erasure
from sharing.models import AccessLogEntry


@receiver(pre_delete, sender=AccessLogEntry)
def record_erasure(sender, instance: AccessLogEntry, **kwargs) -> None:
    note_erasure(instance)
