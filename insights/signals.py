"""Keep rollups right without the fill-in code having to know about insights."""

import contextlib

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from assessments.models import Assessment
from insights import services
from insights.models import CollectiveConsent


@receiver(post_save, sender=Assessment, dispatch_uid="insights_web_saved")
def web_saved(sender, instance: Assessment, **kwargs) -> None:
    if instance.status == Assessment.Status.COMPLETED:
        services.web_completed(instance)


@receiver(post_delete, sender=CollectiveConsent, dispatch_uid="insights_consent_deleted")
def consent_deleted(sender, instance: CollectiveConsent, **kwargs) -> None:
    # An erased web takes its consent with it; its cell is recomputed without it.
    if instance.assessment_id and instance.opted_out_at is None:
        with contextlib.suppress(Assessment.DoesNotExist):
            services.consent_removed(instance)
