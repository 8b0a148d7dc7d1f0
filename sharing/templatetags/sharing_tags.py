from django import template

from sharing import guardian_consent
from sharing.forms import GuardianConsentForm, StatedAgeForm
from sharing.selectors import invitation_of, team_choices
from sharing.services import shares_of

register = template.Library()


def _covers(share, assessment) -> bool:
    if share.assessment_id is not None:
        return share.assessment_id == assessment.pk
    return share.starts_at <= assessment.created_at


def _answers(share, invitation) -> bool:
    """The share is the person's answer to this invitation: with its professional or team."""
    if share.professional_id is not None:
        return share.professional_id == invitation.professional_id
    return invitation.team_id is not None and share.team_id == invitation.team_id


@register.simple_tag
def sharing_panel(assessment, user) -> dict:
    """What the result page offers: the inviting professional, or a code, or a team; and once
    shared, the invitation stays on the page with what is shared and where to stop it."""
    can_share = (
        bool(assessment.owner_id) and user.is_authenticated and user.pk == assessment.owner_id
    )
    if not can_share:
        # The panel then only invites to make an account: nothing more to read.
        return {
            "invitation": None,
            "invitation_share": None,
            "team_choices": [],
            "shares": [],
            "can_share": False,
        }
    shares = [s for s in shares_of(user) if s.is_active and _covers(s, assessment)]
    invitation = invitation_of(assessment)
    answered = next((s for s in shares if _answers(s, invitation)), None) if invitation else None
    return {
        "invitation": invitation,
        "invitation_share": answered,
        "team_choices": team_choices(),
        "shares": shares,
        "can_share": True,
    }


@register.simple_tag
def guardian_panel(assessment) -> dict:
    """What the result page says about age and a guardian's consent for this web.

    Three panels of one page ask this: it is read once per loaded web. An adult's web needs
    no guardian, so then nothing is read at all.
    """
    cached = getattr(assessment, "_guardian_panel", None)
    if cached is None:
        cached = assessment._guardian_panel = _guardian_panel(assessment)
    return cached


def _guardian_panel(assessment) -> dict:
    asks_age = guardian_consent.asks_age(assessment)
    age = guardian_consent.age_of(assessment) if asks_age else None
    needed = guardian_consent.needs_guardian_at(assessment.definition.kind, age)
    consent = guardian_consent.active_guardian_consent(assessment) if needed else None
    sharing, figures = (
        guardian_consent.decide_from(needed, consent, purpose)
        for purpose in (guardian_consent.Purpose.SHARING, guardian_consent.Purpose.FIGURES)
    )
    return {
        "applies": needed is not False,
        "asks_age": asks_age,
        "age": age,
        "needed": needed,
        "consent": consent,
        "sharing": sharing,
        "figures": figures,
        "age_form": StatedAgeForm(auto_id="age-%s"),
        "guardian_form": GuardianConsentForm(auto_id="guardian-%s"),
    }
