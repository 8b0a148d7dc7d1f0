from django import template
from django.utils import timezone

from conversations import selectors
from conversations.models import Step

register = template.Library()


@register.simple_tag(takes_context=True)
def plan_for_web(context, assessment) -> list[selectors.PlanStep]:
    """The steps of conversations about this web; the status choices go along for the forms."""
    context["status_choices"] = Step.Status.choices
    return selectors.plan_for_web(assessment, timezone.localdate())
