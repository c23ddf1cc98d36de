from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LanguagesConfig(AppConfig):
    """Residents' languages: content in several locales, the language list and hubs,
    right-to-left pages, Lättläst and Lyssna (docs/languages.md)."""

    name = "kommunwebb.languages"
    label = "languages"
    verbose_name = _("Språk")
