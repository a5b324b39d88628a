from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mottagning.accounts.models import ROLES


class LoginForm(forms.Form):
    username = forms.CharField(label=_("Användarnamn"), max_length=150)
    password = forms.CharField(label=_("Lösenord"), widget=forms.PasswordInput)
    otp_token = forms.CharField(
        label=_("Engångskod"),
        help_text=_("Sex siffror från din app, om du har slagit på tvåstegsverifiering."),
        required=False,
        max_length=6,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"
        self.fields["otp_token"].widget.attrs.update(
            {"autocomplete": "one-time-code", "inputmode": "numeric"}
        )


class TotpConfirmForm(forms.Form):
    token = forms.CharField(
        label=_("Engångskod"),
        help_text=_("Sex siffror som appen visar just nu."),
        max_length=6,
        min_length=6,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["token"].widget.attrs.update(
            {"autocomplete": "one-time-code", "inputmode": "numeric"}
        )


class ApiTokenForm(forms.Form):
    namn = forms.CharField(
        label=_("Namn på nyckeln"),
        help_text=_("Till exempel systemet som ska använda den."),
        max_length=100,
    )


class UserCreateForm(forms.Form):
    username = forms.CharField(label=_("Användarnamn"), max_length=150)
    first_name = forms.CharField(label=_("Förnamn"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Efternamn"), max_length=150, required=False)
    password = forms.CharField(
        label=_("Tillfälligt lösenord"),
        widget=forms.PasswordInput,
        help_text=_("Minst 12 tecken. Ge det till personen på ett säkert sätt."),
    )
    roles = forms.MultipleChoiceField(
        label=_("Roller"), widget=forms.CheckboxSelectMultiple, choices=ROLES
    )
    units = forms.MultipleChoiceField(
        label=_("Enheter"), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args: Any, units: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["units"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(str(i), n) for i, n in units]
        self.fields["password"].widget.attrs["autocomplete"] = "new-password"
