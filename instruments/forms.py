from django import forms
from django.utils.translation import gettext_lazy as _

from instruments.custom import TEXT_MAX_LENGTH

ITEM_ROWS = 5


class CustomDimensionForm(forms.Form):
    """A new part for the organisation's web; up to ITEM_ROWS questions in Dutch and English."""

    base = forms.ChoiceField(label=_("Start from this web"), choices=())
    name_nl = forms.CharField(label=_("Name in Dutch"), max_length=TEXT_MAX_LENGTH)
    name_en = forms.CharField(label=_("Name in English"), max_length=TEXT_MAX_LENGTH)
    description_nl = forms.CharField(
        label=_("Description in Dutch"), max_length=TEXT_MAX_LENGTH, widget=forms.Textarea
    )
    description_en = forms.CharField(
        label=_("Description in English"), max_length=TEXT_MAX_LENGTH, widget=forms.Textarea
    )

    def __init__(self, *args, bases=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["base"].choices = [(str(b.pk), str(b.parsed.name.nl)) for b in bases]
        for n in range(1, ITEM_ROWS + 1):
            self.fields[f"item_{n}_nl"] = forms.CharField(
                label=_("Question %(n)d in Dutch") % {"n": n},
                max_length=TEXT_MAX_LENGTH,
                required=n == 1,
            )
            self.fields[f"item_{n}_en"] = forms.CharField(
                label=_("Question %(n)d in English") % {"n": n},
                max_length=TEXT_MAX_LENGTH,
                required=n == 1,
            )

    def item_pairs(self) -> list[tuple[str, str]]:
        pairs = []
        for n in range(1, ITEM_ROWS + 1):
            text_nl = self.cleaned_data.get(f"item_{n}_nl", "")
            text_en = self.cleaned_data.get(f"item_{n}_en", "")
            if text_nl or text_en:
                pairs.append((text_nl, text_en))
        return pairs

    def item_fields(self):
        return [(self[f"item_{n}_nl"], self[f"item_{n}_en"]) for n in range(1, ITEM_ROWS + 1)]
