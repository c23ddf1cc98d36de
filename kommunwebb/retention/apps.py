from datetime import time, timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    name = "kommunwebb.retention"
    label = "retention"
    verbose_name = _("Gallring")

    def ready(self):
        from kommunwebb.operations import schedule

        from .kinds import register_builtin_kinds

        register_builtin_kinds()
        # Every night, when the site is quiet.
        schedule.register_job(
            "retention.purge_expired",
            "kommunwebb.retention.engine.purge_expired_job",
            every=timedelta(days=1),
            at=time(3, 30),
        )
