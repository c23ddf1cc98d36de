"""The fixed words the calendar filters by: audiences and accessibility. Each maps the word a
shared link carries (?malgrupp=barn) to the event's yes/no field and the label residents read."""

from django.utils.translation import gettext_lazy as _

AUDIENCES = {
    "barn": ("for_children", _("Barn")),
    "unga": ("for_young", _("Unga")),
    "vuxna": ("for_adults", _("Vuxna")),
    "seniorer": ("for_seniors", _("Seniorer")),
}

ACCESSIBILITY = {
    "rullstol": ("wheelchair_accessible", _("Tillgängligt med rullstol")),
    "horslinga": ("hearing_loop", _("Hörslinga")),
}
