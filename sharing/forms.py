from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from assessments.models import Assessment
from instruments.models import InstrumentVersion
from organisations.models import Organisation, Team
from sharing.models import ApiToken, GuardianConsent


def instrument_label(version: InstrumentVersion) -> str:
    return version.parsed.name.get(get_language())


class InvitationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    instrument = forms.ModelChoiceField(
        label=_("Web to fill in"), queryset=InstrumentVersion.objects.none()
    )
    moment = forms.ChoiceField(
        label=_("Moment (optional)"), choices=Assessment.Moment.choices, required=False
    )
    team = forms.ModelChoiceField(
        label=_("Also offer sharing with this team (optional)"),
        queryset=Team.objects.none(),
        required=False,
    )

    def __init__(self, *args, organisations, instruments, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["instrument"].queryset = instruments
        self.fields["instrument"].label_from_instance = instrument_label
        self.fields["team"].queryset = teams
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()


class CodeEntryForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=12)


class TokenForm(forms.Form):
    LIFETIMES = [("30", _("30 days")), ("90", _("90 days")), ("365", _("1 year"))]

    name = forms.CharField(label=_("What is this key for?"), max_length=100)
    scope = forms.ChoiceField(
        label=_("What may a program do with this key?"),
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
        widget=forms.RadioSelect,
    )
    days = forms.ChoiceField(label=_("Valid for"), choices=LIFETIMES, initial="90")


class StatedAgeForm(forms.Form):
    age = forms.TypedChoiceField(
        label=_("How old are you?"),
        coerce=int,
        choices=[("", "—")] + [(age, str(age)) for age in range(12, 19)],
    )


class GuardianConsentForm(forms.Form):
    guardian_name = forms.CharField(label=_("Your name (parent or guardian)"), max_length=120)
    relationship = forms.ChoiceField(
        label=_("You are the child's"), choices=GuardianConsent.Relationship.choices
    )
    agree = forms.BooleanField(
        label=_(
            "I am the parent or guardian. I agree that this web may be shared with the people "
            "the child chooses, and counted anonymously in figures if the child wants that."
        ),
        required=True,
    )
