from django import forms
from django.utils.translation import gettext_lazy as _


class PersonQueryForm(forms.Form):
    query = forms.CharField(
        label=_("E-postadress, telefonnummer, referensnummer eller samtyckeskod"),
        max_length=254,
        min_length=3,
        strip=True,
        error_messages={
            "required": _(
                "Ange en e-postadress, ett telefonnummer, ett referensnummer eller en samtyckeskod."
            ),
            "min_length": _("Ange minst tre tecken."),
            "max_length": _("Sökningen får vara högst 254 tecken lång."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_query(self):
        query = " ".join(self.cleaned_data["query"].split())
        if any(not ch.isprintable() for ch in query):
            raise forms.ValidationError(_("Sökningen innehåller otillåtna tecken."))
        return query


class ConfirmEraseForm(PersonQueryForm):
    fingerprint = forms.CharField(max_length=64, min_length=64, widget=forms.HiddenInput)
