"""An erased web takes its cached drawings with it."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from assessments import drawings
from assessments.models import Assessment


@receiver(post_delete, sender=Assessment, dispatch_uid="assessments_web_deleted")
def web_deleted(sender, instance: Assessment, **kwargs) -> None:
    drawings.forget(instance.pk)
