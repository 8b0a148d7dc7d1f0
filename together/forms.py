from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from assessments.models import Assessment
from instruments.definition import InstrumentDefinition
from instruments.models import InstrumentVersion
from organisations.models import Organisation

NEW_CLIENT = "new"


def instrument_label(version: InstrumentVersion) -> str:
    return version.parsed.name.get(get_language())


class ClientWebForm(forms.Form):
    """For whom, which web and which moment: the start of a web in the room or from paper."""

    client = forms.ChoiceField(label=_("For whom"))
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    instrument = forms.ModelChoiceField(
        label=_("Web to fill in"), queryset=InstrumentVersion.objects.none()
    )
    moment = forms.ChoiceField(
        label=_("Moment (optional)"), choices=Assessment.Moment.choices, required=False
    )

    def __init__(self, *args, clients, organisations, instruments, **kwargs):
        super().__init__(*args, **kwargs)
        self.clients = {str(c.pk): c for c in clients}
        self.fields["client"].choices = [
            (NEW_CLIENT, _("A new client (gets a code to take the web along)")),
            *[(pk, str(c)) for pk, c in self.clients.items()],
        ]
        self.fields["organisation"].queryset = organisations
        self.fields["instrument"].queryset = instruments
        self.fields["instrument"].label_from_instance = instrument_label
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()

    def chosen_client(self):
        """The existing client, or None for a new one."""
        return self.clients.get(self.cleaned_data["client"])


class PaperWebForm(forms.Form):
    """Every question of one instrument, to type in what the client wrote on paper.

    Answers are plain text fields behind the select, so the instrument's own rules (not the form)
    decide what is valid and give the message.
    """

    client_consents = forms.BooleanField(
        label=_(
            "The client agrees that I type in this web and see it. They can stop this at any time."
        ),
        required=False,
    )

    def __init__(self, *args, definition: InstrumentDefinition, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        scale = definition.scale
        if scale.choices:
            options = [(_number(c.value), c.label.get(language)) for c in scale.choices]
        else:
            options = [(str(v), str(v)) for v in range(11)]
        options = [("", _("not filled in"))] + options
        self.groups = []
        for dimension in definition.dimensions:
            names = []
            for item in dimension.items:
                self.fields[f"item-{item.id}"] = forms.CharField(
                    label=item.text.get(language),
                    required=False,
                    widget=forms.Select(choices=options),
                )
                self.fields[f"talk-{item.id}"] = forms.BooleanField(
                    label=_("Wants to talk about this"), required=False
                )
                names += [f"item-{item.id}", f"talk-{item.id}"]
            self.fields[f"note-{dimension.id}"] = forms.CharField(
                label=_("Note written with this part (optional)"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            names.append(f"note-{dimension.id}")
            self.groups.append((dimension.name.get(language), names))
        self.definition = definition
        self.order_fields([n for _name, names in self.groups for n in names] + ["client_consents"])

    def grouped(self):
        return [(name, [self[n] for n in names]) for name, names in self.groups]

    def submission_data(self) -> dict:
        data = self.cleaned_data
        items = self.definition.items
        return {
            "answers": {i.id: data.get(f"item-{i.id}", "") for i in items},
            "flags": [i.id for i in items if data.get(f"talk-{i.id}")],
            "notes": {d.id: data.get(f"note-{d.id}", "") for d in self.definition.dimensions},
            "shown_items": [i.id for i in items],
        }


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
