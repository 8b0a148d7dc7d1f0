from django import forms
from django.utils.translation import gettext_lazy as _

from implementation.models import ChecklistItem, RouteEntry
from organisations.models import Membership


class RouteEntryForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Where do we stand?"), choices=RouteEntry.Status.choices, widget=forms.RadioSelect
    )
    where_we_stand = forms.CharField(
        label=_("What do we see now?"), max_length=2000, required=False, widget=forms.Textarea
    )
    next_action = forms.CharField(
        label=_("What do we do next?"), max_length=2000, required=False, widget=forms.Textarea
    )


class ReflectionForm(forms.Form):
    answer = forms.CharField(label=_("Our answer"), max_length=4000, widget=forms.Textarea)


class ChecklistItemForm(forms.Form):
    role = forms.ChoiceField(label=_("For whom"), choices=Membership.Role.choices)
    text = forms.CharField(label=_("What to do"), max_length=300)


class ChecklistTextForm(forms.ModelForm):
    class Meta:
        model = ChecklistItem
        fields = ["text"]
        labels = {"text": _("What to do")}

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write what to do, or remove the point."))
        return text


class JoinRoundForm(forms.Form):
    assessment = forms.ModelChoiceField(
        label=_("Which of your own webs do you bring?"),
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
    )

    def __init__(self, *args, webs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessment"].queryset = webs
        self.fields["assessment"].label_from_instance = lambda web: web.completed_at.strftime(
            "%d-%m-%Y %H:%M"
        )
