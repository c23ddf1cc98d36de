from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LanguagesConfig(AppConfig):
    """Residents' languages: content in several locales, the language list and hubs,
    right-to-left pages, Lättläst and Lyssna (docs/languages.md)."""

    name = "kommunwebb.languages"
    label = "languages"
    verbose_name = _("Språk")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Locale

        from .codes import forget_locale_codes

        post_save.connect(forget_locale_codes, sender=Locale, dispatch_uid="languages-locale")
        post_delete.connect(forget_locale_codes, sender=Locale, dispatch_uid="languages-locale")
