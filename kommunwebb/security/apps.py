from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    """What a municipality's security review asks for, in one place (docs/security.md):
    admin accounts (throttling, two factors, session limits), formula-safe spreadsheets,
    restricted files, headers, and error pages that need no database."""

    name = "kommunwebb.security"
    label = "security"
    verbose_name = _("Säkerhet")

    def ready(self):
        from . import accounts, audit, spreadsheets

        # Every CSV/XLSX export Wagtail makes (form submissions, reports, snippet listings)
        # goes through one mixin: its values are neutralised there.
        spreadsheets.neutralise_wagtail_exports()
        audit.connect()
        accounts.connect()
