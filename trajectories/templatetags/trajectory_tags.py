from django import template
from django.utils import timezone

from trajectories import services

register = template.Library()


@register.simple_tag
def due_this_week(professional) -> list:
    return services.due_this_week(professional, timezone.localdate())


@register.simple_tag
def planned_moments_of(client) -> list:
    return services.moments_of(client)
