from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from assessments.models import Assessment
from instruments.models import InstrumentVersion
from organisations.models import Organisation, Team


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
    name = forms.CharField(label=_("What is this key for?"), max_length=100)
