from django import forms
from django.utils.translation import gettext_lazy as _

from conversations.models import Conversation, Step
from conversations.services import NAME_MAX_LENGTH, STEP_MAX_LENGTH, THEME_MAX_LENGTH


class ThemeForm(forms.Form):
    theme_kind = forms.ChoiceField(
        label=_("What kind of theme did the person choose?"),
        choices=Conversation.ThemeKind.choices,
        required=False,
    )
    theme = forms.CharField(
        label=_("Theme"),
        max_length=THEME_MAX_LENGTH,
        required=False,
        help_text=_("The id of a part or question of the web, or the person's own words."),
    )
    postcode_area = forms.CharField(
        label=_("Postcode area (4 digits, optional)"), max_length=4, required=False
    )


class StartForm(ThemeForm):
    assessments = forms.MultipleChoiceField(
        label=_("Webs to talk about"), widget=forms.CheckboxSelectMultiple, choices=()
    )

    def __init__(self, *args, webs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessments"].choices = [(str(w.public_id), str(w)) for w in webs]


class StepForm(forms.Form):
    text = forms.CharField(label=_("Step"), max_length=STEP_MAX_LENGTH)
    actor = forms.ChoiceField(
        label=_("Who does it?"), choices=Step.Actor.choices, widget=forms.RadioSelect
    )
    actor_name = forms.CharField(
        label=_("Name (when someone else does it)"), max_length=NAME_MAX_LENGTH, required=False
    )
    due_date = forms.DateField(
        label=_("By when?"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
