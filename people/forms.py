from __future__ import annotations

from collections.abc import Sequence

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from assessments.models import Assessment
from people.models import User


def web_label(web: Assessment) -> str:
    date = formats.date_format(web.created_at, "j F Y")
    return f"{web.definition.name.get(get_language())}, {date} ({web.get_status_display()})"


class AttachWebsMixin:
    """Adds a ticked-by-default list of this browser's webs, to take into the account."""

    def add_attach_field(self, offered: Sequence[Assessment]) -> None:
        self.offered = list(offered)
        if not self.offered:
            return
        self.fields["attach"] = forms.MultipleChoiceField(
            label=_("Keep these webs from this browser in your account"),
            choices=[(str(w.public_id), web_label(w)) for w in self.offered],
            initial=[str(w.public_id) for w in self.offered],
            widget=forms.CheckboxSelectMultiple,
            required=False,
            help_text=_("Untick a web you do not want to keep."),
        )

    def chosen_webs(self) -> list[str]:
        return self.cleaned_data.get("attach", []) if self.offered else []


class LoginForm(AttachWebsMixin, AuthenticationForm):
    def __init__(self, request=None, *args, offered: Sequence[Assessment] = (), **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Email address")
        self.fields["username"].widget.attrs["autocomplete"] = "email"
        self.add_attach_field(offered)


class SignupForm(AttachWebsMixin, forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We send a link to this address. With it you choose your password."),
    )

    def __init__(self, *args, offered: Sequence[Assessment] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.add_attach_field(offered)

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()


class ChoosePasswordForm(forms.Form):
    """A new password, twice, checked by the configured validators in our own words."""

    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters. Not only numbers, and not a well-known password."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same."))
        elif first:
            try:
                password_validation.validate_password(first, self.user)
            except forms.ValidationError as error:
                self.add_error("password1", [_plain(e) for e in error.error_list])
        return cleaned


def _plain(error: forms.ValidationError) -> forms.ValidationError:
    """Django's Dutch catalogue lacks the length message; say it in our own words instead."""
    if error.code == "password_too_short":
        return forms.ValidationError(
            _("This password is too short. Use at least %(min_length)d characters."),
            code=error.code,
            params=error.params,
        )
    return error


class AttachForm(forms.Form):
    reference = forms.CharField(
        label=_("Private link or resume code"),
        max_length=500,
        help_text=_("For example ABCD-EFGH, or the whole link you saved."),
    )


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, delete my account and all my webs, answers and notes for good."),
        required=True,
        error_messages={"required": _("Tick the box to confirm.")},
    )
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This password is not right. Nothing has been deleted."))
        return password
