"""Running the site: recurring jobs on the task worker, scheduled publishing and logs without
personal data.

Infrastructure at the bottom of the stack: it imports no other app of the project, and
settings and ``deploy/gunicorn.conf.py`` may import ``logs`` before Django is set up.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "kommunwebb.operations"
    label = "operations"
    verbose_name = _("Drift")

    def ready(self):
        from . import logs, publishing

        # Pages and snippets go live and are taken down when editors said, by the worker.
        publishing.connect()
        # Django configured logging before the apps loaded; scrub its default handlers too.
        logs.scrub_every_handler()
