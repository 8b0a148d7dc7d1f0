from django import template

from together.selectors import room_share_of

register = template.Library()


@register.simple_tag
def room_share(assessment):
    """The consent given in the room for a web without an account (with an account, the person
    manages it with all their other shares)."""
    if assessment.owner_id is not None:
        return None
    return room_share_of(assessment)
