from django import forms
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from assessments.presentation import web_label
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
        help_text=_(
            "The name of a part of the web (for example Meedoen), a question of the web, "
            "or the person's own words."
        ),
    )
    postcode_area = forms.CharField(
        label=_("Postcode area (4 digits, optional)"),
        max_length=4,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def __init__(self, *args, theme_names=(), **kwargs):
        super().__init__(*args, **kwargs)
        # The names on screen are suggested while typing (a datalist; without it they are listed).
        self.theme_names = list(theme_names)
        if self.theme_names:
            self.fields["theme"].widget.attrs["list"] = "theme-names"


class StartForm(ThemeForm):
    assessments = forms.MultipleChoiceField(
        label=_("Webs to talk about"), widget=forms.CheckboxSelectMultiple, choices=()
    )

    def __init__(self, *args, webs=(), **kwargs):
        super().__init__(*args, **kwargs)
        language = get_language() or "nl"
        self.fields["assessments"].choices = [
            (str(w.public_id), web_label(w, language)) for w in webs
        ]


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


class OwnReflectionForm(forms.Form):
    assessment = forms.ChoiceField(
        label=_("Which web do you want to think about?"), widget=forms.RadioSelect
    )
    theme = forms.CharField(
        label=_("What do you want to think about? (optional, in your own words)"),
        max_length=THEME_MAX_LENGTH,
        required=False,
    )

    def __init__(self, *args, webs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessment"].choices = [
            (
                str(w.public_id),
                f"{w.definition.name.get(get_language())} · {date_format(w.created_at)}",
            )
            for w in webs
        ]


class OwnStepForm(StepForm):
    """A step the person writes themselves; `conversation` says in which plan it goes."""

    conversation = forms.ChoiceField(label=_("In which plan?"))

    def __init__(self, *args, conversations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.conversations = {str(c.public_id): c for c in conversations}
        self.fields["conversation"].choices = [
            (key, _plan_label(c)) for key, c in self.conversations.items()
        ]
        self.only_plan = ""
        if len(self.conversations) == 1:
            only = next(iter(self.conversations.values()))
            self.only_plan = _plan_label(only)
            self.fields["conversation"].widget = forms.HiddenInput()
            self.fields["conversation"].initial = str(only.public_id)
            if only.is_own_reflection:
                self.fields["actor"].choices = [
                    c for c in Step.Actor.choices if c[0] != Step.Actor.PROFESSIONAL
                ]
        self.fields["actor"].initial = Step.Actor.PERSON
        self.order_fields(["conversation", "text", "actor", "actor_name", "due_date"])

    def clean(self):
        data = super().clean()
        chosen = self.conversations.get(data.get("conversation", ""))
        if chosen and chosen.is_own_reflection and data.get("actor") == Step.Actor.PROFESSIONAL:
            self.add_error("actor", _("There is no professional in your own reflection."))
        return data

    def chosen_conversation(self) -> Conversation:
        return self.conversations[self.cleaned_data["conversation"]]


def _plan_label(conversation: Conversation) -> str:
    when = date_format(conversation.created_at)
    if conversation.is_own_reflection:
        return _("My own reflection of %(date)s") % {"date": when}
    return _("Conversation with %(name)s of %(date)s") % {
        "name": conversation.professional,
        "date": when,
    }
