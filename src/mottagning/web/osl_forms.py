"""Forms of the begäran om uppgifter (OSL) pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from mottagning.audit.models import LEGAL_BASES


class InformationRequestForm(forms.Form):
    rattslig_grund = forms.ChoiceField(
        label=_("Rättslig grund"),
        choices=[("", _("Välj rättslig grund")), *LEGAL_BASES],
        help_text=_(
            "Den bestämmelse i offentlighets- och sekretesslagen som utlämnandet stöds på."
        ),
    )
    motivering = forms.CharField(
        label=_("Varför behövs uppgifterna?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Vilket ärende det gäller och vad uppgifterna ska användas till."),
    )


class InformationDecisionForm(forms.Form):
    beslut = forms.ChoiceField(
        label=_("Beslut"),
        choices=[("", _("Välj beslut")), ("bevilja", _("Bevilja")), ("avsla", _("Avslå"))],
    )
    motivering = forms.CharField(
        label=_("Skäl för beslutet"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sekretessprövningen: varför uppgifterna får eller inte får lämnas ut."),
    )
