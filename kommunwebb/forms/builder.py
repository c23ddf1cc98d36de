"""Builds the visitor's Django form from the fields an editor set up, with limits on every
field and messages in plain Swedish that name the field they are about.

Django ties each message to its field: ``aria-invalid`` and ``aria-describedby`` pointing
at ``<id>_helptext`` and ``<id>_error`` (the template renders elements with those ids).
"""

import django.forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm, FormBuilder
from wagtail.contrib.forms.models import FORM_FIELD_CHOICES

from kommunwebb.core.phone import tel_href

# Wagtail's own field types (file uploads are not among them: forms take no attachments)
# plus a telephone number, which the rights tools can search for.
FIELD_TYPE_CHOICES = [
    *[(value, label) for value, label in FORM_FIELD_CHOICES if value != "hidden"],
    ("phone", _("Telefonnummer")),
    ("hidden", dict(FORM_FIELD_CHOICES)["hidden"]),
]

SINGLELINE_MAX = 255
MULTILINE_MAX = 5000
EMAIL_MAX = 254
PHONE_MAX = 40

CHOICE_TYPES = {"dropdown", "radio", "checkboxes", "multiselect"}


class _msg:
    """A message naming its field, translated when shown (so it follows the active
    language). Django fills in its own placeholders such as %(limit_value)d with ``%``."""

    def __init__(self, text, label):
        self.text, self.label = text, label

    def __str__(self):
        return str(self.text).replace("%(label)s", self.label)

    def __mod__(self, params):
        # A "%" in the label must not be read as a placeholder.
        return str(self.text).replace("%(label)s", self.label.replace("%", "%%")) % params


def phone_for_lookup(value: str) -> str:
    """'070-123 45 67' -> '+46701234567': one spelling per number, for finding it again."""
    return tel_href(value).removeprefix("tel:")


class TelInput(django.forms.TextInput):
    input_type = "tel"


class PhoneField(django.forms.CharField):
    widget = TelInput

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", PHONE_MAX)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs["autocomplete"] = "tel"
        return attrs

    def validate(self, value):
        super().validate(value)
        if value in self.empty_values:
            return
        try:
            phone_for_lookup(value)
        except ValueError:
            raise django.forms.ValidationError(
                self.error_messages["invalid"], code="invalid"
            ) from None


class CityForm(BaseForm):
    """The form a visitor fills in."""

    # GOV.UK's habit: the server's validation speaks, not the browser's bubbles.
    use_required_attribute = True

    def error_summary(self):
        """(href target id, message) for the error summary at the top of the page."""
        items = []
        for bound in self:
            for error in bound.errors:
                # A group of radio buttons or checkboxes is reached through its first one.
                target = f"{bound.auto_id}_0" if bound.use_fieldset else bound.auto_id
                items.append((target, error))
        for error in self.non_field_errors():
            items.append(("", error))
        return items


class CityFormBuilder(FormBuilder):
    def get_field_options(self, field):
        options = super().get_field_options(field)
        label = field.label
        if field.field_type in CHOICE_TYPES:
            required = _msg(_("Välj ett alternativ i ”%(label)s”."), label)
        elif field.field_type == "checkbox":
            required = _msg(_("Kryssa i rutan ”%(label)s” för att kunna skicka."), label)
        else:
            required = _msg(_("Fyll i ”%(label)s”."), label)
        options["error_messages"] = {
            "required": required,
            "max_length": _msg(
                _(
                    "”%(label)s” får vara högst %(limit_value)d tecken långt. "
                    "Nu är det %(show_value)d tecken."
                ),
                label,
            ),
            "invalid_choice": _msg(_("Välj ett av alternativen i ”%(label)s”."), label),
            "null_characters_not_allowed": _msg(
                _("”%(label)s” innehåller tecken som inte är tillåtna."), label
            ),
        }
        return options

    def _text_field(self, options, max_length, **kwargs):
        options["max_length"] = max_length
        return django.forms.CharField(**options, **kwargs)

    def create_singleline_field(self, field, options):
        return self._text_field(options, SINGLELINE_MAX)

    def create_multiline_field(self, field, options):
        options.setdefault("widget", django.forms.Textarea(attrs={"rows": 6}))
        return self._text_field(options, MULTILINE_MAX)

    def create_hidden_field(self, field, options):
        options.setdefault("widget", django.forms.HiddenInput)
        return self._text_field(options, SINGLELINE_MAX)

    def create_email_field(self, field, options):
        options["error_messages"]["invalid"] = _msg(
            _("Skriv e-postadressen i ”%(label)s” som namn@exempel.se."), field.label
        )
        options["max_length"] = EMAIL_MAX
        options["widget"] = django.forms.EmailInput(attrs={"autocomplete": "email"})
        return django.forms.EmailField(**options)

    def create_phone_field(self, field, options):
        options["error_messages"]["invalid"] = _msg(
            _("Skriv ett telefonnummer i ”%(label)s”, till exempel 070-123 45 67."),
            field.label,
        )
        return PhoneField(**options)

    def create_number_field(self, field, options):
        options["error_messages"]["invalid"] = _msg(
            _("Skriv ett tal i ”%(label)s”, till exempel 12 eller 3,5."), field.label
        )
        options["error_messages"]["max_digits"] = _msg(
            _("Talet i ”%(label)s” är för stort."), field.label
        )
        options["max_digits"] = 15
        options["decimal_places"] = 4
        options["localize"] = True
        return django.forms.DecimalField(**options)

    def create_url_field(self, field, options):
        options["error_messages"]["invalid"] = _msg(
            _("Skriv en webbadress i ”%(label)s”, till exempel https://exempel.se."),
            field.label,
        )
        field_ = super().create_url_field(field, options)
        field_.validators.append(MaxLengthValidator(2000))
        return field_

    def create_date_field(self, field, options):
        options["error_messages"]["invalid"] = _msg(
            _("Skriv datumet i ”%(label)s” som ÅÅÅÅ-MM-DD, till exempel 2026-05-03."),
            field.label,
        )
        options["widget"] = django.forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        return django.forms.DateField(**options)

    def create_datetime_field(self, field, options):
        options["error_messages"]["invalid"] = _msg(
            _("Skriv datum och tid i ”%(label)s”, till exempel 2026-05-03 14:30."),
            field.label,
        )
        options["widget"] = django.forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        )
        return django.forms.DateTimeField(**options)

    def create_dropdown_field(self, field, options):
        # No answer is preselected: a required list must be chosen from, not passed over.
        options["choices"] = [("", _("Välj …")), *self.get_formatted_field_choices(field)]
        return django.forms.ChoiceField(**options)

    def create_checkboxes_field(self, field, options):
        options["error_messages"]["invalid_choice"] = _msg(
            _("Välj bland alternativen i ”%(label)s”."), field.label
        )
        return super().create_checkboxes_field(field, options)

    def create_multiselect_field(self, field, options):
        options["error_messages"]["invalid_choice"] = _msg(
            _("Välj bland alternativen i ”%(label)s”."), field.label
        )
        return super().create_multiselect_field(field, options)

    def get_form_class(self):
        return type("CityFormForm", (CityForm,), self.formfields)
