from django import template

from evaluation.selectors import experience_offers

register = template.Library()


@register.simple_tag
def experience_offers_for(user):
    return list(experience_offers(user))
