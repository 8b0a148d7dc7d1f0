from django import forms
from django.utils.translation import gettext_lazy as _

from insights.models import AgeBand, postcode_area_validator


class ConsentForm(forms.Form):
    postcode_area = forms.CharField(
        label=_("The four digits of your postcode"),
        max_length=4,
        min_length=4,
        validators=[postcode_area_validator],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 4}),
    )
    age_band = forms.ChoiceField(label=_("Your age"), choices=AgeBand.choices)
    agree = forms.BooleanField(
        label=_("Yes, count my web anonymously in the figures of my neighbourhood."),
        required=True,
    )


class QuoteForm(forms.Form):
    text = forms.CharField(
        label=_("Quote (without names or other details that show who said it)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    dimension = forms.ChoiceField(label=_("Dimension (optional)"), required=False)

    def __init__(self, *args, dimension_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dimension"].choices = [("", _("none"))] + list(dimension_choices)
