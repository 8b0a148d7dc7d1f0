"""Keep rollups right without the fill-in code having to know about insights."""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from assessments.models import Assessment
from insights import services
from insights.models import CollectiveConsent, Programme

# Only these fields change what a web counts with; saves of anything else are not recounted.
COUNTED_FIELDS = frozenset({"status", "completed_at", "dimension_scores"})


@receiver(post_save, sender=Assessment, dispatch_uid="insights_web_saved")
def web_saved(sender, instance: Assessment, created=False, update_fields=None, **kwargs) -> None:
    # A web just made has no consent yet: it cannot count before one is given.
    if created or instance.status != Assessment.Status.COMPLETED:
        return
    if update_fields is not None and not COUNTED_FIELDS & set(update_fields):
        return
    services.web_saved(instance)


@receiver(post_delete, sender=CollectiveConsent, dispatch_uid="insights_consent_deleted")
def consent_deleted(sender, instance: CollectiveConsent, **kwargs) -> None:
    # An erased web takes its consent with it; its cell is recomputed without it.
    if instance.opted_out_at is None:
        services.consent_removed(instance)


@receiver(pre_delete, sender=Programme, dispatch_uid="insights_programme_deleted")
def programme_deleted(sender, instance: Programme, **kwargs) -> None:
    # Before the deletion empties the consents' programme: afterwards they cannot be found.
    services.programme_removed(instance)
