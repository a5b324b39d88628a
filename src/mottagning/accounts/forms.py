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
    roles = forms.MultipleChoiceField(
        label=_("Roller"), widget=forms.CheckboxSelectMultiple, choices=ROLES
    )
    units = forms.MultipleChoiceField(
        label=_("Enheter"), widget=forms.CheckboxSelectMultiple, required=False
    )
    reason = forms.CharField(
        label=_("Varför behöver personen behörigheten?"),
        max_length=500,
        help_text=_(
            "Till exempel tjänst och ärendetyp. Visas för den som godkänner och för revisorn."
        ),
    )

    def __init__(self, *args: Any, units: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["units"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(str(i), n) for i, n in units]


class UserUpdateForm(UserCreateForm):
    """The same fields without the user name, which does not change."""

    def __init__(self, *args: Any, units: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, units=units, **kwargs)
        del self.fields["username"]
        self.fields["reason"].label = _("Varför ändras kontot?")


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Varför?"), max_length=500)


class PasswordSetForm(forms.Form):
    password = forms.CharField(
        label=_("Nytt lösenord"),
        widget=forms.PasswordInput,
        help_text=_("Minst 12 tecken, inte bara siffror och inte likt ditt användarnamn."),
    )
    password_again = forms.CharField(label=_("Samma lösenord igen"), widget=forms.PasswordInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("password", "password_again"):
            self.fields[name].widget.attrs["autocomplete"] = "new-password"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("Lösenorden är inte lika. Skriv samma två gånger."))
        return data
