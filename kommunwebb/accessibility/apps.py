from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessibilityConfig(AppConfig):
    """The accessibility statement (tillgänglighetsredogörelse) that the Swedish law on
    accessible digital public services requires, as a page type following DIGG's model."""

    name = "kommunwebb.accessibility"
    label = "accessibility"
    verbose_name = _("Tillgänglighetsredogörelse")
