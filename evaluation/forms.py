from django import forms
from django.utils.translation import gettext_lazy as _

from evaluation.questions import EXPERIENCE_ITEMS, JOY_ITEMS, SCALE, TEXT_MAX_LENGTH


class _ScaleForm(forms.Form):
    items = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for item in self.items:
            self.fields[item.id] = forms.TypedChoiceField(
                label=item.text,
                choices=[(str(value), label) for value, label in SCALE],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose one of the answers.")},
            )


class ExperienceForm(_ScaleForm):
    items = EXPERIENCE_ITEMS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"] = forms.CharField(
            label=_("Is there anything else you want to tell us? (optional)"),
            help_text=_("Do not write names. Your words may be read without your name."),
            max_length=TEXT_MAX_LENGTH,
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
        )


class JoyForm(_ScaleForm):
    items = JOY_ITEMS


class RegisterForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=None, empty_label=None)
    started_on = forms.DateField(
        label=_("Start date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes


class EndForm(forms.Form):
    ended_on = forms.DateField(
        label=_("End date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class CostsForm(forms.Form):
    contact_hours = forms.CharField(label=_("Contact hours"), required=False, max_length=12)
    costs = forms.CharField(label=_("Costs in euros"), required=False, max_length=14)
