from django import template

from sharing.selectors import invitation_of, team_choices
from sharing.services import shares_of

register = template.Library()


@register.simple_tag
def sharing_panel(assessment, user) -> dict:
    """What the result page offers: the inviting professional, or a code, or a team."""
    shares = []
    if assessment.owner_id and user.is_authenticated and user.pk == assessment.owner_id:
        shares = [
            s
            for s in shares_of(user)
            if s.is_active and (s.assessment_id == assessment.pk or s.assessment_id is None)
        ]
    return {
        "invitation": invitation_of(assessment),
        "team_choices": team_choices(),
        "shares": shares,
        "can_share": bool(assessment.owner_id)
        and user.is_authenticated
        and user.pk == assessment.owner_id,
    }
