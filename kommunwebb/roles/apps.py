from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RolesConfig(AppConfig):
    """Who may do what in the admin: the editorial roles as groups with Swedish names, and the
    approval workflows (docs/editors.md). Data only: its migration sets them up."""

    name = "kommunwebb.roles"
    label = "roles"
    verbose_name = _("Roller och granskning")
