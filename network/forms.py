from django import forms
from django.utils.translation import gettext_lazy as _

from network.models import NetworkMember


class NetworkForm(forms.Form):
    name = forms.CharField(
        label=_("Name of your network"),
        max_length=200,
        help_text=_("For example: Living at home, or My recovery."),
    )


class MemberForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    description = forms.CharField(
        label=_("Who is this for you?"),
        max_length=100,
        help_text=_("For example: my GP, my daughter, my coach."),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=NetworkMember.Kind.choices, widget=forms.RadioSelect
    )
    sees_webs = forms.ChoiceField(
        label=_("What may this person see of your webs?"),
        choices=NetworkMember.Webs.choices,
        widget=forms.RadioSelect,
        initial=NetworkMember.Webs.NONE,
    )


class SeesWebsForm(forms.Form):
    sees_webs = forms.ChoiceField(
        label=_("What may this person see of your webs?"),
        choices=NetworkMember.Webs.choices,
        widget=forms.RadioSelect,
    )


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    agenda = forms.CharField(
        label=_("What do you want to talk about?"),
        max_length=4000,
        widget=forms.Textarea,
        help_text=_("One point per line. Everyone at the meeting sees these points."),
    )


class AgreementForm(forms.Form):
    text = forms.CharField(label=_("What is agreed?"), max_length=500)
    member = forms.ChoiceField(label=_("Who does it?"))
    due_date = forms.DateField(
        label=_("By when?"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, members, person_label, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {str(m.pk): m for m in members}
        self.fields["member"].choices = [("", person_label)] + [
            (str(m.pk), m.description) for m in members
        ]
        self.fields["member"].required = False

    def clean_member(self):
        value = self.cleaned_data.get("member")
        return self.members.get(value) if value else None
