from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "kommunwebb.operations"
    label = "operations"
    verbose_name = _("Drift")

    def ready(self):
        from . import logs

        # Django configured logging before the apps loaded; scrub its default handlers too.
        logs.scrub_every_handler()
