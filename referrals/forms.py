from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from socialmap.models import Service

SHARE_CHOICES = [
    ("name", _("Name")),
    ("contact", _("Contact details (email address)")),
    ("dimension", _("The chosen part of Positive Health")),
    ("note", _("The note below")),
]


class ReferralForm(forms.Form):
    service = forms.ModelChoiceField(
        label=_("Refer to"),
        queryset=Service.objects.filter(status=Service.Status.ACTIVE).select_related(
            "organization"
        ),
        widget=forms.RadioSelect,
        empty_label=None,
    )
    share = forms.MultipleChoiceField(
        label=_("What may the organisation see? Only what is ticked is shared."),
        choices=SHARE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    note = forms.CharField(
        label=_("Note for the organisation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    consent = forms.BooleanField(
        label=_("The person agrees to this referral and to sharing the ticked data."),
        error_messages={"required": _("Ask the person for consent first.")},
    )

    def __init__(self, *args, services=None, **kwargs):
        super().__init__(*args, **kwargs)
        if services is not None:
            self.fields["service"].queryset = services
        self.fields["service"].label_from_instance = lambda s: f"{s.name} ({s.organization.name})"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("note", "").strip() and "note" not in cleaned.get("share", []):
            self.add_error("note", _("Tick “The note below” to share the note, or leave it empty."))
        return cleaned


class TransitionForm(forms.Form):
    note = forms.CharField(
        label=_("Note (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )
