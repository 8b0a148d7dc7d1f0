from django import template
from django.utils.translation import get_language

from assessments.models import Assessment
from assessments.presentation import build_web_view

register = template.Library()


@register.inclusion_tag("assessments/_web_detail.html")
def web_summary(assessment: Assessment, earlier: Assessment | None = None) -> dict:
    """The web, its table and flagged items, for any page that may show this web."""
    return {"web": build_web_view(assessment, get_language() or "nl", earlier=earlier)}
