from django import forms
from django.utils.translation import gettext_lazy as _

from organisations.models import Membership, Organisation, Team


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Team name"), max_length=200)


class MemberForm(forms.Form):
    email = forms.EmailField(label=_("Email address of an existing account"))
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)
    team = forms.ModelChoiceField(
        label=_("Team (optional)"), queryset=Team.objects.none(), required=False
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = organisation.teams.all()


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("6-digit code from your app"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )
