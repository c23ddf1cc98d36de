from django import forms
from django.utils.translation import gettext_lazy as _

from kommunwebb.taxonomy.models import Topic

from .models import AlertChoice


class ChoicesForm(forms.Form):
    """What a subscriber chooses: alerts from a level and up, and news in some topics."""

    alert_level = forms.ChoiceField(
        label=_("Driftmeddelanden och krisinformation"),
        choices=AlertChoice.choices,
        required=False,
        widget=forms.RadioSelect,
        initial=AlertChoice.IMPORTANT,
        help_text=_(
            "Viktigt meddelande till allmänheten (VMA) får du med alla val utom det första."
        ),
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Nyheter i ämnena"),
        queryset=Topic.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Du får ett mejl när en nyhet i något av ämnena publiceras."),
    )

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("alert_level") and not cleaned.get("topics"):
            raise forms.ValidationError(
                _("Välj driftmeddelanden, minst ett ämne eller båda."), code="nothing"
            )
        return cleaned


class SubscribeForm(ChoicesForm):
    email = forms.EmailField(
        label=_("Din e-postadress"),
        max_length=254,
        error_messages={
            "required": _("Skriv din e-postadress."),
            "invalid": _("Skriv e-postadressen som namn@exempel.se."),
            "max_length": _("E-postadressen får vara högst 254 tecken."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    field_order = ["email", "alert_level", "topics"]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
