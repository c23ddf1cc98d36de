from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    """ "Var sidan till hjälp?" under every page: Ja or Nej, then a comment if the visitor
    wants, without cookies, without a CSRF token and without stopping the page cache."""

    name = "kommunwebb.feedback"
    label = "feedback"
    verbose_name = _("Sidrespons")

    def ready(self):
        from . import retention

        retention.register_all()
