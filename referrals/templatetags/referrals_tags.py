from django import template

from referrals import selectors
from referrals.forms import ReferralForm
from socialmap.models import Service
from socialmap.taxonomy import dimension_label

register = template.Library()


@register.simple_tag(takes_context=True)
def referral_panel(context, conversation) -> dict:
    """What the conversation page shows: suggestions and the referral form for the
    professional who may refer, the referrals made so far for everyone who may see them."""
    user = context["request"].user
    may_refer = selectors.can_refer(user, conversation)
    panel = {"may_refer": may_refer, "referrals": [], "suggestions": [], "form": None}
    if may_refer:
        found = selectors.suggestions(conversation)
        panel["suggestions"] = found
        if found:
            panel["form"] = ReferralForm(
                services=Service.objects.filter(pk__in=[s.pk for s in found])
            )
        panel["referrals"] = list(selectors.made_by(user).filter(conversation=conversation))
    elif conversation.person_id == user.pk:
        panel["referrals"] = list(selectors.of_person(user).filter(conversation=conversation))
    dimension = selectors.conversation_dimension(conversation)
    panel["dimension"] = dimension_label(dimension) if dimension else ""
    return panel
